"""Who may see and change a partnership: out of scope is "not found", out of role is refused."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stepup.accounts.roles import Role
from stepup.partnerships.models import Memorandum, PartnershipStatus, SteeringMeeting
from tests.factories import AuthorityFactory, UniversityFactory, person_with_role
from tests.partnerships.conftest import PDF_BYTES
from tests.partnerships.helpers import date_post, history_count, places_of, roles_of, rows_post


def _person(role, partnership, *, in_scope: bool):
    if role == Role.COORDINATOR:
        org = partnership.lead_authority if in_scope else AuthorityFactory(name="Elsewhere")
    elif role == Role.AUTHORITY_OFFICER:
        org = (
            partnership.members.get(authority__name="Croydon").authority
            if in_scope
            else AuthorityFactory(name="Elsewhere")
        )
    elif role == Role.UNIVERSITY_TUTOR:
        org = (
            partnership.universities.get().university
            if in_scope
            else UniversityFactory(name="Elsewhere University")
        )
    else:
        org = None
    return person_with_role(role, organisation=org)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "in_scope", "status"),
    [
        (Role.NATIONAL_ADMIN, True, 200),
        (Role.NATIONAL_ANALYST, True, 200),
        (Role.COORDINATOR, True, 200),
        (Role.COORDINATOR, False, 404),
        (Role.AUTHORITY_OFFICER, True, 200),
        (Role.AUTHORITY_OFFICER, False, 404),
        (Role.UNIVERSITY_TUTOR, True, 200),
        (Role.UNIVERSITY_TUTOR, False, 404),
        (Role.CONTRACTOR, True, 403),
        (Role.ASSESSOR, True, 403),
        (Role.SERVICE_USER_ASSESSOR, True, 403),
    ],
)
def test_who_may_see_a_partnership(sign_in, partnership, role, in_scope, status):
    client = sign_in(_person(role, partnership, in_scope=in_scope))
    assert client.get(f"/partnerships/{partnership.pk}/").status_code == status
    list_status = 403 if status == 403 else 200
    listing = client.get("/partnerships/")
    assert listing.status_code == list_status
    if list_status == 200:
        assert ("South East London" in listing.content.decode()) is (status == 200)


@pytest.mark.django_db
def test_signed_out_people_are_sent_to_sign_in(client, partnership):
    response = client.get(f"/partnerships/{partnership.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.AUTHORITY_OFFICER, Role.UNIVERSITY_TUTOR])
def test_readers_see_no_change_links(sign_in, partnership, role):
    html = sign_in(_person(role, partnership, in_scope=True)).get(
        f"/partnerships/{partnership.pk}/"
    )
    html = html.content.decode()
    assert "South East London" in html
    assert "Change member authorities and places" not in html
    assert f"/partnerships/{partnership.pk}/details/" not in html


@pytest.mark.django_db
def test_a_coordinator_named_on_a_partnership_may_change_it(sign_in, partnership):
    # Named as coordinator, though their authority does not lead the partnership.
    person = person_with_role(Role.COORDINATOR, organisation=AuthorityFactory(name="Croydon"))
    partnership.coordinator = person
    partnership.save()
    client = sign_in(person)
    assert client.get(f"/partnerships/{partnership.pk}/places/").status_code == 200


def _crafted_posts(partnership, bromley):
    kent = partnership.universities.get().university
    return {
        "details": ({"name": "Hijacked", "code": "HIJ", "contract_model": "bursary"}),
        "places": rows_post("members", [(bromley, 99)]),
        "universities": rows_post("universities", [(kent, "delivery")]),
        "memorandum": {
            "file": SimpleUploadedFile("memo.pdf", PDF_BYTES, content_type="application/pdf"),
            **date_post("signed_on", datetime.date(2026, 1, 5)),
            **date_post("review_on", datetime.date(2027, 1, 5)),
        },
        "meetings/add": {
            "minutes": "Taken over",
            **date_post("held_on", datetime.date(2026, 1, 5)),
        },
        "bid/submit": {},
        "bid/approve": {},
        "bid/return": {"reason": "No"},
        "bid/resubmit": {},
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "details",
        "places",
        "universities",
        "memorandum",
        "meetings/add",
        "bid/submit",
        "bid/approve",
        "bid/return",
        "bid/resubmit",
    ],
)
def test_another_coordinator_gets_not_found_for_every_change_page_and_crafted_post(
    sign_in, partnership, other_coordinator, bromley, path
):
    partnership.status = PartnershipStatus.SUBMITTED
    partnership.save()
    client = sign_in(other_coordinator)
    before = (places_of(partnership), roles_of(partnership), partnership.name)

    assert client.get(f"/partnerships/{partnership.pk}/{path}/").status_code == 404
    response = client.post(
        f"/partnerships/{partnership.pk}/{path}/", _crafted_posts(partnership, bromley)[path]
    )

    assert response.status_code == 404
    partnership.refresh_from_db()
    assert (places_of(partnership), roles_of(partnership), partnership.name) == before
    assert partnership.status == PartnershipStatus.SUBMITTED
    assert not Memorandum.objects.exists()
    assert not SteeringMeeting.objects.exists()
    assert history_count(partnership) == 0


@pytest.mark.django_db
def test_unknown_bid_step_is_not_found(sign_in, partnership, national_admin):
    client = sign_in(national_admin)
    assert client.get(f"/partnerships/{partnership.pk}/bid/delete/").status_code == 404
