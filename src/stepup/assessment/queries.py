"""Reading the assessment centres: who runs which, the days a person sees, the slots a
candidate can still book."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.models import Application, ApplicationStatus
from stepup.assessment.models import (
    Assignment,
    Centre,
    CentreResult,
    CentreScore,
    CentreStatus,
    Invitation,
    RankingConfirmation,
    Slot,
)
from stepup.partnerships.models import Partnership
from stepup.partnerships.queries import partnerships_changeable_by
from stepup.programme.models import Cohort, CohortStatus, Exercise, ExerciseStage, SiftBy


def may_run(user, *, partnership: Partnership | None) -> bool:
    """Whether the person runs the centres of this partnership, or the national ones
    (``None``): the national admins always; the contractor the national ones; a coordinator
    their own partnership's."""
    if user is None or not user.is_authenticated:
        return False
    if user.has_role(Role.NATIONAL_ADMIN):
        return True
    if partnership is None:
        return user.has_role(Role.CONTRACTOR)
    return partnerships_changeable_by(user).filter(pk=partnership.pk).exists()


def centres_runnable_by(user) -> QuerySet[Centre]:
    """The centre days this person runs, soonest first."""
    centres = Centre.objects.select_related("cohort", "partnership")
    if user is None or not user.is_authenticated:
        return centres.none()
    if user.has_role(Role.NATIONAL_ADMIN):
        return centres
    condition = Q(pk__in=[])
    if user.has_role(Role.CONTRACTOR):
        condition |= Q(partnership__isnull=True)
    if user.has_role(Role.COORDINATOR):
        condition |= Q(partnership__in=partnerships_changeable_by(user).values("pk"))
    return centres.filter(condition)


def centre_partnership_for(application: Application) -> Partnership | None:
    """Whose centres the application goes to: its first choice, or the national ones."""
    if application.rules is not None and application.rules.centres_run_by == SiftBy.NATIONAL:
        return None
    return application.first_choice


def with_places(slots: QuerySet[Slot]) -> QuerySet[Slot]:
    """Each slot with ``booked`` and ``free``: the places taken and left."""
    return slots.annotate(booked=Count("bookings")).annotate(free=F("places") - F("booked"))


def slots_bookable_for(invitation: Invitation, *, now: datetime.datetime | None = None):
    """The slots the candidate can choose now: at open centres of their partnership (or the
    national ones) in their cohort, before the booking cut-off, with a place left (or the
    one they hold)."""
    now = now or timezone.now()
    slots = Slot.objects.filter(
        centre__cohort_id=invitation.application.cohort_id,
        centre__status=CentreStatus.OPEN,
        centre__booking_closes_at__gt=now,
    ).select_related("centre")
    if invitation.partnership_id is None:
        slots = slots.filter(centre__partnership__isnull=True)
    else:
        slots = slots.filter(centre__partnership_id=invitation.partnership_id)
    return (
        with_places(slots)
        .filter(Q(free__gt=0) | Q(pk=invitation.slot_id))
        .order_by("centre__day", "starts_at", "centre__venue", "pk")
    )


def centre_capacity(centre: Centre) -> int:
    return sum(centre.slots.values_list("places", flat=True))


# Who runs what, for the pages.


@dataclass(frozen=True)
class Runner:
    """A partnership (or a national cohort) whose centres the person runs, as a choice."""

    value: str  # "p-<pk>" or "n-<number>"
    label: str
    cohort: Cohort
    partnership: Partnership | None


def runners(user) -> list[Runner]:
    """The centre days this person may plan: each partnership they run in a recruiting cohort
    whose partnerships run the centres, and each recruiting cohort whose centres are national
    if they run those."""
    recruiting = list(Cohort.objects.filter(status=CohortStatus.RECRUITING).order_by("-number"))
    national = {
        cohort.pk
        for cohort in recruiting
        if cohort.current_rules is not None
        and cohort.current_rules.centres_run_by == SiftBy.NATIONAL
    }
    found = [
        Runner(
            f"p-{partnership.pk}",
            f"{partnership.name} (cohort {partnership.cohort.number})",
            partnership.cohort,
            partnership,
        )
        for partnership in partnerships_changeable_by(user)
        .filter(cohort__in=[c.pk for c in recruiting if c.pk not in national])
        .order_by("-cohort__number", "name")
    ]
    if may_run(user, partnership=None):
        found += [
            Runner(f"n-{c.number}", f"National centres (cohort {c.number})", c, None)
            for c in recruiting
            if c.pk in national
        ]
    return found


def runner_choices(user) -> list[tuple[str, str]]:
    """``runners`` as a select's choices."""
    return [(runner.value, runner.label) for runner in runners(user)]


def runner_from(user, value: str) -> tuple[Cohort, Partnership | None] | None:
    """The cohort and partnership a choice of ``runner_choices`` stands for, if still theirs."""
    runner = next((r for r in runners(user) if r.value == value), None)
    return None if runner is None else (runner.cohort, runner.partnership)


