"""A person's own data, as they would read it: the subject access export (a ZIP)."""

import io
import json
import zipfile

from django.contrib.contenttypes.models import ContentType
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


def _application_data(application: Application, labels) -> dict:
    equality = equality_answers_export(application=application)
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
        "equality_answers": _plain(equality) if equality else None,
        "notes_by_staff": staff_notes_about(application=application),
        "assessment_centre": centre_records_about(application=application),
        "status_history": [
            {"from": labels(change.source), "to": labels(change.target), "at": str(change.at)}
            for change in history
        ],
    }


def subject_access_export(*, person: User, actor) -> bytes:
    """A ZIP of ``data.json`` and the person's uploaded documents; audited."""

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
        "applications": [_application_data(a, labels) for a in applications],
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
    audit_record(
        actor=actor,
        record=person,
        action="exported",
        summary=f"Exported the person's own data ({len(applications)} applications)",
        event="privacy.subject_access_export",
    )
    return buffer.getvalue()
