"""The admin site is for support staff to look records up; it changes nothing."""

import pytest

from stepup.accounts.roles import Role
from stepup.core.models import AuditEntry
from tests.factories import PASSWORD, PartnershipFactory, UserFactory, person_with_role

pytestmark = pytest.mark.django_db


def test_people_who_are_not_support_staff_are_sent_to_the_admin_sign_in(client, sign_in):
    sign_in(person_with_role(Role.NATIONAL_ADMIN))
    response = client.get("/support/")
    assert response.status_code == 302
    assert "/support/login/" in response["Location"]


def test_support_staff_can_look_records_up_but_not_change_them(client):
    staff = UserFactory(is_staff=True)
    partnership = PartnershipFactory(name="Surrey and South London", code="SSL")
    assert (
        client.post("/support/login/", {"username": staff.email, "password": PASSWORD}).status_code
        == 302
    )
    listing = client.get("/support/partnerships/partnership/")
    assert listing.status_code == 200
    assert "Surrey and South London" in listing.content.decode()
    page = client.get(f"/support/partnerships/partnership/{partnership.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get("/support/partnerships/partnership/add/").status_code == 403
    before = AuditEntry.objects.count()
    client.post(f"/support/partnerships/partnership/{partnership.pk}/delete/", {"post": "yes"})
    partnership.refresh_from_db()
    assert AuditEntry.objects.count() == before
