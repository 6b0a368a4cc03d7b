"""Writing and reading the audit trail.

Services call ``audit_record`` inside the transaction that makes the change, so a change
and its entry are saved together or not at all.
"""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from stepup.core.models import AuditEntry

Change = dict[str, str]


def _display(value: Any) -> str:
    if value is None or value == "":
        return "(blank)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def field_changes(
    before: Mapping[str, Any], after: Mapping[str, Any], labels: Mapping[str, str] | None = None
) -> list[Change]:
    """The fields whose value differs, as {field, before, after} in display form."""
    labels = labels or {}
    changes = []
    for key in after:
        old, new = before.get(key), after.get(key)
        if _display(old) != _display(new):
            changes.append(
                {
                    "field": labels.get(key, key.replace("_", " ").capitalize()),
                    "before": _display(old),
                    "after": _display(new),
                }
            )
    return changes


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of some fields, choices shown by their labels."""
    values = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if getattr(field, "choices", None):
            values[name] = getattr(instance, f"get_{name}_display")()
        elif field.is_relation:
            values[name] = getattr(instance, name)
        else:
            values[name] = getattr(instance, name)
    return values


def audit_record(
    *,
    actor,
    record: models.Model,
    action: str,
    summary: str,
    changes: list[Change] | None = None,
    reason: str = "",
    event: str = "",
    values: dict | None = None,
) -> AuditEntry:
    """One entry. ``event`` is the machine-readable code of what happened (by default the
    kind of record and the action, like "cohort.changed"); ``values`` the raw values of the
    fields that changed, by key, as [before, after]."""
    actor_obj = actor if actor is not None and getattr(actor, "pk", None) else None
    return AuditEntry.objects.create(
        record_type=ContentType.objects.get_for_model(record),
        record_id=str(record.pk),
        record_label=str(record)[:300],
        actor=actor_obj,
        actor_label=(f"{actor_obj.full_name} ({actor_obj.email})" if actor_obj else "System"),
        action=action,
        summary=summary[:300],
        changes=changes or [],
        reason=reason,
        event=event or f"{record._meta.model_name}.{action}",
        values=values or {},
    )


def history_for(record: models.Model):
    return AuditEntry.objects.filter(
        record_type=ContentType.objects.get_for_model(record), record_id=str(record.pk)
    ).select_related("actor")
