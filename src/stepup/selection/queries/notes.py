"""Staff notes on an application, and what staff wrote about the candidate for their copy
of their data."""

from stepup.applications.models import (
    Application,
)
from stepup.selection.models import (
    EligibilityDecision,
)


def application_notes(application: Application) -> list:
    """The notes staff have written on the application, newest first, with their authors."""
    return list(application.staff_notes.select_related("author"))


def staff_notes_about(*, application: Application) -> list[dict]:
    """What staff wrote about the candidate, for the candidate's copy of their data: the
    notes and the eligibility decision's note, oldest first, without who wrote them."""
    notes = [
        {"written_at": str(note.written_at), "about": "the application", "text": note.text}
        for note in application.staff_notes.order_by("written_at", "pk")
    ]
    decision = EligibilityDecision.objects.filter(application=application).first()
    if decision is not None and decision.staff_note:
        notes.append(
            {
                "written_at": str(decision.decided_at),
                "about": "the eligibility decision",
                "text": decision.staff_note,
            }
        )
    return sorted(notes, key=lambda note: note["written_at"])
