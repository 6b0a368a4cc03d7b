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


def eligibility_email(
    *, application: Application, eligible: bool | None, reasons: list[str], message: str = ""
) -> tuple[str, str]:
    """The subject and body the candidate is sent: shown to the decider before it goes."""
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
    if message:
        body = body.rstrip() + "\n\n" + message
    return subject, body.rstrip() + _signature()


def _email_outcome(
    *, application: Application, eligible: bool | None, reasons: list[str], message: str = ""
) -> None:
    """Tell the candidate the outcome in plain English, once the change has committed."""
    subject, body = eligibility_email(
        application=application, eligible=eligible, reasons=reasons, message=message
    )
    email_later(to=application.candidate.email, subject=subject, body=body)


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
    staff_note: str = "",
    candidate_message: str = "",
) -> EligibilityDecision:
    """A person's decision on a referred application.

    Two texts, kept apart: ``staff_note`` says why, for staff only, and
    is needed when it is eligible, since the rules could not say so on their own;
    ``candidate_message`` is written for the candidate, who reads it with the outcome and
    the reasons. Not eligible needs at least one reason from the eligibility list.
    """
    staff_note = (staff_note or "").strip()
    candidate_message = (candidate_message or "").strip()
    reasons = list(reasons or [])
    errors = {}
    if not isinstance(eligible, bool):
        errors["eligible"] = "Select whether the application is eligible"
    elif eligible:
        reasons = []
        if not staff_note:
            errors["staff_note"] = "Enter a note for staff saying why the application is eligible"
    else:
        if not reasons:
            errors["reasons"] = "Select at least one reason"
        elif any(
            reason.stage != DecisionStage.ELIGIBILITY or not reason.active for reason in reasons
        ):
            errors["reasons"] = "Select reasons from the list of eligibility reasons"
    if len(staff_note) > DETAIL_MAX:
        errors["staff_note"] = f"The note for staff must be {DETAIL_MAX} characters or fewer"
    if len(candidate_message) > DETAIL_MAX:
        errors["candidate_message"] = (
            f"The message to the candidate must be {DETAIL_MAX} characters or fewer"
        )
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
            application=application,
            eligible=eligible,
            decided_by=actor,
            detail=candidate_message,
            staff_note=staff_note,
        )
        decision.reasons.set(reasons)
        reason_texts = [reason.text for reason in reasons]
        _move(
            application=application,
            target=ApplicationStatus.ELIGIBLE if eligible else ApplicationStatus.INELIGIBLE,
            actor=actor,
            summary="Decided: eligible" if eligible else "Decided: not eligible",
            reason=staff_note or "; ".join(reason_texts),
            changes=[
                {
                    "field": "Reasons",
                    "before": "(blank)",
                    "after": "; ".join(reason_texts) or "(blank)",
                },
                {
                    "field": "Message to the candidate",
                    "before": "(blank)",
                    "after": candidate_message or "(blank)",
                },
            ],
        )
        _email_outcome(
            application=application,
            eligible=eligible,
            reasons=reason_texts,
            message=candidate_message,
        )
    return decision
