"""Reading cohorts and their rules."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from stepup.accounts.roles import Role
from stepup.core.formatting import pounds
from stepup.programme.models import (
    Cohort,
    CohortStatus,
    Criterion,
    Exercise,
    ExerciseStage,
    FundingBasis,
    FundingRate,
    Milestone,
    MilestoneKind,
    RuleVersion,
)
from stepup.programme.readiness import Problem, page, recruiting_checks

MIN_EXERCISES_PER_CRITERION = 2
MIN_SCALE_POINTS = 2


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    """Every member of staff may see every cohort's set-up; it is published information."""
    return Cohort.objects.all()


def cohorts_changeable_by(user) -> QuerySet[Cohort]:
    """Only the national programme team's admins set cohorts up."""
    if user.is_authenticated and user.has_role(Role.NATIONAL_ADMIN):
        return Cohort.objects.all()
    return Cohort.objects.none()


def cohort_for_report(*, cohorts: list[Cohort], number: int | None) -> Cohort | None:
    """The cohort a report shows: the one asked for by number, else the one recruiting, else
    the newest of ``cohorts`` (newest first)."""
    return next((c for c in cohorts if c.number == number), None) or next(
        (c for c in cohorts if c.status == CohortStatus.RECRUITING), cohorts[0] if cohorts else None
    )


def cohort_partnerships(*, cohort: Cohort) -> QuerySet:
    """The cohort's partnerships with their total places, for the cohort page."""
    return cohort.partnerships.annotate(places_total=Sum("members__places")).order_by("name")


def timetable(*, cohort: Cohort) -> list[Milestone]:
    """Milestones in the order they happen."""
    return list(cohort.milestones.order_by("starts_on", "ends_on", "kind"))


# The dates a candidate needs, in their words; the others (bids, reserves, the regulator) are
# the partnerships' and the national team's business.
CANDIDATE_MILESTONES = {
    MilestoneKind.APPLICATION_WINDOW: "Applications open",
    MilestoneKind.CONTRACTOR_SIFT: "We read and score applications",
    MilestoneKind.PARTNERSHIP_SIFT: "Partnerships read and score applications",
    MilestoneKind.ASSESSMENT_CENTRES: "Assessment centres for the candidates we invite",
    MilestoneKind.OFFERS: "We offer places",
    MilestoneKind.CHECKS: "Checks and references for those offered a place",
    MilestoneKind.PROGRAMME_START: "The programme starts",
}


def candidate_timetable(*, cohort: Cohort) -> list[tuple[str, Milestone]]:
    """The milestones a candidate needs, in order, each with what it means for them."""
    return [
        (CANDIDATE_MILESTONES[m.kind], m)
        for m in timetable(cohort=cohort)
        if m.kind in CANDIDATE_MILESTONES
    ]


def milestone_kinds_not_set(*, cohort: Cohort) -> list[tuple[str, str]]:
    """Kinds of milestone the cohort has no date for yet, in the national timetable's order."""
    taken = set(cohort.milestones.values_list("kind", flat=True))
    return [(kind, label) for kind, label in MilestoneKind.choices if kind not in taken]


# Funding


@dataclass(frozen=True)
class FundingLine:
    label: str
    working: str  # how the amount is worked out, such as "26 × £19,833"
    amount_pence: int


@dataclass(frozen=True)
class FundingEstimate:
    trainees: int
    lines: tuple[FundingLine, ...]
    total_pence: int


def funding_for(*, rules: RuleVersion, trainees: int) -> FundingEstimate:
    """The grant a partnership of this many trainees would get; band lines that do not
    apply to its size are left out."""
    lines = []
    for rate in rules.funding_rates.all():
        if rate.basis == FundingBasis.SIZE_BAND and not (
            rate.band_min <= trainees <= rate.band_max
        ):
            continue
        if rate.basis == FundingBasis.PER_TRAINEE:
            working = f"{trainees} × {pounds(rate.amount_pence)}"
        else:
            working = describe_basis(rate)
        lines.append(FundingLine(rate.label, working, rate.amount_for(trainees)))
    return FundingEstimate(trainees, tuple(lines), sum(line.amount_pence for line in lines))


def describe_basis(rate: FundingRate) -> str:
    if rate.basis == FundingBasis.PER_PARTNERSHIP:
        return "Per partnership"
    if rate.basis == FundingBasis.PER_TRAINEE:
        return "Per trainee"
    return f"One-off, for {rate.band_min} to {rate.band_max} trainees"


