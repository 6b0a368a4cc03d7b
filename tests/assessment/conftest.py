import datetime

import pytest
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.assessment import services
from stepup.assessment.models import AdjustmentRequest, Assignment, CentreScore, Invitation
from stepup.assessment.queries import centre_exercises
from stepup.programme.models import Panel
from stepup.programme.services import framework_load_standard
from tests.factories import (
    ApplicationFactory,
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    person_with_role,
)

TODAY = datetime.date(2027, 3, 1)


@pytest.fixture
def centre_world(db, time_machine):
    """Cohort 7, run by partnerships: "South East" (ours) and "North" (theirs), with their
    coordinators, and screened-in candidates made on request. The clock stands at 9am on
    1 March 2027."""
    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(9))), tick=False
    )
    cohort = CohortFactory(number=7, name="Cohort 7")
    lead = AuthorityFactory(name="Bromley")
    ours = PartnershipFactory(cohort=cohort, name="South East", code="SE", lead_authority=lead)
    theirs = PartnershipFactory(cohort=cohort, name="North", code="NO")
    people = {
        "coordinator": person_with_role(Role.COORDINATOR, organisation=lead),
        "other_coordinator": person_with_role(Role.COORDINATOR, organisation=theirs.lead_authority),
        "admin": person_with_role(Role.NATIONAL_ADMIN),
        "contractor": person_with_role(Role.CONTRACTOR),
        "assessor": person_with_role(Role.ASSESSOR, organisation=lead),
    }

    def screened_in(**fields):
        fields.setdefault("first_choice", ours)
        return ApplicationFactory(
            cohort=cohort,
            rules=cohort.current_rules,
            status=ApplicationStatus.SCREENED_IN,
            submitted_at=timezone.now() - datetime.timedelta(days=30),
            **fields,
        )

    return {
        "cohort": cohort,
        "ours": ours,
        "theirs": theirs,
        "people": people,
        "screened_in": screened_in,
    }


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def closes(offset: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day(offset), datetime.time(17)))


def t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)


def plan_centre(world, *, actor=None, partnership="ours", slots=None, **fields):
    fields.setdefault("day", day(14))
    fields.setdefault("booking_closes_at", closes(7))
    return services.centre_create(
        actor=actor or world["people"]["coordinator"],
        cohort=world["cohort"],
        partnership=world[partnership] if partnership else None,
        venue="Bromley Civic Centre",
        address="Stockwell Close, Bromley BR1 3UH",
        accessibility="Step-free entry, accessible toilets, a quiet room.",
        slots=slots if slots is not None else [(t(9), t(13), 2), (t(13, 30), t(17, 30), 1)],
        **fields,
    )


def invite(world, count=1):
    applications = [world["screened_in"]() for _ in range(count)]
    centre = plan_centre(world)
    services.centre_open(actor=world["people"]["coordinator"], centre=centre)
    services.invitations_send(
        actor=world["people"]["coordinator"], cohort=world["cohort"], partnership=world["ours"]
    )
    for application in applications:
        application.refresh_from_db()
    return centre, applications


def assign_everywhere(day, assessor, invitations):
    for exercise in centre_exercises(day["centre"]):
        services.assignments_set(
            actor=day["people"]["coordinator"],
            assessor=assessor,
            exercise=exercise,
            invitations=invitations,
        )


@pytest.fixture
def centre_day(centre_world):
    """A day with the standard framework's five centre exercises, two candidates booked, and
    an authority assessor and a service-user assessor in its pool."""
    world = centre_world
    rules = framework_load_standard(actor=None, cohort=world["cohort"])
    # The interview's joint panel has tests of its own (test_panels.py); here any two
    # assessors may observe it.
    rules.exercises.update(panel=Panel.ANY)
    centre, applications = invite(world, 2)
    slot = centre.slots.first()
    for application in applications:
        services.booking_make(actor=application.candidate, application=application, slot=slot)
    coordinator = world["people"]["coordinator"]
    lead = world["ours"].lead_authority
    staff = services.assessor_add(
        actor=coordinator,
        centre=centre,
        person=world["people"]["assessor"],
        kind="authority",
        specialism="Child protection",
    )
    young = services.assessor_add(
        actor=coordinator,
        centre=centre,
        person=person_with_role(Role.SERVICE_USER_ASSESSOR, organisation=lead),
        kind="young_person",
    )
    invitations = list(Invitation.objects.filter(centre=centre).order_by("candidate_number"))
    return {**world, "centre": centre, "staff": staff, "young": young, "invitations": invitations}


@pytest.fixture
def scoring_day(centre_day, time_machine):
    """The day with both assessors on every exercise for both candidates, confirmed; the
    clock on the day, both candidates there."""
    day = centre_day
    coordinator = day["people"]["coordinator"]
    assign_everywhere(day, day["staff"], day["invitations"])
    assign_everywhere(day, day["young"], day["invitations"])
    services.assignments_confirm(actor=coordinator, centre=day["centre"])
    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(day["centre"].day, datetime.time(9))),
        tick=False,
    )
    for invitation in day["invitations"]:
        services.attendance_record(actor=coordinator, invitation=invitation, attended=True)
    rules = day["cohort"].current_rules
    rules.centre_benchmark = 20
    rules.save()
    return day


def score_all(day, assessor, invitation, value_for):
    for assignment in Assignment.objects.filter(assessor=assessor, invitation=invitation):
        services.scores_submit(
            actor=assessor.person,
            assignment=assignment,
            scores={
                criterion.pk: {"score": value_for(criterion), "evidence": "Seen clearly."}
                for criterion in assignment.exercise.criteria.all()
            },
        )


@pytest.fixture
def washed_up(scoring_day):
    """The first candidate asked for an adjustment before the day, was scored by both
    assessors, one score moderated, and the wash-up confirmed."""
    day = scoring_day
    coordinator = day["people"]["coordinator"]
    first, second = day["invitations"]
    adjustment = AdjustmentRequest.objects.create(
        invitation=first, request="I use a wheelchair and need a ground-floor room"
    )
    services.adjustment_answer(
        actor=coordinator, adjustment=adjustment, outcome="agreed", answer="Room G12 is yours."
    )
    for assessor in (day["staff"], day["young"]):
        for invitation in day["invitations"]:
            score_all(day, assessor, invitation, lambda criterion: 3)
    services.centre_hold(actor=coordinator, centre=day["centre"])
    score = CentreScore.objects.filter(assignment__invitation=first).first()
    services.score_moderate(actor=coordinator, score=score, new_score=4, reason="Clear evidence")
    services.washup_confirm(actor=coordinator, centre=day["centre"])
    return {**day, "first": first, "second": second}
