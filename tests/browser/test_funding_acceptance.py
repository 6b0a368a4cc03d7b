"""Grant funding from start to end, in the browser (ADR 0017): the national team schedules an
instalment; the lead authority's coordinator submits its evidence; the national team accepts it
and releases the money; the coordinator transfers money to two member authorities, pays a
month's bursaries, and records a trainee leaving, who repays; the statement balances to the
penny. axe-core (A and AA) and the 320px check on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from stepup.funding.models import LedgerEntry, Repayment
from tests.funding.conftest import funding_world
from tests.support.browser import button, link, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def _statement(page, axe, person) -> None:
    sign_in_as(page, axe, person)
    axe.check()  # the page signing in leads to
    link(page, axe, "Funding")
    link(page, axe, "South London, cohort 12")


def _go(page, axe, name) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(name)).first.click()
    axe.check()


def _pay(page, axe, kind: str, pounds: str, authority: str, description: str) -> None:
    link(page, axe, "Record a payment")
    page.get_by_label(kind).check()
    page.get_by_label("Amount, in pounds").fill(pounds)
    page.get_by_label("Which authority is it for?").select_option(label=authority)
    page.get_by_label("Description").fill(description)
    button(page, axe, "Post the payment")
    expect(page.get_by_text("Payment posted")).to_be_visible()


def test_instalment_transfers_bursaries_a_repayment_and_a_balanced_statement(page, axe):
    world = funding_world()

    # The national team schedules the first instalment.
    _statement(page, axe, world.admin)
    link(page, axe, "Schedule an instalment")
    page.get_by_label("Partnership approved").check()
    page.get_by_label("Financial year it is paid in").fill("2026")
    page.get_by_label("Amount, in pounds").fill("50000")
    page.get_by_label("What evidence does it need?").fill("The signed memorandum")
    button(page, axe, "Schedule the instalment")
    expect(page.get_by_text("Instalment scheduled")).to_be_visible()

    # The lead authority submits the evidence.
    _statement(page, axe, world.coordinator)
    _go(page, axe, r"^Submit evidence\W+for instalment 1$")
    page.get_by_label("Your evidence").fill("Memorandum signed by all three authorities")
    button(page, axe, "Submit the evidence")
    expect(page.get_by_text("Evidence submitted: the national team will check it")).to_be_visible()

    # The national team accepts it and releases the instalment.
    _statement(page, axe, world.admin)
    _go(page, axe, r"^Check the evidence\W+for instalment 1$")
    page.get_by_label("Yes, accept it").check()
    button(page, axe, "Save decision")
    _go(page, axe, r"^Release\W+instalment 1$")
    button(page, axe, "Release")
    expect(page.get_by_text("Instalment released")).to_be_visible()

    # The coordinator pays two member authorities and a month's bursaries.
    _statement(page, axe, world.coordinator)
    _pay(page, axe, "Transfer to a member authority", "10000", "Croydon", "Croydon's trainees")
    _pay(page, axe, "Transfer to a member authority", "5000", "Merton", "Merton's supervision")
    link(page, axe, "Pay a month's bursaries")
    group = page.get_by_role("group", name="Which month is it for?")
    group.get_by_label("Day").fill("1")
    group.get_by_label("Month").fill("11")
    group.get_by_label("Year").fill("2026")
    button(page, axe, "Post the bursaries")
    expect(page.get_by_text("A month's bursary posted for each trainee")).to_be_visible()

    # Ben leaves; he repays the bursary he had, and it comes back into the ledger.
    link(page, axe, "Record a trainee leaving")
    page.get_by_label("Which trainee?").select_option(label="Ben")
    page.get_by_label("Why did they leave?").fill("Moved away to care for a parent")
    button(page, axe, "Record it")
    expect(page.get_by_text("Ben left on")).to_be_visible()
    expect(page.get_by_text("All £1,000 received")).to_be_visible()
    _go(page, axe, r"^Record as repaid\W+by Ben$")
    button(page, axe, "Record as repaid")
    expect(page.get_by_text("Repayment recorded")).to_be_visible()

    # The statement balances to the penny: £50,000 in, £15,000 transferred, £3,000 of
    # bursaries paid, £1,000 repaid.
    balance = page.get_by_role("term").filter(has_text="Balance").locator("xpath=..")
    expect(balance).to_contain_text("£33,000")
    assert sum(LedgerEntry.objects.values_list("amount_pence", flat=True)) == 3_300_000
    assert Repayment.objects.get().status == "settled"
