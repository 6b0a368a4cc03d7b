"""Eligibility: the manual queue, one application's rule results, and the reason list
with its counts. Decision makers see what the rules look at and nothing else: no contact
details, and never the equality questionnaire, which no query here can reach.
"""

from django.db.models import (
    Count,
    F,
    ManyToManyField,
    Prefetch,
    QuerySet,
)

from stepup.accounts.roles import Role
from stepup.applications.lifecycle import ELIGIBILITY_DECIDERS
from stepup.applications.models import (
    Application,
    ApplicationStatus,
)
from stepup.programme.models import (
    Cohort,
)
from stepup.selection.models import (
    DecisionReason,
    DecisionStage,
    EligibilityCheck,
    RuleOutcome,
)

# The fields an eligibility decider may read: what the rules look at, and the bookkeeping.
DECIDER_FIELDS = (
    "id",
    "reference",
    "cohort",
    "status",
    "rules",
    "submitted_at",
    "right_to_work",
    "right_to_work_details",
    "degree_subject",
    "degree_class",
    "degree_equivalence",
    "degree_institution",
    "degree_year",
    "degree_status",
    "gcse_english_grade",
    "gcse_english_equivalent",
    "gcse_maths_grade",
    "gcse_maths_equivalent",
)


def may_decide_eligibility(user) -> bool:
    return user.is_authenticated and user.has_role(*ELIGIBILITY_DECIDERS)


def may_manage_reasons(user) -> bool:
    return user.is_authenticated and user.has_role(Role.NATIONAL_ADMIN)


def applications_decidable_by(user) -> QuerySet[Application]:
    """Submitted applications, for the national team and the contractor; nothing for others.

    Only the fields a decider needs are loaded, so a name or an address cannot slip onto
    the page by accident.
    """
    if not may_decide_eligibility(user):
        return Application.objects.none()
    return (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .exclude(submitted_at=None)
        .only(*DECIDER_FIELDS)
    )


def eligibility_queue(*, user, cohort: Cohort | None = None) -> QuerySet[Application]:
    """Applications waiting for a person's eligibility decision, oldest first.

    The same queries whatever its length: the applications with their cohort's name, and
    the rules they were referred for.
    """
    applications = applications_decidable_by(user).filter(
        status=ApplicationStatus.ELIGIBILITY_REVIEW
    )
    if cohort is not None:
        applications = applications.filter(cohort=cohort)
    referred = EligibilityCheck.objects.filter(outcome=RuleOutcome.REFER).only(
        "id", "application_id", "rule", "reason"
    )
    return (
        applications.annotate(cohort_name=F("cohort__name"))
        .prefetch_related(Prefetch("eligibility_checks", referred, to_attr="referred"))
        .order_by("submitted_at", "id")
    )


def eligibility_checks_for(*, application: Application) -> list[EligibilityCheck]:
    return list(application.eligibility_checks.order_by("id"))


def reasons_for(*, stage: str, active_only: bool = True) -> QuerySet[DecisionReason]:
    reasons = DecisionReason.objects.filter(stage=stage)
    if active_only:
        reasons = reasons.filter(active=True)
    return reasons.order_by("position", "id")


def _decision_relations():
    """Every decision model's reasons: (through model, its link to the decision, to the reason).

    The sift's decisions carry reasons from the same list; counting through every many-to-
    many relation to ``DecisionReason`` whose owner names its ``application`` counts them all.
    """
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not isinstance(field, ManyToManyField) or field.related_model is not DecisionReason:
                continue
            if not any(f.name == "application" for f in model._meta.get_fields()):
                continue
            through = field.remote_field.through
            source = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            yield through, source, target


def reason_totals(*, cohort: Cohort | None) -> dict[int, int]:
    """How many decisions gave each reason, by the reason's id, in one cohort or all: one
    query for each kind of decision, whatever the number of stages."""
    counts: dict[int, int] = {}
    for through, source, target in _decision_relations():
        rows = through.objects.all()
        if cohort is not None:
            rows = rows.filter(**{f"{source}__application__cohort": cohort})
        for row in rows.order_by().values(target).annotate(n=Count("pk")):
            counts[row[target]] = counts.get(row[target], 0) + row["n"]
    return counts


def reason_counts(*, cohort: Cohort | None, stage: str) -> list[tuple[DecisionReason, int]]:
    """How often each reason of a stage was given, for one cohort (or all): counts only.

    Every reason of the stage is listed, in order, with 0 where it was not used; a reason
    no longer offered is listed only if it was used.
    """
    if stage not in DecisionStage.values:
        raise ValueError(f"No such stage: {stage}")
    counts = reason_totals(cohort=cohort)
    return [
        (reason, counts.get(reason.pk, 0))
        for reason in reasons_for(stage=stage, active_only=False)
        if reason.active or counts.get(reason.pk)
    ]
