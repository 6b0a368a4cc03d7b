"""Writing and reading the audit trail.

Services call ``audit_record`` inside the transaction that makes the change, so a change
and its entry are saved together or not at all.
"""

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from stepup.core.chain import GENESIS
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


def person_label(person) -> str:
    """Staff by name and email; a candidate's own account only by its number, so the audit
    trail ties no name to an application (ADR 0013)."""
    if getattr(person, "is_staff_member", True):
        return f"{person.full_name} ({person.email})"
    return f"Candidate (account {person.pk})"


def record_label(record: models.Model) -> str:
    """A record as the audit trail names it: its own ``audit_label`` if it has one (records
    holding what a candidate typed), a candidate's account by number, else ``str``."""
    label = getattr(record, "audit_label", None)
    if label:
        return str(label)
    if hasattr(record, "is_staff_member") and hasattr(record, "full_name"):
        return person_label(record)
    return str(record)


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
        record_label=record_label(record)[:300],
        actor=actor_obj,
        actor_label=person_label(actor_obj) if actor_obj else "System",
        action=action,
        summary=summary[:300],
        changes=changes or [],
        reason=reason,
        event=event or f"{record._meta.model_name}.{action}",
        values=values or {},
    )


def raw_value(value: Any):
    """A value as JSON keeps it: a record by its id, a date in ISO form."""
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def stamped_fields(model) -> list[str]:
    """The fields Django stamps on every save (``auto_now``), which an ``update_fields``
    save must name to keep them true."""
    return [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]


def update_and_audit(
    *,
    actor,
    record: models.Model,
    values: Mapping[str, Any],
    summary: str,
    shown: Callable[[models.Model], dict] | None = None,
    labels: Mapping[str, str] | None = None,
    audit_on: models.Model | None = None,
    reason: str = "",
    created: bool = False,
) -> list[Change]:
    """Set ``values`` on ``record``; if what people see of it changed, save it and write one
    audit entry, on ``audit_on`` (the aggregate root people think of) or the record itself.

    ``shown(record)`` gives the values as people read them (by default the fields in
    ``values``, choices by their labels); ``labels`` names them. Returns the changes: empty
    when nothing changed, and then nothing is saved or audited. With ``created`` the record
    is new: it is saved whatever, and the entry says it was added.
    """
    shown = shown or (lambda item: snapshot(item, tuple(values)))
    before = {} if created else shown(record)
    raw_before = {} if created else {name: record.serializable_value(name) for name in values}
    for name, value in values.items():
        setattr(record, name, value)
    changes = field_changes(before, shown(record), labels)
    if not changes and not created:
        return []
    if created:
        record.save()
    else:
        record.save(update_fields=[*values, *stamped_fields(type(record))])
    audit_record(
        actor=actor,
        record=audit_on or record,
        action=AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED,
        summary=summary,
        changes=changes,
        reason=(reason or "").strip(),
        values={
            name: [raw_value(raw_before.get(name)), raw_value(value)]
            for name, value in values.items()
        },
    )
    return changes


def history_for(record: models.Model):
    return AuditEntry.objects.filter(
        record_type=ContentType.objects.get_for_model(record), record_id=str(record.pk)
    ).select_related("actor")


@dataclass(frozen=True)
class ChainCheck:
    """What walking the audit trail's hash chain found: how many entries it walked, the
    newest (its id and digest, to keep and check later runs against), and the first broken
    link (the entry's id and what is wrong), or none."""

    entries: int
    newest_id: int | None = None
    newest_hash: str = GENESIS
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return not self.problem


def audit_chain_verify(*, expect: tuple[int, str] | None = None) -> ChainCheck:
    """Walk the chain oldest first (ADR 0023): each entry must link to the digest of the one
    before it and its digest must match its content. ``expect`` is an entry's id and digest
    kept from an earlier run: it must still be there, unchanged, which shows that no entries
    were removed from the end since. One pass, a few thousand entries at a time."""
    previous_hash, previous_id, count, seen = GENESIS, None, 0, expect is None
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=2000):
        problem = ""
        if entry.previous_hash != previous_hash:
            before = f"entry {previous_id}" if previous_id else "the start of the trail"
            problem = (
                f"Audit entry {entry.pk} does not link to the entry before it ({before}): "
                "an entry between them was removed, or entries were moved or edited."
            )
        elif entry.content_digest() != entry.entry_hash:
            problem = (
                f"Audit entry {entry.pk} was changed after it was written: its content does "
                "not match its hash."
            )
        elif expect is not None and entry.pk == expect[0]:
            seen = True
            if entry.entry_hash != expect[1]:
                problem = (
                    f"Audit entry {entry.pk} is not the entry seen before: its hash was "
                    f"{expect[1]}, and is now {entry.entry_hash}."
                )
        if problem:
            return ChainCheck(count, previous_id, previous_hash, entry.pk, problem)
        previous_hash, previous_id = entry.entry_hash, entry.pk
        count += 1
    if not seen:
        return ChainCheck(
            count,
            previous_id,
            previous_hash,
            expect[0],
            f"Audit entry {expect[0]}, seen before, is no longer there: the trail ends at "
            f"entry {previous_id or 'none'}, so entries at the end were removed.",
        )
    return ChainCheck(count, previous_id, previous_hash)
