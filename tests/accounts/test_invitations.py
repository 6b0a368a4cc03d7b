"""Inviting people by email, and accepting an invitation with a one-time link."""

import hashlib
import re

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepup.accounts import services
from stepup.accounts.models import Invitation, Membership, User
from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.core.models import AuditEntry
from tests.accounts.pages import error_summary, text_of
from tests.factories import PASSWORD, UserFactory, person_with_role
from tests.signing_in import sign_in_through_form

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture
def invite_page(client, sign_in, django_capture_on_commit_callbacks):
    """Posts the invite form as ``actor``, running the after-commit work (the email)."""

    def _invite(actor, **data):
        signed_in = sign_in(actor)
        with django_capture_on_commit_callbacks(execute=True):
            return signed_in.post("/people/invite/", data)

    return _invite


def invite(actor, organisation, email="jo@example.org", role=Role.ASSESSOR, full_name="Jo Bloggs"):
    return services.person_invite(
        actor=actor, email=email, full_name=full_name, organisation=organisation, role=role
    )


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/invitations/[^/\s]+/)", message.body).group(1)


# Inviting


def test_national_admin_invites_a_person_and_they_get_an_email(
    invite_page, national_admin, bromley, mailoutbox
):
    with time_machine.travel("2027-03-01 09:00Z", tick=False):
        response = invite_page(
            national_admin,
            full_name="Jo Bloggs",
            email="Jo@Example.org",
            organisation=bromley.pk,
            role="authority_officer",
        )

    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{bromley.pk}/"
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.full_name, invitation.role) == (
        "jo@example.org",
        "Jo Bloggs",
        Role.AUTHORITY_OFFICER,
    )
    assert invitation.invited_by == national_admin
    assert invitation.expires_at.isoformat() == "2027-03-08T09:00:00+00:00"
    assert [m.to for m in mailoutbox] == [["jo@example.org"]]
    link = link_in(mailoutbox[0])
    token = link.removeprefix("/invitations/").removesuffix("/")
    # Only a digest is stored: the database cannot give anyone the link.
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())
    assert "expires on 8 March 2027 at 9:00am" in mailoutbox[0].body
    entry = history_for(bromley).get()
    assert entry.actor == national_admin
    assert entry.summary == "Invited Jo Bloggs (jo@example.org) as an authority officer"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"full_name": "Jo", "email": "not-an-email", "role": "assessor"},
            ["Enter an email address in the correct format, like name@example.com"],
        ),
        (
            {"full_name": "Jo", "email": "jo@example.org", "role": "university_tutor"},
            ["A university tutor must belong to a university"],
        ),
        (
            {"full_name": "", "email": "", "role": ""},
            ["Enter the person's full name", "Enter the person's email address", "Select a role"],
        ),
    ],
)
def test_bad_invitations_show_errors_and_send_nothing(
    invite_page, national_admin, bromley, mailoutbox, data, errors
):
    response = invite_page(national_admin, organisation=bromley.pk, **data)

    assert response.status_code == 200
    assert error_summary(response) == errors
    assert "<title>Error: Invite a person" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mailoutbox == []
    assert not history_for(bromley).exists()


def test_inviting_someone_to_a_role_they_already_hold_is_refused(
    invite_page, national_admin, bromley, mailoutbox
):
    person_with_role(Role.ASSESSOR, bromley, full_name="Jo Bloggs", email="jo@example.org")
    response = invite_page(
        national_admin,
        full_name="Jo Bloggs",
        email="JO@example.org",
        organisation=bromley.pk,
        role="assessor",
    )
    assert error_summary(response) == ["Jo Bloggs is already an assessor at Bromley"]
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_deactivated_account_cannot_be_invited(national_admin, bromley):
    UserFactory(email="gone@example.org", is_active=False)
    with pytest.raises(
        ValidationError, match="The account for this email address has been deactivated"
    ) as error:
        invite(national_admin, bromley, email="gone@example.org")
    assert "has been deactivated" in error.value.message_dict["email"][0]


def test_inviting_again_replaces_the_open_invitation(national_admin, bromley, client):
    first = invite(national_admin, bromley)
    second = invite(national_admin, bromley, email="JO@example.org", role=Role.AUTHORITY_OFFICER)

    first.refresh_from_db()
    assert first.replaced_at is not None
    assert second.is_usable
    response = client.get(f"/invitations/{first.token}/")
    assert response.status_code == 410
    assert "This invitation link has been replaced" in text_of(response)
    assert client.get(f"/invitations/{second.token}/").status_code == 200
    assert history_for(bromley).first().summary == (
        "Invited Jo Bloggs (jo@example.org) as an authority officer, replacing an earlier "
        "invitation"
    )


def test_an_invitation_elsewhere_is_not_replaced(national_admin, bromley, lewisham):
    first = invite(national_admin, bromley)
    invite(national_admin, lewisham)
    first.refresh_from_db()
    assert first.is_usable


