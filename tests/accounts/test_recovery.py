"""Accounts people can recover: confirming an address, resetting and changing a password,
moving to a new address, and claiming an account made for you.
"""

import re

import pytest
import time_machine
from django.test import Client

from stepup.accounts import services
from stepup.accounts.models import EmailLink, User
from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from tests.factories import PASSWORD, UserFactory, person_with_role

NEW_PASSWORD = "a quiet green harbour"


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    """Runs the after-commit work (the emails) of whatever happens inside it."""

    def _sent():
        return django_capture_on_commit_callbacks(execute=True)

    return _sent


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/email-links/[^/\s]+/)", message.body)[1]


def signed_in(user) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"email": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return client


def text(response) -> str:
    return response.content.decode()


# Confirming a new account's address


def test_an_unconfirmed_account_can_do_nothing_but_confirm(db, sent, mailoutbox):
    person = UserFactory(email="sam@example.net", email_verified_at=None)
    client = signed_in(person)
    response = client.get("/applications/")
    assert response.status_code == 302 and response["Location"] == "/account/confirm-email/"
    assert "Before you can use your account" in text(client.get("/account/confirm-email/"))
    with sent():
        client.post("/account/confirm-email/")
    first = link_in(mailoutbox[0])
    with sent():
        client.post("/account/confirm-email/")
    second = link_in(mailoutbox[1])
    # A newer link replaces the older one.
    assert client.get(first).status_code == 410
    assert client.post(second).status_code == 302
    person.refresh_from_db()
    assert person.email_verified_at is not None
    assert client.get("/applications/").status_code == 200
    assert client.post(second).status_code == 410, "a link works once"
    assert "Confirmed their email address" in [e.summary for e in history_for(person)]


def test_a_confirmation_link_expires_after_a_day(db, sent, mailoutbox):
    person = UserFactory(email_verified_at=None)
    with time_machine.travel("2027-01-10 09:00Z", tick=False), sent():
        services.email_link_send(user=person, purpose=EmailLink.Purpose.CONFIRM_EMAIL)
    link = link_in(mailoutbox[0])
    with time_machine.travel("2027-01-11 08:59Z", tick=False):
        assert Client().get(link).status_code == 200
    with time_machine.travel("2027-01-11 09:00Z", tick=False):
        assert Client().post(link).status_code == 410
    person.refresh_from_db()
    assert person.email_verified_at is None


def test_only_a_digest_of_a_link_is_stored(db, sent, mailoutbox):
    person = UserFactory()
    with sent():
        services.password_reset_request(email=person.email)
    token = link_in(mailoutbox[0]).split("/")[2]
    assert token not in str(list(EmailLink.objects.values()))
    assert EmailLink.objects.get().token_hash != token


# Forgotten passwords


def test_a_forgotten_password_is_reset_from_the_emailed_link_once(db, sent, mailoutbox):
    person = UserFactory(email="ola@example.net")
    elsewhere = signed_in(person)
    client = Client()
    with sent():
        response = client.post("/sign-in/forgotten-password/", {"email": "OLA@example.net"})
    assert response["Location"] == "/check-your-email/"
    assert "If there is an account for <strong>ola@example.net</strong>" in text(
        client.get("/check-your-email/")
    )
    link = link_in(mailoutbox[0])
    page = client.post(link, {"password": "short", "password_again": "short"})
    assert "Password must be 10 characters or more" in text(page)
    mismatch = client.post(link, {"password": NEW_PASSWORD, "password_again": "other words"})
    assert "The passwords do not match" in text(mismatch)
    with sent():
        done = client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert done["Location"] == "/sign-in/"
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    # The other session ended with the old password; the link cannot be used again.
    assert elsewhere.get("/account/")["Location"].startswith("/sign-in/")
    assert client.get(link).status_code == 410
    assert mailoutbox[-1].subject == "Your Step Up to Social Work password has been changed"


def test_a_reset_link_expires_after_two_hours(db, sent, mailoutbox):
    person = UserFactory()
    with time_machine.travel("2027-01-10 09:00Z", tick=False), sent():
        services.password_reset_request(email=person.email)
    link = link_in(mailoutbox[0])
    with time_machine.travel("2027-01-10 11:01Z", tick=False):
        response = Client().post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 410
    person.refresh_from_db()
    assert not person.check_password(NEW_PASSWORD)


def test_asking_for_an_address_with_no_account_gets_the_same_answer_and_no_email(
    db, sent, mailoutbox
):
    with sent():
        response = Client().post("/sign-in/forgotten-password/", {"email": "nobody@example.net"})
    assert response["Location"] == "/check-your-email/"
    assert mailoutbox == []


