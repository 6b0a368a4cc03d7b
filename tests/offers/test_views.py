"""The allocation and offer pages, used as their people use them: over HTTP, signed in."""

import re

import pytest
from django.urls import reverse

from stepup.offers import services
from stepup.offers.models import (
    AllocationRun,
    Condition,
    ConditionKind,
    ConditionStatus,
    Offer,
    OfferStatus,
    PoolEntry,
    RecruitmentClosure,
    RunStatus,
    Terms,
)
from tests.factories import met_candidate, ranking_confirmed

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def _summary(text: str) -> str:
    start = text.index("govuk-error-summary")
    return text[start : text.index("</ul>", start)]


def _made(world):
    run = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    services.allocation_confirm(actor=world.admin, run=run)
    services.offers_make(actor=world.east_coordinator, partnership=world.east)
    services.offers_make(actor=world.west_coordinator, partnership=world.west)
    return {o.application.full_name: o for o in Offer.objects.select_related("application")}


def test_the_national_team_runs_checks_and_confirms_the_allocation(world, sign_in):
    client = sign_in(world.admin)
    page = reverse("offers:allocation", kwargs={"number": world.cohort.number})
    assert "No allocation has been run" in _text(client.get(page))

    response = client.post(reverse("offers:allocation-run", kwargs={"number": 9}), follow=True)

    text = _text(response)
    assert "Run 1 is a dry run: nobody has been offered a place." in text
    assert "East (EAST): 2 of 2 places" in text
    assert f"Cara ({world.cara.reference})" in text
    run = AllocationRun.objects.get()
    download = client.get(
        reverse("offers:allocation-input", kwargs={"number": 9, "run_pk": run.pk})
    )
    assert download["Content-Disposition"] == (
        'attachment; filename="allocation-cohort-9-run-1.json"'
    )
    assert download.json() == run.inputs
    response = client.post(
        reverse("offers:allocation-confirm", kwargs={"number": 9, "run_pk": run.pk}), follow=True
    )
    assert "Allocation confirmed" in _text(response)
    assert AllocationRun.objects.get().status == RunStatus.CONFIRMED
    assert Offer.objects.filter(status=OfferStatus.PROPOSED).count() == 3


def test_a_coordinator_reads_the_allocation_but_cannot_run_it(world, sign_in):
    services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    client = sign_in(world.east_coordinator)

    text = _text(client.get(reverse("offers:allocation", kwargs={"number": 9})))

    assert "East (EAST): 2 of 2 places" in text
    assert "Confirm this allocation" not in text
    assert client.post(reverse("offers:allocation-run", kwargs={"number": 9})).status_code == 403


def test_the_coordinator_moves_a_host_and_makes_the_offers(world, sign_in):
    run = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    services.allocation_confirm(actor=world.admin, run=run)
    client = sign_in(world.east_coordinator)
    page = reverse("offers:partnership-offers", kwargs={"pk": world.east.pk})
    text = _text(client.get(page))
    assert "The allocation has placed 2 candidates here" in text
    ada = Offer.objects.get(application=world.ada)

    response = client.post(
        reverse("offers:offer-detail", kwargs={"offer_pk": ada.pk}),
        {"host": world.east.lead_authority.pk},
    )
    assert "East Lead Council has 0 places and all are taken: choose another authority" in (
        _summary(_text(response))
    )
    response = client.post(reverse("offers:offers-make", kwargs={"pk": world.east.pk}), follow=True)

    assert "Offers made" in _text(response)
    assert set(Offer.objects.filter(partnership=world.east).values_list("status", flat=True)) == {
        OfferStatus.MADE
    }


