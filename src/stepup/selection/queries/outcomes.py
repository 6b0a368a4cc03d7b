"""What the candidate is told about the decisions on their application."""

from dataclasses import dataclass

from stepup.applications.models import (
    Application,
)
from stepup.selection.models import (
    EligibilityCheck,
    EligibilityDecision,
    RuleOutcome,
)


@dataclass(frozen=True)
class Outcome:
    """What the candidate is told about an eligibility decision."""

    eligible: bool | None
    reasons: list[str]
    detail: str
    checks: list  # EligibilityCheck rows, when the decision was automatic


def checks_needing_a_person(application: Application) -> list[str]:
    """What the rules could not judge, for a candidate whose application is being checked."""
    return list(
        EligibilityCheck.objects.filter(application=application, outcome=RuleOutcome.REFER)
        .order_by("id")
        .values_list("reason", flat=True)
    )


def eligibility_outcome(application: Application) -> Outcome | None:
    """The eligibility decision and its reasons, or ``None`` before there is one."""
    decision = (
        EligibilityDecision.objects.filter(application=application)
        .prefetch_related("reasons")
        .first()
    )
    if decision is None:
        return None
    checks = list(EligibilityCheck.objects.filter(application=application).order_by("id"))
    return Outcome(
        eligible=decision.eligible,
        reasons=[reason.text for reason in decision.reasons.all()],
        detail=decision.detail,
        checks=checks if decision.decided_by_id is None else [],
    )
