"""The pools of assessors, who observes whom, and an assessor's own work."""

from dataclasses import dataclass

from django.db.models import Count, F
from django.utils import timezone

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.assessment.models import (
    AssessorKind,
    Assignment,
    Centre,
    CentreAssessor,
    CentreResult,
    CentreScore,
    CentreStatus,
)
from stepup.programme.models import Exercise, ExerciseStage, Panel


def centre_exercises(centre: Centre) -> list[Exercise]:
    """The exercises of the cohort's framework that are run at a centre, in order."""
    rules = centre.cohort.current_rules
    return list(
        Exercise.objects.filter(rules=rules, stage=ExerciseStage.ASSESSMENT_CENTRE)
        .prefetch_related("criteria")
        .order_by("position", "pk")
    )


@dataclass(frozen=True)
class Gap:
    candidate_number: int
    criterion: str
    seen_by: int


def coverage_gaps(centre: Centre) -> list[Gap]:
    """Each booked candidate's criteria seen by fewer than two different assessors across
    the day's exercises. Three queries, whatever the size of the day."""
    exercises = centre_exercises(centre)
    criteria_of = {exercise.pk: list(exercise.criteria.all()) for exercise in exercises}
    criteria = {c.pk: c for listed in criteria_of.values() for c in listed}
    seen: dict[tuple[int, int], set[int]] = {}
    for invitation_id, exercise_id, assessor_id in Assignment.objects.filter(
        invitation__centre=centre, exercise_id__in=criteria_of
    ).values_list("invitation_id", "exercise_id", "assessor_id"):
        for criterion in criteria_of[exercise_id]:
            seen.setdefault((invitation_id, criterion.pk), set()).add(assessor_id)
    gaps = []
    for invitation_id, number in centre.bookings.order_by("candidate_number").values_list(
        "pk", "candidate_number"
    ):
        for criterion in sorted(criteria.values(), key=lambda c: (c.position, c.pk)):
            count = len(seen.get((invitation_id, criterion.pk), ()))
            if count < 2:
                gaps.append(Gap(number, criterion.name, count))
    return gaps


# An assessor's own work.


def assignments_of(user) -> list[Assignment]:
    """The person's assignments on confirmed days still open for scoring, candidate by
    candidate, each with ``scored``: whether their scores are in."""
    return list(
        _scorable(user).order_by(
            "assessor__centre__day", "invitation__candidate_number", "exercise__position"
        )
    )


def assignment_of(user, pk: int) -> Assignment | None:
    """One of ``assignments_of``, or ``None``: one query, however many the person has."""
    return _scorable(user).filter(pk=pk).first()


def _scorable(user):
    return (
        Assignment.objects.filter(
            assessor__person=user,
            assessor__centre__assignments_confirmed_at__isnull=False,
            assessor__centre__status__in=(CentreStatus.OPEN, CentreStatus.HELD),
            assessor__centre__day__lte=timezone.localdate(),
            invitation__application__status=ApplicationStatus.ATTENDED,
        )
        .select_related("assessor__centre", "exercise", "invitation")
        .annotate(scored=Count("scores"))
    )


# Who may sit on a pool: people who assess, and the staff of the partnership's organisations.
ASSESSING_ROLES = (
    Role.ASSESSOR,
    Role.SERVICE_USER_ASSESSOR,
    Role.COORDINATOR,
    Role.AUTHORITY_OFFICER,
    Role.UNIVERSITY_TUTOR,
)


def pool_candidates(centre: Centre) -> list[User]:
    """The people who may join the day's pool and have not: those with an assessing or staff
    role at the partnership's authorities and universities (for a national day, anyone with
    one), by name."""
    people = User.objects.filter(is_active=True, memberships__role__in=ASSESSING_ROLES)
    if centre.partnership_id is not None:
        partnership = centre.partnership
        organisations = {partnership.lead_authority_id}
        organisations |= set(partnership.members.values_list("authority_id", flat=True))
        organisations |= set(partnership.universities.values_list("university_id", flat=True))
        people = people.filter(memberships__organisation_id__in=organisations)
    return list(
        people.exclude(pk__in=centre.assessors.values("person"))
        .distinct()
        .order_by("full_name", "email")
    )


def pool_of(centre: Centre) -> list[CentreAssessor]:
    """The day's pool, each with how many ``candidates`` they observe in how many
    ``exercises``."""
    return list(
        centre.assessors.select_related("person", "time_and_expenses")
        .annotate(
            candidates=Count("assignments__invitation", distinct=True),
            exercises=Count("assignments__exercise", distinct=True),
        )
        .order_by("kind", "pk")
    )


def observations_of(assessor: CentreAssessor) -> dict[str, list[str]]:
    """Whom the assessor observes, as the observations form's initial values."""
    chosen: dict[str, list[str]] = {}
    for exercise_id, invitation_id in assessor.assignments.values_list(
        "exercise_id", "invitation_id"
    ):
        chosen.setdefault(f"exercise_{exercise_id}", []).append(str(invitation_id))
    return chosen


def conflicts_of(assessor: CentreAssessor) -> set[int]:
    """The invitations of the candidates the assessor has declared a conflict with."""
    return set(assessor.conflicts.values_list("invitation_id", flat=True))


def days_of(user) -> list[CentreAssessor]:
    """The centre days the person is in the pool of, latest first, with their time and
    expenses where recorded."""
    return list(
        CentreAssessor.objects.filter(person=user)
        .exclude(centre__status=CentreStatus.CANCELLED)
        .select_related("centre", "time_and_expenses")
        .order_by("-centre__day", "-pk")
    )


@dataclass(frozen=True)
class Outcomes:
    """What became of the candidates an assessor scored, with nobody named or numbered."""

    scored: int
    met: int
    not_met: int
    scores_given: int
    scores_changed: int


def outcomes_of(assessor: CentreAssessor) -> Outcomes | None:
    """Once the day's scores are confirmed: how many of the candidates the assessor scored
    met the benchmark, and how many of their scores the wash-up changed. ``None`` before."""
    if assessor.centre.status != CentreStatus.CONFIRMED:
        return None
    scores = CentreScore.objects.filter(assignment__assessor=assessor)
    results = CentreResult.objects.filter(
        invitation__in=scores.values("assignment__invitation")
    ).values_list("met", flat=True)
    met = sum(1 for value in results if value)
    return Outcomes(
        scored=len(results),
        met=met,
        not_met=len(results) - met,
        scores_given=scores.count(),
        scores_changed=scores.filter(moderated_score__isnull=False)
        .exclude(moderated_score=F("score"))
        .count(),
    )


def panel_gaps(centre: Centre) -> list[str]:
    """Each booked candidate whose joint interview (an exercise with a joint panel) is not
    observed by both a university and a local authority assessor. Two queries."""
    joint = [e for e in centre_exercises(centre) if e.panel == Panel.JOINT]
    if not joint:
        return []
    kinds: dict[tuple[int, int], set[str]] = {}
    for invitation_id, exercise_id, kind in Assignment.objects.filter(
        invitation__centre=centre, exercise__in=joint
    ).values_list("invitation_id", "exercise_id", "assessor__kind"):
        kinds.setdefault((invitation_id, exercise_id), set()).add(kind)
    needed = {AssessorKind.UNIVERSITY, AssessorKind.AUTHORITY}
    return [
        f"Candidate {number}: the {exercise.name} needs a university and a local authority "
        "assessor together"
        for pk, number in centre.bookings.order_by("candidate_number").values_list(
            "pk", "candidate_number"
        )
        for exercise in joint
        if not needed <= kinds.get((pk, exercise.pk), set())
    ]
