"""The list of decision reasons the national team keeps, which candidates read."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import audit_record, field_changes, update_and_audit
from stepup.core.models import AuditEntry
from stepup.selection.models import (
    DecisionReason,
    DecisionStage,
)

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
        if reason.active and not active:
            summary = f"Stopped offering the reason “{text}”"
        elif not reason.active and active:
            summary = f"Offered the reason “{text}” again"
        else:
            summary = f"Changed the reason “{text}”"
        update_and_audit(
            actor=actor,
            record=reason,
            values={"text": text, "active": bool(active)},
            summary=summary,
            shown=_reason_values,
            labels=_REASON_LABELS,
        )
    return reason