# Coordinators


def test_coordinator_invites_to_their_own_authority_with_the_roles_they_may_give(
    invite_page, sign_in, coordinator, bromley, mailoutbox
):
    page = text_of(sign_in(coordinator).get("/people/invite/"))
    assert "Authority officer Assessor Service-user assessor" in page
    assert "National admin" not in page
    assert "Partnership coordinator" not in page

    response = invite_page(
        coordinator,
        full_name="Sam Assessor",
        email="sam@example.org",
        organisation=bromley.pk,
        role="service_user_assessor",
    )

    assert response.status_code == 302
    assert response["Location"] == "/people/invite/"
    invitation = Invitation.objects.get()
    assert invitation.organisation == bromley
    assert invitation.invited_by == coordinator
    assert len(mailoutbox) == 1
    assert "Cora Ordinator has invited you" in mailoutbox[0].body


def test_coordinator_cannot_invite_to_another_authority(
    invite_page, coordinator, lewisham, mailoutbox
):
    response = invite_page(
        coordinator,
        full_name="Sam",
        email="sam@example.org",
        organisation=lewisham.pk,
        role="assessor",
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_coordinator_cannot_open_the_invite_page_for_another_authority(
    client, sign_in, coordinator, lewisham
):
    assert (
        sign_in(coordinator).get(f"/people/invite/?organisation={lewisham.pk}").status_code == 404
    )


@pytest.mark.parametrize("role", ["national_admin", "coordinator"])
def test_coordinator_cannot_give_roles_beyond_their_own_reach(
    invite_page, coordinator, bromley, mailoutbox, role
):
    response = invite_page(
        coordinator,
        full_name="Sam",
        email="sam@example.org",
        organisation=bromley.pk,
        role=role,
    )
    assert response.status_code == 200
    assert error_summary(response) == ["Select a role from the list"]
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_the_service_refuses_a_coordinator_inviting_beyond_their_reach(
    coordinator, bromley, lewisham
):
    with pytest.raises(PermissionDenied, match="You cannot invite people to this organisation"):
        invite(coordinator, lewisham)
    with pytest.raises(PermissionDenied, match="You cannot give this role"):
        invite(coordinator, bromley, role=Role.NATIONAL_ADMIN)
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.AUTHORITY_OFFICER, Role.ASSESSOR, Role.NATIONAL_ANALYST])
def test_people_who_may_not_invite_are_refused(client, sign_in, role, bromley):
    signed_in = sign_in(person_with_role(role, bromley if role != Role.NATIONAL_ANALYST else None))
    assert signed_in.get("/people/invite/").status_code == 403
    data = {
        "full_name": "X",
        "email": "x@example.org",
        "organisation": bromley.pk,
        "role": "assessor",
    }
    assert signed_in.post("/people/invite/", data).status_code == 403
    assert not Invitation.objects.exists()


# Accepting: a new person


