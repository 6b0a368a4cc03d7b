"""The allocation and offer pages in the permission walk: the national team's allocation and
places, "Ours"'s offers (an unconditional one, hosted by Member Borough, whose checks that
borough's officer made), and the candidate's offer page."""

import datetime

from django.utils import timezone

from stepup.accounts.models import User
from stepup.applications.models import ApplicationStatus
from stepup.offers.models import (
    Agreement,
    AllocationRun,
    Condition,
    ConditionKind,
    ConditionStatus,
    Offer,
    OfferStatus,
    Place,
    Route,
)
from tests.factories import ApplicationFactory
from tests.personas import (
    ADMIN,
    ANALYST,
    CANDIDATE,
    COORD,
    OFFICER,
    OTHER_COORD,
    SEES_PARTNERSHIP,
    TUTOR,
)

OURS = frozenset({ADMIN, COORD})
# Every offers page names candidates: none is open to the national analyst (ADR 0022).
SEES_OFFERS = SEES_PARTNERSHIP - {ANALYST}
ONLY_ADMIN = frozenset({ADMIN})

EXPECTED: dict[str, frozenset[str]] = {
    "offers:home": frozenset({ADMIN, COORD, OTHER_COORD, OFFICER, TUTOR}),
    "offers:allocation": frozenset({ADMIN, COORD, OTHER_COORD}),
    "offers:allocation-run": ONLY_ADMIN,
    "offers:allocation-confirm": ONLY_ADMIN,
    "offers:allocation-input": ONLY_ADMIN,
    "offers:places": ONLY_ADMIN,
    "offers:places-fill": ONLY_ADMIN,
    "offers:pool-add": ONLY_ADMIN,
    "offers:recruitment-close": ONLY_ADMIN,
    "offers:partnership-offers": SEES_OFFERS,
    "offers:offers-make": OURS,
    "offers:terms": OURS,
    "offers:offer-detail": SEES_OFFERS,
    "offers:offer-withdraw": OURS,
    "offers:agreement": SEES_OFFERS,
    "offers:agreement-dates": OURS,
    "offers:conditions": frozenset({COORD, OTHER_COORD, OFFICER, TUTOR}),
    # Only someone in the organisation that owns the check.
    "offers:condition": frozenset({OFFICER}),
    "applications:offer": frozenset({CANDIDATE}),
}

# Buttons go back to their page on a GET; the walk's application has no offer, so its
# candidate's offer page sends them to its status.
REDIRECT_ON_GET = frozenset(
    {
        "offers:allocation-run",
        "offers:allocation-confirm",
        "offers:places-fill",
        "offers:pool-add",
        "offers:offers-make",
        "applications:offer",
    }
)


def extend_world(world) -> None:
    ours = world["partnership"]
    cohort = world["cohort"]
    member = ours.members.get(authority__name="Member Borough").authority
    application = ApplicationFactory(
        cohort=cohort, rules=cohort.current_rules, status=ApplicationStatus.MET_BENCHMARK
    )
    run = AllocationRun.objects.create(
        cohort=cohort,
        number=1,
        inputs={"programmes": [], "candidates": []},
        assignments={},
        unfilled={},
        created_by=world["people"][ADMIN],
    )
    place = Place.objects.create(partnership=ours, authority=member, number=1)
    offer = Offer.objects.create(
        application=application,
        partnership=ours,
        host=member,
        route=Route.ALLOCATION,
        run=run,
        status=OfferStatus.UNCONDITIONAL,
        place=place,
        made_at=timezone.now(),
        respond_by=timezone.now() + datetime.timedelta(days=7),
    )
    condition = Condition.objects.create(
        offer=offer,
        kind=ConditionKind.DBS,
        owner=member,
        status=ConditionStatus.MET,
        evidence="Certificate 001",
        verified_by=User.objects.get(pk=world["people"][OFFICER].pk),
        verified_at=timezone.now(),
    )
    Agreement.objects.create(
        offer=offer, text="This agreement is between …", sign_by=datetime.date(2027, 8, 1)
    )
    world["kwargs"]["offers"] = {
        "number": cohort.number,
        "run_pk": run.pk,
        "pk": ours.pk,
        "offer_pk": offer.pk,
        "condition_pk": condition.pk,
    }
