"""A candidate confirms their email address, forgets their password and resets it from the
emailed link, in the browser; the link works once and expires. Axe checks every
page on the way."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from stepup.programme.models import CohortStatus, Milestone, MilestoneKind
from tests.factories import CohortFactory, PartnershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long walk home"
NEW_PASSWORD = "a quiet green harbour"


def link_in(message) -> str:
    return re.search(r"http://127\.0\.0\.1:8000(/email-links/[^/\s]+/)", message.body)[1]


def _click(page, axe, role, name):
    with page.expect_navigation():
        page.get_by_role(role, name=name, exact=True).first.click()
    axe.check()


def _sign_in(page, axe, password):
    page.goto("/sign-in/")
    axe.check()
    page.get_by_label("Email address").fill("amara@example.net")
    page.get_by_label("Password", exact=True).fill(password)
    _click(page, axe, "button", "Sign in")


def test_a_candidate_confirms_their_address_then_resets_a_forgotten_password(page, axe, mailoutbox):
    today = timezone.localdate()
    cohort = CohortFactory(number=6, name="Cohort 6", status=CohortStatus.RECRUITING)
    Milestone.objects.create(
        cohort=cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=10),
    )
    PartnershipFactory(cohort=cohort, name="South East London", code="SEL")

    page.goto("/apply/6/create-account/")
    axe.check()
    page.get_by_label("Full name").fill("Amara Okafor")
    page.get_by_label("Email address").fill("amara@example.net")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    _click(page, axe, "button", "Create account")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.locator("main")).to_contain_text("We have sent an email to amara@example.net")

    # Opening the link shows a button; pressing it confirms and signs the candidate in.
    confirm = link_in(mailoutbox[-1])
    page.goto(confirm)
    axe.check()
    _click(page, axe, "button", "Confirm email address")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Start your application for the programme starting in"
    )
    page.goto(confirm)
    axe.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")

    _click(page, axe, "link", "Your account")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    page.goto("/sign-out/")
    axe.check()
    _click(page, axe, "button", "Sign out")

    # Forgotten: ask for a link from the sign-in page.
    page.goto("/sign-in/")
    axe.check()
    _click(page, axe, "link", "Forgotten your password?")
    _click(page, axe, "button", "Send the link")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your email address")
    page.get_by_label("Email address").fill("amara@example.net")
    _click(page, axe, "button", "Send the link")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    reset = link_in(mailoutbox[-1])
    page.goto(reset)
    axe.check()
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Enter the password again").fill("something else entirely")
    _click(page, axe, "button", "Set password")
    expect(page.locator(".govuk-error-summary")).to_contain_text("The passwords do not match")
    page.get_by_label("Create a password").fill(NEW_PASSWORD)
    page.get_by_label("Enter the password again").fill(NEW_PASSWORD)
    _click(page, axe, "button", "Set password")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your password has been set")

    # The link worked once.
    page.goto(reset)
    axe.check()
    expect(page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")

    _sign_in(page, axe, PASSWORD)
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _sign_in(page, axe, NEW_PASSWORD)
    expect(page.get_by_role("link", name="Your account")).to_be_visible()
    page.goto("/sign-out/")
    axe.check()
    _click(page, axe, "button", "Sign out")

    # A new link expires after two hours.
    page.goto("/sign-in/forgotten-password/")
    axe.check()
    page.get_by_label("Email address").fill("amara@example.net")
    _click(page, axe, "button", "Send the link")
    late = link_in(mailoutbox[-1])
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2, minutes=1)):
        page.goto(late)
        axe.check()
        expect(page.get_by_role("heading", level=1)).to_have_text("This link cannot be used")
