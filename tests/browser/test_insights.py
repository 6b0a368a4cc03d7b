"""Insights in a real browser: the national analyst opens the funnel and fairness pages,
every chart sits beside its table, a CSV downloads, and axe-core finds nothing wrong."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from tests.factories import CohortFactory, PartnershipFactory, person_with_role
from tests.insights.conftest import candidate_at

pytestmark = pytest.mark.django_db(transaction=True)


def _every_chart_has_its_table(page) -> int:
    charts = page.locator("figure.stepup-chart")
    for index in range(charts.count()):
        chart = charts.nth(index)
        expect(chart.locator("svg[role=img] title")).not_to_be_empty()
        summary = chart.locator("p.govuk-body").first
        expect(summary).not_to_be_empty()
        target = chart.get_by_role("link", name="The figures in this chart, as a table")
        href = target.get_attribute("href")
        expect(page.locator(href)).to_have_count(1)
        expect(page.locator(href)).to_have_js_property("tagName", "TABLE")
    return charts.count()


def test_the_analyst_reads_the_funnel_and_fairness_and_downloads_them(
    page, axe, browser_sign_in, tmp_path
):
    cohort = CohortFactory(number=41, name="Cohort 41", start_date=datetime.date(2027, 9, 1))
    partnership = PartnershipFactory(cohort=cohort, name="Thames Partnership", code="THM")
    stages = ("eligible", "screened_in", "invited", "met_benchmark", "accepted", "started")
    yesterday = timezone.now() - datetime.timedelta(days=1)  # fairness counts to yesterday
    for index in range(36):
        candidate_at(
            partnership,
            stages[index % len(stages)],
            at=yesterday,
            answers={
                "sex": ("female", "male", "female")[index % 3],
                "ethnicity": ("white_british", "black_african", "asian_indian")[index % 3],
            },
        )
    browser_sign_in(person_with_role(Role.NATIONAL_ANALYST))

    page.get_by_role("link", name="Insights").first.click()
    axe.check()
    page.get_by_role("link", name=re.compile(r"The recruitment funnel\W+cohort 41")).click()
    axe.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("The recruitment funnel")
    expect(page.locator("#funnel-summary")).to_contain_text("Of 36 applications submitted")
    assert _every_chart_has_its_table(page) == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    saved = tmp_path / "funnel.csv"
    download.value.save_as(saved)
    text = saved.read_text()
    assert "The funnel: Cohort 41, all partnerships" in text
    assert "Submitted,36," in text

    page.get_by_role("link", name="Back to insights").click()
    axe.check()
    page.get_by_role("link", name=re.compile(r"Fairness by stage\W+cohort 41")).click()
    axe.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fairness by stage")
    assert _every_chart_has_its_table(page) >= 6  # a rate of accepting, and the widest gap
    ethnicity = page.get_by_role("table", name="Ethnic group: how many reached each stage")
    expect(ethnicity).to_contain_text("Black, Black British, Caribbean or African")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    saved = tmp_path / "fairness.csv"
    download.value.save_as(saved)
    assert "Sex: tests of independence" in saved.read_text()


def test_the_analyst_cannot_put_a_name_to_a_small_count(page, axe, browser_sign_in, tmp_path):
    """The probe: the analyst opened a named trainee's record, then the fairness CSV, where
    "Started" was 1 for her characteristics. The record is closed to the analyst, and the
    download hides the count (ADR 0022)."""
    cohort = CohortFactory(number=42, name="Cohort 42", start_date=datetime.date(2027, 9, 1))
    partnership = PartnershipFactory(cohort=cohort, name="Severn Partnership", code="SEV")
    yesterday = timezone.now() - datetime.timedelta(days=1)
    started = candidate_at(
        partnership,
        "started",
        answers={"sex": "female", "disability": "yes"},
        at=yesterday,
    )
    for _ in range(8):
        candidate_at(
            partnership, "eligible", answers={"sex": "female", "disability": "no"}, at=yesterday
        )
    trainee = started.offers.get().trainee
    browser_sign_in(person_with_role(Role.NATIONAL_ANALYST))

    response = page.goto(f"/trainees/{trainee.pk}/")
    assert response.status == 403
    axe.check()
    expect(page.get_by_text(started.full_name)).to_have_count(0)

    page.goto("/insights/")
    axe.check()
    page.get_by_role("link", name=re.compile(r"Fairness by stage\W+cohort 42")).click()
    axe.check()
    disability = page.get_by_role("table", name="Disability: how many reached each stage")
    expect(disability.get_by_role("row", name=re.compile("^Yes"))).to_contain_text("1")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    saved = tmp_path / "fairness.csv"
    download.value.save_as(saved)
    yes = next(line for line in saved.read_text().splitlines() if line.startswith("Yes,"))
    assert yes.split(",")[-1] == "<5"
