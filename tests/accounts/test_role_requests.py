"""Giving the national analyst role takes two national admins, and every role change is
told to the person (ADR 0012)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from stepup.accounts import services
from stepup.accounts.lifecycle import RoleRequestStatus
from stepup.accounts.models import Invitation, Membership, RoleRequest
from stepup.accounts.roles import Role
from stepup.core.models import AuditEntry
from tests.accounts.pages import error_summary, text_of
from tests.factories import UserFactory, person_with_role
from tests.signing_in import sign_in_through_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    def _sent():
        return django_capture_on_commit_callbacks(execute=True)

    return _sent


@pytest.fixture
def admins(db):
    first = person_with_role(Role.NATIONAL_ADMIN, full_name="Ann First")
    national = first.memberships.get().organisation
    second = person_with_role(Role.NATIONAL_ADMIN, national, full_name="Ben Second")
    return first, second, national


def signed_in(user) -> Client:
    client = Client()
    assert sign_in_through_form(client, user).status_code == 302
    return client


def test_one_admin_cannot_make_someone_an_analyst(admins, sent, mailoutbox):
    first, _, national = admins
    person = UserFactory(full_name="Cath Counts")
    client = signed_in(first)
    with sent():
        response = client.post(
            f"/people/{person.pk}/roles/add/",
            {"organisation": national.pk, "role": Role.NATIONAL_ANALYST},
        )
    request = RoleRequest.objects.get()
    assert response.status_code == 302
    assert response.url == f"/people/role-requests/{request.pk}/"
    assert not person.has_role(Role.NATIONAL_ANALYST)
    assert mailoutbox == []
    # The one who asked sees that someone else must decide, and no form to do it with.
    page = client.get(f"/people/role-requests/{request.pk}/")
    assert "You asked for this role, so another national admin must" in text_of(page)
    assert 'name="decision"' not in page.content.decode()
    client.post(f"/people/role-requests/{request.pk}/", {"decision": "approve"})
    assert not Membership.objects.filter(user=person, role=Role.NATIONAL_ANALYST).exists()
    with pytest.raises(ValidationError, match="Another national admin must decide"):
        services.role_request_decide(actor=first, role_request=request, approve=True)


def test_a_second_admin_approves_and_the_person_is_told(admins, sent, mailoutbox):
    first, second, national = admins
    person = UserFactory(full_name="Cath Counts")
    request = services.membership_add(
        actor=first, user=person, organisation=national, role=Role.NATIONAL_ANALYST
    )
    client = signed_in(second)
    assert "Cath Counts" in text_of(client.get("/people/role-requests/"))
    form = client.get(f"/people/role-requests/{request.pk}/").content.decode()
    assert 'name="csrfmiddlewaretoken"' in form
    with sent():
        response = client.post(f"/people/role-requests/{request.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    assert person.has_role(Role.NATIONAL_ANALYST)
    request.refresh_from_db()
    assert request.status == RoleRequestStatus.APPROVED
    [email] = mailoutbox
    assert email.to == [person.email]
    assert "You have been given the role national analyst" in email.body
    given = AuditEntry.objects.filter(record_id=str(person.pk), summary__contains="approved by")
    assert given.get().actor == second
    assert "asked for by Ann First" in given.get().summary


def test_refusing_needs_a_reason_and_gives_nothing(admins):
    first, second, national = admins
    person = UserFactory()
    request = services.membership_add(
        actor=first, user=person, organisation=national, role=Role.NATIONAL_ANALYST
    )
    client = signed_in(second)
    response = client.post(f"/people/role-requests/{request.pk}/", {"decision": "refuse"})
    assert error_summary(response) == ["Enter why you are refusing the role"]
    response = client.post(
        f"/people/role-requests/{request.pk}/",
        {"decision": "refuse", "reason": "They sift candidates this year"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RoleRequestStatus.REFUSED
    assert not person.has_role(Role.NATIONAL_ANALYST)
    assert AuditEntry.objects.filter(reason="They sift candidates this year").exists()
    # A decided request cannot be decided again.
    with pytest.raises(ValidationError, match="cannot move from refused to approved"):
        services.role_request_decide(actor=second, role_request=request, approve=True)


def test_an_analyst_invitation_waits_for_a_second_admin(admins, sent, mailoutbox):
    first, second, national = admins
    client = signed_in(first)
    with sent():
        response = client.post(
            "/people/invite/",
            {
                "organisation": national.pk,
                "role": Role.NATIONAL_ANALYST,
                "full_name": "Nia New",
                "email": "nia@example.org",
            },
        )
    assert response.status_code == 302
    assert mailoutbox == [] and not Invitation.objects.exists()
    request = RoleRequest.objects.get(email="nia@example.org")
    with sent():
        services.role_request_decide(actor=second, role_request=request, approve=True)
    invitation = Invitation.objects.get(email="nia@example.org")
    assert invitation.role == Role.NATIONAL_ANALYST and invitation.invited_by == first
    [email] = mailoutbox
    assert email.to == ["nia@example.org"] and "/invitations/" in email.body


def test_the_person_the_role_is_for_cannot_decide(admins):
    first, second, national = admins
    request = RoleRequest.objects.create(
        email=second.email,
        full_name=second.full_name,
        organisation=national,
        role=Role.NATIONAL_ANALYST,
        requested_by=first,
    )
    with pytest.raises(ValidationError, match="for yourself"):
        services.role_request_decide(actor=second, role_request=request, approve=True)


def test_a_second_request_for_the_same_person_is_refused(admins):
    first, second, national = admins
    person = UserFactory(full_name="Cath Counts")
    services.membership_add(
        actor=first, user=person, organisation=national, role=Role.NATIONAL_ANALYST
    )
    with pytest.raises(ValidationError, match="already waiting"):
        services.membership_add(
            actor=second, user=person, organisation=national, role=Role.NATIONAL_ANALYST
        )


def test_every_role_change_is_emailed_to_the_person(admins, bromley, sent, mailoutbox):
    first, _, _ = admins
    person = UserFactory(full_name="Cora Ordinator")
    with sent():
        membership = services.membership_add(
            actor=first, user=person, organisation=bromley, role=Role.COORDINATOR
        )
    with sent():
        services.membership_remove(actor=first, membership=membership)
    given, ended = mailoutbox
    assert given.to == ended.to == [person.email]
    assert "You have been given the role partnership coordinator at Bromley" in given.body
    assert "Your role partnership coordinator at Bromley has ended" in ended.body


def test_nobody_invites_themselves(admins, bromley):
    first, _, _ = admins
    with pytest.raises(ValidationError, match="You cannot invite yourself"):
        services.person_invite(
            actor=first,
            email=first.email,
            full_name=first.full_name,
            organisation=bromley,
            role=Role.COORDINATOR,
        )


def test_an_analyst_accepting_an_invitation_to_another_role_is_refused(admins):
    first, _, national = admins
    analyst = person_with_role(Role.NATIONAL_ANALYST, national)
    invitation = Invitation.objects.create(
        email=analyst.email,
        full_name=analyst.full_name,
        organisation=national,
        role=Role.NATIONAL_ADMIN,
        invited_by=first,
    )
    with pytest.raises(ValidationError, match="national analyst"):
        services.invitation_accept(
            invitation=invitation, password=None, full_name=None, user=analyst
        )
    assert not analyst.has_role(Role.NATIONAL_ADMIN)


def test_the_loader_cannot_give_the_analyst_another_role(admins, bromley):
    _, _, national = admins
    analyst = person_with_role(Role.NATIONAL_ANALYST, national)
    with pytest.raises(ValidationError, match="national analyst"):
        services.person_create(
            actor=None,
            email=analyst.email,
            full_name=analyst.full_name,
            password=None,
            organisation=bromley,
            role=Role.ASSESSOR,
        )
