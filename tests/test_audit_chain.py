"""The audit trail is a hash chain (ADR 0023): an entry edited, removed or moved behind the
application's back — as someone who can lift the append-only triggers could — is found by
``manage.py verify_audit``, which names the first broken link and exits non-zero."""

import io
import threading
import time
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db

_append_only = import_module("stepup.core.migrations.0004_audit_append_only")
_chain_migration = import_module("stepup.core.migrations.0006_audit_hash_chain")


def _entries(count: int) -> list[AuditEntry]:
    cohort = CohortFactory()
    return [
        audit_record(actor=None, record=cohort, action="changed", summary=f"Change {n}")
        for n in range(1, count + 1)
    ]


def _verify(*args: str) -> str:
    """The command's first line: whether the trail is intact, and how many entries."""
    out = io.StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue().splitlines()[0]


def _as_a_superuser(*statements: tuple[str, list]) -> None:
    """Run SQL on the audit trail with its append-only triggers lifted, as the tables' owner
    or a superuser could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign keys checked at commit would otherwise forbid the ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only"
            )
        else:
            for statement in _append_only.sqlite_drop("core_auditentry"):
                cursor.execute(statement)
        for sql, params in statements:
            cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")
        else:
            for statement in _append_only.sqlite_triggers("core_auditentry"):
                cursor.execute(statement)


def test_each_entry_links_to_the_one_before_and_the_trail_is_intact():
    first, second, third = _entries(3)

    assert second.previous_hash == first.entry_hash
    assert third.previous_hash == second.entry_hash
    assert len({first.entry_hash, second.entry_hash, third.entry_hash}) == 3
    assert _verify() == "The audit trail is intact: 3 entries"


def test_an_empty_trail_is_intact():
    assert _verify() == "The audit trail is intact: 0 entries"


def test_an_entry_edited_by_a_superuser_is_found():
    _first, second, _third = _entries(3)
    _as_a_superuser(
        ("UPDATE core_auditentry SET summary = %s WHERE id = %s", ["Nothing happened", second.pk])
    )

    with pytest.raises(
        CommandError,
        match=rf"Audit entry {second.pk} was changed after it was written: its content does "
        r"not match its hash\. \(1 entries before it are intact\)",
    ):
        _verify()


def test_an_entry_removed_by_a_superuser_is_found():
    first, second, third = _entries(3)
    _as_a_superuser(("DELETE FROM core_auditentry WHERE id = %s", [second.pk]))

    with pytest.raises(
        CommandError,
        match=rf"Audit entry {third.pk} does not link to the entry before it \(entry "
        rf"{first.pk}\): an entry between them was removed",
    ):
        _verify()


def test_the_newest_entries_removed_are_found_against_the_hash_kept_from_before():
    """Removing entries from the end leaves a shorter chain that links: the run before
    printed its newest entry and hash, and checking against them finds the removal."""
    _first, second, third = _entries(3)
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    kept = f"{third.pk}:{third.entry_hash}"
    assert f"--expect {kept}" in out.getvalue()
    _entries(1)
    assert _verify("--expect", kept) == "The audit trail is intact: 4 entries"

    _as_a_superuser(("DELETE FROM core_auditentry WHERE id >= %s", [third.pk]))

    assert _verify() == "The audit trail is intact: 2 entries"
    with pytest.raises(
        CommandError,
        match=rf"Audit entry {third.pk}, seen before, is no longer there: the trail ends at "
        rf"entry {second.pk}, so entries at the end were removed",
    ):
        _verify("--expect", kept)


def test_two_entries_swapped_by_a_superuser_are_found():
    """Reordering: the second and third entries' whole content, hashes included, change
    places, so each still matches its own hash."""
    _first, second, third = _entries(3)
    columns = [field.column for field in AuditEntry._meta.concrete_fields if not field.primary_key]
    assignments = ", ".join(f'"{column}" = other."{column}"' for column in columns)
    listed = ", ".join(f'"{column}"' for column in columns)
    _as_a_superuser(
        ("CREATE TEMPORARY TABLE swap AS SELECT id, " + listed + " FROM core_auditentry", []),
        (
            "UPDATE swap SET id = CASE id WHEN %s THEN %s ELSE %s END WHERE id IN (%s, %s)",
            [second.pk, third.pk, second.pk, second.pk, third.pk],
        ),
        (
            "UPDATE core_auditentry SET " + assignments + " FROM swap AS other "
            "WHERE other.id = core_auditentry.id AND core_auditentry.id IN (%s, %s)",
            [second.pk, third.pk],
        ),
        ("DROP TABLE swap", []),
    )
    assert AuditEntry.objects.get(pk=second.pk).summary == "Change 3"

    with pytest.raises(
        CommandError, match=rf"Audit entry {second.pk} does not link to the entry before it"
    ):
        _verify()


def test_the_migration_fills_the_chain_for_the_entries_already_there():
    _entries(3)
    _as_a_superuser(("UPDATE core_auditentry SET previous_hash = '', entry_hash = ''", []))
    with pytest.raises(CommandError, match="does not link to the entry before it"):
        _verify()

    _chain_migration.fill(apps, SimpleNamespace(connection=connection))

    assert _verify() == "The audit trail is intact: 3 entries"
    with pytest.raises(Exception, match="audit trail cannot be changed"), transaction.atomic():
        AuditEntry.objects.update(summary="Rewritten")


def test_entries_cannot_be_added_in_bulk_outside_the_chain():
    cohort = CohortFactory()
    with pytest.raises(ValueError, match="added one at a time, each linked into the chain"):
        AuditEntry.objects.bulk_create(
            [AuditEntry(record_type_id=1, record_id=str(cohort.pk), action="created")]
        )


@pytest.mark.django_db(transaction=True)
def test_two_writers_at_once_do_not_fork_the_chain():
    """The chain is locked until the first writer's transaction ends, so the second links to
    the first's entry, not to the entry before both."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite writes one transaction at a time: there is no race to show")
    cohort = CohortFactory()
    written = threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                audit_record(actor=None, record=cohort, action="changed", summary="First")
                written.set()
                time.sleep(0.5)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    def second():
        try:
            written.wait(5)
            with transaction.atomic():
                audit_record(actor=None, record=cohort, action="changed", summary="Second")
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert errors == []
    assert _verify() == "The audit trail is intact: 2 entries"


def test_raw_values_keep_their_hash_when_read_back():
    cohort = CohortFactory()
    audit_record(
        actor=None,
        record=cohort,
        action="changed",
        summary="Places",
        values={10: [1, 2], 2: (3, 4), "places": [None, 1.5]},
    )

    assert _verify() == "The audit trail is intact: 1 entry"
