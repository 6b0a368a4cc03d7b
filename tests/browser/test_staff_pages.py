"""The staff pages for accounts, roles and applications, as their users meet them: each passes
axe-core and, at 320 px, scrolls nothing sideways (both checked by ``axe.check``)."""

import pytest
from playwright.sync_api import expect

from stepup.accounts.models import RoleRequest
from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from tests.factories import ApplicationFactory, CohortFactory, PartnershipFactory, person_with_role
from tests.support.browser import button, link, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_national_admins_pages_for_the_round_and_for_roles(page, axe):
    cohort = CohortFactory(number=6, name="Cohort 6", status="recruiting")
    ours = PartnershipFactory(cohort=cohort, name="South East London", code="SEL")
    for status in (ApplicationStatus.ELIGIBILITY_REVIEW, ApplicationStatus.SCREENED_IN):
        ApplicationFactory(cohort=cohort, first_choice=ours, status=status)
    admin = person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")
    asker = person_with_role(
        Role.NATIONAL_ADMIN, admin.memberships.get().organisation, full_name="Owen Price"
    )
    request = RoleRequest.objects.create(
        email="priya@example.org",
        full_name="Priya Shah",
        organisation=admin.memberships.get().organisation,
        role=Role.NATIONAL_ANALYST,
        requested_by=asker,
    )

    sign_in_as(page, axe, admin)
    axe.check()
    expect(page.get_by_text("1 request for the national analyst role waits")).to_be_visible()

    link(page, axe, "Progress")
    totals = page.get_by_role("row", name="All partnerships")
    expect(totals).to_contain_text("2")

    link(page, axe, "Applications")
    page.get_by_label("Reference, name or email address").fill("nobody at all")
    button(page, axe, "Find applications")
    expect(page.get_by_text("No applications match")).to_be_visible()

    page.goto("/people/role-requests/")
    axe.check()
    # A summary card adds its title to the link's hidden text.
    with page.expect_navigation():
        page.get_by_role("link", name="View the request for Priya Shah").click()
    axe.check()
    button(page, axe, "Save decision")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select yes to approve the role, or no to refuse it"
    )
    page.get_by_label("No, refuse it").check()
    page.get_by_label("Reason").fill("Priya sifts this year")
    button(page, axe, "Save decision")
    request.refresh_from_db()
    assert request.status == "refused"

    page.goto("/cohorts/copy/")
    axe.check()
    button(page, axe, "Create the copy")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the cohort to copy")
