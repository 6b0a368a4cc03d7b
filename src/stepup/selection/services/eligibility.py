"""Eligibility: the service's own check at submission, and a person's decision after."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.applications.models import Application, ApplicationStatus
from stepup.core.tasks import email_later
from stepup.selection.eligibility import (
    FAIL,
    PASS,
    RuleResult,
    eligibility_assess,
    eligibility_overall,
)
from stepup.selection.models import (
    DecisionReason,
    DecisionStage,
    EligibilityCheck,
    EligibilityDecision,
)
from stepup.selection.services.common import (
    ALREADY_DECIDED,
    DETAIL_MAX,
    NOT_IN_REVIEW,
    RULE_REASON_CODES,
    _move,
    _results_text,
    _signature,
)


def _email_outcome(*, application: Application, eligible: bool | None, reasons: list[str]) -> None:
    """Tell the candidate the outcome in plain English, once the change has committed."""
    candidate = application.candidate
    greeting = f"Dear {candidate.full_name or 'applicant'},\n\n"
    ref = application.reference
    if eligible is None:
        subject = f"We are checking your Step Up application {ref}"
        body = (
            f"{greeting}Thank you for applying to Step Up to Social Work.\n\n"
            "We are checking your application against the eligibility rules; we will tell "
            "you the outcome.\n\nWhat we are checking:\n"
            + "".join(f"- {reason}\n" for reason in reasons)
        )
    elif eligible:
        subject = f"Your Step Up application {ref} is eligible"
        body = (
            f"{greeting}Your application meets the eligibility rules for Step Up to Social "
            "Work.\n\nIt will now be sifted: assessors will score your answers to the "
            "three questions. We will tell you the outcome."
        )
        if reasons:
            body += "\n\n" + "".join(f"- {reason}\n" for reason in reasons).rstrip()
    else:
        subject = f"Your Step Up application {ref} is not eligible"
        body = (
            f"{greeting}We are sorry: your application does not meet the eligibility rules "
            "for Step Up to Social Work, so it cannot go any further.\n\nThe reasons:\n"
            + "".join(f"- {reason}\n" for reason in reasons)
        )
    email_later(to=candidate.email, subject=subject, body=body.rstrip() + _signature())


def _failed_reasons(results: list[RuleResult]) -> list[DecisionReason]:
    codes = [RULE_REASON_CODES[r.rule] for r in results if r.outcome == FAIL]
    found = {
        reason.code: reason
        for reason in DecisionReason.objects.filter(stage=DecisionStage.ELIGIBILITY, code__in=codes)
    }
    return [found[code] for code in dict.fromkeys(codes) if code in found]


def eligibility_run(*, application: Application) -> EligibilityDecision | None:
    """Run the cohort's rules on a just-submitted application and record what they say.

    Called inside the submission's transaction. A clear pass or fail is decided here, by
    the service; anything the rules cannot judge waits in the manual queue (``None``).
    """
    if application.rules_id is None:
        raise ValueError("An application is checked against the rules it was submitted under")
    results = eligibility_assess(application=application, rules=application.rules)
    overall = eligibility_overall(results)
    now = timezone.now()
    with transaction.atomic():
        EligibilityCheck.objects.bulk_create(
            EligibilityCheck(
                application=application,
                rules=application.rules,
                rule=result.rule,
                outcome=result.outcome,
                reason=result.reason[:400],
                checked_at=now,
            )
            for result in results
        )
        decision = None
        if overall == PASS:
            target = ApplicationStatus.ELIGIBLE
            decision = EligibilityDecision.objects.create(
                application=application, eligible=True, decided_by=None, decided_at=now
            )
        elif overall == FAIL:
            target = ApplicationStatus.INELIGIBLE
            failed = [r.reason for r in results if r.outcome == FAIL]
            decision = EligibilityDecision.objects.create(
                application=application,
                eligible=False,
                decided_by=None,
                detail="\n".join(failed),
                decided_at=now,
            )
            decision.reasons.set(_failed_reasons(results))
        else:
            target = ApplicationStatus.ELIGIBILITY_REVIEW
        _move(
            application=application,
            target=target,
            actor=None,
            summary={
                ApplicationStatus.ELIGIBLE: "Eligibility checked: meets every rule, so eligible",
                ApplicationStatus.INELIGIBLE: "Eligibility checked: does not meet the rules",
                ApplicationStatus.ELIGIBILITY_REVIEW: (
                    "Eligibility checked: referred to the national team for a decision"
                ),
            }[target],
            reason=_results_text(results),
        )
        if overall == PASS:
            _email_outcome(application=application, eligible=True, reasons=[])
        elif overall == FAIL:
            _email_outcome(
                application=application,
                eligible=False,
                reasons=[r.reason for r in results if r.outcome == FAIL],
            )
        else:
            _email_outcome(
                application=application,
                eligible=None,
                reasons=[r.reason for r in results if r.outcome != PASS],
            )
    return decision


# The manual eligibility queue


def eligibility_decide(
    *,
    actor,
    application: Application,
    eligible: bool,
    reasons: list[DecisionReason],
    detail: str,
) -> EligibilityDecision:
    """A person's decision on a referred application, with the reasons the candidate reads.

    Not eligible needs at least one reason from the eligibility list; eligible needs a note
    saying why, since the rules could not say so on their own.
    """
    detail = (detail or "").strip()
    reasons = list(reasons or [])
    errors = {}
    if not isinstance(eligible, bool):
        errors["eligible"] = "Select whether the application is eligible"
    elif eligible:
        reasons = []
        if not detail:
            errors["detail"] = "Enter why the application is eligible"
    else:
        if not reasons:
            errors["reasons"] = "Select at least one reason"
        elif any(
            reason.stage != DecisionStage.ELIGIBILITY or not reason.active for reason in reasons
        ):
            errors["reasons"] = "Select reasons from the list of eligibility reasons"
    if len(detail) > DETAIL_MAX:
        errors["detail"] = f"The detail must be {DETAIL_MAX} characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("candidate")
            .get(pk=application.pk)
        )
        if EligibilityDecision.objects.filter(application=application).exists():
            raise ValidationError(ALREADY_DECIDED)
        if application.status != ApplicationStatus.ELIGIBILITY_REVIEW:
            raise ValidationError(NOT_IN_REVIEW)
        decision = EligibilityDecision.objects.create(
            application=application, eligible=eligible, decided_by=actor, detail=detail
        )
        decision.reasons.set(reasons)
        reason_texts = [reason.text for reason in reasons]
        _move(
            application=application,
            target=ApplicationStatus.ELIGIBLE if eligible else ApplicationStatus.INELIGIBLE,
            actor=actor,
            summary="Decided: eligible" if eligible else "Decided: not eligible",
            reason=detail or "; ".join(reason_texts),
            changes=[
                {
                    "field": "Reasons",
                    "before": "(blank)",
                    "after": "; ".join(reason_texts) or "(blank)",
                }
            ],
        )
        _email_outcome(
            application=application,
            eligible=eligible,
            reasons=reason_texts + ([detail] if detail and not eligible else []),
        )
    return decision
