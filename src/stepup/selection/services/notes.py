"""Staff notes on an application: what one member of staff wants the others who
work on it to know. The candidate never sees them."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.applications.models import Application
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.selection.models import (
    ApplicationNote,
    EligibilityDecision,
    SiftDecision,
    SiftMark,
    SiftScore,
)

NOTE_MAX = 2000
NOT_YOURS_TO_NOTE = "You cannot add a note to this application"
ERASED_NOTE_TEXT = "(Erased with the application's personal data)"


def application_note_add(*, actor, application: Application, text: str) -> ApplicationNote:
    """Add a note, for anyone who may see the application on the staff list."""
    from stepup.selection.application_queries import applications_listable_by

    text = (text or "").strip()
    if not applications_listable_by(actor).filter(pk=application.pk).exists():
        raise ValidationError(NOT_YOURS_TO_NOTE)
    if not text:
        raise ValidationError({"text": "Enter the note"})
    if len(text) > NOTE_MAX:
        raise ValidationError({"text": f"The note must be {NOTE_MAX:,} characters or fewer"})
    with transaction.atomic():
        note = ApplicationNote.objects.create(application=application, author=actor, text=text)
        # Its words stay out of the audit trail, which can never be changed (see the model).
        audit_record(
            actor=actor,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary="Added a note for staff",
            event="application.note_added",
            values={"note": note.pk},
        )
    return note


def application_notes_erase(*, application: Application) -> None:
    """Blank what staff wrote about the candidate, when the application's personal data is
    erased: notes, the eligibility decision's note and message, the sifters' evidence."""
    ApplicationNote.objects.filter(application=application).update(text=ERASED_NOTE_TEXT)
    EligibilityDecision.objects.filter(application=application).update(staff_note="", detail="")
    SiftDecision.objects.filter(application=application).update(detail="")
    marks = SiftMark.objects.filter(application=application)
    marks.update(detail="")
    SiftScore.objects.filter(mark__in=marks).update(evidence=ERASED_NOTE_TEXT)
