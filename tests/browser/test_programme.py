"""Cohort pages in a real browser: every page passes axe-core, and the matrix works by keyboard."""

import pytest

from stepup.accounts.roles import Role
from stepup.programme import services
from tests.factories import CohortFactory, PartnershipFactory, person_with_role
from tests.programme.conftest import ready_to_recruit

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_cohort_page_passes_axe(page, axe, browser_sign_in):
    admin = person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")
    cohort = ready_to_recruit(CohortFactory(number=5, name="Cohort 5"), admin)
    PartnershipFactory(cohort=cohort, name="Surrey and South London")
    services.cohort_transition(actor=admin, cohort=cohort, to_status="recruiting")
    rules = cohort.current_rules
    rate = rules.funding_rates.first()
    criterion, exercise = rules.criteria.first(), rules.exercises.last()
    browser_sign_in(admin)
    for path in [
        "/cohorts/",
        "/cohorts/new/",
        "/cohorts/5/",
        "/cohorts/5/change/",
        "/cohorts/5/status/in_training/",
        "/cohorts/5/history/",
        "/cohorts/5/rules/",
        "/cohorts/5/timetable/",
        "/cohorts/5/timetable/application_window/",
        "/cohorts/5/timetable/application_window/remove/",
        "/cohorts/5/funding/",
        "/cohorts/5/funding/add/",
        f"/cohorts/5/funding/{rate.pk}/change/",
        f"/cohorts/5/funding/{rate.pk}/remove/",
        "/cohorts/5/eligibility/",
        "/cohorts/5/eligibility/change/",
        "/cohorts/5/framework/",
        "/cohorts/5/framework/criteria/add/",
        f"/cohorts/5/framework/criteria/{criterion.pk}/change/",
        f"/cohorts/5/framework/criteria/{criterion.pk}/remove/",
        "/cohorts/5/framework/exercises/add/",
        f"/cohorts/5/framework/exercises/{exercise.pk}/change/",
        f"/cohorts/5/framework/exercises/{exercise.pk}/remove/",
        "/cohorts/5/framework/matrix/",
        "/cohorts/5/framework/scale/",
    ]:
        page.goto(path)
        axe.check()
    # Pages with errors.
    page.goto("/cohorts/new/")
    page.get_by_role("button", name="Create cohort").click()
    axe.check()
    page.goto("/cohorts/5/framework/matrix/")
    page.get_by_role("button", name="Save").click()
    axe.check()
    assert (
        "Enter why you are changing the rules" in page.locator(".govuk-error-summary").inner_text()
    )
    page.goto("/cohorts/5/framework/scale/")
    page.get_by_role("button", name="Save").click()
    axe.check()


def test_the_matrix_can_be_changed_with_the_keyboard(page, axe, browser_sign_in):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    cohort = CohortFactory(number=6)
    services.framework_load_standard(actor=admin, cohort=cohort)
    browser_sign_in(admin)
    page.goto("/cohorts/6/framework/matrix/")
    axe.check()

    page.get_by_label("Interview assesses Resilience").uncheck()
    page.get_by_role("button", name="Save").click()
    axe.check()

    summary = page.locator(".govuk-error-summary")
    assert "Resilience is assessed in 1 exercise" in summary.inner_text()
    summary.get_by_role("link", name="Resilience is assessed in 1 exercise").click()
    assert page.evaluate("document.activeElement.name").startswith("assessed_")