def centre_list(user) -> list[Centre]:
    """The person's centre days, soonest first, each with ``capacity`` and ``booked``: one
    query, whatever the number of days."""
    capacity = (
        Slot.objects.filter(centre=OuterRef("pk"))
        .order_by()
        .values("centre")
        .annotate(total=Sum("places"))
        .values("total")
    )
    booked = (
        Invitation.objects.filter(centre=OuterRef("pk"))
        .order_by()
        .values("centre")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return list(
        centres_runnable_by(user)
        .annotate(capacity=Coalesce(Subquery(capacity), 0), booked=Coalesce(Subquery(booked), 0))
        .order_by("day", "venue", "pk")
    )


def waiting_for_invitation(user) -> list[dict]:
    """For each partnership (or national cohort) the person runs, how many screened-in
    candidates have not been invited yet: ``runner``, ``label`` and ``count``."""
    rows = []
    for runner in runners(user):
        waiting = Application.objects.filter(
            cohort=runner.cohort,
            status=ApplicationStatus.SCREENED_IN,
            centre_invitation__isnull=True,
        )
        waiting = (
            waiting.filter(first_choice=runner.partnership)
            if runner.partnership is not None
            else waiting.filter(rules__centres_run_by=SiftBy.NATIONAL)
        )
        count = waiting.count()
        if count:
            rows.append({"runner": runner.value, "label": runner.label, "count": count})
    return rows


def bookings_of(centre: Centre) -> list[Invitation]:
    """The candidates booked on the day, by candidate number, with their slot and requests."""
    return list(
        centre.bookings.select_related("application", "slot")
        .prefetch_related("adjustments")
        .order_by("candidate_number")
    )


# Assessors and who observes whom.


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


# The ranking.

# The tie rule (docs/adr/0015-assessment-centres.md): the higher composite first; then the
# higher lowest criterion average (the more even profile); then the earlier application;
# then the reference, so that the same scores always give the same order.
RANKING_ORDER = (
    "-composite",
    "-lowest",
    "invitation__application__submitted_at",
    "invitation__application__reference",
)


def ranking(*, cohort: Cohort, partnership: Partnership | None) -> list[CentreResult]:
    """The candidates who met the benchmark at the partnership's centres (or the national
    ones) in the cohort, best first, by the documented tie rule."""
    return list(
        CentreResult.objects.filter(
            met=True,
            invitation__application__cohort=cohort,
            invitation__partnership=partnership,
        )
        .select_related("invitation__application", "invitation__centre")
        .order_by(*RANKING_ORDER)
    )


# An assessor's own work.


def assignments_of(user) -> list[Assignment]:
    """The person's assignments on confirmed days still open for scoring, candidate by
    candidate, each with ``scored``: whether their scores are in."""
    return list(
        Assignment.objects.filter(
            assessor__person=user,
            assessor__centre__assignments_confirmed_at__isnull=False,
            assessor__centre__status__in=(CentreStatus.OPEN, CentreStatus.HELD),
            assessor__centre__day__lte=timezone.localdate(),
            invitation__application__status=ApplicationStatus.ATTENDED,
        )
        .select_related("assessor__centre", "exercise", "invitation")
        .annotate(scored=Count("scores"))
        .order_by("assessor__centre__day", "invitation__candidate_number", "exercise__position")
    )


# The wash-up.


@dataclass
class WashupCandidate:
    invitation: Invitation
    scores: list  # CentreScore rows, by criterion then exercise
    result: CentreResult | None


def washup_of(centre: Centre) -> list[WashupCandidate]:
    """Each candidate who came, by number, with every score given them and, once
    confirmed, their result. Three queries, whatever the size of the day."""
    attended = list(
        centre.bookings.filter(
            application__status__in=(
                ApplicationStatus.ATTENDED,
                ApplicationStatus.MET_BENCHMARK,
                ApplicationStatus.BENCHMARK_NOT_MET,
            )
        )
        .select_related("application")
        .order_by("candidate_number")
    )
    scores: dict[int, list] = {}
    for score in (
        CentreScore.objects.filter(assignment__invitation__in=attended)
        .select_related("criterion", "assignment__exercise", "assignment__assessor__person")
        .order_by("criterion__position", "assignment__exercise__position", "pk")
    ):
        scores.setdefault(score.assignment.invitation_id, []).append(score)
    results = {r.invitation_id: r for r in CentreResult.objects.filter(invitation__in=attended)}
    return [
        WashupCandidate(invitation, scores.get(invitation.pk, []), results.get(invitation.pk))
        for invitation in attended
    ]


def centre_reasons(application: Application) -> list[str]:
    """Why the candidate did not meet the benchmark, as they are told it; none otherwise."""
    if application.status != ApplicationStatus.BENCHMARK_NOT_MET:
        return []
    result = CentreResult.objects.filter(invitation__application=application).first()
    return list(result.reasons) if result else []


def latest_ranking(*, cohort: Cohort, partnership: Partnership | None):
    """The partnership's latest confirmed ranking, the one allocation reads, or ``None``."""
    return (
        RankingConfirmation.objects.filter(cohort=cohort, partnership=partnership)
        .select_related("confirmed_by")
        .first()
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
