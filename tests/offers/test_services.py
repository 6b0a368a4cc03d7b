"""Allocation runs, offers, conditions, agreements and the reserve cascade, through the
services that the pages call."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stepup.core.models import AuditEntry
from stepup.offers import queries, services
from stepup.offers.models import (
    Agreement,
    AllocationRun,
    ConditionKind,
    ConditionStatus,
    Offer,
    OfferStatus,
    Place,
    Route,
    RunStatus,
    Terms,
)
from stepup.partnerships.models import PartnershipAuthority
from tests.offers.conftest import NOW


def _confirmed(world) -> list[Offer]:
    run = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    return services.allocation_confirm(actor=world.admin, run=run)


def _made(world) -> dict[str, Offer]:
    _confirmed(world)
    services.offers_make(actor=world.east_coordinator, partnership=world.east)
    services.offers_make(actor=world.west_coordinator, partnership=world.west)
    return {o.application.full_name: o for o in Offer.objects.select_related("application")}


def _accepted(world, offer):
    return services.offer_accept(actor=offer.application.candidate, offer=offer)


def _all_met(world, offer):
    for condition in offer.conditions.filter(status=ConditionStatus.OUTSTANDING):
        owner = (
            world.university_tutor
            if condition.kind == ConditionKind.CERTIFICATES
            else world.town_a_officer
        )
        services.condition_meet(actor=owner, condition=condition, evidence="Seen the original")


def test_a_dry_run_records_its_inputs_and_result_and_offers_nothing(world):
    run = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)

    assert run.status == RunStatus.DRY_RUN
    assert run.assignments == {
        world.ada.reference: "EAST",
        world.ben.reference: "EAST",
        world.cara.reference: None,
        world.dev.reference: "WEST",
    }
    assert run.unfilled == {"EAST": 0, "WEST": 0}
    west = next(p for p in run.inputs["programmes"] if p["code"] == "WEST")
    # West ranks its own candidate first, then the others by their composite.
    assert west["ranking"] == [
        world.dev.reference,
        world.ada.reference,
        world.ben.reference,
        world.cara.reference,
    ]
    assert not Offer.objects.exists()
    assert AuditEntry.objects.filter(event="allocation.dry_run").count() == 1


def test_a_second_dry_run_replaces_the_first_and_says_what_changed(world):
    first = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    PartnershipAuthority.objects.filter(partnership=world.west, places=1).update(places=2)

    second = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)

    first.refresh_from_db()
    assert first.status == RunStatus.SUPERSEDED
    assert second.number == 2
    assert [(c.reference, c.before, c.after) for c in queries.run_changes(second)] == [
        (world.cara.reference, None, "WEST")
    ]
    assert queries.latest_run(cohort=world.cohort) == second


def test_only_the_national_team_runs_and_confirms_the_allocation(world):
    with pytest.raises(ValidationError, match="national programme team"):
        services.allocation_dry_run(actor=world.east_coordinator, cohort=world.cohort)
    run = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    with pytest.raises(ValidationError, match="Only the national programme team can do this"):
        services.allocation_confirm(actor=world.east_coordinator, run=run)
    assert not Offer.objects.exists()


def test_a_stale_dry_run_cannot_be_confirmed(world):
    run = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    PartnershipAuthority.objects.filter(partnership=world.west, places=1).update(places=2)

    with pytest.raises(ValidationError, match="changed since this dry run"):
        services.allocation_confirm(actor=world.admin, run=run)
    later = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    with pytest.raises(ValidationError, match="latest dry run"):
        services.allocation_confirm(actor=world.admin, run=run)
    services.allocation_confirm(actor=world.admin, run=later)
    assert AllocationRun.objects.get(status=RunStatus.CONFIRMED) == later


def test_confirming_proposes_offers_with_host_authorities_for_the_coordinator(world):
    offers = _confirmed(world)

    assert {(o.application.full_name, o.partnership.code, str(o.host)) for o in offers} == {
        ("Ada", "EAST", "Town A"),
        ("Ben", "EAST", "Town A"),
        ("Dev", "WEST", "West Town"),
    }
    assert {o.status for o in offers} == {OfferStatus.PROPOSED}


def test_a_later_wave_places_those_ranked_since_in_the_places_left(world):
    _confirmed(world)
    PartnershipAuthority.objects.filter(partnership=world.west, places=1).update(places=3)
    from tests.factories import met_candidate, ranking_confirmed

    fay = met_candidate(cohort=world.cohort, partnership=world.west, composite=90)
    ranking_confirmed(cohort=world.cohort, partnership=world.west, by=world.west_coordinator)

    run = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)

    # Nobody offered before is allocated again: Fay and the reserve Cara share West's two
    # places left.
    assert run.assignments == {fay.reference: "WEST", world.cara.reference: "WEST"}
    assert {p["code"]: p["places"] for p in run.inputs["programmes"]} == {"EAST": 0, "WEST": 2}
    services.allocation_confirm(actor=world.admin, run=run)
    assert Offer.objects.filter(run=run).count() == 2


def test_the_coordinator_may_move_a_candidate_to_an_authority_with_room(world):
    offers = {o.application.full_name: o for o in _confirmed(world)}
    lead = world.east.lead_authority

    with pytest.raises(ValidationError, match="all are taken"):
        services.offer_host_change(
            actor=world.east_coordinator, offer=offers["Ada"], host_id=lead.pk
        )
    PartnershipAuthority.objects.filter(partnership=world.east, authority=lead).update(places=1)
    services.offer_host_change(actor=world.east_coordinator, offer=offers["Ada"], host_id=lead.pk)
    assert Offer.objects.get(pk=offers["Ada"].pk).host == lead
    with pytest.raises(ValidationError, match="cannot change"):
        services.offer_host_change(
            actor=world.west_coordinator, offer=offers["Ben"], host_id=lead.pk
        )


def test_making_offers_tells_each_candidate_and_sets_a_deadline(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    _confirmed(world)
    with django_capture_on_commit_callbacks(execute=True):
        made = services.offers_make(actor=world.east_coordinator, partnership=world.east)

    assert {o.status for o in made} == {OfferStatus.MADE}
    # Seven days by default, to the end of the day.
    assert {timezone.localtime(o.respond_by) for o in made} == {
        timezone.make_aware(datetime.datetime(2027, 6, 8, 23, 59))
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [world.ada.candidate.email, world.ben.candidate.email]
    )
    assert "accept or decline it by 8 June 2027" in mailoutbox[0].body
    with pytest.raises(ValidationError, match="cannot make"):
        services.offers_make(actor=world.east_coordinator, partnership=world.west)


def test_accepting_takes_a_place_and_lists_the_conditions_with_their_owners(world):
    offer = _made(world)["Ada"]

    _accepted(world, offer)

    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert offer.place.authority.name == "Town A"
    assert {(c.kind, c.owner.name) for c in offer.conditions.all()} == {
        (ConditionKind.DBS, "Town A"),
        (ConditionKind.REFERENCES, "Town A"),
        (ConditionKind.RIGHT_TO_WORK, "Town A"),
        (ConditionKind.CERTIFICATES, "University of the East"),
        (ConditionKind.IDENTITY, "Town A"),
        (ConditionKind.HEALTH, "Town A"),
    }


def test_only_the_candidate_answers_their_offer(world):
    offers = _made(world)
    with pytest.raises(ValidationError, match="not your offer"):
        services.offer_accept(actor=world.ben.candidate, offer=offers["Ada"])
    with pytest.raises(ValidationError, match="not your offer"):
        services.offer_decline(actor=world.east_coordinator, offer=offers["Ada"])


def test_a_decline_offers_the_place_to_the_partnerships_own_reserve(world):
    offers = _made(world)

    services.offer_decline(actor=world.ben.candidate, offer=offers["Ben"])

    reserve = Offer.objects.get(application=world.cara)
    assert reserve.status == OfferStatus.MADE
    assert reserve.partnership == world.east
    assert reserve.route == Route.OWN_RESERVE
    assert reserve.replaces == offers["Ben"]
    assert reserve.host.name == "Town A"
    assert reserve.respond_by > NOW
    _accepted(world, reserve)
    assert Offer.objects.get(pk=reserve.pk).status == OfferStatus.ACCEPTED


def test_a_missed_deadline_is_a_decline_and_a_late_answer_is_refused(world, time_machine):
    offers = _made(world)
    time_machine.move_to(NOW + datetime.timedelta(days=8), tick=False)

    with pytest.raises(ValidationError, match="time to answer this offer has passed"):
        services.offer_accept(actor=world.ben.candidate, offer=offers["Ben"])

    assert Offer.objects.get(pk=offers["Ben"].pk).status == OfferStatus.LAPSED
    assert Offer.objects.get(application=world.cara).route == Route.OWN_RESERVE
    # The daily sweep lapses the others, and their places go on.
    assert services.offers_lapse_due() == 2
    assert Offer.objects.filter(status=OfferStatus.LAPSED).count() == 3


def test_with_no_own_reserve_the_place_goes_to_one_who_said_they_would_move(world):
    offers = _made(world)
    services.offer_decline(actor=world.ben.candidate, offer=offers["Ben"])  # Cara to East
    services.offer_decline(
        actor=world.cara.candidate, offer=Offer.objects.get(application=world.cara)
    )
    # Nobody else chose East, and Dev already has West: the place waits for the pool.
    assert queries.live_count(world.east) == 1


def test_a_withdrawn_offer_keeps_its_reason_and_frees_its_place(world):
    offers = _made(world)
    _accepted(world, offers["Ben"])

    with pytest.raises(ValidationError, match="reason"):
        services.offer_withdraw(actor=world.east_coordinator, offer=offers["Ben"], reason=" ")
    with pytest.raises(ValidationError, match="You cannot make this change"):
        services.offer_withdraw(
            actor=world.west_coordinator, offer=offers["Ben"], reason="Not ours"
        )
    services.offer_withdraw(
        actor=world.east_coordinator,
        offer=offers["Ben"],
        reason="The degree certificate does not match the application",
    )

    ben = Offer.objects.get(pk=offers["Ben"].pk)
    assert ben.status == OfferStatus.WITHDRAWN
    assert ben.closing_reason == "The degree certificate does not match the application"
    cara = Offer.objects.get(application=world.cara)
    assert cara.replaces == ben
    _accepted(world, cara)
    assert Offer.objects.get(pk=cara.pk).place == ben.place


def test_the_national_pool_fills_what_reserves_cannot(world):
    offers = _made(world)
    services.offer_decline(actor=world.ben.candidate, offer=offers["Ben"])
    cara = Offer.objects.get(application=world.cara)
    services.offer_decline(actor=world.cara.candidate, offer=cara)
    from tests.factories import met_candidate

    # Eve met the benchmark at West, chose only West and would not move: the national team
    # puts her in the pool, and the next freed place is hers.
    eve = met_candidate(cohort=world.cohort, partnership=world.west, composite=55)
    entry = services.pool_add(actor=world.admin, application=eve)
    with pytest.raises(ValidationError, match="already in the national pool"):
        services.pool_add(actor=world.admin, application=eve)
    assert entry.cohort == world.cohort

    made = services.places_fill(actor=world.admin, cohort=world.cohort)

    assert [(o.application, o.partnership, o.route) for o in made] == [
        (eve, world.east, Route.NATIONAL_POOL)
    ]


def test_closing_recruitment_stops_offers(world):
    offers = _made(world)
    services.recruitment_close(actor=world.admin, cohort=world.cohort, reason="Start is near")

    services.offer_decline(actor=world.ben.candidate, offer=offers["Ben"])

    assert not Offer.objects.filter(application=world.cara).exists()
    # An offer already made can still be answered.
    services.offer_accept(actor=world.ada.candidate, offer=offers["Ada"])
    with pytest.raises(ValidationError, match="has closed"):
        services.places_fill(actor=world.admin, cohort=world.cohort)


def test_each_owner_verifies_their_own_conditions_and_the_last_makes_it_unconditional(world):
    offer = _made(world)["Ada"]
    _accepted(world, offer)
    certificates = offer.conditions.get(kind=ConditionKind.CERTIFICATES)
    dbs = offer.conditions.get(kind=ConditionKind.DBS)

    with pytest.raises(ValidationError, match="You cannot make this change"):
        services.condition_meet(actor=world.town_a_officer, condition=certificates, evidence="x")
    with pytest.raises(ValidationError, match="Enter the evidence"):
        services.condition_meet(actor=world.town_a_officer, condition=dbs, evidence=" ")
    services.condition_meet(
        actor=world.town_a_officer, condition=dbs, evidence="Certificate 001234567890"
    )
    dbs.refresh_from_db()
    assert (dbs.status, dbs.verified_by, dbs.verified_at) == (
        ConditionStatus.MET,
        world.town_a_officer,
        NOW,
    )
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.ACCEPTED
    assert not Agreement.objects.exists()

    _all_met(world, Offer.objects.get(pk=offer.pk))

    offer.refresh_from_db()
    assert offer.status == OfferStatus.UNCONDITIONAL
    assert offer.agreement.sign_by == datetime.date(2027, 8, 9)  # 28 days before the start


def test_a_condition_met_by_mistake_can_be_reopened_with_a_reason(world):
    offer = _made(world)["Ada"]
    _accepted(world, offer)
    dbs = offer.conditions.get(kind=ConditionKind.DBS)
    services.condition_meet(actor=world.town_a_officer, condition=dbs, evidence="Seen")

    with pytest.raises(ValidationError, match="reason"):
        services.condition_reopen(actor=world.town_a_officer, condition=dbs, reason="")
    services.condition_reopen(actor=world.town_a_officer, condition=dbs, reason="Wrong person")

    dbs.refresh_from_db()
    assert dbs.status == ConditionStatus.OUTSTANDING and dbs.verified_by is None


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("bursary", "Ada will receive a training bursary of £19,833, paid monthly."),
        ("employment", "Ada will be employed by Town A on a fixed-term contract"),
        ("guaranteed_job", "offered a post as a newly qualified social worker with Town A"),
        ("tie_in", "within six months of completing the programme, they will repay £3,000"),
    ],
)
def test_the_agreement_follows_the_partnerships_template_and_contract_model(world, model, expected):
    world.east.contract_model = model
    world.east.tie_in_amount_pence = 300_000
    world.east.save()
    services.terms_save(
        actor=world.east_coordinator,
        partnership=world.east,
        bursary_pence=1_983_300,
        repayment_terms="If you leave, you repay what you have received.",
    )
    offer = _made(world)["Ada"]
    _accepted(world, offer)
    _all_met(world, offer)

    text = Agreement.objects.get(offer=offer).text
    assert expected in text
    assert text.startswith("This agreement is between Ada and East Lead Council")
    assert "placed with Town A" in text and "University of the East" in text
    assert "$" not in text


def test_agreements_not_signed_in_time_are_shown_to_the_coordinator(world, time_machine):
    offer = _made(world)["Ada"]
    _accepted(world, offer)
    _all_met(world, offer)
    agreement = Agreement.objects.get(offer=offer)
    services.agreement_record(
        actor=world.east_coordinator, agreement=agreement, sent_on=NOW.date(), signed_on=None
    )
    assert queries.late_agreements(partnership=world.east, today=datetime.date(2027, 8, 8)) == []

    late = queries.late_agreements(partnership=world.east, today=datetime.date(2027, 8, 9))

    assert [o.pk for o in late] == [offer.pk]
    with pytest.raises(ValidationError, match="on or after"):
        services.agreement_record(
            actor=world.east_coordinator,
            agreement=agreement,
            sent_on=None,
            signed_on=NOW.date() - datetime.timedelta(days=1),
        )
    services.agreement_record(
        actor=world.east_coordinator, agreement=agreement, sent_on=None, signed_on=NOW.date()
    )
    assert queries.late_agreements(partnership=world.east, today=datetime.date(2027, 8, 9)) == []


def test_terms_are_checked_before_they_are_saved(world):
    with pytest.raises(ValidationError, match="greater than or equal to 1"):
        services.terms_save(
            actor=world.east_coordinator, partnership=world.east, respond_within_days=0
        )
    assert not Terms.objects.exists()


def test_the_last_place_goes_to_the_first_to_accept(world):
    """Two offers for East's last place (the pool's "first to accept"): one gets it."""
    offers = _made(world)
    _accepted(world, offers["Ada"])
    services.offer_decline(actor=world.ben.candidate, offer=offers["Ben"])
    from tests.factories import met_candidate

    extra = met_candidate(cohort=world.cohort, partnership=world.east, composite=50)
    second = Offer.objects.create(
        application=extra,
        partnership=world.east,
        host=offers["Ada"].host,
        route=Route.NATIONAL_POOL,
        status=OfferStatus.MADE,
        respond_by=NOW + datetime.timedelta(days=2),
    )
    _accepted(world, Offer.objects.get(application=world.cara))

    with pytest.raises(ValidationError, match="last place has just been taken"):
        services.offer_accept(actor=extra.candidate, offer=second)
    assert Offer.objects.get(pk=second.pk).status == OfferStatus.MADE


def test_the_database_refuses_a_place_held_twice(world):
    offers = _made(world)
    _accepted(world, offers["Ada"])
    place = Offer.objects.get(pk=offers["Ada"].pk).place

    with (
        pytest.raises(IntegrityError, match=r"offer_place_held_once|offers_offer\.place_id"),
        transaction.atomic(),
    ):
        Offer.objects.filter(pk=offers["Ben"].pk).update(status=OfferStatus.ACCEPTED, place=place)
    with pytest.raises(IntegrityError, match="offer_held_has_place"), transaction.atomic():
        Offer.objects.filter(pk=offers["Ben"].pk).update(status=OfferStatus.ACCEPTED)
    assert Place.objects.filter(partnership=world.east).count() == 2


def test_withdrawing_the_application_gives_up_the_offer_and_its_place(world):
    from stepup.candidates.services import application_withdraw

    offers = _made(world)
    _accepted(world, offers["Ben"])

    application_withdraw(candidate=world.ben.candidate, application=world.ben, reason="A job")

    ben = Offer.objects.get(pk=offers["Ben"].pk)
    assert ben.status == OfferStatus.WITHDRAWN
    assert ben.closing_reason == "The candidate withdrew their application"
    assert Offer.objects.get(application=world.cara).replaces == ben


def test_the_daily_command_lapses_what_is_due(world, time_machine):
    from io import StringIO

    from django.core.management import call_command

    _made(world)
    out = StringIO()
    call_command("lapse_offers", stdout=out)
    assert out.getvalue().strip() == "0 offers lapsed"
    time_machine.move_to(NOW + datetime.timedelta(days=8), tick=False)
    call_command("lapse_offers", stdout=out)
    assert "3 offers lapsed" in out.getvalue()
