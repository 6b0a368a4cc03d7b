"""Members and places: the coordinator's table of authorities and how many trainees each hosts."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.partnerships.models import Partnership, PartnershipStatus
from tests.accounts.pages import error_summary
from tests.factories import AuthorityFactory, person_with_role
from tests.partnerships.helpers import history_count, places_of, rows_post

LONDON = ZoneInfo("Europe/London")


def url(partnership) -> str:
    return f"/partnerships/{partnership.pk}/places/"


def current_rows(partnership):
    return [(m.authority, m.places) for m in partnership.members.select_related("authority")]


@pytest.fixture
def partnership(partnership):
    """A bid not yet approved, which its coordinator changes directly; a change to an
    approved one waits for the national team (tests/partnerships/test_variations.py)."""
    Partnership.objects.filter(pk=partnership.pk).update(status=PartnershipStatus.SUBMITTED)
    partnership.refresh_from_db()
    return partnership


@pytest.mark.django_db
def test_the_page_lists_current_members_and_three_blank_rows(sign_in, partnership, coordinator):
    html = sign_in(coordinator).get(url(partnership)).content.decode()
    assert 'name="members-TOTAL_FORMS" value="6"' in html
    croydon_id = partnership.members.get(authority__name="Croydon").authority_id
    assert f'<option value="{croydon_id}" selected>Croydon</option>' in html
    assert 'name="members-1-places" type="text" spellcheck="false" value="3"' in html
    assert "Add another authority" in html


@pytest.mark.django_db
def test_coordinator_changes_places_and_the_history_shows_who_when_and_what(
    sign_in, partnership, coordinator, bromley
):
    croydon = partnership.members.get(authority__name="Croydon").authority
    lewisham = partnership.members.get(authority__name="Lewisham").authority
    sutton = AuthorityFactory(name="Sutton")

    moment = datetime.datetime(2027, 3, 1, 10, 30, tzinfo=LONDON)
    with time_machine.travel(moment, tick=False):
        client = sign_in(coordinator)
        response = client.post(
            url(partnership),
            rows_post(
                "members",
                [(bromley, 4), (croydon, 5), (lewisham, 2), (sutton, 1)],
                reason="Sutton joined the partnership",
                blank_rows=2,
            ),
        )

    assert response.status_code == 302
    assert response["Location"] == f"/partnerships/{partnership.pk}/"
    assert places_of(partnership) == {"Bromley": 4, "Croydon": 5, "Lewisham": 2, "Sutton": 1}

    [entry] = history_for(partnership)
    assert entry.actor == coordinator
    assert entry.summary == "Changed member authorities and places"
    assert entry.reason == "Sutton joined the partnership"
    assert {"field": "Places: Croydon", "before": "3", "after": "5"} in entry.changes
    assert {
        "field": "Members",
        "before": "Bromley, Croydon, Lewisham",
        "after": "Bromley, Croydon, Lewisham, Sutton (added Sutton)",
    } in entry.changes
    assert not any(change["field"] == "Places: Bromley" for change in entry.changes)

    page = client.get(response["Location"]).content.decode()
    assert "Member authorities and places saved" in page
    assert "Changed member authorities and places" in page
    assert "Cora Ordinator" in page
    assert "1 March 2027 at 10:30am" in page
    assert "Places: Croydon: 3 → 5" in page
    assert "Sutton joined the partnership" in page
    assert "Bromley (lead)" in page
    assert ">12</strong>" in page  # total places


@pytest.mark.django_db
def test_removing_a_row_and_leaving_rows_blank(sign_in, partnership, coordinator, bromley):
    croydon = partnership.members.get(authority__name="Croydon").authority
    lewisham = partnership.members.get(authority__name="Lewisham").authority
    response = sign_in(coordinator).post(
        url(partnership),
        rows_post(
            "members",
            # A removed row is left out even with nonsense in it.
            [(bromley, 4), (croydon, 3), (lewisham, "lots", True)],
            blank_rows=3,
        ),
    )
    assert response.status_code == 302
    assert places_of(partnership) == {"Bromley": 4, "Croydon": 3}
    [entry] = history_for(partnership)
    assert {"field": "Places: Lewisham", "before": "2", "after": "Not a member"} in entry.changes


@pytest.mark.django_db
def test_saving_without_a_change_writes_no_history(sign_in, partnership, coordinator):
    response = sign_in(coordinator).post(
        url(partnership), rows_post("members", current_rows(partnership), blank_rows=3)
    )
    assert response.status_code == 302
    assert history_count(partnership) == 0


@pytest.mark.django_db
def test_add_another_authority_shows_more_rows_and_saves_nothing(
    sign_in, partnership, coordinator, bromley
):
    before = places_of(partnership)
    sutton = AuthorityFactory(name="Sutton")
    rows = [*current_rows(partnership), (sutton, "7")]
    response = sign_in(coordinator).post(url(partnership), rows_post("members", rows, add_row="1"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="members-TOTAL_FORMS" value="5"' in html  # 4 rows sent, one more to fill
    assert f'<option value="{sutton.pk}" selected>Sutton</option>' in html
    assert 'value="7"' in html
    assert "There is a problem" not in html
    assert places_of(partnership) == before
    assert history_count(partnership) == 0


def _bad(partnership, bromley, case):
    croydon = partnership.members.get(authority__name="Croydon").authority
    lewisham = partnership.members.get(authority__name="Lewisham").authority
    return {
        "negative": ([(bromley, 4), (croydon, -1), (lewisham, 2)], "Places must be 0 or more"),
        "not a number": (
            [(bromley, 4), (croydon, "three"), (lewisham, 2)],
            "Enter the number of places as a whole number, like 4",
        ),
        "fraction": (
            [(bromley, 4), (croydon, "2.5"), (lewisham, 2)],
            "Enter the number of places as a whole number, like 4",
        ),
        "too many": ([(bromley, 4), (croydon, 501)], "Places must be 500 or fewer"),
        "places missing": (
            [(bromley, 4), (croydon, "")],
            "Enter the number of places for Croydon, like 4",
        ),
        "authority missing": ([(bromley, 4), (None, 3)], "Select the authority for this row"),
        "twice": (
            [(bromley, 4), (croydon, 3), (bromley, 1)],
            "Bromley is listed more than once. Remove the duplicate row",
        ),
        "lead missing": (
            [(croydon, 3), (lewisham, 2)],
            "The lead authority, Bromley, must be one of the member authorities",
        ),
        "no members": ([], "Add at least one member authority"),
        "all removed": (
            [(bromley, 4, True), (croydon, 3, True)],
            "Add at least one member authority",
        ),
    }[case]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case",
    [
        "negative",
        "not a number",
        "fraction",
        "too many",
        "places missing",
        "authority missing",
        "twice",
        "lead missing",
        "no members",
        "all removed",
    ],
)
def test_bad_input_shows_an_error_and_saves_nothing(
    sign_in, partnership, coordinator, bromley, case
):
    rows, message = _bad(partnership, bromley, case)
    # A good change alongside the bad one must not be saved either.
    sutton = AuthorityFactory(name="Sutton")
    rows = [*rows, (sutton, 2)] if case not in {"no members", "all removed"} else rows
    before = places_of(partnership)

    response = sign_in(coordinator).post(url(partnership), rows_post("members", rows, blank_rows=2))

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "<title>Error:" in html
    assert message in html
    assert places_of(partnership) == before
    assert history_count(partnership) == 0


@pytest.mark.django_db
def test_a_tampered_formset_is_refused_without_an_error_page(sign_in, partnership, coordinator):
    before = places_of(partnership)
    response = sign_in(coordinator).post(url(partnership), {"members-0-places": "3"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert places_of(partnership) == before


@pytest.mark.django_db
def test_coordinator_of_another_partnership_gets_not_found_and_nothing_changes(
    sign_in, partnership, other_coordinator, bromley
):
    before = places_of(partnership)
    client = sign_in(other_coordinator)
    assert client.get(url(partnership)).status_code == 404
    response = client.post(url(partnership), rows_post("members", [(bromley, 40)]))
    assert response.status_code == 404
    assert places_of(partnership) == before
    assert history_count(partnership) == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.AUTHORITY_OFFICER, Role.NATIONAL_ANALYST])
def test_people_who_only_read_partnerships_cannot_change_places(
    sign_in, partnership, bromley, role
):
    person = person_with_role(
        role, organisation=bromley if role == Role.AUTHORITY_OFFICER else None
    )
    client = sign_in(person)
    assert client.get(f"/partnerships/{partnership.pk}/").status_code == 200
    assert client.get(url(partnership)).status_code == 403
    response = client.post(url(partnership), rows_post("members", [(bromley, 40)]))
    assert response.status_code == 403
    assert places_of(partnership)["Bromley"] == 4


@pytest.mark.django_db
def test_the_summary_says_which_row_is_wrong(sign_in, partnership, coordinator, bromley):
    """Fixed: errors in repeated rows did not say which row."""
    rows, _ = _bad(partnership, bromley, "negative")
    response = sign_in(coordinator).post(url(partnership), rows_post("members", rows))
    assert error_summary(response) == ["Row 2: Places must be 0 or more"]


@pytest.mark.django_db
def test_authorities_are_listed_and_found_by_place(sign_in, partnership, coordinator):
    """Fixed: "Bolton" and "London Borough of Bromley" sorted apart, under B and
    L. Place first, a plain select finds an authority by the letters typed."""
    for name in ("London Borough of Barnet", "Bolton", "Royal Borough of Greenwich", "Surrey CC"):
        AuthorityFactory(name=name)
    html = sign_in(coordinator).get(url(partnership)).content.decode()
    first_row = html[html.index('name="members-0-authority"') :]
    first_row = first_row[: first_row.index("</select>")]
    labels = re.findall(r"<option value=\"\d+\"[^>]*>([^<]+)</option>", first_row)
    assert labels == [
        "Barnet (London Borough of Barnet)",
        "Bolton",
        "Bromley",
        "Croydon",
        "Greenwich (Royal Borough of Greenwich)",
        "Lewisham",
        "Surrey (Surrey CC)",
    ]
