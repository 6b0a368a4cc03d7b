"""A person's data, as they would read it: the subject access export (a ZIP).

The person's own copy holds everything. A copy the national team makes for them leaves out
their special-category data (equality answers, and health: the adjustments they asked of an
assessment centre) unless a second national admin has approved a data request (ADR 0021).
"""

import io
import json
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict

from stepup.accounts.models import User
from stepup.applications.equality_privacy import equality_answers_export
from stepup.applications.models import (
    Application,
    ApplicationStatus,
    Document,
)
from stepup.assessment.queries import centre_records_about
from stepup.core.audit import audit_record
from stepup.core.models import StatusChange
from stepup.selection.queries import staff_notes_about

# Kept for the service's own working, of no meaning to the person.
INTERNAL = {
    "id",
    "candidate",
    "rules",
    "sift_round_needed",
    "sift_assignee",
    "application",
    "file",
}


def _plain(values: dict) -> dict:
    return {
        key: (value if isinstance(value, (str, int, float, bool, list, type(None))) else str(value))
        for key, value in values.items()
        if key not in INTERNAL
    }


# What a copy made by staff without an approved data request says in place of each
# special-category part.
WITHHELD = (
    "Withheld: special-category data leaves the service in a copy made by staff only "
    "through a data request approved by a second national admin"
)


def _without_health(centre: dict | None) -> dict | None:
    if centre is None:
        return None
    return {**centre, "adjustments": WITHHELD}


def _application_data(application: Application, labels, *, special_category: bool) -> dict:
    if special_category:
        equality = equality_answers_export(application=application)
        equality_answers = _plain(equality) if equality else None
        centre = centre_records_about(application=application)
    else:
        equality_answers = WITHHELD
        centre = _without_health(centre_records_about(application=application))
    history = StatusChange.objects.filter(
        record_type=ContentType.objects.get_for_model(Application), record_id=application.pk
    ).order_by("at", "pk")
    return {
        "reference": application.reference,
        "cohort": application.cohort.name,
        "status": application.get_status_display(),
        "details": _plain(model_to_dict(application)),
        "experience": [_plain(model_to_dict(e)) for e in application.experiences.all()],
        "documents": [
            {
                "kind": d.get_kind_display(),
                "name": d.original_name,
                "uploaded_at": str(d.uploaded_at),
            }
            for d in Document.objects.filter(application=application)
        ],
        "equality_answers": equality_answers,
        "notes_by_staff": staff_notes_about(application=application),
        "assessment_centre": centre,
        "status_history": [
            {"from": labels(change.source), "to": labels(change.target), "at": str(change.at)}
            for change in history
        ],
    }


def export_archive(*, person: User, special_category: bool) -> tuple[bytes, int]:
    """A ZIP of ``data.json`` and the person's uploaded documents, and how many applications
    it holds; not audited: its callers audit who made it and why."""

    def labels(status: str) -> str:
        return dict(ApplicationStatus.choices).get(status, status)

    applications = list(
        Application.objects.filter(candidate=person).select_related("cohort").order_by("pk")
    )
    data = {
        "account": {
            "full_name": person.full_name,
            "email": person.email,
            "date_joined": str(person.date_joined),
            "email_confirmed_at": str(person.email_verified_at or ""),
        },
        "applications": [
            _application_data(a, labels, special_category=special_category) for a in applications
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        for document in Document.objects.filter(application__in=applications):
            with document.file.open("rb") as stored:
                name = document.original_name.replace("/", "_") or "document"
                archive.writestr(
                    f"documents/{document.application.reference}/{document.pk}-{name}",
                    stored.read(),
                )
    return buffer.getvalue(), len(applications)


def subject_access_export(*, person: User, actor) -> bytes:
    """The person's own copy of everything the service holds about them; audited as theirs.
    Staff make theirs with ``staff_export`` or a data request (ADR 0021)."""
    if actor is not None and actor.pk != person.pk:
        raise PermissionDenied("Only the person themselves takes their own copy")
    content, count = export_archive(person=person, special_category=True)
    audit_record(
        actor=actor,
        record=person,
        action="exported",
        summary=f"Exported the person's own data ({count} applications)",
        event="privacy.subject_access_export",
    )
    return content


def staff_export(*, person: User, actor: User) -> bytes:
    """A copy of a candidate's data made by the national team for a subject access request,
    without their special-category data; audited as the staff member's export."""
    content, count = export_archive(person=person, special_category=False)
    audit_record(
        actor=actor,
        record=person,
        action="exported",
        summary=(
            f"{actor.full_name} exported this candidate's data for a subject access request, "
            f"without special-category data ({count} applications)"
        ),
        event="privacy.staff_export",
    )
    return content
