"""Experience with children, young people and families, and the documents that show it all."""

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from stepup.accounts.models import User
from stepup.applications.models import (
    Application,
    Document,
    DocumentKind,
    Experience,
    ExperienceKind,
)
from stepup.applications.sections import EXPERIENCE
from stepup.applications.services.common import (
    ALLOWED_UPLOADS,
    NOT_ALLOWED_TYPE,
    _lock_own_draft,
    _raise,
    _require_own_draft,
    _text,
)
from stepup.applications.services.sections import _mark_completed
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.uploads import content_type, upload_problem

# Experience


def _experience_values(data: dict) -> dict:
    errors: dict[str, list[str]] = defaultdict(list)
    kind = _text(data.get("kind"))
    if kind not in ExperienceKind.values:
        errors["kind"].append("Select whether the role was paid or voluntary")
    role = _text(data.get("role"))
    if not role:
        errors["role"].append("Enter your role, like youth worker")
    organisation = _text(data.get("organisation"))
    if not organisation:
        errors["organisation"].append("Enter the name of the organisation")
    today = timezone.localdate()
    started_on = data.get("started_on")
    if not isinstance(started_on, datetime.date):
        errors["started_on"].append("Enter the date you started")
    elif started_on > today:
        errors["started_on"].append("The date you started must be today or in the past")
    ongoing = bool(data.get("ongoing"))
    ended_on = data.get("ended_on")
    if ongoing:
        ended_on = None
    elif not isinstance(ended_on, datetime.date):
        errors["ended_on"].append("Enter the date you finished, or select that you still do it")
    elif isinstance(started_on, datetime.date) and ended_on < started_on:
        errors["ended_on"].append("The date you finished must be after the date you started")
    elif ended_on > today:
        errors["ended_on"].append(
            "The date you finished must be today or in the past. If you still do it, "
            "select that you still do it"
        )
    hours = data.get("hours_per_week")
    if hours in ("", None):
        errors["hours_per_week"].append("Enter the hours a week you spent, like 6")
    elif not isinstance(hours, int) or isinstance(hours, bool):
        errors["hours_per_week"].append("Hours a week must be a number, like 6")
    elif not 1 <= hours <= 100:
        errors["hours_per_week"].append("Hours a week must be between 1 and 100")
    _raise(errors)
    return {
        "kind": kind,
        "role": role,
        "organisation": organisation,
        "started_on": started_on,
        "ended_on": ended_on,
        "hours_per_week": hours,
    }


def experience_values(data: dict) -> dict:
    """One experience, checked by the rules ``experience_add`` applies, without saving it."""
    return _experience_values(data)


def experience_add(*, candidate: User, application: Application, data: dict) -> Experience:
    _require_own_draft(candidate, application)
    values = _experience_values(data)
    with transaction.atomic():
        _lock_own_draft(candidate, application)
        experience = Experience.objects.create(application=application, **values)
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary=f"Added experience {experience.pk}",
        )
    return experience


def experience_update(*, candidate: User, experience: Experience, data: dict) -> Experience:
    application = experience.application
    _require_own_draft(candidate, application)
    values = _experience_values(data)
    with transaction.atomic():
        _lock_own_draft(candidate, application)
        changed = [name for name, value in values.items() if getattr(experience, name) != value]
        if not changed:
            return experience
        for name in changed:
            setattr(experience, name, values[name])
        experience.save(update_fields=changed)
        # What the candidate wrote stays on the experience, not in the audit trail.
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary=f"Changed experience {experience.pk}",
            changes=[
                {
                    "field": name.replace("_", " ").capitalize(),
                    "before": "(not shown)",
                    "after": "(changed)",
                }
                for name in changed
            ],
        )
    return experience


def experience_remove(*, candidate: User, experience: Experience) -> None:
    application = experience.application
    _require_own_draft(candidate, application)
    with transaction.atomic():
        application = _lock_own_draft(candidate, application)
        number = experience.pk
        experience.delete()
        if not application.experiences.exists():
            _mark_completed(application, EXPERIENCE.key, False)
            application.save(update_fields=["sections_completed", "updated_at"])
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.REMOVED,
            summary=f"Removed experience {number}",
        )


# Evidence


def document_errors(*, kind: str, file) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    if kind not in DocumentKind.values:
        errors["kind"].append("Select what the document shows")
    problem = upload_problem(
        file=file,
        allowed=frozenset(ALLOWED_UPLOADS),
        missing="Select a file",
        wrong_type=NOT_ALLOWED_TYPE,
    )
    if problem:
        errors["file"].append(problem)
    return errors


def document_upload(*, candidate: User, application: Application, kind: str, file) -> Document:
    _require_own_draft(candidate, application)
    _raise(document_errors(kind=kind, file=file))
    mime = content_type(file)
    name = (getattr(file, "name", "") or "document").rsplit("/", 1)[-1][:255]
    with transaction.atomic():
        _lock_own_draft(candidate, application)
        document = Document(
            application=application,
            kind=kind,
            original_name=name,
            content_type=mime,
            size_bytes=file.size,
        )
        document.file.save(name, file, save=False)
        try:
            document.save()
            audit_record(
                actor=candidate,
                record=application,
                action=AuditEntry.Action.CHANGED,
                summary=f"Uploaded {document.get_kind_display().lower()} (document {document.pk})",
            )
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def document_remove(*, candidate: User, document: Document) -> None:
    application = document.application
    _require_own_draft(candidate, application)
    with transaction.atomic():
        _lock_own_draft(candidate, application)
        number, stored = document.pk, document.file.name
        document.delete()
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.REMOVED,
            summary=f"Removed document {number}",
        )
        storage = document.file.storage
        transaction.on_commit(lambda: storage.delete(stored))
