"""The first acceptance journeys, driven through the pages as a person would use them.

Factories set up the starting world and the database is checked at the end; every step in
between is a click or a keystroke, and axe-core checks every page on the way.
"""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from stepup.core.models import AuditEntry
from stepup.partnerships.models import Partnership, PartnershipStatus, UniversityRole
from stepup.programme.models import Cohort, CohortStatus, FundingBasis, MilestoneKind
from stepup.programme.standard_framework import CRITERIA, EXERCISES
from tests.factories import (
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    PartnershipUniversityFactory,
    UniversityFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db(transaction=True)

LONDON = ZoneInfo("Europe/London")


def _go(page, axe, action):
    """Do something that loads a new page, wait for it, and check it with axe."""
    with page.expect_navigation():
        action()
    axe.check()


def _click_link(page, axe, name, within=None):
    _go(page, axe, lambda: (within or page).get_by_role("link", name=name, exact=True).click())


def _press(page, axe, name):
    _go(page, axe, lambda: page.get_by_role("button", name=name, exact=True).click())


def _menu(page, axe, name):
    _click_link(page, axe, name, within=page.get_by_role("navigation", name="Service menu"))


def _fill_date(page, legend: str, date: datetime.date):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(date.day))
    group.get_by_label("Month").fill(str(date.month))
    group.get_by_label("Year").fill(str(date.year))


def _banner(page) -> str:
    """The headings of the notification banners: the messages, as people read them."""
    return " ".join(page.locator(".govuk-notification-banner__heading").all_inner_texts())


def _table_rows(table) -> list[list[str]]:
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


# Journey 1: the national admin sets up cohort 6 and approves a partnership.


