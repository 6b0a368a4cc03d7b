"""Candidates who got so far, as the record of their journey shows it: the status changes of
their application, their offer and its acceptance, and their trainee record. Made directly,
for tests of what is counted from them."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.equality import equality_save
from stepup.applications.models import Application, ApplicationStatus
from stepup.core.models import StatusChange
from stepup.offers.models import Offer, OfferStatus, Place, Route
from stepup.trainees.models import Trainee
from tests.factories import (
    ApplicationFactory,
    CohortFactory,
    PartnershipFactory,
    UniversityFactory,
    person_with_role,
)

S = ApplicationStatus
# The application's statuses on the way to each furthest stage.
PATHS = {
    "submitted": [S.SUBMITTED],
    "eligible": [S.SUBMITTED, S.ELIGIBLE],
    "screened_in": [S.SUBMITTED, S.ELIGIBLE, S.SCREENED_IN],
    "invited": [S.SUBMITTED, S.ELIGIBLE, S.SCREENED_IN, S.INVITED],
    "attended": [S.SUBMITTED, S.ELIGIBLE, S.SCREENED_IN, S.INVITED, S.ATTENDED],
}
for stage in ("met_benchmark", "offered", "accepted", "started"):
    PATHS[stage] = [*PATHS["attended"], S.MET_BENCHMARK]
NOW = timezone.make_aware(datetime.datetime(2026, 11, 20, 10))
# The fairness figures taken on a day count up to the end of the day before (ADR 0022).
NEXT_DAY = NOW + datetime.timedelta(days=1)


def candidate_at(
    partnership,
    furthest: str,
    *,
    answers: dict | None = None,
    then: str = "",
    at: datetime.datetime | None = None,
) -> Application:
    """A candidate who chose ``partnership`` first and got as far as ``furthest``; ``then``
    is a status the application moved to afterwards (withdrawn, say), which reaches no
    further stage. Every step is recorded ``at`` that moment (now, unless given)."""
    at = at or timezone.now()
    cohort = partnership.cohort
    path = PATHS[furthest]
    application = ApplicationFactory(
        cohort=cohort,
        rules=cohort.current_rules,
        status=then or path[-1],
        first_choice=partnership,
        submitted_at=at,
    )
    kind = ContentType.objects.get_for_model(Application)
    source = S.DRAFT
    for target in [*path, *([then] if then else [])]:
        StatusChange.objects.create(
            record_type=kind, record_id=application.pk, source=source, target=target, at=at
        )
        source = target
    if furthest in ("offered", "accepted", "started"):
        _offer(application, partnership, furthest, at)
    if answers:
        equality_save(candidate=application.candidate, application=application, answers=answers)
    return application


def _offer(application, partnership, furthest: str, at: datetime.datetime) -> None:
    host = partnership.lead_authority
    held = furthest != "offered"
    offer = Offer.objects.create(
        application=application,
        partnership=partnership,
        host=host,
        route=Route.ALLOCATION,
        status=OfferStatus.UNCONDITIONAL if held else OfferStatus.MADE,
        made_at=at,
        place=Place.objects.create(partnership=partnership, authority=host, number=application.pk)
        if held
        else None,
    )
    if held:
        kind = ContentType.objects.get_for_model(Offer)
        for source, target in (("made", "accepted"), ("accepted", "unconditional")):
            StatusChange.objects.create(
                record_type=kind, record_id=offer.pk, source=source, target=target, at=at
            )
    if furthest == "started":
        Trainee.objects.create(
            offer=offer,
            university=UniversityFactory(),
            host=host,
            enrolled_on=partnership.cohort.start_date,
            consent_to_link=True,
            consent_recorded_at=at,
        )


@pytest.fixture
def cohort(db, time_machine):
    time_machine.move_to(NOW, tick=False)
    return CohortFactory(number=31, name="Cohort 31", start_date=datetime.date(2027, 9, 1))


@pytest.fixture
def big(cohort):
    return PartnershipFactory(cohort=cohort, name="Big Partnership", code="BIG")


@pytest.fixture
def small(cohort):
    return PartnershipFactory(cohort=cohort, name="Small Partnership", code="SML")


@pytest.fixture
def analyst(db):
    return person_with_role(Role.NATIONAL_ANALYST)


@pytest.fixture
def admin(db):
    return person_with_role(Role.NATIONAL_ADMIN)


@pytest.fixture
def small_coordinator(small):
    person = person_with_role(Role.COORDINATOR, small.lead_authority)
    small.coordinator = person
    small.save(update_fields=["coordinator"])
    return person
