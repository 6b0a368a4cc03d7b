"""A change to an approved bid is a variation the national team decides:
seen, a coordinator changed Surrey's places 8 to 9 on an approved bid in a closed cohort, the
total went to 27 against a target of 26, it stayed "Approved", and nobody was told."""

import pytest
from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.partnerships import services
from stepup.partnerships.models import PartnershipStatus, Variation, VariationStatus
from stepup.programme.models import CohortStatus
from tests.factories import person_with_role
from tests.partnerships.helpers import places_of, rows_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(mailoutbox, django_capture_on_commit_callbacks):
    def _sent():
        return django_capture_on_commit_callbacks(execute=True)

    return _sent


@pytest.fixture
def admin(db):
    return person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")


def members_of(partnership, **changed):
    rows = [(m.authority, m.places) for m in partnership.members.select_related("authority")]
    return [(authority, changed.get(authority.name, places)) for authority, places in rows]


def test_the_coordinators_change_waits_and_the_approved_figures_stand(
    partnership, coordinator, sign_in
):
    assert partnership.status == PartnershipStatus.APPROVED
    partnership.recruitment_target = 9
    partnership.save()
    before = places_of(partnership)
    client = sign_in(coordinator)
    assert (
        "Ask to change member authorities and places"
        in client.get(f"/partnerships/{partnership.pk}/").content.decode()
    )
    response = client.post(
        f"/partnerships/{partnership.pk}/places/",
        rows_post(
            "members",
            members_of(partnership, Croydon=4),
            reason="Croydon can host one more",
        ),
        follow=True,
    )
    page = response.content.decode()
    assert "sent to the national programme team" in page
    assert places_of(partnership) == before
    variation = Variation.objects.get()
    assert variation.status == VariationStatus.WAITING
    assert variation.description.splitlines() == [
        "Croydon: 3 places to 4",
        "Total places: 9 to 10, against a recruitment target of 9",
    ]
    assert "Change to the member authorities and places" in page  # listed on the page
    # Asking again while one waits is refused; so is asking for no change at all.
    with pytest.raises(ValidationError, match="already waiting"):
        services.partnership_set_members(
            actor=coordinator, partnership=partnership, members=members_of(partnership, Croydon=5)
        )


def test_asking_for_no_change_is_refused(partnership, coordinator):
    with pytest.raises(ValidationError, match="You have not changed"):
        services.partnership_set_members(
            actor=coordinator, partnership=partnership, members=members_of(partnership)
        )


def test_the_national_team_approves_and_the_coordinator_is_told(
    partnership, coordinator, admin, sign_in, sent, mailoutbox
):
    variation = services.partnership_set_members(
        actor=coordinator, partnership=partnership, members=members_of(partnership, Croydon=4)
    )
    client = sign_in(admin)
    url = f"/partnerships/{partnership.pk}/changes/{variation.pk}/"
    form = client.get(url).content.decode()
    assert "Croydon: 3 places to 4" in form and 'name="csrfmiddlewaretoken"' in form
    with sent():
        response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302
    assert places_of(partnership)["Croydon"] == 4
    variation.refresh_from_db()
    assert variation.status == VariationStatus.APPROVED
    [email] = mailoutbox
    assert email.to == [coordinator.email] and "approved" in email.subject


def test_refusing_needs_a_reason_and_changes_nothing(
    partnership, coordinator, admin, sign_in, sent, mailoutbox
):
    variation = services.partnership_set_members(
        actor=coordinator, partnership=partnership, members=members_of(partnership, Croydon=4)
    )
    client = sign_in(admin)
    url = f"/partnerships/{partnership.pk}/changes/{variation.pk}/"
    response = client.post(url, {"decision": "refuse"})
    assert "Enter why you are refusing the change" in response.content.decode()
    with sent():
        client.post(url, {"decision": "refuse", "reason": "The target is 26 places"})
    assert places_of(partnership)["Croydon"] == 3
    [email] = mailoutbox
    assert "The target is 26 places" in email.body and "approved figures stand" in email.body


def test_only_the_national_team_decides(partnership, coordinator, sign_in):
    variation = services.partnership_set_members(
        actor=coordinator, partnership=partnership, members=members_of(partnership, Croydon=4)
    )
    client = sign_in(coordinator)
    url = f"/partnerships/{partnership.pk}/changes/{variation.pk}/"
    page = client.get(url).content.decode()
    assert "the approved figures stand" in page and 'name="decision"' not in page
    assert client.post(url, {"decision": "approve"}).status_code == 403
    with pytest.raises(
        ValidationError, match="Only the national programme team can decide on this change"
    ):
        services.variation_decide(actor=coordinator, variation=variation, approve=True)
    assert places_of(partnership)["Croydon"] == 3


def test_the_national_team_changes_an_approved_bid_directly(partnership, admin):
    services.partnership_set_members(
        actor=admin, partnership=partnership, members=members_of(partnership, Croydon=4)
    )
    assert places_of(partnership)["Croydon"] == 4
    assert not Variation.objects.exists()


def test_in_a_closed_cohort_a_coordinator_changes_nothing_directly(partnership, coordinator):
    partnership.cohort.status = CohortStatus.CLOSED
    partnership.cohort.save()
    with pytest.raises(ValidationError, match="Cohort 5 is closed"):
        services.partnership_update(actor=coordinator, partnership=partnership, name="Renamed")
    # Places can still be asked for, as a variation the national team decides.
    variation = services.partnership_set_members(
        actor=coordinator, partnership=partnership, members=members_of(partnership, Croydon=4)
    )
    assert isinstance(variation, Variation)
    assert places_of(partnership)["Croydon"] == 3
