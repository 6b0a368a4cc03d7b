"""The bid: draft → submitted → approved, or returned with a reason and resubmitted."""

import pytest
from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.partnerships import services
from stepup.partnerships.models import Partnership, PartnershipStatus
from tests.factories import (
    AuthorityFactory,
    PartnershipFactory,
    PartnershipUniversityFactory,
    UniversityFactory,
    person_with_role,
)
from tests.partnerships.helpers import history_count, rows_post


@pytest.fixture
def draft(partnership):
    partnership.status = PartnershipStatus.DRAFT
    partnership.save()
    return partnership


def status_of(partnership) -> str:
    partnership.refresh_from_db()
    return partnership.status


@pytest.mark.django_db
def test_coordinator_submits_a_complete_bid(sign_in, draft, coordinator):
    client = sign_in(coordinator)
    detail = client.get(f"/partnerships/{draft.pk}/").content.decode()
    assert "Submit bid" in detail
    assert "Approve bid" not in detail

    page = client.get(f"/partnerships/{draft.pk}/bid/submit/")
    assert page.status_code == 200
    response = client.post(f"/partnerships/{draft.pk}/bid/submit/", {"reason": ""})

    assert response.status_code == 302
    assert status_of(draft) == PartnershipStatus.SUBMITTED
    [entry] = history_for(draft)
    assert entry.summary == "Submitted the bid"
    assert entry.actor == coordinator
    assert entry.changes == [{"field": "Bid status", "before": "Draft", "after": "Bid submitted"}]


