"""Declarative lifecycles: each record's allowed status changes, in one table, and the one
function that changes a status.

A ``Lifecycle`` lists transitions as data; views ask it which buttons to show, and services
change a status only through ``Lifecycle.move``: it checks the move for the person (role,
scope, reason), locks the row, sets the status with whatever else the move changes, saves,
and writes the audit entry, in one transaction. ``tests/test_lifecycles.py`` scans the code
for any other assignment to a status.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction

from stepup.core.audit import audit_record, raw_value, stamped_fields
from stepup.core.models import AuditEntry, StatusChange


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    action: str  # button text, e.g. "Approve bid"
    roles: frozenset[str]
    needs_reason: bool = False
    scoped_roles: frozenset[str] = field(default_factory=frozenset)
    by_candidate: bool = False  # the record's own candidate may make this move
    by_system: bool = False  # made by the service itself (an automatic decision)


def _status_field(record) -> str:
    return record.status


def _set_status_field(record, status: str) -> list[str]:
    record.status = status
    return ["status"]


class Lifecycle:
    """``states`` names every status (its label is what people read); ``field_label`` names
    the status in the audit trail; ``code`` begins the event code of every move, as in
    "application.submitted". Where the status is worked out from other fields (a person's
    account), ``read`` and ``write`` say how to read and set it."""

    def __init__(
        self,
        name: str,
        transitions: Iterable[Transition],
        *,
        code: str,
        states: type[models.TextChoices],
        field_label: str = "Status",
        read: Callable[[models.Model], str] = _status_field,
        write: Callable[[models.Model, str], list[str]] = _set_status_field,
    ):
        self.name = name
        self.code = code
        self.transitions = tuple(transitions)
        self._index = {(t.source, t.target): t for t in self.transitions}
        self.states = states
        self.field_label = field_label
        self.read = read
        self.write = write

    def get(self, source: str, target: str) -> Transition:
        try:
            return self._index[(source, target)]
        except KeyError:
            raise ValidationError(
                f"A {self.name} cannot move from {source.replace('_', ' ')} "
                f"to {target.replace('_', ' ')}"
            ) from None

    def available(self, source: str, user) -> list[Transition]:
        """Transitions out of ``source`` that this person's roles allow."""
        return [t for t in self.transitions if t.source == source and user.has_role(*t.roles)]

    def check(
        self,
        source: str,
        target: str,
        user,
        reason: str = "",
        *,
        is_candidate: bool = False,
        in_scope: bool = True,
    ) -> Transition:
        """The transition, if this person may make it; ``user=None`` is the service itself.

        ``is_candidate`` says the person is the candidate the record belongs to, and
        ``in_scope`` that the record is one of theirs (for ``scoped_roles``, such as a
        coordinator and their own partnership's bid): the caller knows the record, this
        table does not.
        """
        transition = self.get(source, target)
        if user is None:
            allowed = transition.by_system
        else:
            unscoped = transition.roles - transition.scoped_roles
            allowed = (
                user.has_role(*unscoped)
                or (in_scope and user.has_role(*transition.scoped_roles))
                or (transition.by_candidate and is_candidate)
            )
        if not allowed:
            raise ValidationError("You cannot make this change")
        if transition.needs_reason and not reason.strip():
            raise ValidationError("Enter the reason for this decision")
        return transition

    def label(self, status: str) -> str:
        return self.states(status).label

    def move(
        self,
        *,
        record: models.Model,
        target: str,
        actor,
        summary: str,
        reason: str = "",
        changes: Iterable[dict] = (),
        fields: dict | None = None,
        is_candidate: bool = False,
        in_scope: bool = True,
        caused_by=None,
    ) -> Transition:
        """Change the record's status: the one way any status changes.

        In one transaction: lock the row and read its status afresh, check the move for
        this person, set the status and ``fields`` (whatever else the move changes), save
        just those, and write one audit entry (``summary``, the status before and after,
        then ``changes``). ``record`` is updated in place. ``caused_by`` is the person the
        audit entry names when the service (``actor=None``) makes the move because of what
        they did, as the sift's outcome follows a sifter's last mark.
        """
        reason = (reason or "").strip()
        with transaction.atomic():
            locked = self._locked(record)
            transition = self.check(
                self.read(locked),
                target,
                actor,
                reason,
                is_candidate=is_candidate,
                in_scope=in_scope,
            )
            self._apply(
                record,
                locked,
                target,
                actor=caused_by if caused_by is not None else actor,
                summary=summary,
                reason=reason,
                changes=changes,
                fields=fields or {},
                event=self.event(target),
            )
        return transition

    def _locked(self, record: models.Model) -> models.Model:
        """The record's row, read afresh and locked for the rest of the transaction."""
        return type(record)._default_manager.select_for_update().get(pk=record.pk)

    def _apply(
        self, record, locked, target: str, *, actor, summary, reason, changes, fields, event
    ) -> None:
        """Set the status and ``fields`` on ``record``, save just those, and write the audit
        entry and the ``StatusChange`` beside it; ``locked`` holds the values before."""
        source = self.read(locked)
        before = {name: locked.serializable_value(name) for name in fields}
        for name, value in fields.items():
            setattr(record, name, value)
        saved = self.write(record, target)
        record.save(update_fields=[*saved, *fields, *stamped_fields(type(record))])
        entry = audit_record(
            actor=actor,
            record=record,
            action=AuditEntry.Action.TRANSITION,
            summary=summary,
            changes=[self._status_change(source, target), *changes],
            reason=reason,
            event=event,
            values={
                "status": [source, target],
                **{
                    name: [raw_value(before[name]), raw_value(value)]
                    for name, value in fields.items()
                },
            },
        )
        StatusChange.objects.create(
            record_type_id=entry.record_type_id,
            record_id=record.pk,
            source=source,
            target=target,
            at=entry.at,
            audit_entry=entry,
        )

    def event(self, target: str) -> str:
        """The event code of a move, like "application.screened_in"."""
        return f"{self.code}.{target}"

    def _status_change(self, source: str, target: str) -> dict:
        before, after = self.label(source), self.label(target)
        return {"field": self.field_label, "before": before, "after": after}

    def record_as_published(self, *, record: models.Model, target: str, summary: str, why: str):
        """For loaders of historic data only: record a status the transitions cannot reach
        from a thin published record, audited as such, with ``why``. Never for live data."""
        with transaction.atomic():
            self._apply(
                record,
                self._locked(record),
                target,
                actor=None,
                summary=summary,
                reason=why,
                changes=(),
                fields={},
                event=f"{self.code}.recorded_as_published",
            )
