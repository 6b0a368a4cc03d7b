"""The equality wall holds against insiders (ADR 0012, in part): nobody gives
themselves a role; the national analyst holds no other role; every view of the equality
report is in the audit trail."""

import pytest
from django.core.exceptions import ValidationError

from stepup.accounts import services
from stepup.accounts.roles import Role
from stepup.core.models import AuditEntry
from tests.accounts.pages import error_summary
from tests.factories import CohortFactory, person_with_role

pytestmark = pytest.mark.django_db


def test_a_national_admin_cannot_give_themselves_the_analyst_role(client, sign_in):
    """Seen: POST /people/1/roles/add/ with the analyst role, then the report opened."""
    admin = person_with_role(Role.NATIONAL_ADMIN)
    national = admin.memberships.get().organisation
    sign_in(admin)
    response = client.post(
        f"/people/{admin.pk}/roles/add/",
        {"organisation": national.pk, "role": Role.NATIONAL_ANALYST},
    )
    assert response.status_code == 200
    assert "You cannot give yourself a role" in error_summary(response)[0]
    assert not admin.memberships.filter(role=Role.NATIONAL_ANALYST).exists()
    assert client.get("/equality/").status_code == 403


def test_the_analyst_holds_no_other_role(db):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    other_admin = person_with_role(Role.NATIONAL_ADMIN)
    national = admin.memberships.get().organisation
    with pytest.raises(ValidationError, match="Remove their other roles first"):
        services.membership_add(
            actor=admin, user=other_admin, organisation=national, role=Role.NATIONAL_ANALYST
        )
    analyst = person_with_role(Role.NATIONAL_ANALYST, organisation=national)
    with pytest.raises(ValidationError, match="Remove their national analyst role first"):
        services.membership_add(
            actor=admin, user=analyst, organisation=national, role=Role.NATIONAL_ADMIN
        )


def test_an_invitation_cannot_give_the_analyst_a_second_role(db):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    national = admin.memberships.get().organisation
    analyst = person_with_role(Role.NATIONAL_ANALYST, organisation=national)
    with pytest.raises(
        ValidationError,
        match="A national analyst cannot also hold a role that decides on candidates",
    ) as refused:
        services.person_invite(
            actor=admin,
            email=analyst.email,
            full_name=analyst.full_name,
            organisation=national,
            role=Role.NATIONAL_ADMIN,
        )
    assert "national analyst" in str(refused.value)


def test_every_view_of_the_equality_report_is_audited(client, sign_in):
    cohort = CohortFactory(number=6)
    analyst = person_with_role(Role.NATIONAL_ANALYST)
    sign_in(analyst)
    client.get("/equality/")
    client.get("/equality/", {"cohort": cohort.number})
    entries = AuditEntry.objects.filter(event="equality_report.viewed")
    assert entries.count() == 2
    assert {e.actor for e in entries} == {analyst}
    assert {e.values["cohort"] for e in entries} == {6}
