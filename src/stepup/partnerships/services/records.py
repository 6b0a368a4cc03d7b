"""The memorandum of cooperation and the steering board's meetings."""

import os
from collections import defaultdict
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from stepup.core.audit import audit_record
from stepup.core.formatting import govuk_date
from stepup.core.models import AuditEntry
from stepup.core.uploads import upload_problem
from stepup.partnerships.models import (
    Memorandum,
    Partnership,
    SteeringMeeting,
)
from stepup.partnerships.services.common import (
    NO_FILE_MESSAGE,
    NOT_PDF_MESSAGE,
    _require_change_rights,
)

# The memorandum of cooperation


def memorandum_errors(*, file, signed_on: date | None, review_on: date | None) -> dict:
    errors: dict[str, list] = defaultdict(list)
    problem = upload_problem(
        file=file,
        allowed=frozenset({"application/pdf"}),
        missing=NO_FILE_MESSAGE,
        wrong_type=NOT_PDF_MESSAGE,
    )
    if problem:
        errors["file"].append(problem)
    if signed_on is None:
        errors["signed_on"].append("Enter the date the memorandum was signed")
    elif signed_on > timezone.localdate():
        errors["signed_on"].append(
            "The date the memorandum was signed must be today or in the past"
        )
    if review_on is None:
        errors["review_on"].append("Enter the date the memorandum is due for review")
    elif signed_on is not None and review_on < signed_on:
        errors["review_on"].append(
            "The review date must be the same as or after the date the memorandum was signed"
        )
    return errors


def _describe_memorandum(memorandum: Memorandum | None) -> str:
    if memorandum is None:
        return "(none)"
    return (
        f"{memorandum.original_name}, signed {govuk_date(memorandum.signed_on)}, "
        f"review by {govuk_date(memorandum.review_on)}"
    )


def memorandum_upload(
    *, actor, partnership: Partnership, file, signed_on: date, review_on: date
) -> Memorandum:
    """Keep a new version of the memorandum; the newest is the one in force."""
    _require_change_rights(actor, partnership)
    if file is not None and not isinstance(file, File):
        file = File(file)
    errors = memorandum_errors(file=file, signed_on=signed_on, review_on=review_on)
    if errors:
        raise ValidationError(dict(errors))

    with transaction.atomic():
        previous = partnership.memoranda.order_by("-uploaded_at", "-id").first()
        memorandum = Memorandum(
            partnership=partnership,
            original_name=os.path.basename(file.name or "memorandum.pdf")[:255],
            size_bytes=file.size,
            signed_on=signed_on,
            review_on=review_on,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        file.seek(0)
        memorandum.file.save("memorandum.pdf", file, save=False)
        memorandum.save()
        audit_record(
            actor=actor,
            record=partnership,
            action=AuditEntry.Action.VERSIONED,
            summary="Uploaded a memorandum of cooperation",
            changes=[
                {
                    "field": "Memorandum of cooperation",
                    "before": _describe_memorandum(previous),
                    "after": _describe_memorandum(memorandum),
                }
            ],
        )
    return memorandum


# The steering board


def meeting_errors(*, held_on: date | None, minutes: str) -> dict:
    errors: dict[str, list] = defaultdict(list)
    if held_on is None:
        errors["held_on"].append("Enter the date the meeting was held")
    elif held_on > timezone.localdate():
        errors["held_on"].append("The date the meeting was held must be today or in the past")
    if not (minutes or "").strip():
        errors["minutes"].append("Enter the minutes of the meeting")
    return errors


def meeting_record(
    *, actor, partnership: Partnership, held_on: date, minutes: str, decisions: str = ""
) -> SteeringMeeting:
    _require_change_rights(actor, partnership)
    errors = meeting_errors(held_on=held_on, minutes=minutes)
    if errors:
        raise ValidationError(dict(errors))
    with transaction.atomic():
        meeting = SteeringMeeting.objects.create(
            partnership=partnership,
            held_on=held_on,
            minutes=minutes.strip(),
            decisions=(decisions or "").strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            record=partnership,
            action=AuditEntry.Action.CHANGED,
            summary=f"Recorded the steering board meeting held on {govuk_date(held_on)}",
            changes=[
                {
                    "field": "Steering board meetings",
                    "before": "(blank)",
                    "after": f"Meeting held on {govuk_date(held_on)}",
                }
            ],
        )
    return meeting