def test_national_admin_sets_up_cohort_6_and_approves_a_partnership(page, axe, browser_sign_in):
    admin = person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")
    for name in ("Sutton", "Kingston", "Richmond"):
        AuthorityFactory(name=f"London Borough of {name}")
    UniversityFactory(name="Kingston University")

    browser_sign_in(admin)

    # Create the cohort.
    _menu(page, axe, "Cohorts")
    _press(page, axe, "Create a cohort")
    page.get_by_label("Cohort number").fill("6")
    page.get_by_label("Name", exact=True).fill("Step Up to Social Work cohort 6")
    _fill_date(page, "Date trainees start the programme", datetime.date(2028, 1, 10))
    page.get_by_label("Length of the programme in months").fill("18")
    _press(page, axe, "Create cohort")
    assert urlsplit(page.url).path == "/cohorts/6/"
    assert "Cohort 6 created" in _banner(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Cohort 6: Step Up to Social Work cohort 6"
    )
    sections = page.get_by_role("navigation", name="Cohort 6 sections")

    # The timetable.
    _click_link(page, axe, "Timetable", within=sections)
    for link, dates in [
        (
            "Add the date: deadline for partnerships to bid",
            [("Start date", datetime.date(2027, 3, 31))],
        ),
        (
            "Add the date: application window",
            [
                ("Date the application window opens", datetime.date(2027, 6, 7)),
                ("Date the application window closes (optional)", datetime.date(2027, 7, 9)),
            ],
        ),
        ("Add the date: programme starts", [("Start date", datetime.date(2028, 1, 10))]),
    ]:
        _click_link(page, axe, link)
        for legend, date in dates:
            _fill_date(page, legend, date)
        _press(page, axe, "Save")
        assert urlsplit(page.url).path == "/cohorts/6/timetable/"
    timetable = _table_rows(page.get_by_role("table", name="Timetable of cohort 6"))
    assert [row[:2] for row in timetable] == [
        ["Deadline for partnerships to bid", "31 March 2027"],
        ["Application window", "7 June 2027 to 9 July 2027"],
        ["Programme starts", "10 January 2028"],
    ]

    # Funding rates.
    _click_link(page, axe, "Funding rates", within=sections)
    for label, basis, amount, band in [
        ("Programme management", "Fixed amount per partnership", "30000", None),
        ("Bursary", "Amount per trainee", "19,833", None),
        ("Set-up grant", "One-off amount for a partnership of a given size", "12500", (10, 25)),
    ]:
        _press(page, axe, "Add a funding line")
        page.get_by_label("What the money is for").fill(label)
        page.get_by_label(basis).check()
        page.get_by_label("Amount", exact=True).fill(amount)
        if band:
            page.get_by_label("Smallest partnership (number of trainees)").fill(str(band[0]))
            page.get_by_label("Largest partnership (number of trainees)").fill(str(band[1]))
        _press(page, axe, "Save")
        assert "Funding line added" in _banner(page)
    rates = _table_rows(page.get_by_role("table", name="Funding rates, rules version 1"))
    assert [(row[0], row[2]) for row in rates] == [
        ("Programme management", "£30,000"),
        ("Bursary", "£19,833"),
        ("Set-up grant", "£12,500"),
    ]

    # The assessment framework: start from the standard one and look at the matrix.
    _click_link(page, axe, "Assessment framework", within=sections)
    assert "The framework is empty." in page.content()
    _press(page, axe, "Use the standard framework")
    assert "The standard framework has been added" in _banner(page)
    assert page.get_by_role("table", name="Assessment criteria").locator("tbody tr").count() == 9
    _press(page, axe, "Change which exercise assesses which criterion")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which exercise assesses which criterion"
    )
    expect(page.get_by_label("Interview assesses Resilience")).to_be_checked()
    group_resilience = page.get_by_label("Group exercise assesses Resilience", exact=True)
    expect(group_resilience).not_to_be_checked()
    assert page.locator("tbody input[type=checkbox]").count() == len(CRITERIA) * len(EXERCISES)
    group_resilience.check()
    _press(page, axe, "Save")
    assert "Which exercises assess which criteria saved" in _banner(page)
    criteria = _table_rows(page.get_by_role("table", name="Assessment criteria"))
    assert [(row[0], row[2]) for row in criteria if row[0] == "Resilience"] == [("Resilience", "3")]
    assert "This framework cannot be used to recruit yet." not in page.content()

    # Open the cohort for bids.
    _click_link(page, axe, "Summary", within=sections)
    _press(page, axe, "Open for bids")
    _press(page, axe, "Open for bids")
    assert "Cohort 6 is now open for bids" in _banner(page)

    # Create the partnership, then its members, places and university.
    _menu(page, axe, "Partnerships")
    _press(page, axe, "Create a partnership")
    page.get_by_label("Cohort", exact=True).select_option(
        label="Cohort 6: Step Up to Social Work cohort 6"
    )
    page.get_by_label("Name", exact=True).fill("South West London")
    page.get_by_label("Short code").fill("SWL")
    page.get_by_label("Lead authority").select_option(label="Sutton (London Borough of Sutton)")
    _press(page, axe, "Create partnership")
    assert "South West London created" in _banner(page)
    partnership_url = page.url

    _click_link(page, axe, "Change member authorities and places")
    expect(page.get_by_label("Authority in row 1")).to_have_value(
        str(AuthorityFactory(name="London Borough of Sutton").pk)
    )
    page.get_by_label("Places in row 1").fill("4")
    page.get_by_label("Authority in row 2").select_option(
        label="Kingston (London Borough of Kingston)"
    )
    page.get_by_label("Places in row 2").fill("3")
    page.get_by_label("Authority in row 3").select_option(
        label="Richmond (London Borough of Richmond)"
    )
    page.get_by_label("Places in row 3").fill("5")
    _press(page, axe, "Save members and places")
    assert "Member authorities and places saved" in _banner(page)

    _click_link(page, axe, "Change universities")
    page.get_by_label("University in row 1").select_option(label="Kingston University")
    page.get_by_label("Role in row 1").select_option(label="Lead and delivery")
    _press(page, axe, "Save universities")
    assert "Universities saved" in _banner(page)

    # Submit the bid, then approve it.
    _press(page, axe, "Submit bid")
    _press(page, axe, "Submit bid")
    assert "Bid submitted" in _banner(page)
    _press(page, axe, "Approve bid")
    assert "confirms the partnership’s 12 places for cohort 6" in page.content()
    _press(page, axe, "Approve bid")
    assert "Bid approved" in _banner(page)
    assert page.url == partnership_url
    expect(page.get_by_role("link", name="Change lead authority")).to_be_visible()

    members = page.get_by_role("table", name="Member authorities and the trainees each will host")
    assert _table_rows(members) == [
        ["London Borough of Kingston", "3"],
        ["London Borough of Richmond", "5"],
        ["London Borough of Sutton (lead)", "4"],
    ]
    assert members.locator("tfoot").inner_text().split() == ["Total", "places", "12"]
    expect(page.get_by_role("main").locator(".govuk-tag").first).to_have_text("Approved")
    details = page.locator(".govuk-summary-list").first
    expect(details).to_contain_text("Bid status")
    expect(details.locator(".govuk-summary-list__row", has_text="Bid status")).to_contain_text(
        "Approved"
    )

    # The cohort's page lists the partnership.
    _menu(page, axe, "Cohorts")
    _click_link(page, axe, "Cohort 6: Step Up to Social Work cohort 6")
    listed = page.get_by_role("table", name="Partnerships in cohort 6")
    assert _table_rows(listed) == [["South West London", "12"]]

    # The database holds what was entered.
    cohort = Cohort.objects.get(number=6)
    assert (cohort.name, cohort.start_date, cohort.length_months, cohort.status) == (
        "Step Up to Social Work cohort 6",
        datetime.date(2028, 1, 10),
        18,
        CohortStatus.OPEN_FOR_BIDS,
    )
    assert {m.kind: (m.starts_on, m.ends_on) for m in cohort.milestones.all()} == {
        MilestoneKind.BIDS_DEADLINE: (datetime.date(2027, 3, 31), None),
        MilestoneKind.APPLICATION_WINDOW: (datetime.date(2027, 6, 7), datetime.date(2027, 7, 9)),
        MilestoneKind.PROGRAMME_START: (datetime.date(2028, 1, 10), None),
    }
    rules = cohort.current_rules
    assert [
        (r.label, r.basis, r.amount_pence, r.band_min, r.band_max)
        for r in rules.funding_rates.all()
    ] == [
        ("Programme management", FundingBasis.PER_PARTNERSHIP, 3_000_000, None, None),
        ("Bursary", FundingBasis.PER_TRAINEE, 1_983_300, None, None),
        ("Set-up grant", FundingBasis.SIZE_BAND, 1_250_000, 10, 25),
    ]
    assert [c.name for c in rules.criteria.all()] == [name for name, _ in CRITERIA]
    assert [e.name for e in rules.exercises.all()] == [e[0] for e in EXERCISES]
    assert rules.scale.count() == 4
    assert sorted(
        rules.criteria.get(name="Resilience").exercises.values_list("name", flat=True)
    ) == [
        "Group exercise",
        "Interview",
        "Telephone simulation",
    ]
    partnership = Partnership.objects.get(cohort=cohort, code="SWL")
    assert partnership.name == "South West London"
    assert partnership.lead_authority.name == "London Borough of Sutton"
    assert partnership.status == PartnershipStatus.APPROVED
    assert dict(partnership.members.values_list("authority__name", "places")) == {
        "London Borough of Sutton": 4,
        "London Borough of Kingston": 3,
        "London Borough of Richmond": 5,
    }
    assert list(partnership.universities.values_list("university__name", "role")) == [
        ("Kingston University", UniversityRole.BOTH)
    ]

    # All of it without the admin site.
    assert axe.visited
    assert not [url for url in axe.visited if urlsplit(url).path.startswith("/support/")]


