"""After ``load_demo``, each demonstration person signs in and finds work or figures waiting.

The data is loaded by the command ``make run`` uses; every step after that is a click, and
axe-core checks every page on the way.
"""

import importlib
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import expect

from stepup.accounts.models import User
from stepup.demo.data import DEFAULT_PASSWORD
from tests.support.browser import give_code

pytestmark = pytest.mark.django_db(transaction=True)

ROUND_CANDIDATES = 60


@pytest.fixture
def demo(live_server):
    # An earlier browser test's flush may have taken the reasons the data migration made.
    importlib.import_module("stepup.selection.migrations.0002_default_decision_reasons").seed(
        apps, None
    )
    call_command("load_demo", round_candidates=ROUND_CANDIDATES, stdout=StringIO())


def _sign_in(page, axe, email):
    page.goto("/sign-in/")
    axe.check()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    give_code(page, axe, User.objects.get(email=email))
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    axe.check()


def _menu(page, axe, name):
    with page.expect_navigation():
        page.get_by_role("navigation", name="Service menu").get_by_role(
            "link", name=name, exact=True
        ).click()
    axe.check()


def _sign_out(page):
    page.context.clear_cookies()


def _queue_rows(page) -> int:
    return page.locator("main table tbody tr").count()


def test_each_demo_person_finds_work_waiting(demo, page, axe):
    # The candidate: their application to cohort 6, part done.
    _sign_in(page, axe, "candidate@stepup.example")
    _menu(page, axe, "Your applications")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name=re.compile(r"^SU6-")).click()
    axe.check()
    expect(page.get_by_text("You have completed 4 of 10 sections.")).to_be_visible()
    _sign_out(page)

    # The sifter at Bromley: applications to Surrey and South London, waiting for marks.
    _sign_in(page, axe, "assessor@stepup.example")
    _menu(page, axe, "Sift")
    assert _queue_rows(page) > 5
    for round_ in ("First sifter", "Second sifter", "Moderator"):
        expect(page.get_by_role("cell", name=round_, exact=True).first).to_be_visible()
    _sign_out(page)

    # The coordinator: the same queue, and the partnership they run in cohort 6.
    _sign_in(page, axe, "coordinator@stepup.example")
    _menu(page, axe, "Sift")
    assert _queue_rows(page) > 5
    _menu(page, axe, "Partnerships")
    partnership = page.get_by_role("link", name=re.compile("Surrey and South London"))
    expect(partnership.first).to_be_visible()
    _sign_out(page)

    # The contractor: referred applications waiting for an eligibility decision.
    _sign_in(page, axe, "contractor@stepup.example")
    _menu(page, axe, "Eligibility")
    assert _queue_rows(page) > 3
    _sign_out(page)

    # The analyst: cohort 6's equality figures by stage, small numbers hidden.
    _sign_in(page, axe, "national.analyst@stepup.example")
    _menu(page, axe, "Equality monitoring")
    table = page.locator("main table").first
    expect(table).to_be_visible()
    figures = [int(n) for n in re.findall(r"\b\d+\b", table.inner_text())]
    assert sum(figures) > ROUND_CANDIDATES / 2
    _sign_out(page)

    # The coordinator's offers: the first wave, one offer waiting for the reserve's answer.
    _sign_in(page, axe, "coordinator@stepup.example")
    _menu(page, axe, "Places and offers")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Surrey and South London, cohort 6")).click()
    axe.check()
    expect(page.get_by_role("cell", name="Waiting for the candidate")).to_be_visible()
    expect(page.get_by_role("cell", name="Unconditional")).to_be_visible()
    _sign_out(page)

    # The officer at Croydon: checks to make for the candidates Croydon will host.
    _sign_in(page, axe, "authority.officer@stepup.example")
    _menu(page, axe, "Checks for offers")
    expect(page.get_by_role("cell", name="Outstanding").first).to_be_visible()
    _sign_out(page)

    # The national admin: places and reserves across the country.
    _sign_in(page, axe, "national.admin@stepup.example")
    _menu(page, axe, "Places and offers")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"places and reserves\W+cohort 6")).click()
    axe.check()
    expect(page.get_by_role("link", name="Learn Together Partnership")).to_be_visible()

    # And the money: the Learn Together Partnership's evidence for its second instalment
    # waits for the national team.
    _menu(page, axe, "Funding")
    with page.expect_navigation():
        page.get_by_role("link", name="Learn Together Partnership, cohort 6").click()
    axe.check()
    expect(
        page.get_by_role("link", name=re.compile(r"Check the evidence\W+for instalment 2"))
    ).to_be_visible()
    _sign_out(page)

    # The university tutor: the first trainee's early warning, and her record.
    _sign_in(page, axe, "university.tutor@stepup.example")
    _menu(page, axe, "Early warnings")
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link").first.click()
    axe.check()
    expect(page.get_by_text("The plan does not yet meet the rules")).to_be_visible()
