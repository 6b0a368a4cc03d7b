"""A partnership whose programme started on 4 January 2027: South London, led by Bromley
(2 places), with Croydon (2) and Merton (1); three trainees (Ada at Bromley, Ben and Cara at
Croydon); a bursary of £18,000 over 18 months. The clock stands at 1 June 2027."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.offers.models import Offer, OfferStatus, Place, Route, Terms
from stepup.programme.services import funding_rate_add
from tests.factories import (
    ApplicationFactory,
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    person_with_role,
)

NOW = timezone.make_aware(datetime.datetime(2027, 6, 1, 9))
TODAY = NOW.date()
BURSARY = 1_800_000  # £18,000: £1,000 a month over 18 months


@dataclass
class World:
    partnership: object
    admin: object
    coordinator: object
    other_coordinator: object
    croydon: object
    merton: object
    outsider: object
    trainees: list


def _trainee(partnership, authority, number: int, name: str) -> Offer:
    cohort = partnership.cohort
    application = ApplicationFactory(
        cohort=cohort, rules=cohort.current_rules, status="met_benchmark", full_name=name
    )
    place = Place.objects.create(partnership=partnership, authority=authority, number=number)
    return Offer.objects.create(
        application=application,
        partnership=partnership,
        host=authority,
        route=Route.ALLOCATION,
        status=OfferStatus.UNCONDITIONAL,
        place=place,
    )


@pytest.fixture
def world(db, time_machine) -> World:
    time_machine.move_to(NOW, tick=False)
    return funding_world()


def funding_world(**cohort_fields) -> World:
    """The world above, at whatever time it is."""
    cohort = CohortFactory(
        number=12, start_date=datetime.date(2027, 1, 4), length_months=18, **cohort_fields
    )
    for label, basis, amount in (
        ("Administration", "per_partnership", 4_800_000),
        ("Bursary", "per_trainee", BURSARY),
        ("University fees", "per_trainee", 1_166_700),
    ):
        funding_rate_add(actor=None, cohort=cohort, label=label, basis=basis, amount_pence=amount)
    bromley = AuthorityFactory(name="Bromley")
    partnership = PartnershipFactory(
        cohort=cohort,
        name="South London",
        code="SL",
        lead_authority=bromley,
        places=[("Bromley", 2), ("Croydon", 2), ("Merton", 1)],
    )
    Terms.objects.create(partnership=partnership, bursary_pence=BURSARY)
    croydon = partnership.members.get(authority__name="Croydon").authority
    merton = partnership.members.get(authority__name="Merton").authority
    trainees = [
        _trainee(partnership, bromley, 1, "Ada"),
        _trainee(partnership, croydon, 1, "Ben"),
        _trainee(partnership, croydon, 2, "Cara"),
    ]
    other = PartnershipFactory(cohort=cohort, name="Elsewhere", code="EW")
    return World(
        partnership=partnership,
        admin=person_with_role(Role.NATIONAL_ADMIN),
        coordinator=person_with_role(Role.COORDINATOR, bromley),
        other_coordinator=person_with_role(Role.COORDINATOR, other.lead_authority),
        croydon=croydon,
        merton=merton,
        outsider=AuthorityFactory(name="Kent"),
        trainees=trainees,
    )
