"""The universities a partnership commissions, and the role of each."""

import pytest

from stepup.core.audit import history_for
from stepup.partnerships.models import Partnership, PartnershipStatus, UniversityRole
from tests.factories import AuthorityFactory, UniversityFactory
from tests.partnerships.helpers import history_count, roles_of, rows_post


def url(partnership) -> str:
    return f"/partnerships/{partnership.pk}/universities/"


@pytest.fixture
def partnership(partnership):
    """A bid not yet approved, which its coordinator changes directly; a change to an
    approved one waits for the national team (tests/partnerships/test_variations.py)."""
    Partnership.objects.filter(pk=partnership.pk).update(status=PartnershipStatus.SUBMITTED)
    partnership.refresh_from_db()
    return partnership


@pytest.mark.django_db
def test_cohort_one_style_lead_and_delivery_universities(sign_in, partnership, coordinator):
    kent = partnership.universities.get().university
    greenwich = UniversityFactory(name="University of Greenwich")
    response = sign_in(coordinator).post(
        url(partnership),
        rows_post(
            "universities",
            [(kent, UniversityRole.LEAD), (greenwich, UniversityRole.DELIVERY)],
            blank_rows=3,
        ),
    )
    assert response.status_code == 302
    assert roles_of(partnership) == {
        "University of Kent": "lead",
        "University of Greenwich": "delivery",
    }
    [entry] = history_for(partnership)
    assert entry.summary == "Changed universities"
    assert {
        "field": "Role: University of Kent",
        "before": "Lead and delivery",
        "after": "Lead (validates and awards the degree)",
    } in entry.changes
    page = sign_in(coordinator).get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Delivery (teaches the programme)" in page


@pytest.mark.django_db
def test_removing_the_only_university(sign_in, partnership, coordinator):
    kent = partnership.universities.get().university
    response = sign_in(coordinator).post(
        url(partnership), rows_post("universities", [(kent, "both", True)])
    )
    assert response.status_code == 302
    assert roles_of(partnership) == {}


@pytest.mark.django_db
def test_add_another_university_saves_nothing(sign_in, partnership, coordinator):
    kent = partnership.universities.get().university
    response = sign_in(coordinator).post(
        url(partnership), rows_post("universities", [(kent, "delivery")], add_row="1")
    )
    html = response.content.decode()
    assert 'name="universities-TOTAL_FORMS" value="2"' in html
    assert roles_of(partnership) == {"University of Kent": "both"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("twice", "University of Kent is listed more than once. Remove the duplicate row"),
        ("two leads", "Only one university can validate and award the degree"),
        ("no role", "Select the role of University of Greenwich"),
        ("no university", "Select the university for this row"),
        ("not a university", "Select a university from the list"),
    ],
)
def test_bad_universities_show_an_error_and_save_nothing(
    sign_in, partnership, coordinator, case, message
):
    kent = partnership.universities.get().university
    greenwich = UniversityFactory(name="University of Greenwich")
    rows = {
        "twice": [(kent, "both"), (greenwich, "delivery"), (kent, "delivery")],
        "two leads": [(kent, "both"), (greenwich, "lead")],
        "no role": [(kent, "both"), (greenwich, "")],
        "no university": [(kent, "both"), (None, "delivery")],
        "not a university": [(kent, "both"), (AuthorityFactory(name="Sutton"), "delivery")],
    }[case]
    response = sign_in(coordinator).post(url(partnership), rows_post("universities", rows))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert roles_of(partnership) == {"University of Kent": "both"}
    assert history_count(partnership) == 0