def test_a_badly_typed_address_is_explained(db):
    response = Client().post("/sign-in/forgotten-password/", {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in text(response)


# Changing a password or an address


def test_a_signed_in_person_changes_their_password(db, sent, mailoutbox):
    person = UserFactory()
    client, elsewhere = signed_in(person), signed_in(person)
    wrong = client.post(
        "/account/password/",
        {"current_password": "not it", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert "Your current password is not right" in text(wrong)
    with sent():
        done = client.post(
            "/account/password/",
            {
                "current_password": PASSWORD,
                "password": NEW_PASSWORD,
                "password_again": NEW_PASSWORD,
            },
        )
    assert done["Location"] == "/account/"
    assert client.get("/account/").status_code == 200, "this session carries on"
    assert elsewhere.get("/account/").status_code == 302, "every other session ends"
    assert [m.subject for m in mailoutbox] == [
        "Your Step Up to Social Work password has been changed"
    ]


def test_a_new_address_is_used_only_once_confirmed_and_the_old_one_is_told(db, sent, mailoutbox):
    person = UserFactory(email="old@example.net")
    client = signed_in(person)
    with sent():
        response = client.post(
            "/account/email/", {"email": "New@Example.net", "current_password": PASSWORD}
        )
    assert response["Location"] == "/check-your-email/"
    assert mailoutbox[0].to == ["new@example.net"]
    person.refresh_from_db()
    assert person.email == "old@example.net"
    with sent():
        client.post(link_in(mailoutbox[0]))
    person.refresh_from_db()
    assert person.email == "new@example.net"
    assert mailoutbox[1].to == ["old@example.net"]
    assert "now uses a different email address" in mailoutbox[1].body


def test_moving_to_an_address_that_has_an_account_tells_its_owner_not_the_asker(
    db, sent, mailoutbox
):
    UserFactory(email="taken@example.net")
    person = UserFactory()
    with sent():
        response = signed_in(person).post(
            "/account/email/", {"email": "taken@example.net", "current_password": PASSWORD}
        )
    assert response["Location"] == "/check-your-email/"
    assert [m.to for m in mailoutbox] == [["taken@example.net"]]
    assert "nothing has changed" in mailoutbox[0].body
    assert not EmailLink.objects.exists()


def test_changing_the_address_needs_the_current_password(db):
    person = UserFactory()
    response = signed_in(person).post(
        "/account/email/", {"email": "new@example.net", "current_password": "wrong"}
    )
    assert "Your current password is not right" in text(response)


# Invitations and accounts nobody confirmed (finding 1)


def test_an_invitation_takes_over_an_unconfirmed_account_for_its_address(db, sent, mailoutbox):
    """Someone made an account for a member of staff's address before they accepted."""
    squatter = UserFactory(email="jo@example.org", email_verified_at=None)
    squatter_client = signed_in(squatter)
    admin = person_with_role(Role.NATIONAL_ADMIN)
    bromley = admin.memberships.get().organisation
    with sent():
        invitation = services.person_invite(
            actor=admin,
            email="jo@example.org",
            full_name="Jo Bloggs",
            organisation=bromley,
            role=Role.NATIONAL_ADMIN,
        )
    link = f"/invitations/{invitation.token}/"
    page = Client().get(link)
    assert "Set up your account" in text(page)
    response = Client().post(
        link,
        {"full_name": "Jo Bloggs", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
    )
    assert response.status_code == 302
    jo = User.objects.get(email="jo@example.org")
    assert jo.pk == squatter.pk and jo.check_password(NEW_PASSWORD)
    assert jo.email_verified_at is not None and jo.has_role(Role.NATIONAL_ADMIN)
    assert squatter_client.get("/account/").status_code == 302, "the squatter is signed out"


def test_an_invitation_to_a_confirmed_account_asks_its_owner_to_sign_in(db):
    UserFactory(email="jo@example.org")
    admin = person_with_role(Role.NATIONAL_ADMIN)
    invitation = services.person_invite(
        actor=admin,
        email="jo@example.org",
        full_name="Jo Bloggs",
        organisation=admin.memberships.get().organisation,
        role=Role.NATIONAL_ADMIN,
    )
    assert "Sign in" in text(Client().get(f"/invitations/{invitation.token}/"))


def test_staff_loaded_by_the_national_team_count_as_confirmed(db):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    person = services.person_create(
        actor=admin,
        email="kim@example.org",
        full_name="Kim Lee",
        password=None,
        organisation=admin.memberships.get().organisation,
        role=Role.NATIONAL_ADMIN,
    )
    assert person.email_verified_at is not None


def test_links_for_a_deactivated_account_do_not_work(db, sent, mailoutbox):
    person = UserFactory()
    with sent():
        services.password_reset_request(email=person.email)
    admin = person_with_role(Role.NATIONAL_ADMIN)
    services.person_deactivate(actor=admin, person=person, reason="Left")
    assert Client().get(link_in(mailoutbox[0])).status_code == 410


def test_no_link_is_sent_to_a_deactivated_account(db, sent, mailoutbox):
    person = UserFactory(is_active=False)
    with sent():
        services.password_reset_request(email=person.email)
    assert mailoutbox == []
