"""The sift: sifters' marks, criterion by criterion, a second and moderation, the outcome."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.applications.models import Application, ApplicationStatus
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later
from stepup.selection.models import (
    DecisionReason,
    DecisionStage,
    SiftDecision,
    SiftMark,
    SiftMarkReason,
    SiftRound,
    SiftScore,
)
from stepup.selection.services.common import DETAIL_MAX, _move, _signature

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
            outcome = "screened in" if decision.screened_in else "screened out"
            _move(
                application=application,
                target=(
                    ApplicationStatus.SCREENED_IN
                    if decision.screened_in
                    else ApplicationStatus.SCREENED_OUT
                ),
                actor=None,
                caused_by=actor,
                summary=f"{summary}: {outcome} with a total of {_total_text(decision.total)}",
                changes=changes,
            )
        else:
            # The next mark is another person's: back to the shared queue.
            application.sift_round_needed = _round_needed(application, marks)
            application.sift_assignee = None
            application.save(update_fields=["sift_round_needed", "sift_assignee", "updated_at"])
            if application.sift_round_needed == SiftRound.MODERATION:
                summary += (
                    ": the totals differ by more than the tolerance, so it goes to moderation"
                )
            audit_record(
                actor=actor,
                record=application,
                action=AuditEntry.Action.CHANGED,
                summary=summary,
                changes=changes,
                event="sift.mark_submitted",
                values={"sift_round_needed": [round_, application.sift_round_needed]},
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
