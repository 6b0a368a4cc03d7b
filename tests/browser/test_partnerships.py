"""Partnership pages in a real browser: every page, with and without errors, passes axe-core,
and the members table works without JavaScript's help."""

import datetime

import pytest
from django.core.files.base import ContentFile

from stepup.accounts.roles import Role
from stepup.partnerships import services
from stepup.partnerships.models import PartnershipStatus
from tests.factories import (
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    PartnershipUniversityFactory,
    person_with_role,
)
from tests.partnerships.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "uploads")},
        },
    }


def _partnership():
    cohort = CohortFactory(number=5, name="Cohort 5")
    partnership = PartnershipFactory(
        cohort=cohort,
        name="South East London",
        code="SEL",
        lead_authority=AuthorityFactory(name="Bromley"),
        places=[("Bromley", 4), ("Croydon", 3)],
        status=PartnershipStatus.SUBMITTED,
    )
    PartnershipUniversityFactory(partnership=partnership)
    for signed in (datetime.date(2025, 1, 6), datetime.date(2026, 1, 5)):
        services.memorandum_upload(
            actor=None,
            partnership=partnership,
            file=ContentFile(PDF_BYTES, name="memorandum.pdf"),
            signed_on=signed,
            review_on=signed + datetime.timedelta(days=365),
        )
    services.meeting_record(
        actor=None,
        partnership=partnership,
        held_on=datetime.date(2026, 1, 5),
        minutes="All partners attended.",
        decisions="Agreed the places.",
    )
    return partnership


def test_every_partnership_page_passes_axe(page, axe, browser_sign_in):
    admin = person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")
    partnership = _partnership()
    pk = partnership.pk
    browser_sign_in(admin)
    for path in [
        "/partnerships/",
        "/partnerships/?cohort=5",
        "/partnerships/?cohort=nonsense",
        "/partnerships/new/",
        f"/partnerships/{pk}/",
        f"/partnerships/{pk}/details/",
        f"/partnerships/{pk}/places/",
        f"/partnerships/{pk}/universities/",
        f"/partnerships/{pk}/memorandum/",
        f"/partnerships/{pk}/meetings/add/",
        f"/partnerships/{pk}/bid/approve/",
        f"/partnerships/{pk}/bid/return/",
    ]:
        page.goto(path)
        axe.check()

    # Pages showing errors.
    page.goto(f"/partnerships/{pk}/bid/return/")
    page.get_by_role("button", name="Return bid").click()
    axe.check()
    assert (
        "Enter why you are returning the bid" in page.locator(".govuk-error-summary").inner_text()
    )
    for path, button in [
        ("/partnerships/new/", "Create partnership"),
        (f"/partnerships/{pk}/memorandum/", "Upload memorandum"),
        (f"/partnerships/{pk}/meetings/add/", "Save meeting"),
    ]:
        page.goto(path)
        page.get_by_role("button", name=button).click()
        axe.check()
        assert page.locator(".govuk-error-summary").is_visible()


def test_members_table_add_a_row_and_fix_an_error(page, axe, browser_sign_in):
    partnership = _partnership()
    AuthorityFactory(name="Sutton")
    coordinator = person_with_role(Role.COORDINATOR, organisation=partnership.lead_authority)
    browser_sign_in(coordinator)
    page.goto(f"/partnerships/{partnership.pk}/places/")
    axe.check()
    assert page.locator("#members-table tbody tr").count() == 5
    # At 320px the rows stack with their labels shown, the Places box on screen (fault 6).
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": size["height"]})
    places = page.get_by_label("Places in row 1")
    box = places.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert page.locator("label[for=id_members-0-places]").is_visible()
    page.set_viewport_size(size)
    assert page.locator("label[for=id_members-0-places]").bounding_box()["width"] <= 1

    page.get_by_label("Places in row 2").fill("-1")
    page.get_by_role("button", name="Save members and places").click()
    axe.check()
    summary = page.locator(".govuk-error-summary")
    assert "Places must be 0 or more" in summary.inner_text()
    summary.get_by_role("link", name="Places must be 0 or more").click()
    assert page.evaluate("document.activeElement.id") == "id_members-1-places"

    page.get_by_label("Places in row 2").fill("5")
    page.get_by_role("button", name="Add another authority").click()
    axe.check()
    assert page.locator("#members-table tbody tr").count() == 6
    page.get_by_label("Authority in row 6").select_option(label="Sutton")
    page.get_by_label("Places in row 6").fill("2")
    page.get_by_role("button", name="Save members and places").click()
    axe.check()
    assert "Member authorities and places saved" in page.content()
    assert "Sutton" in page.locator("table").first.inner_text()
    assert dict(partnership.members.values_list("authority__name", "places")) == {
        "Bromley": 4,
        "Croydon": 5,
        "Sutton": 2,
    }