def test_a_new_person_sets_a_password_and_name_then_sets_up_an_app(client, national_admin, bromley):
    invitation = invite(national_admin, bromley, full_name="Jo Blogs")

    page = client.get(f"/invitations/{invitation.token}/")
    assert page.status_code == 200
    assert "Set up your account" in text_of(page)
    assert 'value="Jo Blogs"' in page.content.decode()

    response = client.post(
        f"/invitations/{invitation.token}/",
        {"full_name": "Jo Bloggs", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )

    # Staff are signed in only with a second factor: straight on to setting up an app.
    assert response["Location"] == "/sign-in/set-up-app/"
    person = User.objects.get(email="jo@example.org")
    assert person.full_name == "Jo Bloggs"
    assert person.check_password(NEW_PASSWORD)
    assert list(person.memberships.values_list("organisation__name", "role")) == [
        ("Bromley", Role.ASSESSOR)
    ]
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert "You are signed in" not in text_of(client.get("/"))
    client.get("/sign-in/set-up-app/")
    device = TOTPDevice.objects.get(user=person)
    client.post("/sign-in/set-up-app/", {"code": f"{totp(device.bin_key):06d}"})
    assert "You are signed in as Jo Bloggs (jo@example.org)" in text_of(client.get("/"))
    entry = history_for(person).filter(action=AuditEntry.Action.CREATED).get()
    assert entry.actor == person
    assert entry.action == AuditEntry.Action.CREATED
    assert entry.summary == "Accepted an invitation from Nadia Admin and set up an account"


@pytest.mark.parametrize(
    ("password", "again", "errors"),
    [
        (
            NEW_PASSWORD,
            NEW_PASSWORD + "x",
            ["The passwords do not match. Enter the same password twice"],
        ),
        ("Zq7!pLm2", "Zq7!pLm2", ["Password must be 10 characters or more"]),
        (
            "password123",
            "password123",
            ["Choose a password that is harder to guess: this one is often used"],
        ),
        (
            "84736291057362",
            "84736291057362",
            ["Password must include letters or symbols, not only numbers"],
        ),
        (
            "jo@example.org",
            "jo@example.org",
            ["Password must not be like your name or email address"],
        ),
        ("", "", ["Enter a password", "Enter the password again"]),
    ],
)
def test_a_bad_password_is_explained_and_nothing_is_saved(
    client, national_admin, bromley, password, again, errors
):
    invitation = invite(national_admin, bromley)
    response = client.post(
        f"/invitations/{invitation.token}/",
        {"full_name": "Jo Bloggs", "password": password, "password_again": again},
    )

    assert response.status_code == 200
    assert error_summary(response) == errors
    assert not User.objects.filter(email="jo@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_link_works_once(client, national_admin, bromley):
    invitation = invite(national_admin, bromley)
    data = {"full_name": "Jo", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
    client.post(f"/invitations/{invitation.token}/", data)
    client.post("/sign-out/")

    response = client.get(f"/invitations/{invitation.token}/")

    assert response.status_code == 410
    assert "This invitation link has already been used" in text_of(response)
    with pytest.raises(ValidationError, match="This invitation link can no longer be used"):
        services.invitation_accept(invitation=invitation, password=NEW_PASSWORD, full_name="Jo")
    assert User.objects.filter(email="jo@example.org").count() == 1


def test_an_expired_link_explains_what_to_do(client, national_admin, bromley):
    with time_machine.travel("2027-03-01 09:00Z", tick=False):
        invitation = invite(national_admin, bromley)
    with time_machine.travel("2027-03-08 08:59Z", tick=False):
        assert client.get(f"/invitations/{invitation.token}/").status_code == 200
    with time_machine.travel("2027-03-08 09:01Z", tick=False):
        response = client.get(f"/invitations/{invitation.token}/")
        data = {"full_name": "Jo", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD}
        posted = client.post(f"/invitations/{invitation.token}/", data)

    assert response.status_code == 410
    assert (
        "This invitation link has expired. Ask the person who invited you to send a new one"
        in text_of(response)
    )
    assert posted.status_code == 410
    assert not User.objects.filter(email="jo@example.org").exists()


def test_an_unknown_link_is_not_found(client):
    response = client.get("/invitations/not-a-real-token/")
    assert response.status_code == 404
    assert "This invitation link is not valid" in text_of(response)


# Accepting: someone who already has an account


def test_someone_with_an_account_signs_in_then_accepts(client, national_admin, bromley, goldsmiths):
    tutor = person_with_role(
        Role.UNIVERSITY_TUTOR, goldsmiths, full_name="Tess Tutor", email="tess@example.org"
    )
    invitation = invite(national_admin, bromley, email="tess@example.org")
    link = f"/invitations/{invitation.token}/"

    page = client.get(link)
    assert "You already have an account for tess@example.org" in text_of(page)
    assert f'href="/sign-in/?next={link.replace("/", "%2F")}"' in page.content.decode()

    signed_in = sign_in_through_form(client, tutor, next_url=link)
    assert signed_in["Location"] == link
    assert "Accept your invitation" in text_of(client.get(link))

    response = client.post(link)

    assert response.status_code == 302
    assert sorted(tutor.memberships.values_list("role", flat=True)) == [
        Role.ASSESSOR,
        Role.UNIVERSITY_TUTOR,
    ]
    tutor.refresh_from_db()
    assert tutor.check_password(PASSWORD), "their password is unchanged"
    entry = history_for(tutor).get()
    assert entry.actor == tutor
    assert entry.summary == "Accepted an invitation from Nadia Admin: Assessor at Bromley"
    assert client.get(link).status_code == 410


def test_signed_in_as_someone_else_the_invitation_cannot_be_taken(
    client, sign_in, national_admin, bromley
):
    person_with_role(Role.ASSESSOR, email="tess@example.org")
    other = person_with_role(Role.AUTHORITY_OFFICER, bromley, email="other@example.org")
    invitation = invite(national_admin, bromley, email="tess@example.org")
    signed_in = sign_in(other)

    page = signed_in.get(f"/invitations/{invitation.token}/")
    assert "but you are signed in as other@example.org" in text_of(page)
    signed_in.post(f"/invitations/{invitation.token}/")

    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not other.memberships.filter(role=Role.ASSESSOR).exists()
    with pytest.raises(ValidationError, match="Sign out, then sign in as that person"):
        services.invitation_accept(invitation=invitation, password=None, full_name=None, user=other)


def test_a_deactivated_person_is_told_to_ask_the_national_team(client, national_admin, bromley):
    person = person_with_role(Role.ASSESSOR, email="tess@example.org")
    invitation = invite(national_admin, bromley, email="tess@example.org")
    services.person_deactivate(actor=national_admin, person=person, reason="Left")

    response = client.get(f"/invitations/{invitation.token}/")

    assert "Your account has been deactivated" in text_of(response)
    assert not Membership.objects.filter(user=person, organisation=bromley).exists()
