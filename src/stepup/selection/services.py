"""Eligibility: the automatic check at submission, the manual decision, and the reason list.

Every negative decision carries structured reasons from the list the national team keeps,
so that the candidate is told why and reports can count them. The candidate is emailed
every outcome, once the transaction that records it has committed.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import Application, ApplicationStatus
from stepup.core.audit import audit_record, field_changes
from stepup.core.models import AuditEntry
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
    RuleOutcome,
    SiftDecision,
    SiftMark,
    SiftMarkReason,
    SiftRound,
    SiftScore,
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


def _status_label(status: str) -> str:
    return ApplicationStatus(status).label


def _move(*, application: Application, target: str, actor, reason: str = "") -> list[dict]:
    """Change the status (the lifecycle says whether this person may) and audit it."""
    APPLICATION_LIFECYCLE.check(application.status, target, actor, reason)
    before = _status_label(application.status)
    application.status = target
    # An application waits for a sift mark only while it is eligible: first, a first mark.
    application.sift_round_needed = SiftRound.FIRST if target == ApplicationStatus.ELIGIBLE else ""
    application.save(update_fields=["status", "sift_round_needed", "updated_at"])
    after = _status_label(target)
    return [{"field": "Status", "before": before, "after": after}]


def _results_text(results: list[RuleResult]) -> str:
    """The rules that did not pass, one a line, for the audit entry."""
    return "\n".join(
        f"{RULE_NAMES.get(r.rule, r.rule)}: {RuleOutcome(r.outcome).label.lower()}. {r.reason}"
        for r in results
        if r.outcome != PASS
    )


def _signature() -> str:
    return f"\n\nYou can see your application at {settings.SERVICE_URL}/\n\nThe Step Up team"


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
        changes = _move(application=application, target=target, actor=None)
        summary = {
            ApplicationStatus.ELIGIBLE: "Eligibility checked: meets every rule, so eligible",
            ApplicationStatus.INELIGIBLE: "Eligibility checked: does not meet the rules",
            ApplicationStatus.ELIGIBILITY_REVIEW: (
                "Eligibility checked: referred to the national team for a decision"
            ),
        }[target]
        audit_record(
            actor=None,
            record=application,
            action=AuditEntry.Action.TRANSITION,
            summary=summary,
            changes=changes,
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
        target = ApplicationStatus.ELIGIBLE if eligible else ApplicationStatus.INELIGIBLE
        why = detail or "; ".join(reason.text for reason in reasons)
        changes = _move(application=application, target=target, actor=actor, reason=why)
        decision = EligibilityDecision.objects.create(
            application=application, eligible=eligible, decided_by=actor, detail=detail
        )
        decision.reasons.set(reasons)
        reason_texts = [reason.text for reason in reasons]
        changes.append(
            {
                "field": "Reasons",
                "before": "(blank)",
                "after": "; ".join(reason_texts) or "(blank)",
            }
        )
        audit_record(
            actor=actor,
            record=application,
            action=AuditEntry.Action.TRANSITION,
            summary="Decided: eligible" if eligible else "Decided: not eligible",
            changes=changes,
            reason=detail,
        )
        _email_outcome(
            application=application,
            eligible=eligible,
            reasons=reason_texts + ([detail] if detail and not eligible else []),
        )
    return decision


# The list of decision reasons

_REASON_LABELS = {
    "stage": "Stage",
    "code": "Code",
    "text": "Reason as the candidate reads it",
    "active": "Offered to decision makers",
}


def _reason_values(reason: DecisionReason | None) -> dict:
    if reason is None:
        return {}
    return {
        "stage": DecisionStage(reason.stage).label,
        "code": reason.code,
        "text": reason.text,
        "active": reason.active,
    }


def _reason_text_errors(text: str) -> dict[str, str]:
    if not text:
        return {"text": "Enter the reason as the candidate will read it"}
    if len(text) > 300:
        return {"text": "The reason must be 300 characters or fewer"}
    return {}


def decision_reason_add(*, actor, stage: str, code: str, text: str) -> DecisionReason:
    """A new reason, offered from now on; its code is how reports and the rules name it."""
    text = (text or "").strip()
    code = (code or "").strip().lower()
    errors = _reason_text_errors(text)
    if stage not in DecisionStage.values:
        errors["stage"] = "Select the stage the reason is for"
    if not code:
        errors["code"] = "Enter a short code, like missing-evidence"
    elif len(code) > 50:
        errors["code"] = "The code must be 50 characters or fewer"
    elif not all(c.isascii() and (c.isalnum() or c in "-_") for c in code):
        errors["code"] = "The code can only contain letters, numbers and hyphens, like no-degree"
    elif (
        stage in DecisionStage.values
        and DecisionReason.objects.filter(stage=stage, code=code).exists()
    ):
        errors["code"] = "A reason with this code already exists. Enter a different code"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        last = DecisionReason.objects.filter(stage=stage).order_by("-position").first()
        reason = DecisionReason.objects.create(
            stage=stage, code=code, text=text, position=(last.position + 1) if last else 0
        )
        audit_record(
            actor=actor,
            record=reason,
            action=AuditEntry.Action.CREATED,
            summary=f"Added the {DecisionStage(stage).label.lower()} reason “{text}”",
            changes=field_changes({}, _reason_values(reason), _REASON_LABELS),
        )
    return reason


def decision_reason_update(
    *, actor, reason: DecisionReason, text: str, active: bool
) -> DecisionReason:
    """Change a reason's wording, or stop offering it. Reasons are never deleted: decisions
    already made keep pointing at them."""
    text = (text or "").strip()
    errors = _reason_text_errors(text)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        reason = DecisionReason.objects.select_for_update().get(pk=reason.pk)
        before = _reason_values(reason)
        reason.text, reason.active = text, bool(active)
        changes = field_changes(before, _reason_values(reason), _REASON_LABELS)
        if not changes:
            return reason
        reason.save(update_fields=["text", "active"])
        if before["active"] and not reason.active:
            summary = f"Stopped offering the reason “{text}”"
        elif not before["active"] and reason.active:
            summary = f"Offered the reason “{text}” again"
        else:
            summary = f"Changed the reason “{text}”"
        audit_record(
            actor=actor,
            record=reason,
            action=AuditEntry.Action.CHANGED,
            summary=summary,
            changes=changes,
        )
    return reason


# The sift

EVIDENCE_MAX = 2000
NOT_YOURS_TO_SIFT = "You cannot sift this application: it is not waiting for a mark from you"


def pass_mark_missing_message(cohort_number: int) -> str:
    return f"Set the pass mark for cohort {cohort_number} before the sift starts"


def _round_needed(application: Application, marks: list[SiftMark]) -> str | None:
    """The round the next mark is for, or ``None`` when every mark needed is in."""
    rules = application.rules
    if not marks:
        return SiftRound.FIRST
    if not rules.double_sift:
        return None
    if len(marks) == 1:
        return SiftRound.SECOND
    if len(marks) == 2 and abs(marks[0].total - marks[1].total) > rules.sift_tolerance:
        return SiftRound.MODERATION
    return None


def _sift_mark_errors(
    *, criteria, scale: set[int], scores: dict, reasons, detail: str, pass_mark: int
) -> dict[str, str]:
    errors: dict[str, str] = {}
    known = {criterion.pk for criterion in criteria}
    if set(scores) - known:
        errors["__all__"] = "Score only the criteria of this application's framework"
    total = 0
    for criterion in criteria:
        score, evidence = scores.get(criterion.pk, (None, ""))
        evidence = (evidence or "").strip()
        if isinstance(score, bool) or score not in scale:
            errors[f"score_{criterion.pk}"] = f"Select a score for {criterion.name}"
        else:
            total += score
        if not evidence:
            errors[f"evidence_{criterion.pk}"] = (
                f"Enter the evidence for your score for {criterion.name}"
            )
        elif len(evidence) > EVIDENCE_MAX:
            errors[f"evidence_{criterion.pk}"] = (
                f"The evidence for {criterion.name} must be {EVIDENCE_MAX} characters or fewer"
            )
    if any(reason.stage != DecisionStage.SIFT or not reason.active for reason in reasons):
        errors["reasons"] = "Select reasons from the list of sift reasons"
    elif not errors and total < pass_mark and not reasons:
        errors["reasons"] = (
            f"Select at least one reason: your total of {total} is below the pass mark "
            f"of {pass_mark}"
        )
    if len(detail) > DETAIL_MAX:
        errors["detail"] = f"The detail must be {DETAIL_MAX} characters or fewer"
    return errors


def sift_mark_submit(
    *,
    actor,
    application: Application,
    scores: dict[int, tuple[int, str]],
    reasons: list[DecisionReason] | None = None,
    detail: str = "",
) -> SiftMark:
    """One sifter's scores, criterion by criterion, each with its evidence.

    ``scores`` maps a criterion's id to (score, evidence). A total below the pass mark needs
    at least one reason from the sift list: the candidate reads them if screened out. Once
    the last mark needed is in, the sift is decided in the same transaction.
    """
    from stepup.selection.queries import applications_siftable_by, sift_criteria

    reasons = list(dict.fromkeys(reasons or []))
    detail = (detail or "").strip()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .filter(pk=application.pk)
            .select_related("rules", "cohort")
            .first()
        )
        if locked is None or not applications_siftable_by(actor).filter(pk=locked.pk).exists():
            if locked is not None and locked.rules and locked.rules.sift_pass_mark is None:
                raise ValidationError(pass_mark_missing_message(locked.cohort.number))
            raise ValidationError(NOT_YOURS_TO_SIFT)
        application = locked
        rules = application.rules
        marks = list(application.sift_marks.order_by("submitted_at", "id"))
        round_ = _round_needed(application, marks)
        if round_ is None:
            raise ValidationError(NOT_YOURS_TO_SIFT)
        criteria = sift_criteria(rules)
        scale = set(rules.scale.values_list("score", flat=True))
        errors = _sift_mark_errors(
            criteria=criteria,
            scale=scale,
            scores=scores,
            reasons=reasons,
            detail=detail,
            pass_mark=rules.sift_pass_mark,
        )
        if errors:
            raise ValidationError(errors)
        mark = SiftMark.objects.create(
            application=application,
            rules=rules,
            sifter=actor,
            round=round_,
            total=sum(scores[criterion.pk][0] for criterion in criteria),
            detail=detail,
        )
        SiftScore.objects.bulk_create(
            SiftScore(
                mark=mark,
                criterion=criterion,
                score=scores[criterion.pk][0],
                evidence=scores[criterion.pk][1].strip(),
            )
            for criterion in criteria
        )
        SiftMarkReason.objects.bulk_create(
            SiftMarkReason(mark=mark, reason=reason) for reason in reasons
        )
        marks.append(mark)
        summary = f"Sift mark submitted ({SiftRound(round_).label.lower()})"
        changes = [
            {
                "field": f"{SiftRound(round_).label}'s total",
                "before": "(blank)",
                "after": str(mark.total),
            }
        ]
        decision = _sift_settle(application, marks)
        if decision is not None:
            changes += _move(
                application=application,
                target=(
                    ApplicationStatus.SCREENED_IN
                    if decision.screened_in
                    else ApplicationStatus.SCREENED_OUT
                ),
                actor=None,
            )
            outcome = "screened in" if decision.screened_in else "screened out"
            summary += f": {outcome} with a total of {_total_text(decision.total)}"
        else:
            application.sift_round_needed = _round_needed(application, marks)
            application.save(update_fields=["sift_round_needed", "updated_at"])
            if application.sift_round_needed == SiftRound.MODERATION:
                summary += (
                    ": the totals differ by more than the tolerance, so it goes to moderation"
                )
        audit_record(
            actor=actor,
            record=application,
            action=AuditEntry.Action.CHANGED if decision is None else AuditEntry.Action.TRANSITION,
            summary=summary,
            changes=changes,
        )
        if decision is not None:
            _email_sift_outcome(application=application, decision=decision)
    return mark


def _total_text(total) -> str:
    return f"{total:g}" if total == int(total) else f"{total:.1f}"


def _sift_settle(application: Application, marks: list[SiftMark]) -> SiftDecision | None:
    """Decide the sift once every mark needed is in: the one mark, the mean of two within
    the tolerance, or the moderator's. The reasons are those of the marks that decided."""
    if _round_needed(application, marks) is not None:
        return None
    rules = application.rules
    moderation = [mark for mark in marks if mark.round == SiftRound.MODERATION]
    deciding = moderation or marks
    total = Decimal(sum(mark.total for mark in deciding)) / len(deciding)
    screened_in = total >= rules.sift_pass_mark
    decision = SiftDecision.objects.create(
        application=application,
        screened_in=screened_in,
        total=total,
        detail="" if screened_in else "\n\n".join(m.detail for m in deciding if m.detail),
    )
    if not screened_in:
        decision.reasons.set(
            DecisionReason.objects.filter(
                pk__in=SiftMarkReason.objects.filter(mark__in=deciding).values("reason")
            )
        )
    return decision


def _email_sift_outcome(*, application: Application, decision: SiftDecision) -> None:
    candidate = application.candidate
    greeting = f"Dear {application.full_name or candidate.full_name or 'applicant'},\n\n"
    ref = application.reference
    if decision.screened_in:
        subject = f"Your Step Up application {ref} has been screened in"
        body = (
            f"{greeting}Your answers have been scored against the assessment framework, and "
            "your application goes forward to an assessment centre. We will be in touch "
            "about the next steps."
        )
    else:
        reasons = [reason.text for reason in decision.reasons.order_by("position", "id")]
        subject = f"Your Step Up application {ref} has been screened out"
        body = (
            f"{greeting}We are sorry: your answers did not score highly enough against the "
            "assessment framework for your application to go further this time.\n\n"
            "The reasons:\n" + "".join(f"- {reason}\n" for reason in reasons)
        )
        if decision.detail:
            body += f"\n{decision.detail}\n"
    email_later(to=candidate.email, subject=subject, body=body.rstrip() + _signature())
