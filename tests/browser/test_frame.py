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


PAGE = (
    '<!doctype html><html lang="en"><head><title>{title}</title></head>'
    "<body><main>{main}</main></body></html>"
)


def test_axe_runs_again_on_a_page_whose_structure_differs_and_finds_its_failure(page, axe):
    """A page whose markup matches one axe-core has passed is not run through it again
    (tests/browser/conftest.py): only its words or numbers may differ."""
    page.set_content(
        PAGE.format(title="Picture 1", main='<h1>One</h1><img src="1.png" alt="Picture 1">')
    )
    axe.check()
    runs = axe.runs
    page.set_content(
        PAGE.format(title="Picture 2", main='<h1>Two</h1><img src="2.png" alt="Picture 2">')
    )
    axe.check()  # the same structure: passed without running axe-core again
    assert axe.runs == runs
    page.set_content(PAGE.format(title="Picture 3", main='<h1>Three</h1><img src="3.png">'))
    with pytest.raises(AssertionError, match="image-alt"):
        axe.check()
    page.set_content(PAGE.format(title="Link 1", main='<h1>A link</h1><a href="/x">Go</a>'))
    axe.check()
    page.set_content(PAGE.format(title="Link 2", main='<h1>A link</h1><a href="/x"> </a>'))
    with pytest.raises(AssertionError, match="link-name"):
        axe.check()  # the same markup, but the link has no words
