"""Replacing a set of child rows (a partnership's member authorities and their places, its
universities and their roles, and later an assessment centre's panel) in one go, with one
audit entry on the parent that says what was added, removed and changed."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import ProtectedError

from stepup.core.audit import Change, audit_record
from stepup.core.models import AuditEntry


@dataclass(frozen=True)
class ChildSet:
    """How one kind of child row is described in the audit trail, and made.

    ``key`` is the field naming what the row is about (like ``authority_id``) and ``value``
    the one setting each row holds (like ``places``); ``shown`` puts a value in words and
    ``absent`` is the word for a row that is not there ("Not a member")."""

    key: str
    value: str
    set_label: str  # "Members"
    value_label: Callable[[str], str]  # name -> "Places: Bromley"
    name_of: Callable[[models.Model], str]
    shown: Callable[[object], str]
    absent: str
    create: Callable[[object, object], models.Model]  # (thing, value) -> new row
    cannot_remove: Callable[[str], str]  # name -> message when other records need the row


def _names(names: Iterable[str]) -> str:
    return ", ".join(sorted(names))


def children_reconcile(
    *,
    actor,
    parent: models.Model,
    rows: Iterable[models.Model],
    wanted: dict[int, tuple[object, object]],
    kind: ChildSet,
    summary: str,
    reason: str = "",
) -> list[Change]:
    """Make ``rows`` (the current children) match ``wanted`` ({key: (thing, value)}):
    delete, update and create rows, then write one audit entry on ``parent`` if anything
    changed. Call it inside the caller's transaction. Returns the changes."""
    current = {getattr(row, kind.key): row for row in rows}
    value_changes, added, removed = [], [], []
    for key, row in current.items():
        name, value = kind.name_of(row), getattr(row, kind.value)
        if key not in wanted:
            removed.append(name)
            value_changes.append((name, kind.shown(value), kind.absent))
            try:
                row.delete()
            except ProtectedError:
                raise ValidationError(kind.cannot_remove(name)) from None
        elif wanted[key][1] != value:
            value_changes.append((name, kind.shown(value), kind.shown(wanted[key][1])))
            setattr(row, kind.value, wanted[key][1])
            row.save(update_fields=[kind.value])
    for key, (thing, value) in wanted.items():
        if key not in current:
            added.append(thing.name)
            value_changes.append((thing.name, kind.absent, kind.shown(value)))
            kind.create(thing, value)

    changes: list[Change] = []
    if added or removed:
        note = "; ".join(
            part
            for part in (
                f"added {_names(added)}" if added else "",
                f"removed {_names(removed)}" if removed else "",
            )
            if part
        )
        after = _names(thing.name for thing, _ in wanted.values()) or "(none)"
        changes.append(
            {
                "field": kind.set_label,
                "before": _names(kind.name_of(row) for row in current.values()) or "(none)",
                "after": f"{after} ({note})",
            }
        )
    for name, before, after in sorted(value_changes):
        changes.append({"field": kind.value_label(name), "before": before, "after": after})
    if changes:
        audit_record(
            actor=actor,
            record=parent,
            action=AuditEntry.Action.CHANGED,
            summary=summary,
            changes=changes,
            reason=(reason or "").strip(),
        )
    return changes