@pytest.mark.django_db
def test_an_incomplete_bid_cannot_be_submitted_and_says_what_is_missing(
    sign_in, cohort, coordinator, bromley
):
    bare = PartnershipFactory(
        cohort=cohort, lead_authority=bromley, status=PartnershipStatus.DRAFT, places=[]
    )
    client = sign_in(coordinator)
    page = client.get(f"/partnerships/{bare.pk}/bid/submit/").content.decode()
    assert "Give at least one member authority 1 or more places" in page
    assert "Add at least one university" in page

    response = client.post(f"/partnerships/{bare.pk}/bid/submit/", {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Give at least one member authority 1 or more places" in html
    assert "Add at least one university" in html
    assert status_of(bare) == PartnershipStatus.DRAFT
    assert history_count(bare) == 0


@pytest.mark.django_db
def test_submitting_needs_the_lead_authority_among_the_members(cohort, bromley):
    bare = PartnershipFactory(
        cohort=cohort, lead_authority=bromley, status=PartnershipStatus.DRAFT, places=[]
    )
    bare.members.all().delete()
    bare.members.create(authority=AuthorityFactory(name="Croydon"), places=3)
    PartnershipUniversityFactory(partnership=bare)
    with pytest.raises(
        ValidationError, match="Add the lead authority, Bromley, to the member authorities"
    ) as error:
        services.partnership_transition(
            actor=None, partnership=bare, to_status=PartnershipStatus.SUBMITTED
        )
    assert error.value.messages == ["Add the lead authority, Bromley, to the member authorities"]


@pytest.mark.django_db
def test_national_admin_approves_a_submitted_bid(sign_in, draft, coordinator, national_admin):
    services.partnership_transition(
        actor=coordinator, partnership=draft, to_status=PartnershipStatus.SUBMITTED
    )
    client = sign_in(national_admin)
    assert "Approve bid" in client.get(f"/partnerships/{draft.pk}/").content.decode()
    response = client.post(f"/partnerships/{draft.pk}/bid/approve/", {"reason": ""})
    assert response.status_code == 302
    assert status_of(draft) == PartnershipStatus.APPROVED
    assert history_for(draft).first().summary == "Approved the bid"


@pytest.mark.django_db
def test_a_coordinator_cannot_approve_their_own_bid(sign_in, draft, coordinator):
    services.partnership_transition(
        actor=coordinator, partnership=draft, to_status=PartnershipStatus.SUBMITTED
    )
    client = sign_in(coordinator)
    assert client.get(f"/partnerships/{draft.pk}/bid/approve/").status_code == 403
    assert client.post(f"/partnerships/{draft.pk}/bid/approve/", {}).status_code == 403
    assert status_of(draft) == PartnershipStatus.SUBMITTED

    with pytest.raises(ValidationError, match="You cannot make this change"):
        services.partnership_transition(
            actor=coordinator, partnership=draft, to_status=PartnershipStatus.APPROVED
        )
    assert status_of(draft) == PartnershipStatus.SUBMITTED
    assert history_count(draft) == 1  # the submission only


@pytest.mark.django_db
def test_returning_a_bid_needs_a_reason_which_the_partnership_then_sees(
    sign_in, draft, coordinator, national_admin
):
    services.partnership_transition(
        actor=coordinator, partnership=draft, to_status=PartnershipStatus.SUBMITTED
    )
    client = sign_in(national_admin)
    response = client.post(f"/partnerships/{draft.pk}/bid/return/", {"reason": "  "})
    assert "Enter why you are returning the bid" in response.content.decode()
    assert status_of(draft) == PartnershipStatus.SUBMITTED

    reason = "Croydon's places are not yet agreed by its director."
    response = client.post(f"/partnerships/{draft.pk}/bid/return/", {"reason": reason})
    assert response.status_code == 302
    assert status_of(draft) == PartnershipStatus.RETURNED
    entry = history_for(draft).first()
    assert entry.summary == "Returned the bid"
    assert entry.reason == reason

    page = sign_in(coordinator).get(f"/partnerships/{draft.pk}/").content.decode()
    assert "Why the bid was returned" in page
    assert "Croydon&#39;s places are not yet agreed by its director." in page
    assert "Resubmit bid" in page

    response = sign_in(coordinator).post(f"/partnerships/{draft.pk}/bid/resubmit/", {})
    assert response.status_code == 302
    assert status_of(draft) == PartnershipStatus.SUBMITTED
    draft.refresh_from_db()
    assert draft.return_reason == ""


@pytest.mark.django_db
def test_a_step_that_no_longer_applies_goes_back_to_the_partnership(
    sign_in, partnership, national_admin
):
    # Already approved: the approve page cannot approve it again.
    response = sign_in(national_admin).post(f"/partnerships/{partnership.pk}/bid/approve/", {})
    assert response.status_code == 302
    assert history_count(partnership) == 0


@pytest.mark.django_db
def test_a_loader_with_no_person_may_move_a_bid_but_a_person_without_the_role_may_not(draft):
    analyst = person_with_role(Role.NATIONAL_ANALYST)
    with pytest.raises(ValidationError, match="You cannot make this change"):
        services.partnership_transition(
            actor=analyst, partnership=draft, to_status=PartnershipStatus.SUBMITTED
        )
    services.partnership_transition(
        actor=None, partnership=draft, to_status=PartnershipStatus.SUBMITTED
    )
    services.partnership_transition(
        actor=None, partnership=draft, to_status=PartnershipStatus.APPROVED
    )
    assert status_of(draft) == PartnershipStatus.APPROVED
    assert {entry.actor_label for entry in history_for(draft)} == {"System"}


@pytest.mark.django_db
def test_national_admin_sets_up_and_approves_a_partnership_through_the_pages(
    sign_in, national_admin, cohort
):
    """Seed 003: Bromley leads, with Croydon and Lewisham, and one university."""
    bromley, croydon, lewisham = (
        AuthorityFactory(name=name) for name in ("Bromley", "Croydon", "Lewisham")
    )
    kent = UniversityFactory(name="University of Kent")
    client = sign_in(national_admin)

    response = client.post(
        "/partnerships/new/",
        {
            "cohort": str(cohort.number),
            "name": "South London",
            "code": "SLP",
            "lead_authority": str(bromley.pk),
            "coordinator": "",
            "contract_model": "bursary",
            "recruitment_target": "26",
        },
    )
    partnership = Partnership.objects.get(code="SLP")
    assert response["Location"] == f"/partnerships/{partnership.pk}/"

    response = client.post(
        f"/partnerships/{partnership.pk}/places/",
        rows_post("members", [(bromley, 10), (croydon, 9), (lewisham, 7)], blank_rows=3),
    )
    assert response.status_code == 302
    response = client.post(
        f"/partnerships/{partnership.pk}/universities/",
        rows_post("universities", [(kent, "both")], blank_rows=3),
    )
    assert response.status_code == 302
    assert client.post(f"/partnerships/{partnership.pk}/bid/submit/", {}).status_code == 302
    assert client.post(f"/partnerships/{partnership.pk}/bid/approve/", {}).status_code == 302

    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert status_of(partnership) == PartnershipStatus.APPROVED
    assert "Bromley (lead)" in page
    assert ">26</strong>" in page  # total places: 10 + 9 + 7
    assert [entry.summary for entry in history_for(partnership)] == [
        "Approved the bid",
        "Submitted the bid",
        "Changed universities",
        "Changed member authorities and places",
        "Created the partnership",
    ]