# The assessment framework


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def under_assessed(counts: dict[str, int]) -> list[str]:
    """A message for each criterion (by name, in order) assessed in too few exercises."""
    return [
        f"{name} is assessed in {_plural(count, 'exercise')}. Each criterion must be assessed "
        f"in at least {MIN_EXERCISES_PER_CRITERION} exercises"
        for name, count in counts.items()
        if count < MIN_EXERCISES_PER_CRITERION
    ]


def assessment_counts(*, rules: RuleVersion) -> dict[str, int]:
    """How many exercises assess each criterion, criteria in framework order."""
    criteria = list(rules.criteria.all())
    pairs = Exercise.criteria.through.objects.filter(criterion__rules=rules)
    counted = Counter(pairs.values_list("criterion_id", flat=True))
    return {criterion.name: counted[criterion.pk] for criterion in criteria}


def framework_problems(*, rules: RuleVersion) -> list[str]:
    """What stops this framework being used to assess candidates, in plain English."""
    problems = []
    if not rules.criteria.exists():
        problems.append("Add the criteria that candidates are assessed against")
    if not rules.exercises.exists():
        problems.append("Add the exercises that assess the criteria")
    problems += under_assessed(assessment_counts(rules=rules))
    if rules.scale.count() < MIN_SCALE_POINTS:
        problems.append(f"Add at least {MIN_SCALE_POINTS} points to the scoring scale")
    return problems


def sift_total_maximum(*, rules: RuleVersion) -> int | None:
    """The highest total a sifter can give: the criteria the application form assesses, each
    at the top of the scale. None until the framework has both."""
    sifted = (
        Criterion.objects.filter(
            rules=rules, exercises__stage=ExerciseStage.APPLICATION, exercises__rules=rules
        )
        .distinct()
        .count()
    )
    top = rules.scale.order_by("-score").values_list("score", flat=True).first()
    if not sifted or top is None:
        return None
    return sifted * top


def pass_mark_problem(*, rules: RuleVersion, pass_mark: int | None) -> str | None:
    """Why this pass mark cannot be used with these rules, or None."""
    maximum = sift_total_maximum(rules=rules)
    if pass_mark is not None and maximum is not None and pass_mark > maximum:
        return (
            f"The pass mark must be {maximum} or less: the highest total a sifter can give "
            "under this framework"
        )
    return None


def framework_is_empty(*, rules: RuleVersion) -> bool:
    return not rules.criteria.exists() and not rules.exercises.exists()


@dataclass(frozen=True)
class MatrixRow:
    criterion: Criterion
    cells: tuple[tuple[Exercise, bool], ...]
    count: int


def framework_matrix(*, rules: RuleVersion) -> tuple[list[Exercise], list[MatrixRow]]:
    """Exercises (columns) and, for each criterion, which of them assess it."""
    exercises = list(rules.exercises.prefetch_related("criteria"))
    assessed = {(e.pk, c.pk) for e in exercises for c in e.criteria.all()}
    rows = []
    for criterion in rules.criteria.all():
        cells = tuple((e, (e.pk, criterion.pk) in assessed) for e in exercises)
        rows.append(MatrixRow(criterion, cells, sum(1 for _, ticked in cells if ticked)))
    return exercises, rows


# Status


def transition_problems(*, cohort: Cohort, to_status: str) -> list[Problem]:
    """What the cohort still needs before it may move to this status, each a ``Problem``
    that links to the page that puts it right."""
    if to_status != CohortStatus.RECRUITING:
        return []
    rules = cohort.current_rules
    number = cohort.number
    framework = page("programme:framework", number=number)
    settings = page("selection:recruitment-settings", number=number)
    problems = [Problem(text, framework) for text in framework_problems(rules=rules)]
    if not cohort.milestones.filter(kind=MilestoneKind.APPLICATION_WINDOW).exists():
        problems.append(
            Problem(
                "Add the application window to the timetable",
                page("programme:timetable", number=number),
            )
        )
    if not rules.funding_rates.exists():
        problems.append(
            Problem("Add at least one funding rate", page("programme:funding", number=number))
        )
    if rules.sift_pass_mark is None:
        # Candidates are sifted under the rules they applied under, so the pass mark must be
        # set before anyone applies (docs/adr/0004).
        problems.append(
            Problem("Set the pass mark for the sift in the recruitment settings", settings)
        )
    elif pass_mark_problem(rules=rules, pass_mark=rules.sift_pass_mark):
        problems.append(
            Problem(
                f"Lower the pass mark for the sift to {sift_total_maximum(rules=rules)} or "
                "less in the recruitment settings",
                settings,
            )
        )
    for check in recruiting_checks():
        problems += check(cohort)
    return problems


def rule_versions(*, cohort: Cohort) -> QuerySet[RuleVersion]:
    return cohort.rule_versions.select_related("created_by").order_by("-number")
