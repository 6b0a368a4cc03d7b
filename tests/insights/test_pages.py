"""The insights pages and downloads as people use them: the analyst sees every figure;
anyone else sees small counts hidden so they cannot be worked out from what is shown."""

import csv
import datetime
import io
import itertools

import pytest
from django.test import Client
from openpyxl import load_workbook

from stepup.core.disclosure import SMALL_COUNT
from stepup.core.models import AuditEntry
from stepup.insights.fairness import fairness_snapshot
from stepup.insights.models import FairnessSnapshot
from stepup.offers.models import RecruitmentClosure
from tests.insights.conftest import NEXT_DAY, NOW, candidate_at
from tests.signing_in import force_login_with_code

FEMALE = {"sex": "female", "ethnicity": "white_british", "date_of_birth": datetime.date(1995, 5, 1)}
MALE = {"sex": "male", "ethnicity": "black_african", "date_of_birth": datetime.date(1980, 5, 1)}


def _client(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    force_login_with_code(client, user)
    return client


@pytest.fixture
def recruited(cohort, big, small, time_machine):
    """Small: 12 women and 7 men, and 2 who did not answer; Big: 40 candidates; all decided
    yesterday, so in today's fairness figures."""
    for stage, count in (
        ("eligible", 4),
        ("screened_in", 3),
        ("invited", 2),
        ("met_benchmark", 2),
        ("accepted", 1),
    ):
        for _ in range(count):
            candidate_at(small, stage, answers=FEMALE)
    for stage, count in (("eligible", 5), ("screened_in", 2)):
        for _ in range(count):
            candidate_at(small, stage, answers=MALE)
    for _ in range(2):
        candidate_at(small, "submitted")
    for index in range(40):
        candidate_at(
            big,
            ("eligible", "screened_in", "invited", "accepted")[index % 4],
            answers=FEMALE if index % 3 else MALE,
        )
    time_machine.move_to(NEXT_DAY, tick=False)
    return {"small": small, "big": big}


def _tables(text: str) -> dict[str, list[list[str]]]:
    """A download's tables by title: the header row, then the rows."""
    tables, current = {}, None
    for line in csv.reader(io.StringIO(text)):
        if not line:
            current = None
        elif current is None:
            current = tables.setdefault(line[0], [])
        else:
            current.append(line)
    return tables


def _assert_cannot_be_undone(shown: list[list[str]], true: list[list[int]]):
    """Every count under 5 shows as "<5"; a larger one hidden to protect it as "[c]"; no
    column (groups and their total, last) with exactly one hidden count above nought; no two
    shown counts in a row a small count apart."""
    hidden = [[cell in ("<5", "[c]") for cell in row] for row in shown]
    for row, values in zip(shown, true, strict=True):
        for cell, value in zip(row, values, strict=True):
            if value < SMALL_COUNT:
                assert cell == f"<{SMALL_COUNT}", (row, values)
            elif cell == "[c]" or not cell.isdigit():
                assert cell == "[c]", (row, values)
            else:
                assert int(cell) == value
    for c in range(len(true[0]) if len(true) > 1 else 0):  # one row is its own total
        hidden_above_nought = [
            true[r][c] for r in range(len(true)) if hidden[r][c] and true[r][c] > 0
        ]
        assert len(hidden_above_nought) != 1, (c, shown, true)
    for row, hides, values in zip(shown, hidden, true, strict=True):
        visible = [v for hide, v in zip(hides, values, strict=True) if not hide]
        for earlier, later in itertools.pairwise(visible):
            assert not 0 < earlier - later < SMALL_COUNT, (row, values)


def test_the_coordinator_of_a_small_partnership_sees_small_counts_hidden(
    recruited, small, small_coordinator, analyst, admin
):
    RecruitmentClosure.objects.create(cohort=small.cohort, closed_by=admin)
    page = _client(small_coordinator).get("/insights/cohorts/31/fairness/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "&lt;5" in html and "Small Partnership" in html
    download = _client(small_coordinator).get("/insights/cohorts/31/fairness.csv")
    tables = _tables(download.content.decode())
    sex = tables["Sex: how many reached each stage"]
    assert sex[0][0] == "Sex"
    rows = {row[0]: row[1:] for row in sex[1:]}
    #                 sub elig scr inv att met off acc start
    true = {
        "Female": [12, 12, 8, 5, 3, 3, 1, 1, 0],
        "Male": [7, 7, 2, 0, 0, 0, 0, 0, 0],
        "No answer": [2, 0, 0, 0, 0, 0, 0, 0, 0],
        "All candidates": [21, 19, 10, 5, 3, 3, 1, 1, 0],
    }
    assert list(rows) == list(true)
    assert rows["Female"][0] == "12"  # shown: large enough, and nothing gives it away
    _assert_cannot_be_undone(list(rows.values()), list(true.values()))
    # The analyst sees the same table whole on screen, and downloads it protected.
    page = _client(analyst).get("/insights/cohorts/31/fairness/", {"partnership": small.pk})
    assert "&lt;5" not in page.content.decode()
    analysts = _client(analyst).get("/insights/cohorts/31/fairness.csv", {"partnership": small.pk})
    assert _tables(analysts.content.decode()) == tables


def test_the_coordinators_funnel_hides_small_counts_too(recruited, small, small_coordinator):
    response = _client(small_coordinator).get("/insights/cohorts/31/funnel.csv")
    tables = _tables(response.content.decode())
    funnel = tables["The funnel: Small Partnership"]
    reached = [row[1] for row in funnel[1:]]
    #      sub  elig  scr  inv  att  met  off  acc  start
    true = [21, 19, 10, 5, 3, 3, 1, 1, 0]
    _assert_cannot_be_undone([reached], [true])
    assert reached[0] == "21"
    # Rates that rest on a hidden count are not given.
    assert funnel[5][0] == "Attended" and funnel[5][2] == "–"


def test_before_recruitment_closes_a_coordinator_sees_why_not(recruited, small_coordinator):
    client = _client(small_coordinator)
    page = client.get("/insights/cohorts/31/fairness/").content.decode()
    assert "open when recruitment to this cohort closes" in page
    assert "Sex: how many reached each stage" not in page
    assert client.get("/insights/cohorts/31/fairness.csv").status_code == 404
    assert not FairnessSnapshot.objects.exists()
    # Another partnership's funnel is not theirs to see.
    other = recruited["big"].pk
    page = client.get("/insights/cohorts/31/funnel/", {"partnership": other})
    assert "Select a partnership from the list" in page.content.decode()
    assert client.get("/insights/cohorts/31/funnel.csv", {"partnership": other}).status_code == 404


def test_the_analyst_sees_every_figure_and_the_tests(recruited, analyst):
    page = _client(analyst).get("/insights/cohorts/31/fairness/").content.decode()
    assert "&lt;5" not in page
    assert "Sex: how many reached each stage" in page
    assert "Sex: tests of independence" in page
    assert "Ethnic group: accepted a place, of those who applied" in page  # a chart
    assert "The figures in this chart, as a table" in page


def test_the_figures_stop_at_the_end_of_yesterday_whenever_they_are_first_viewed(
    recruited, big, analyst, time_machine
):
    """Whoever looks first, and whenever: a decision made today, before or after the day's
    first view, shows only in tomorrow's figures."""

    def female_submitted() -> int:
        text = _client(analyst).get("/insights/cohorts/31/fairness.csv").content.decode()
        return int(_tables(text)["Sex: how many reached each stage"][1][1])

    today = datetime.datetime(2026, 11, 21, 9, tzinfo=NEXT_DAY.tzinfo)
    time_machine.move_to(today, tick=False)
    candidate_at(big, "eligible", answers=FEMALE)  # decided today, before anyone looked
    time_machine.move_to(today + datetime.timedelta(hours=1), tick=False)
    page = _client(analyst).get("/insights/cohorts/31/fairness/").content.decode()
    assert "Figures to the end of 20 November 2026" in page
    first = female_submitted()
    assert first == 38  # 12 in the small partnership and 26 in the big one, decided yesterday
    candidate_at(big, "eligible", answers=FEMALE)  # decided after the day's first view
    assert female_submitted() == first
    time_machine.move_to(today + datetime.timedelta(days=1), tick=False)
    assert female_submitted() == first + 2  # both of yesterday's decisions, together
    page = _client(analyst).get("/insights/cohorts/31/fairness/").content.decode()
    assert "Figures to the end of 21 November 2026" in page
    assert FairnessSnapshot.objects.count() == 2


def test_each_step_counts_from_the_moment_it_was_recorded(cohort, big, time_machine):
    """Status changes, offers, acceptances and trainee records after the cut-off wait for the
    next day's figures."""
    yesterday = NOW - datetime.timedelta(days=1)
    candidate_at(big, "started", answers=FEMALE, at=yesterday)
    candidate_at(big, "offered", answers=FEMALE)  # today: not counted yet
    figures = fairness_snapshot(cohort=cohort).figures[str(big.pk)]["sex"]["Female"]
    assert figures == [0, 0, 0, 0, 0, 0, 0, 0, 1]  # furthest stage: started, yesterday


def test_every_view_and_download_of_fairness_figures_is_on_the_record(recruited, analyst):
    client = _client(analyst)
    client.get("/insights/cohorts/31/fairness/")
    client.get("/insights/cohorts/31/fairness.xlsx")
    events = list(
        AuditEntry.objects.filter(event__startswith="fairness_report.")
        .order_by("pk")
        .values_list("event", "actor")
    )
    assert events == [
        ("fairness_report.viewed", analyst.pk),
        ("fairness_report.downloaded", analyst.pk),
    ]


def test_the_spreadsheet_has_a_sheet_for_every_table(recruited, analyst, admin):
    response = _client(analyst).get("/insights/cohorts/31/fairness.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.sheetnames) == 6 * 4  # four tables for each of six characteristics
    sheet = book[book.sheetnames[4]]  # Sex: how many reached each stage
    assert sheet["A1"].value == "Sex: how many reached each stage"
    assert sheet["B3"].value == 38  # women in all: 12 small, 26 big; numbers, not text
    funnel = load_workbook(
        io.BytesIO(_client(admin).get("/insights/cohorts/31/funnel.xlsx").content)
    )
    assert funnel.sheetnames[0].startswith("The funnel")


def test_outcomes_jobs_and_money_for_the_national_team(recruited, admin):
    page = _client(admin).get("/insights/cohorts/31/outcomes/").content.decode()
    assert "Academic outcomes, by partnership" in page
    assert "Registration and employment, by partnership" in page
    assert "Funding position, by partnership" in page