def test_a_candidate_accepts_and_another_declines_which_offers_the_reserve_a_place(
    world, sign_in, client
):
    _made(world)
    sign_in(world.ada.candidate)
    status = reverse("applications:status", kwargs={"reference": world.ada.reference})
    assert "You have been offered a place: read your offer and answer it" in _text(
        client.get(status)
    )
    page = reverse("applications:offer", kwargs={"reference": world.ada.reference})
    text = _text(client.get(page))
    assert re.search(r"Where you will work ?</dt> ?<dd[^>]*> ?Town A", text)
    assert "Answer by 8 June 2027 at 11:59pm" in text

    response = client.post(page, {})
    assert "Select whether you accept or decline the place" in _summary(_text(response))
    response = client.post(page, {"answer": "accept"}, follow=True)

    text = _text(response)
    assert "You have accepted the place" in text
    assert "Enhanced DBS check: not done yet" in text
    client.logout()
    sign_in(world.ben.candidate)
    page = reverse("applications:offer", kwargs={"reference": world.ben.reference})
    response = client.post(page, {"answer": "decline"}, follow=True)
    assert "You have declined the place" in _text(response)
    assert Offer.objects.get(application=world.cara).status == OfferStatus.MADE


def test_a_candidate_cannot_answer_after_the_deadline(world, sign_in, client, time_machine):
    import datetime

    from tests.offers.conftest import NOW

    _made(world)
    time_machine.move_to(NOW + datetime.timedelta(days=7, hours=15), tick=False)
    sign_in(world.ada.candidate)
    page = reverse("applications:offer", kwargs={"reference": world.ada.reference})

    text = _text(client.get(page))

    assert "You did not answer this offer by 8 June 2027 at 11:59pm" in text
    assert "Send your answer" not in text
    assert Offer.objects.get(application=world.ada).status == OfferStatus.LAPSED


def test_the_owner_records_a_check_and_an_empty_one_is_refused(world, sign_in):
    offer = _made(world)["Ada"]
    services.offer_accept(actor=world.ada.candidate, offer=offer)
    dbs = Condition.objects.get(offer=offer, kind=ConditionKind.DBS)
    client = sign_in(world.town_a_officer)
    text = _text(client.get(reverse("offers:conditions")))
    assert "Enhanced DBS check" in text and "Degree and GCSE certificates" not in text
    page = reverse("offers:condition", kwargs={"condition_pk": dbs.pk})

    response = client.post(page, {"evidence": "  "})
    assert "Enter what you checked, such as the certificate number" in _summary(_text(response))
    response = client.post(page, {"evidence": "DBS 001234567890, 2 June 2027"}, follow=True)

    assert "Enhanced DBS check: recorded as met" in _text(response)
    assert Condition.objects.get(pk=dbs.pk).status == ConditionStatus.MET
    certificates = Condition.objects.get(offer=offer, kind=ConditionKind.CERTIFICATES)
    url = reverse("offers:condition", kwargs={"condition_pk": certificates.pk})
    assert client.get(url).status_code == 404


def test_withdrawing_needs_a_reason(world, sign_in):
    offer = _made(world)["Ben"]
    client = sign_in(world.east_coordinator)
    page = reverse("offers:offer-withdraw", kwargs={"offer_pk": offer.pk})

    response = client.post(page, {"reason": ""})
    assert "Enter why you are withdrawing the offer" in _summary(_text(response))
    response = client.post(page, {"reason": "Did not declare a caution"}, follow=True)

    assert "Offer withdrawn" in _text(response)
    assert "Reason: Did not declare a caution" in _text(response)
    assert Offer.objects.get(pk=offer.pk).status == OfferStatus.WITHDRAWN


def test_terms_are_checked_and_saved(world, sign_in):
    client = sign_in(world.east_coordinator)
    page = reverse("offers:terms", kwargs={"pk": world.east.pk})
    assert "$contract_terms" in _text(client.get(page))
    form = {
        "bursary_pence": "£19,833",
        "repayment_terms": "",
        "repayment_basis": "pro_rata",
        "respond_within_days": "0",
        "sign_by_days_before_start": "many",
        "template": "",
    }

    summary = _summary(_text(client.post(page, form)))
    assert "A candidate must have at least 1 day to answer" in summary
    assert "Enter the number of days as a whole number, like 28" in summary
    assert "Enter the agreement" in summary
    assert not Terms.objects.exists()
    form |= {"respond_within_days": "5", "sign_by_days_before_start": "21", "template": "$trainee"}
    client.post(page, form)

    terms = Terms.objects.get()
    assert (terms.bursary_pence, terms.respond_within_days) == (1_983_300, 5)


