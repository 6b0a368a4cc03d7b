"""The audit trail cannot be edited or removed, even by code that goes round the model
(ADR 0010): the database itself refuses, on SQLite and on PostgreSQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from stepup.core.models import AuditEntry, StatusChange
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(db):
    from stepup.core.audit import audit_record

    cohort = CohortFactory()
    return audit_record(actor=None, record=cohort, action="created", summary="Added")


def _refused(change) -> None:
    with (
        pytest.raises(DatabaseError, match="audit trail cannot be changed"),
        transaction.atomic(),
    ):
        change()


def test_a_queryset_update_is_refused(entry):
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).update(summary="Rewritten"))
    entry.refresh_from_db()
    assert entry.summary == "Added"


def test_a_queryset_delete_is_refused(entry):
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).delete())
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_raw_sql_is_refused(entry):
    def rewrite():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE core_auditentry SET actor_label = %s", ["Someone else"])

    def remove():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_auditentry")

    _refused(rewrite)
    _refused(remove)
    assert AuditEntry.objects.get().actor_label == "System"


def test_status_history_is_append_only_too(entry):
    change = StatusChange.objects.create(
        record_type_id=entry.record_type_id, record_id=1, source="a", target="b"
    )
    _refused(lambda: StatusChange.objects.filter(pk=change.pk).update(target="c"))
    _refused(lambda: StatusChange.objects.filter(pk=change.pk).delete())


def test_new_entries_are_still_added(entry):
    from stepup.core.audit import audit_record

    audit_record(actor=None, record=entry.record_type, action="changed", summary="More")
    assert AuditEntry.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_emptying_the_whole_database_still_works_and_keeps_the_guard():
    """Tests between transactional tests, and ``flush``, empty every table at once."""
    from django.core.management import call_command

    from stepup.core.audit import audit_record

    audit_record(actor=None, record=CohortFactory(), action="created", summary="Added")
    call_command("flush", "--no-input", verbosity=0)
    assert not AuditEntry.objects.exists()
    entry = audit_record(actor=None, record=CohortFactory(), action="created", summary="Again")
    _refused(lambda: AuditEntry.objects.filter(pk=entry.pk).delete())
