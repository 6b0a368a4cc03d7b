"""The national analyst's counts by stage: right, with small counts hidden, and theirs only."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.equality import age_band, equality_by_stage, equality_save
from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import Application, EqualitySnapshot
from stepup.applications.models import ApplicationStatus as S
from tests.equality.conftest import DISTINCTIVE, DISTINCTIVE_TEXTS
from tests.factories import ApplicationFactory, CohortFactory, person_with_role
from tests.signing_in import sign_in_through_form
from tests.support.history import with_history

pytestmark = pytest.mark.django_db

# The applications are made, their history with them, on 7 December; the figures are looked
# at on the 8th, when they count to the end of the 7th (ADR 0022).
MADE = timezone.make_aware(datetime.datetime(2026, 12, 7, 10))
SEEN = timezone.make_aware(datetime.datetime(2026, 12, 8, 9))


@pytest.fixture(autouse=True)
def seen_the_next_day(time_machine):
    time_machine.move_to(SEEN, tick=False)


def applicants(cohort, status, count, *, at=MADE, **answers):
    """``count`` applications at ``status``, with the status history that brought them there
    ``at`` that moment, and the answers given."""
    made = []
    for _ in range(count):
        application = ApplicationFactory(cohort=cohort, status=status, experiences=0)
        with_history(application, at=at)
        if answers:
            equality_save(candidate=application.candidate, application=application, answers=answers)
        made.append(application)
    return made


def values(row):
    return [cell.value for cell in row.cells] + [row.total.value]


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (datetime.date(2002, 1, 5), "Under 25"),  # 24 the day before their birthday
        (datetime.date(2002, 1, 4), "25 to 29"),  # 25 on the day the cohort starts
        (datetime.date(1988, 2, 29), "35 to 39"),
        (datetime.date(1977, 1, 4), "50 to 54"),
        (datetime.date(1972, 1, 4), "55 and over"),
    ],
)
def test_age_bands_use_the_age_on_the_day_the_cohort_starts(born, band):
    assert age_band(born, datetime.date(2027, 1, 4)) == band


def test_counts_by_ethnic_group_and_stage(cohort):
    applicants(cohort, S.SCREENED_IN, 12, ethnicity="white_british")
    applicants(cohort, S.SCREENED_OUT, 6, ethnicity="white_irish")
    applicants(cohort, S.SCREENED_IN, 5, ethnicity="black_african")
    applicants(cohort, S.SCREENED_OUT, 9, ethnicity="black_caribbean")
    applicants(cohort, S.SCREENED_OUT, 5, ethnicity="prefer_not_to_say")
    applicants(cohort, S.SCREENED_OUT, 7)  # no questionnaire
    applicants(cohort, S.SCREENED_IN, 5, sex="male")  # questionnaire, no ethnicity
    applicants(cohort, S.DRAFT, 8, ethnicity="white_british")  # not submitted: not counted
    applicants(CohortFactory(number=10), S.SCREENED_IN, 9, ethnicity="white_british")

    table = equality_by_stage(cohort=cohort, characteristic="ethnicity")
    # Stages no application is at are left out: their zeros would hide nothing.
    assert table.columns == ("Screened in", "Screened out")
    rows = {row.label: values(row) for row in table.rows}
    assert rows["White"] == [12, 6, 18]
    assert rows["Black, Black British, Caribbean or African"] == [5, 9, 14]
    assert rows["Prefer not to say"] == [None, 5, 5]  # a zero is hidden too
    assert rows["No answer"] == [5, 7, 12]
    assert rows["Asian or Asian British"] == [None, None, None]
    assert values(table.totals) == [22, 27, 49]
    assert not table.is_empty


def test_every_stage_has_a_column_once_an_application_is_at_it(cohort):
    for status in (S.SUBMITTED, S.ELIGIBILITY_REVIEW, S.INELIGIBLE, S.ELIGIBLE, S.WITHDRAWN):
        applicants(cohort, status, 1)
    applicants(cohort, S.SCREENED_IN, 1)
    applicants(cohort, S.SCREENED_OUT, 1)
    table = equality_by_stage(cohort=cohort, characteristic="sex")
    assert table.columns == (
        "Submitted",
        "Eligibility being checked",
        "Not eligible",
        "Eligible, waiting for the sift",
        "Screened in",
        "Screened out",
        "Withdrawn",
    )
    assert values(table.totals) == [None] * 7 + [7]


def test_a_cohort_with_nothing_submitted_is_empty(cohort):
    applicants(cohort, S.DRAFT, 6, sex="male")
    assert equality_by_stage(cohort=cohort, characteristic="sex").is_empty


def test_a_small_group_is_hidden_with_the_next_smallest_beside_it(cohort):
    applicants(cohort, S.SCREENED_IN, 3, sex="male")
    applicants(cohort, S.SCREENED_OUT, 10, sex="male")
    applicants(cohort, S.SCREENED_IN, 20, sex="female")
    applicants(cohort, S.SCREENED_OUT, 6, sex="female")
    table = equality_by_stage(cohort=cohort, characteristic="sex")
    rows = {row.label: values(row) for row in table.rows}
    # Male: 3 screened in is small, so 10 goes too (else 13 - 10 = 3); then the female
    # counts in those columns go, or 23 - 20 would give the 3 away.
    assert rows["Male"] == [None, None, 13]
    assert rows["Female"] == [None, None, 26]
    assert values(table.totals) == [23, 16, 39]


def test_age_disability_religion_and_orientation_are_counted(cohort):
    applicants(cohort, S.ELIGIBLE, 6, **DISTINCTIVE)
    applicants(cohort, S.ELIGIBLE, 5, date_of_birth_declined=True, disability="no")
    for key, label in [
        ("age", "35 to 39"),
        ("disability", "Yes"),
        ("religion", "Any other religion or belief"),
        ("sexual_orientation", "Bisexual"),
    ]:
        table = equality_by_stage(cohort=cohort, characteristic=key)
        rows = {row.label: values(row) for row in table.rows}
        assert rows[label][0] == 6, key
    age = {
        row.label: values(row)
        for row in equality_by_stage(cohort=cohort, characteristic="age").rows
    }
    assert age["Prefer not to say"][0] == 5


def test_the_analyst_sees_the_report_with_its_rule_and_only_counts(cohort, analyst, sign_in):
    applicants(cohort, S.SCREENED_OUT, 6, **DISTINCTIVE)
    applicants(cohort, S.SCREENED_IN, 2, **DISTINCTIVE)
    CohortFactory(number=3, name="Cohort 3")
    client = sign_in(analyst)
    response = client.get("/equality/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cohort 9" in page  # the latest cohort by default
    assert "Figures to the end of 7 December 2026" in page
    for caption in ("Age band", "Sex", "Ethnic group", "Disability", "Religion or belief"):
        assert f"{caption}, cohort 9</caption>" in page
    assert "Sexual orientation, cohort 9</caption>" in page
    assert "every count fewer than 5 is hidden" in page
    assert "the next smallest count in that row or column is hidden too" in page
    assert '<span aria-hidden="true">[c]</span>' in page
    for text in DISTINCTIVE_TEXTS:
        assert text not in page
    # The screened-in 2 is hidden wherever it would show, and the 6 beside it with it,
    # or 8 - 6 would give it away; the total of 8 shows.
    cells = re.findall(r'govuk-table__cell--numeric">(?:<strong>)?(\d+)', page)
    assert "2" not in cells
    assert "6" not in cells
    assert "8" in cells

    other = client.get("/equality/?cohort=3")
    assert other.status_code == 200
    assert (
        "No applications had been submitted to Cohort 3 by the end of 7 December 2026"
        in other.content.decode()
    )


def test_a_cohort_that_does_not_exist_is_an_error_on_the_page(cohort, analyst, sign_in):
    response = sign_in(analyst).get("/equality/?cohort=77")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "Select a cohort from the list" in page
    assert "</caption>" not in page


def test_with_no_cohorts_the_page_says_so(analyst, sign_in):
    page = sign_in(analyst).get("/equality/").content.decode()
    assert "There are no cohorts yet." in page


@pytest.mark.parametrize(
    "role",
    [
        Role.NATIONAL_ADMIN,
        Role.CONTRACTOR,
        Role.COORDINATOR,
        Role.AUTHORITY_OFFICER,
        Role.UNIVERSITY_TUTOR,
        Role.ASSESSOR,
        Role.SERVICE_USER_ASSESSOR,
    ],
)
def test_nobody_but_the_analyst_may_see_the_report(cohort, client, role):
    person = person_with_role(role)
    sign_in_through_form(client, person)
    assert client.get("/equality/").status_code == 403


def test_a_candidate_may_not_see_the_report(application, sign_in):
    assert sign_in(application.candidate).get("/equality/").status_code == 403


def test_the_analyst_finds_the_report_in_the_menu(analyst, sign_in):
    assert 'href="/equality/"' in sign_in(analyst).get("/").content.decode()


def test_the_admin_is_not_offered_the_report(national_admin, sign_in):
    assert 'href="/equality/"' not in sign_in(national_admin).get("/").content.decode()


def sex_rows(client, cohort) -> dict[str, list[str]]:
    page = client.get("/equality/", {"cohort": cohort.number}).content.decode()
    table = page[page.index("Sex, cohort 9</caption>") :]
    table = table[: table.index("</table>")]
    rows = re.findall(
        r'<th scope="row" class="govuk-table__header">([^<]+)</th>(.*?)</tr>', table, re.S
    )
    return {label: re.findall(r'numeric">(?:<strong>)?([^<]+)<', cells) for label, cells in rows}


def test_one_decision_cannot_be_read_off_the_report_the_same_day(cohort, analyst, sign_in):
    """Seen: a "Female" row went from 11 | 16 to 10 | 17 after one eligibility decision."""
    applicants(cohort, S.ELIGIBILITY_REVIEW, 11, sex="female")
    applicants(cohort, S.ELIGIBLE, 16, sex="female")
    applicants(cohort, S.ELIGIBILITY_REVIEW, 12, sex="male")
    applicants(cohort, S.ELIGIBLE, 15, sex="male")
    client = sign_in(analyst)
    before = sex_rows(client, cohort)
    assert before["Female"] == ["11", "16", "27"]

    decided = Application.objects.filter(cohort=cohort, status=S.ELIGIBILITY_REVIEW).first()
    _decide(decided)
    assert sex_rows(client, cohort) == before  # the same day: the same figures

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1)):
        after = sex_rows(sign_in(analyst), cohort)  # signed in again: a day has passed
    assert after != before  # the next day, with everything else decided that day


def _decide(application, target=S.ELIGIBLE):
    """An eligibility decision, made as the service makes it: its change on the record now."""
    APPLICATION_LIFECYCLE.move(
        record=application,
        target=target,
        actor=person_with_role(Role.NATIONAL_ADMIN),
        summary="Eligible",
        reason="Meets the rules",
    )


def test_the_figures_stop_at_the_end_of_yesterday_whenever_they_are_first_viewed(
    cohort, analyst, sign_in, time_machine
):
    """Finding 4: the day's first view chose the cut-off, so a viewer could look just before
    a decision and again the next day. Now a decision made today, before or after the day's
    first view, shows only in tomorrow's figures, among all of today's."""
    female = applicants(cohort, S.ELIGIBILITY_REVIEW, 11, sex="female")
    applicants(cohort, S.ELIGIBLE, 16, sex="female")
    applicants(cohort, S.ELIGIBILITY_REVIEW, 12, sex="male")
    applicants(cohort, S.ELIGIBLE, 15, sex="male")

    _decide(female[0])  # decided today at 9:00, before anyone looked
    time_machine.move_to(SEEN + datetime.timedelta(hours=1), tick=False)
    client = sign_in(analyst)
    page = client.get("/equality/", {"cohort": cohort.number}).content.decode()
    assert "Figures to the end of 7 December 2026" in page
    first = sex_rows(client, cohort)
    assert first["Female"] == ["11", "16", "27"]  # as they stood at midnight

    _decide(female[1])  # decided after the day's first view
    assert sex_rows(client, cohort) == first

    time_machine.move_to(SEEN + datetime.timedelta(days=1), tick=False)
    client = sign_in(analyst)  # signed in again: a day has passed
    assert sex_rows(client, cohort)["Female"] == ["9", "18", "27"]  # both, together
    page = client.get("/equality/", {"cohort": cohort.number}).content.decode()
    assert "Figures to the end of 8 December 2026" in page
    assert EqualitySnapshot.objects.filter(cohort=cohort).count() == 2


def test_each_application_counts_at_its_status_at_the_cut_off(cohort):
    """The history, not the status now: a change after the cut-off waits for the next day,
    and an application with no change before the cut-off is not counted."""
    withdrawn, *_ = applicants(cohort, S.SCREENED_IN, 6, sex="female")
    APPLICATION_LIFECYCLE.move(
        record=withdrawn,
        target=S.WITHDRAWN,
        actor=withdrawn.candidate,
        summary="Withdrawn",
        is_candidate=True,
    )
    applicants(cohort, S.SCREENED_OUT, 5, sex="female", at=SEEN)  # submitted today
    for _ in range(5):  # at a stage now, but with no history to say since when
        ApplicationFactory(cohort=cohort, status=S.SCREENED_OUT, experiences=0)

    table = equality_by_stage(cohort=cohort, characteristic="sex")
    assert table.columns == ("Screened in",)
    assert values(table.totals) == [6, 6]

    tomorrow = equality_by_stage(
        cohort=cohort, characteristic="sex", until=SEEN + datetime.timedelta(days=1)
    )
    assert tomorrow.columns == ("Screened in", "Screened out", "Withdrawn")
    assert values(tomorrow.totals)[-1] == 11