def test_agreement_dates_must_make_sense(world, sign_in):
    offer = _made(world)["Ada"]
    services.offer_accept(actor=world.ada.candidate, offer=offer)
    for condition in offer.conditions.all():
        owner = (
            world.university_tutor
            if condition.kind == ConditionKind.CERTIFICATES
            else world.town_a_officer
        )
        services.condition_meet(actor=owner, condition=condition, evidence="Seen")
    client = sign_in(world.east_coordinator)
    text = _text(client.get(reverse("offers:agreement", kwargs={"offer_pk": offer.pk})))
    assert "This agreement is between Ada and East Lead Council" in text
    page = reverse("offers:agreement-dates", kwargs={"offer_pk": offer.pk})

    summary = _summary(_text(client.post(page, {})))
    assert "Enter the date it was sent or the date it was signed" in summary
    bad = {"sent_on-day": "31", "sent_on-month": "2", "sent_on-year": "2027"}
    assert "The date it was sent must be a real date" in _summary(_text(client.post(page, bad)))
    later = {"signed_on-day": "2", "signed_on-month": "6", "signed_on-year": "2027"}
    assert "Enter the date it was sent before" in _summary(_text(client.post(page, later)))
    good = {"sent_on-day": "1", "sent_on-month": "6", "sent_on-year": "2027"}
    assert "Agreement dates saved" in _text(client.post(page, good, follow=True))


def test_the_national_view_shows_places_the_pool_and_closes_recruitment(world, sign_in):
    offers = _made(world)
    services.offer_decline(actor=world.ben.candidate, offer=offers["Ben"])
    services.offer_decline(
        actor=world.cara.candidate, offer=Offer.objects.get(application=world.cara)
    )
    eve = met_candidate(cohort=world.cohort, partnership=world.west, composite=55)
    ranking_confirmed(cohort=world.cohort, partnership=world.west, by=world.west_coordinator)
    client = sign_in(world.admin)
    page = reverse("offers:places", kwargs={"number": 9})
    text = _text(client.get(page))
    assert re.search(r"East</a></td>( <td[^>]*>\d+</td>){5} <td[^>]*><strong>1</strong>", text)
    assert f"{eve.full_name} ({eve.reference})" in text

    pool = reverse("offers:pool-add", kwargs={"number": 9})
    summary = _summary(_text(client.post(pool, {"reference": "SU-NOPE"})))
    assert "No application in cohort 9 has the reference SU-NOPE" in summary
    client.post(pool, {"reference": eve.reference})
    assert PoolEntry.objects.filter(application=eve).exists()
    client.post(reverse("offers:places-fill", kwargs={"number": 9}))
    assert Offer.objects.get(application=eve).partnership == world.east

    close = reverse("offers:recruitment-close", kwargs={"number": 9})
    assert "Enter why recruitment is closing" in _summary(_text(client.post(close, {})))
    response = client.post(close, {"reason": "The programme starts soon"}, follow=True)
    assert "No more offers are made" in _text(response)
    assert RecruitmentClosure.objects.filter(cohort=world.cohort).exists()


def test_list_pages_take_the_same_queries_however_many_offers(
    world, sign_in, django_assert_max_num_queries
):
    _made(world)
    client = sign_in(world.admin)
    pages = [
        reverse("offers:partnership-offers", kwargs={"pk": world.east.pk}),
        reverse("offers:places", kwargs={"number": 9}),
        reverse("offers:allocation", kwargs={"number": 9}),
    ]
    counts = []
    for page in pages:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            client.get(page)
        counts.append(len(few))
    for index in range(6):
        met_candidate(cohort=world.cohort, partnership=world.east, composite=40 + index)
    ranking_confirmed(cohort=world.cohort, partnership=world.east, by=world.east_coordinator)
    world.east.members.filter(authority__name="Town A").update(places=8)
    services.places_fill(actor=world.admin, cohort=world.cohort)
    assert Offer.objects.filter(partnership=world.east).count() == 8
    for page, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(page)
