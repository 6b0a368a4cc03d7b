"""Anyone can reach the service and sign in with a keyboard; the pages pass axe-core."""

import pytest

from stepup.accounts.roles import Role
from tests.factories import person_with_role
from tests.signing_in import code_for

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_with_the_keyboard_alone(page, axe):
    user = person_with_role(Role.NATIONAL_ADMIN, full_name="Keyboard User")
    page.goto("/")
    axe.check()
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Skip to main content"
    page.get_by_role("link", name="Sign in").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-in/")
    axe.check()
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill("correct-horse-battery-staple")
    page.keyboard.press("Enter")
    page.wait_for_url("**/sign-in/code/")
    axe.check()
    # The code field has the focus's next stop; typing and Enter send it.
    page.get_by_label("Code from your authenticator app").focus()
    page.keyboard.type(code_for(user))
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    axe.check()
    assert "You are signed in as Keyboard User" in page.content()


def test_wrong_password_shows_an_error_summary_that_links_to_the_field(page, axe):
    page.goto("/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    axe.check()
    summary = page.locator(".govuk-error-summary")
    assert "Enter your email address" in summary.inner_text()
    assert page.title().startswith("Error: ")
    summary.get_by_role("link", name="Enter your email address").click()
    assert page.evaluate("document.activeElement.id") == "id_email"
