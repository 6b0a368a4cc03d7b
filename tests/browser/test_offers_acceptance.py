"""Allocation and offers from start to end, in the browser (ADR 0016): the national team runs
the allocation as a dry run and confirms it; East's coordinator makes the offers; Ada accepts;
Ben declines, and his place goes at once to Cara, East's reserve, who accepts; Town A's officer
and the university's tutor each record the checks they own; Ada's offer becomes unconditional
and her agreement is generated from East's terms, which her coordinator reads and she sees.
axe-core (A and AA) and the 320px check on every page visited."""

import re

import pytest
from playwright.sync_api import expect

from stepup.offers.models import Agreement, Offer, OfferStatus, Route
from stepup.programme.models import CohortStatus
from tests.offers.conftest import allocation_world
from tests.support.browser import button, link, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def _goto(page, axe, path: str) -> None:
    page.goto(path)
    axe.check()


def _offer_page(page, axe, application) -> None:
    _goto(page, axe, f"/applications/{application.reference}/status/")
    link(page, axe, "You have been offered a place: read your offer and answer it")


def _answer(page, axe, application, answer: str) -> None:
    sign_in_as(page, axe, application.candidate)
    _offer_page(page, axe, application)
    expect(page.get_by_text(re.compile(r"Answer by \d+ \w+ \d{4}"))).to_be_visible()
    page.get_by_label(answer).check()
    button(page, axe, "Send your answer")


def _record_checks(page, axe, person, who: str, kinds) -> None:
    sign_in_as(page, axe, person)
    link(page, axe, "Checks for offers")
    for kind in kinds:
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile(rf"^{kind}\W+for {who}$")).click()
        axe.check()
        page.get_by_label("What did you check?").fill(f"{kind}: seen in the original")
        button(page, axe, "Record as met")
        expect(page.get_by_text(f"{kind}: recorded as met")).to_be_visible()
        link(page, axe, "Checks for offers")


def test_allocation_offers_a_decline_to_the_reserve_checks_and_the_agreement(page, axe):
    world = allocation_world(status=CohortStatus.RECRUITING)

    # The national team: a dry run, read, then confirmed.
    sign_in_as(page, axe, world.admin)
    link(page, axe, "Places and offers")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"allocation of places\W+cohort 9")).click()
    axe.check()
    button(page, axe, "Run the allocation")
    expect(page.get_by_text("Run 1 is a dry run: nobody has been offered a place.")).to_be_visible()
    expect(page.get_by_text("East (EAST): 2 of 2 places")).to_be_visible()
    expect(page.get_by_text(f"Cara ({world.cara.reference})")).to_be_visible()
    button(page, axe, "Confirm this allocation")
    expect(page.get_by_text("Allocation confirmed")).to_be_visible()

    # East's coordinator makes the offers, each candidate hosted by Town A.
    sign_in_as(page, axe, world.east_coordinator)
    link(page, axe, "Places and offers")
    link(page, axe, "East, cohort 9")
    expect(page.get_by_text("The allocation has placed 2 candidates here")).to_be_visible()
    button(page, axe, "Make these offers")
    expect(page.get_by_text("Offers made: each candidate has been emailed")).to_be_visible()

    # Ada accepts; Ben declines, and the place goes to Cara, who accepts.
    _answer(page, axe, world.ada, "Yes, I accept the place")
    expect(page.get_by_text("Enhanced DBS check: not done yet")).to_be_visible()
    _answer(page, axe, world.ben, "No, I decline the place")
    expect(page.get_by_text("You have declined the place.")).to_be_visible()
    cara = Offer.objects.get(application=world.cara)
    assert (cara.route, cara.replaces.application) == (Route.OWN_RESERVE, world.ben)
    _answer(page, axe, world.cara, "Yes, I accept the place")
    expect(page.get_by_text("You have accepted the place.")).to_be_visible()

    # Each owner records the checks their organisation makes: Town A's officer five, the
    # university's tutor the certificates. The last makes Ada's offer unconditional.
    _record_checks(
        page,
        axe,
        world.town_a_officer,
        "Ada",
        ("Enhanced DBS check", "Two references", "Right to work or visa", "Identity"),
    )
    _record_checks(page, axe, world.university_tutor, "Ada", ("Degree and GCSE certificates",))
    assert Offer.objects.get(application=world.ada).status == OfferStatus.ACCEPTED
    _record_checks(page, axe, world.town_a_officer, "Ada", ("Health check",))
    ada = Offer.objects.get(application=world.ada)
    assert ada.status == OfferStatus.UNCONDITIONAL
    assert Agreement.objects.filter(offer=ada).exists()

    # The coordinator reads the agreement, generated from East's terms.
    sign_in_as(page, axe, world.east_coordinator)
    link(page, axe, "Places and offers")
    link(page, axe, "East, cohort 9")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^Ada\W+application")).click()
    axe.check()
    expect(page.get_by_role("cell", name="Health check", exact=True)).to_be_visible()
    link(page, axe, "Read or print the agreement")
    expect(page.get_by_text("This agreement is between Ada and East Lead Council")).to_be_visible()

    # And Ada sees her place confirmed, with her agreement.
    sign_in_as(page, axe, world.ada.candidate)
    _goto(page, axe, f"/applications/{world.ada.reference}/offer/")
    expect(page.get_by_text("Your place is confirmed")).to_be_visible()
    expect(page.get_by_text("placed with Town A", exact=False)).to_be_visible()
