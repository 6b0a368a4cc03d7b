"""Two candidates accepting a partnership's last place at the same moment, on real
concurrent connections: exactly one gets it."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from stepup.offers import services
from stepup.offers.models import Offer, OfferStatus, Route
from tests.factories import met_candidate
from tests.offers.conftest import NOW


@pytest.mark.django_db(transaction=True)
def test_two_candidates_accepting_the_last_place_at_once_give_it_to_one(world):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time; the race needs PostgreSQL")
    run = services.allocation_dry_run(actor=world.admin, cohort=world.cohort)
    services.allocation_confirm(actor=world.admin, run=run)
    services.offers_make(actor=world.east_coordinator, partnership=world.east)
    ada = Offer.objects.get(application=world.ada)
    services.offer_accept(actor=world.ada.candidate, offer=ada)
    # Ben's offer and one from the pool, "first to accept", both for East's last place.
    ben = Offer.objects.get(application=world.ben)
    eve = met_candidate(cohort=world.cohort, partnership=world.west, composite=55)
    pooled = Offer.objects.create(
        application=eve,
        partnership=world.east,
        host=ada.host,
        route=Route.NATIONAL_POOL,
        status=OfferStatus.MADE,
        respond_by=NOW + datetime.timedelta(days=2),
    )
    start = threading.Barrier(2)
    outcomes = {}

    def accept(offer):
        try:
            start.wait()
            services.offer_accept(actor=offer.application.candidate, offer=offer)
            outcomes[offer.pk] = "accepted"
        except ValidationError as refused:
            outcomes[offer.pk] = refused.messages[0]
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(offer,)) for offer in (ben, pooled)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == [
        "We are sorry: the last place has just been taken by someone else",
        "accepted",
    ]
    holding = Offer.objects.filter(partnership=world.east, status=OfferStatus.ACCEPTED)
    assert holding.count() == 2
    assert len({offer.place_id for offer in holding}) == 2