# Journey 2: a coordinator changes their partnership's places; others cannot see it.


def _ssl_world():
    cohort = CohortFactory(number=5, name="Step Up to Social Work cohort 5")
    bromley = AuthorityFactory(name="Bromley")
    ssl = PartnershipFactory(
        cohort=cohort,
        name="Surrey and South London",
        code="SSL",
        lead_authority=bromley,
        places=[
            ("Bromley", 4),
            ("Bexley", 4),
            ("Croydon", 3),
            ("Merton", 4),
            ("Wandsworth", 3),
            ("Surrey", 8),
        ],
        status=PartnershipStatus.APPROVED,
    )
    PartnershipUniversityFactory(
        partnership=ssl, university=UniversityFactory(name="Royal Holloway")
    )
    other = PartnershipFactory(
        cohort=cohort,
        name="Pan Berkshire",
        code="PB",
        lead_authority=AuthorityFactory(name="Reading"),
        places=[("Reading", 6)],
    )
    return ssl, other


def test_coordinator_changes_places_and_the_history_says_who_and_when(page, axe, browser_sign_in):
    ssl, other = _ssl_world()
    coordinator = person_with_role(
        Role.COORDINATOR, organisation=ssl.lead_authority, full_name="Chris Coordinator"
    )
    outsider = person_with_role(
        Role.COORDINATOR, organisation=other.lead_authority, full_name="Olu Outsider"
    )
    admin = person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")
    moment = datetime.datetime(2026, 3, 2, 10, 15, tzinfo=LONDON)

    with time_machine.travel(moment, tick=False):
        browser_sign_in(coordinator)
        _menu(page, axe, "Partnerships")
        assert _table_rows(page.get_by_role("table", name="Partnerships you can see")) == [
            ["Surrey and South London", "SSL", "5", "Bromley", "26", "Approved"]
        ]
        _click_link(page, axe, "Surrey and South London")
        ssl_url = page.url
        members = page.get_by_role(
            "table", name="Member authorities and the trainees each will host"
        )
        assert members.locator("tfoot").inner_text().split() == ["Total", "places", "26"]
        # A coordinator may change the details, but only the national team the lead.
        expect(page.get_by_role("link", name="Change name", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Change lead authority")).to_have_count(0)

        # The bid is approved: the coordinator asks, and the approved figures stand until
        # the national team decides (once Surrey's 8 to 9 was saved, unnoticed).
        _click_link(page, axe, "Ask to change member authorities and places")
        croydon = AuthorityFactory(name="Croydon")
        expect(page.get_by_label("Authority in row 3")).to_have_value(str(croydon.pk))
        expect(page.get_by_label("Places in row 3")).to_have_value("3")
        page.get_by_label("Places in row 3").fill("5")
        page.get_by_label("Reason for the change (optional)").fill("Croydon can host 2 more")
        _press(page, axe, "Save members and places")
        assert page.url == ssl_url
        assert "sent to the national programme team" in _banner(page)
        assert members.locator("tfoot").inner_text().split() == ["Total", "places", "26"]

        history = page.get_by_role("table", name="Changes to this partnership, newest first")
        when, who, what, why = _table_rows(history)[0]
        assert when == "2 March 2026 at 10:15am"
        assert who == f"Chris Coordinator ({coordinator.email})"
        assert "Croydon: 3 places to 5" in what
        assert "Total places: 26 to 28" in what
        assert why == "Croydon can host 2 more"

        _menu(page, axe, "Sign out")
        _press(page, axe, "Sign out")
        browser_sign_in(admin)
        page.goto(ssl_url)
        axe.check()
        _click_link(page, axe, "Change to the member authorities and places")
        page.get_by_label("Yes, make the change").check()
        _press(page, axe, "Save decision")
        assert page.url == ssl_url
        assert members.locator("tfoot").inner_text().split() == ["Total", "places", "28"]
        assert ["Croydon", "5"] in _table_rows(members)

    entry = AuditEntry.objects.get(record_id=str(ssl.pk), summary__startswith="Changed member")
    assert (entry.actor, entry.at) == (admin, moment)
    assert entry.reason == "Asked for by Chris Coordinator: Croydon can host 2 more"
    assert dict(ssl.members.values_list("authority__name", "places"))["Croydon"] == 5

    # Another partnership's coordinator is told the page does not exist.
    _menu(page, axe, "Sign out")
    _press(page, axe, "Sign out")
    browser_sign_in(outsider)
    response = page.goto(ssl_url)
    axe.check()
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert "Surrey and South London" not in page.content()
    response = page.goto(f"{ssl_url}places/")
    axe.check()
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


# Journey 3: bad input shows what to fix, and saves nothing.


def test_the_same_authority_twice_saves_nothing(page, axe, browser_sign_in):
    ssl, _ = _ssl_world()
    coordinator = person_with_role(Role.COORDINATOR, organisation=ssl.lead_authority)
    before = dict(ssl.members.values_list("authority__name", "places"))
    entries = AuditEntry.objects.count()

    browser_sign_in(coordinator)
    page.goto(f"/partnerships/{ssl.pk}/places/")
    axe.check()
    page.get_by_label("Authority in row 7").select_option(label="Merton")
    page.get_by_label("Places in row 7").fill("2")
    _press(page, axe, "Save members and places")

    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    message = "Merton is listed more than once. Remove the duplicate row"
    assert message in summary.inner_text()
    expect(page.locator("#id_members-6-authority-error")).to_contain_text(message)
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.id") == "id_members-6-authority"
    # What was typed is still there to fix.
    expect(page.get_by_label("Places in row 7")).to_have_value("2")

    assert dict(ssl.members.values_list("authority__name", "places")) == before
    assert AuditEntry.objects.count() == entries


def test_an_application_window_that_closes_before_it_opens_saves_nothing(
    page, axe, browser_sign_in
):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    cohort = CohortFactory(number=6, name="Step Up to Social Work cohort 6")
    cohort.milestones.create(
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=datetime.date(2027, 6, 7),
        ends_on=datetime.date(2027, 7, 9),
    )
    entries = AuditEntry.objects.count()

    browser_sign_in(admin)
    page.goto("/cohorts/6/timetable/")
    axe.check()
    _click_link(page, axe, "Change application window")
    _fill_date(page, "Date the application window opens", datetime.date(2027, 7, 1))
    _fill_date(page, "Date the application window closes (optional)", datetime.date(2027, 6, 30))
    _press(page, axe, "Save")

    assert page.title().startswith("Error: ")
    message = "The application window must close on or after the day it opens"
    summary = page.locator(".govuk-error-summary")
    assert message in summary.inner_text()
    summary.get_by_role("link", name=message).click()
    assert page.evaluate("document.activeElement.id") == "id_ends_on-day"
    group = page.get_by_role("group", name="Date the application window closes (optional)")
    expect(group).to_contain_text(message)
    expect(group.get_by_label("Day")).to_have_value("30")

    window = cohort.milestones.get(kind=MilestoneKind.APPLICATION_WINDOW)
    assert (window.starts_on, window.ends_on) == (
        datetime.date(2027, 6, 7),
        datetime.date(2027, 7, 9),
    )
    assert AuditEntry.objects.count() == entries
    assert Cohort.objects.get(number=6).status == CohortStatus.DRAFT
