"""Steps the browser journeys share (tests/browser): each click that leads to another page
waits for it and has axe-core check it, as the ``axe`` fixture requires of every page."""

import datetime
import re

from tests.factories import PASSWORD
from tests.signing_in import code_for


def go(page, axe, action) -> None:
    """Does ``action``, waits for the page it leads to, and checks that page."""
    with page.expect_navigation():
        action()
    axe.check()


def button(page, axe, name) -> None:
    go(page, axe, lambda: page.get_by_role("button", name=name, exact=True).click())


def link(page, axe, name) -> None:
    go(page, axe, lambda: page.get_by_role("link", name=name, exact=True).first.click())


def completed(page, axe) -> None:
    """Marks a section of the application form complete and saves it."""
    page.get_by_label("Yes, I’ve completed this section").check()
    button(page, axe, "Save and continue")


def fill_date(page, legend: str, date: datetime.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(date.day))
    group.get_by_label("Month").fill(str(date.month))
    group.get_by_label("Year").fill(str(date.year))


def link_in(message) -> str:
    """The path of the emailed link in ``message``."""
    return re.search(r"http://127\.0\.0\.1:8000(/email-links/[^/\s]+/)", message.body)[1]


def give_code(page, axe, user) -> None:
    """Staff: the second step, the code their authenticator app shows now."""
    if not page.url.endswith("/sign-in/code/"):
        return
    axe.check()
    page.get_by_label("Code from your authenticator app").fill(code_for(user))
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()


def sign_in_as(page, axe, user) -> None:
    """Signs out whoever was signed in, then signs ``user`` in through the real pages."""
    page.context.clear_cookies()
    page.goto("/sign-in/")
    axe.check()
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    button(page, axe, "Sign in")
    give_code(page, axe, user)
