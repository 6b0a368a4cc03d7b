"""Posted ledger entries cannot be changed or removed, even by code or SQL that goes round
the model: the database itself refuses, on SQLite and on PostgreSQL, and a mistake is put
right by a reversing entry, a new row (ADR 0023)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from stepup.funding import services
from stepup.funding.models import EntryKind, LedgerEntry
from tests.funding.conftest import TODAY

REFUSED = "A posted ledger entry cannot be changed or removed: post a reversing entry"


@pytest.fixture
def entry(world):
    return services.entry_post(
        actor=world.coordinator,
        partnership=world.partnership,
        kind=EntryKind.TRANSFER,
        amount_pence=1_000_000,
        paid_on=TODAY,
        authority_id=world.croydon.pk,
        description="For the two trainees Croydon hosts",
    )


def _refused(change) -> None:
    with pytest.raises(DatabaseError, match=REFUSED), transaction.atomic():
        change()


def _sql(statement: str, params=()):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(statement, list(params))

    return run


def test_a_posted_entry_cannot_be_rewritten_or_removed_round_the_model(entry):
    _refused(lambda: LedgerEntry.objects.filter(pk=entry.pk).update(amount_pence=1))
    _refused(lambda: LedgerEntry.objects.filter(pk=entry.pk).delete())
    _refused(_sql("UPDATE funding_ledgerentry SET amount_pence = %s", [1]))
    _refused(_sql("DELETE FROM funding_ledgerentry"))

    entry.refresh_from_db()
    assert entry.amount_pence == -1_000_000


def test_the_reversal_is_a_new_row_and_the_original_stands(world, entry):
    reversal = services.entry_reverse(
        actor=world.coordinator, entry=entry, reason="Paid to the wrong authority"
    )

    assert LedgerEntry.objects.count() == 2
    assert reversal.reverses_id == entry.pk
    assert LedgerEntry.objects.get(pk=entry.pk).amount_pence == -1_000_000


@pytest.mark.django_db(transaction=True)
def test_emptying_the_whole_database_still_works_and_keeps_the_guard(world, entry):
    """Tests between transactional tests, and ``flush``, empty every table at once."""
    call_command("flush", "--no-input", verbosity=0)
    assert not LedgerEntry.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'funding_ledgerentry' ORDER BY name"
            )
            assert [name for (name,) in cursor.fetchall()] == [
                "funding_ledgerentry_no_delete",
                "funding_ledgerentry_no_update",
            ]
