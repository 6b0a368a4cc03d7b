"""Reading trainees: whose they are, and whether a trainee's placements meet the cohort's
rules for practice learning."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.partnerships.models import Partnership
from stepup.partnerships.queries import partnerships_changeable_by
from stepup.trainees.models import (
    EarlyWarning,
    Employment,
    Outcome,
    Placement,
    PlacementRules,
    ServiceUserGroup,
    Trainee,
    TraineeStatus,
)


def trainees_visible_to(user) -> QuerySet[Trainee]:
    """The national team all; a coordinator their partnership's; a university its students;
    an authority the trainees it hosts; a trainee their own."""
    qs = Trainee.objects.select_related(
        "offer__application", "offer__partnership__cohort", "university", "host"
    )
    if not user.is_authenticated:
        return qs.none()
    if user.has_role(*NATIONAL_TEAM):
        return qs
    condition = Q(offer__application__candidate=user)
    if user.has_role(Role.COORDINATOR):
        condition |= Q(offer__partnership__in=partnerships_changeable_by(user))
    tutor_orgs = user.organisation_ids_with_role(Role.UNIVERSITY_TUTOR)
    if tutor_orgs:
        condition |= Q(university_id__in=tutor_orgs)
    officer_orgs = user.organisation_ids_with_role(Role.AUTHORITY_OFFICER)
    if officer_orgs:
        condition |= Q(host_id__in=officer_orgs)
    return qs.filter(condition)


def may_record(user, trainee: Trainee) -> bool:
    """Whether the person records the trainee's course: the partnership's coordinator or a
    tutor at the trainee's university."""
    if partnerships_changeable_by(user).filter(pk=trainee.offer.partnership_id).exists():
        return True
    return trainee.university_id in user.organisation_ids_with_role(Role.UNIVERSITY_TUTOR)


def rules_for(cohort) -> PlacementRules:
    """The cohort's rules for practice learning: the programme's defaults until it sets its own
    (unsaved)."""
    return PlacementRules.objects.filter(cohort=cohort).first() or PlacementRules(cohort=cohort)


@dataclass
class PlanCheck:
    days: int
    settings: int
    groups: list[str]
    statutory: bool
    problems: list[str]

    @property
    def meets_the_rules(self) -> bool:
        return not self.problems


def plan_check(trainee: Trainee, placements: list[Placement] | None = None) -> PlanCheck:
    """What the trainee's placements add up to, and what is missing against the rules."""
    if placements is None:
        placements = list(trainee.placements.all())
    rules = rules_for(trainee.offer.partnership.cohort)
    days = sum(p.days for p in placements)
    settings = len({p.setting.strip().lower() for p in placements})
    groups = sorted({p.group for p in placements})
    statutory = any(p.statutory for p in placements)
    problems = []
    if days < rules.days:
        problems.append(
            f"{days} days of practice learning planned: {rules.days} are needed, "
            f"{rules.days - days} more"
        )
    if settings < rules.settings_needed:
        problems.append(
            f"{settings} {'setting' if settings == 1 else 'settings'}: at least "
            f"{rules.settings_needed} are needed"
        )
    if len(groups) < rules.groups_needed:
        problems.append(
            f"{len(groups)} service-user {'group' if len(groups) == 1 else 'groups'}: at least "
            f"{rules.groups_needed} are needed"
        )
    if rules.statutory_needed and not statutory:
        problems.append("No statutory placement: one is needed")
    return PlanCheck(
        days=days,
        settings=settings,
        groups=[ServiceUserGroup(g).label for g in groups],
        statutory=statutory,
        problems=problems,
    )


def warned_about(trainee: Trainee) -> list:
    """Who is emailed when a warning is raised: the trainee's academic tutor and the
    partnership's coordinator."""
    people = [trainee.academic_tutor, trainee.offer.partnership.coordinator]
    seen, found = set(), []
    for person in people:
        if person is not None and person.pk not in seen and person.is_active:
            seen.add(person.pk)
            found.append(person)
    return found


