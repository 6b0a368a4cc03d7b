"""Equality monitoring in a real browser: the questionnaire (blank, with errors, filled in)
and the analyst's report pass axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from stepup.applications.equality import equality_save
from stepup.applications.models import ApplicationStatus, EqualityMonitoring
from stepup.core.formatting import govuk_date
from tests.factories import ApplicationFactory, CohortFactory, person_with_role
from tests.support.history import with_history

pytestmark = pytest.mark.django_db(transaction=True)


def _save(page, axe):
    with page.expect_navigation():
        page.get_by_role("button", name="Save answers").click()
    axe.check()


def test_a_candidate_answers_the_questionnaire(page, axe, browser_sign_in):
    cohort = CohortFactory(number=4, name="Cohort 4")
    application = ApplicationFactory(cohort=cohort, reference="SU-BROWSER1")
    browser_sign_in(application.candidate)
    page.goto(f"/applications/{application.reference}/equality/")
    axe.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("Equality monitoring")
    # An impossible date, and a description with no "any other" background.
    dob = page.get_by_role("group", name="What is your date of birth?")
    dob.get_by_label("Day").fill("31")
    dob.get_by_label("Month").fill("2")
    dob.get_by_label("Year").fill("1990")
    page.get_by_label("Irish", exact=True).check()
    page.get_by_label("If you chose an ‘any other’ background").fill("Cornish and Breton")
    _save(page, axe)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Your date of birth must be a real date")
    expect(summary).to_contain_text("Choose an ‘any other’ background to describe it")
    summary.get_by_role("link", name="Your date of birth must be a real date").click()
    expect(dob.get_by_label("Day")).to_be_focused()
    assert page.title().startswith("Error: ")
    assert not EqualityMonitoring.objects.exists()

    dob.get_by_label("Day").fill("28")
    white = page.get_by_role("group", name="White", exact=True)
    white.get_by_label("Any other White background").check()
    page.get_by_role("group", name="What is your sex?").get_by_label("Prefer not to say").check()
    disability = page.get_by_role("group", name="Do you consider yourself to have a disability")
    disability.get_by_label("Yes", exact=True).check()
    page.get_by_label("A learning difference, for example dyslexia or dyspraxia").check()
    religion = page.get_by_role("group", name="What is your religion or belief?")
    religion.get_by_label("No religion").check()
    page.get_by_label("Heterosexual or straight").check()
    _save(page, axe)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your equality monitoring answers are saved"
    )
    assert page.url.endswith(f"/applications/{application.reference}/")  # the task list
    saved = EqualityMonitoring.objects.get()
    assert saved.date_of_birth == datetime.date(1990, 2, 28)
    assert saved.ethnicity == "white_other"
    assert saved.ethnicity_description == "Cornish and Breton"
    assert saved.sex == "prefer_not_to_say"
    assert saved.disability_kinds == ["learning"]
    assert saved.religion == "none"
    assert saved.sexual_orientation == "heterosexual"


def test_the_analysts_report(page, axe, browser_sign_in):
    cohort = CohortFactory(number=4, name="Cohort 4")
    CohortFactory(number=3, name="Cohort 3")
    for ethnicity, each_stage in (("white_british", 10), ("asian_indian", 5), ("black_african", 3)):
        for status in (ApplicationStatus.SCREENED_IN, ApplicationStatus.SCREENED_OUT):
            for _ in range(each_stage):
                application = ApplicationFactory(cohort=cohort, status=status, experiences=0)
                # Decided yesterday, so in today's figures (ADR 0022).
                with_history(application, at=timezone.now() - datetime.timedelta(days=1))
                equality_save(
                    candidate=application.candidate,
                    application=application,
                    answers={"ethnicity": ethnicity},
                )
    browser_sign_in(person_with_role(Role.NATIONAL_ANALYST))
    page.goto("/equality/")
    axe.check()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    expect(page.locator("#figures-to")).to_have_text(
        f"Figures to the end of {govuk_date(yesterday)}"
    )
    table = page.get_by_role("table", name="Ethnic group, cohort 4")
    expect(table).to_be_visible()
    expect(table.get_by_role("row", name="White")).to_contain_text("10 10 20")
    expect(
        table.get_by_role("row", name="Black, Black British, Caribbean or African")
    ).to_contain_text("[c]")
    page.get_by_label("Cohort", exact=True).select_option("3")
    with page.expect_navigation():
        page.get_by_role("button", name="Show").click()
    axe.check()
    expect(
        page.get_by_text(
            f"No applications had been submitted to Cohort 3 by the end of {govuk_date(yesterday)}"
        )
    ).to_be_visible()
