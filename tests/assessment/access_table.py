"""The assessment centre pages in the permission walk: whoever runs the walk's partnership's
centres (its coordinator, the national admins), and the candidate's own booking pages."""

import datetime

from django.utils import timezone

from stepup.applications.models import ApplicationStatus
from stepup.assessment.models import (
    AdjustmentRequest,
    AssessorKind,
    Assignment,
    CentreAssessor,
    CentreScore,
    CentreStatus,
    TimeAndExpenses,
)
from stepup.programme.models import ExerciseStage
from tests.factories import booked_candidate
from tests.personas import (
    ADMIN,
    ANALYST,
    ASSESSOR,
    CANDIDATE,
    CONTRACTOR,
    COORD,
    OFFICER,
    OTHER_COORD,
    SU_ASSESSOR,
    TUTOR,
)

RUNNERS = frozenset({ADMIN, CONTRACTOR, COORD, OTHER_COORD})
OURS = frozenset({ADMIN, COORD})

EXPECTED: dict[str, frozenset[str]] = {
    "assessment:centre-list": RUNNERS,
    "assessment:centre-create": RUNNERS,
    "assessment:invitations-send": RUNNERS,
    "assessment:national-progress": frozenset({ADMIN, ANALYST}),
    "assessment:centre-detail": OURS,
    "assessment:centre-open": OURS,
    "assessment:centre-hold": OURS,
    "assessment:attendance": OURS,
    "assessment:adjustment-answer": OURS,
    "assessment:assessors": OURS,
    "assessment:timetable": OURS,
    "assessment:booking-give": OURS,
    "assessment:day-sheet": OURS,
    "assessment:scoring-sheets": OURS,
    "assessment:observations": OURS,
    "assessment:conflict": OURS,
    "assessment:assignments-confirm": OURS,
    "assessment:expenses-paid": OURS,
    # Only the assessor whose day it is.
    "assessment:your-day": frozenset({ASSESSOR}),
    "assessment:washup": OURS,
    "assessment:ranking": OURS,
    "assessment:moderate": OURS,
    "assessment:scoring-list": frozenset(
        {ASSESSOR, SU_ASSESSOR, COORD, OTHER_COORD, OFFICER, TUTOR}
    ),
    # Only the assessor observing the candidate, on a day open for scoring.
    "assessment:scoring": frozenset({ASSESSOR}),
    "applications:centre": frozenset({CANDIDATE}),
    "applications:centre-adjustment": frozenset({CANDIDATE}),
}

# Buttons' targets go back to their page on a GET; the walk's application is a draft, so its
# candidate's centre pages send them to its status.
REDIRECT_ON_GET = frozenset(
    {
        "assessment:invitations-send",
        "assessment:centre-open",
        "assessment:centre-hold",
        "assessment:assignments-confirm",
        "assessment:expenses-paid",
        "applications:centre",
        "applications:centre-adjustment",
    }
)


def extend_world(world) -> None:
    """A centre day of "Ours" with one candidate booked, who asked for an adjustment."""
    ours = world["partnership"]
    invitation = booked_candidate(
        cohort=world["cohort"],
        partnership=ours,
        days_from_today=20,
        centre_status=CentreStatus.OPEN,
        status=ApplicationStatus.INVITED,
        venue="Lead Borough Town Hall",
    )
    centre = invitation.centre
    adjustment = AdjustmentRequest.objects.create(invitation=invitation, request="Extra time")
    assessor = CentreAssessor.objects.create(
        centre=centre, person=world["people"][ASSESSOR], kind=AssessorKind.AUTHORITY
    )
    TimeAndExpenses.objects.create(assessor=assessor, minutes=60)
    world["kwargs"]["assessment"] = {
        "pk": centre.pk,
        "assessor_pk": assessor.pk,
        "invitation_pk": invitation.pk,
        "adjustment_pk": adjustment.pk,
    }
    world["per_url"]["assessment:scoring"] = {"pk": _scoring_world(world).pk}
    world["per_url"]["assessment:ranking"] = {"number": world["cohort"].number, "code": ours.code}


def _scoring_world(world) -> Assignment:
    """A day held yesterday, assignments confirmed: the walk's assessor observes a candidate
    who came, in one exercise."""
    invitation = booked_candidate(
        cohort=world["cohort"],
        partnership=world["partnership"],
        days_from_today=-1,
        centre_status=CentreStatus.HELD,
        status=ApplicationStatus.ATTENDED,
        venue="Member Borough Hall",
        assignments_confirmed_at=timezone.now() - datetime.timedelta(days=2),
    )
    centre = invitation.centre
    assessor = CentreAssessor.objects.create(
        centre=centre, person=world["people"][ASSESSOR], kind=AssessorKind.AUTHORITY
    )
    exercise = (
        world["cohort"]
        .current_rules.exercises.filter(stage=ExerciseStage.ASSESSMENT_CENTRE)
        .first()
    )
    assignment = Assignment.objects.create(
        assessor=assessor, exercise=exercise, invitation=invitation
    )
    score = CentreScore.objects.create(
        assignment=assignment,
        criterion=exercise.criteria.first(),
        score=3,
        evidence="Clear example",
    )
    world["per_url"]["assessment:washup"] = {"pk": centre.pk}
    world["per_url"]["assessment:moderate"] = {"pk": centre.pk, "score_pk": score.pk}
    return assignment
