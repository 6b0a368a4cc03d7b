"""What eligibility and the sift share: rule names, limits, moving an application's status."""

from django.conf import settings

from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import Application, ApplicationStatus
from stepup.selection.eligibility import (
    PASS,
    RuleResult,
)
from stepup.selection.models import (
    RuleOutcome,
    SiftRound,
)

# Which reason on the list stands for each failed eligibility rule.
RULE_REASON_CODES = {
    "right_to_work": "no-right-to-work",
    "degree_subject": "degree-in-social-work",
    "degree_class": "degree-class-below-minimum",
    "gcse_english": "gcse-english-below-minimum",
    "gcse_maths": "gcse-maths-below-minimum",
    "experience": "no-relevant-experience",
}

# How each rule is named to the people who decide.
RULE_NAMES = {
    "right_to_work": "Right to study and work in the UK",
    "degree_subject": "Degree subject",
    "degree_class": "Degree class",
    "gcse_english": "GCSE English",
    "gcse_maths": "GCSE Maths",
    "experience": "Experience with children, young people or families",
}

DETAIL_MAX = 2000
NOT_IN_REVIEW = "This application is not waiting for an eligibility decision"
ALREADY_DECIDED = "Eligibility has already been decided for this application"


def _move(
    *,
    application: Application,
    target: str,
    actor,
    summary: str,
    reason: str = "",
    changes: tuple[dict, ...] | list[dict] = (),
    caused_by=None,
) -> None:
    """Change the status through the lifecycle, with its one audit entry.

    An application waits for a sift mark only while it is eligible: first, a first mark,
    kept for nobody."""
    APPLICATION_LIFECYCLE.move(
        record=application,
        target=target,
        actor=actor,
        summary=summary,
        reason=reason,
        changes=changes,
        caused_by=caused_by,
        fields={
            "sift_round_needed": SiftRound.FIRST if target == ApplicationStatus.ELIGIBLE else "",
            "sift_assignee": None,
        },
    )


def _results_text(results: list[RuleResult]) -> str:
    """The rules that did not pass, one a line, for the audit entry."""
    return "\n".join(
        f"{RULE_NAMES.get(r.rule, r.rule)}: {RuleOutcome(r.outcome).label.lower()}. {r.reason}"
        for r in results
        if r.outcome != PASS
    )


def _signature() -> str:
    return f"\n\nYou can see your application at {settings.SERVICE_URL}/\n\nThe Step Up team"