def warnings_visible_to(user, *, open_only: bool = True) -> QuerySet[EarlyWarning]:
    """The early warnings about trainees the person shares, as staff; newest first."""
    if not user.role_set:
        return EarlyWarning.objects.none()
    qs = EarlyWarning.objects.filter(trainee__in=trainees_visible_to(user)).select_related(
        "trainee__offer__application", "trainee__offer__partnership", "resolved_by"
    )
    return qs.filter(resolved_at__isnull=True) if open_only else qs


# The programme's tables.


def percent(part: int, whole: int) -> int:
    """A whole per cent, rounded half up, as the evaluation published them (seed 001
    Table 8.1): integer arithmetic, so 12.5 is 13."""
    return (200 * part + whole) // (2 * whole) if whole else 0


@dataclass
class OutcomeRow:
    """One partnership's row of seed 001 Table 8.1."""

    partnership: object
    registered: int
    withdrawn: int
    counts: dict

    def share(self, count: int) -> int:
        return percent(count, self.registered)


def outcomes_table(*, cohort) -> list[OutcomeRow]:
    """Per partnership: trainees registered, withdrawn, and each classification (three
    queries whatever the cohort's size)."""
    partnerships = list(Partnership.objects.filter(cohort=cohort).order_by("name"))
    registered: dict[int, int] = {}
    withdrawn: dict[int, int] = {}
    for partnership_id, status in Trainee.objects.filter(
        offer__partnership__cohort=cohort
    ).values_list("offer__partnership_id", "status"):
        registered[partnership_id] = registered.get(partnership_id, 0) + 1
        if status in (TraineeStatus.WITHDRAWN, TraineeStatus.EXCLUDED):
            withdrawn[partnership_id] = withdrawn.get(partnership_id, 0) + 1
    counts: dict[int, dict] = {}
    for partnership_id, classification in Outcome.objects.filter(
        trainee__offer__partnership__cohort=cohort
    ).values_list("trainee__offer__partnership_id", "classification"):
        row = counts.setdefault(partnership_id, {})
        row[classification] = row.get(classification, 0) + 1
    return [
        OutcomeRow(p, registered.get(p.pk, 0), withdrawn.get(p.pk, 0), counts.get(p.pk, {}))
        for p in partnerships
        if registered.get(p.pk)
    ]


def open_warning_counts(trainees: list[Trainee]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for trainee_id in EarlyWarning.objects.filter(
        trainee__in=trainees, resolved_at__isnull=True
    ).values_list("trainee_id", flat=True):
        counts[trainee_id] = counts.get(trainee_id, 0) + 1
    return counts


@dataclass
class SupportedRow:
    """One cohort's row of seed 003 Table 1: trainees supported across the partnership the
    authority led, and recruited after completing; and the same for the authority itself."""

    cohort: object
    supported: int
    recruited: int
    supported_by_authority: int
    recruited_by_authority: int


def supported_and_recruited(*, authority) -> list[SupportedRow]:
    """For each cohort in which the authority led a partnership, oldest first: one query."""
    rows: dict[int, SupportedRow] = {}
    for trainee in (
        Trainee.objects.filter(offer__partnership__lead_authority=authority)
        .select_related("offer__partnership__cohort", "outcome")
        .order_by("offer__partnership__cohort__number")
    ):
        cohort = trainee.offer.partnership.cohort
        row = rows.setdefault(cohort.pk, SupportedRow(cohort, 0, 0, 0, 0))
        outcome = getattr(trainee, "outcome", None)
        recruited = outcome is not None and outcome.employment == Employment.HOST
        row.supported += 1
        row.recruited += recruited
        if trainee.host_id == authority.pk:
            row.supported_by_authority += 1
            row.recruited_by_authority += recruited
    return list(rows.values())


def programme_end(trainee: Trainee):
    """When the trainee's programme ends: the cohort's start plus its length, or their
    extension."""
    if trainee.extended_to:
        return trainee.extended_to
    cohort = trainee.offer.partnership.cohort
    months = cohort.start_date.month - 1 + cohort.length_months
    year, month = cohort.start_date.year + months // 12, months % 12 + 1
    return cohort.start_date.replace(year=year, month=month, day=1) - datetime.timedelta(days=1)
