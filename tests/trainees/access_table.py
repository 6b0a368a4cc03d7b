"""The trainee pages in the permission walk: a trainee of "Ours", hosted by Member Borough
and enrolled with Our University, with a placement, a warning and a module."""

import datetime

from stepup.applications.models import ApplicationStatus
from stepup.offers.models import Offer, OfferStatus, Place, Route
from stepup.trainees.models import (
    EarlyWarning,
    Module,
    Placement,
    Trainee,
    TraineeStatus,
    WarningKind,
)
from tests.factories import ApplicationFactory
from tests.personas import ADMIN, ANALYST, CANDIDATE, COORD, OFFICER, OTHER_COORD, TUTOR

# Not the national analyst, who sees equality figures: no named record (ADR 0022).
SHARERS = frozenset({ADMIN, COORD, OTHER_COORD, OFFICER, TUTOR})
THEIRS = frozenset({ADMIN, COORD, OFFICER, TUTOR})
RECORDERS = frozenset({COORD, TUTOR})

EXPECTED: dict[str, frozenset[str]] = {
    "trainees:list": SHARERS,
    "trainees:enrol": RECORDERS,
    "trainees:warnings": SHARERS,
    "trainees:warning-resolve": RECORDERS,
    "trainees:results-upload": frozenset({COORD, OTHER_COORD, TUTOR}),
    "trainees:programme": frozenset({TUTOR}),
    "trainees:module-add": frozenset({TUTOR}),
    "trainees:assessment-add": frozenset({TUTOR}),
    "trainees:outcomes": frozenset({ADMIN, ANALYST}),
    "trainees:record": THEIRS,
    "trainees:placement-add": RECORDERS,
    "trainees:placement-at-risk": RECORDERS,
    "trainees:result-add": RECORDERS,
    "trainees:review-add": RECORDERS,
    "trainees:need-add": RECORDERS,
    "trainees:change": RECORDERS,
    "trainees:outcome": RECORDERS,
    "trainees:extend": RECORDERS,
    # The trainee's own record; the walk's application has none, so it goes to its status.
    "applications:training": frozenset({CANDIDATE}),
}

REDIRECT_ON_GET = frozenset({"applications:training"})


def extend_world(world) -> None:
    ours, cohort = world["partnership"], world["cohort"]
    member = ours.members.get(authority__name="Member Borough").authority
    university = ours.universities.get().university
    application = ApplicationFactory(
        cohort=cohort, rules=cohort.current_rules, status=ApplicationStatus.MET_BENCHMARK
    )
    offer = Offer.objects.create(
        application=application,
        partnership=ours,
        host=member,
        route=Route.ALLOCATION,
        status=OfferStatus.UNCONDITIONAL,
        place=Place.objects.create(partnership=ours, authority=member, number=3),
    )
    trainee = Trainee.objects.create(
        offer=offer,
        university=university,
        host=member,
        enrolled_on=datetime.date(2027, 1, 4),
        enrolled_by=world["people"][COORD],
        consent_to_link=True,
        status=TraineeStatus.ENROLLED,
    )
    placement = Placement.objects.create(
        trainee=trainee,
        setting="Children's services",
        authority=member,
        team="Assessment",
        group="children",
        statutory=True,
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 6, 1),
        days=60,
        practice_educator="Pat",
        placement_tutor="Sam",
        added_by=world["people"][COORD],
    )
    warning = EarlyWarning.objects.create(
        trainee=trainee, kind=WarningKind.RED_REVIEW, detail="Red review"
    )
    module = Module.objects.create(
        university=university, cohort=cohort, name="Law", credits=20, level="M level"
    )
    # Another unconditional offer, not yet enrolled, to enrol.
    waiting = Offer.objects.create(
        application=ApplicationFactory(
            cohort=cohort, rules=cohort.current_rules, status=ApplicationStatus.MET_BENCHMARK
        ),
        partnership=ours,
        host=member,
        route=Route.ALLOCATION,
        status=OfferStatus.UNCONDITIONAL,
        place=Place.objects.create(partnership=ours, authority=member, number=4),
    )
    world["kwargs"]["trainees"] = {
        "pk": trainee.pk,
        "offer_pk": waiting.pk,
        "warning_pk": warning.pk,
        "number": cohort.number,
        "module_pk": module.pk,
        "placement_pk": placement.pk,
        "target": TraineeStatus.SUSPENDED,
    }
