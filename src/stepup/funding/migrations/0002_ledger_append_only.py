"""Posted ledger entries refuse UPDATE and DELETE at the database, whatever the code does: a
mistake is put right by a reversing entry, a new row (ADR 0017, ADR 0023).

PostgreSQL: a trigger function raises before any row is updated or deleted. SQLite: a trigger
per statement kind raises with ``RAISE(ABORT)``. Emptying the whole database (``flush``) is
a wipe of everything, as for the audit trail (ADR 0010): PostgreSQL's TRUNCATE fires no row
triggers, and our SQLite engine (``stepup.core.sqlite``) lifts the triggers for the flush
alone.
"""

from django.db import migrations

TABLE = "funding_ledgerentry"
MESSAGE = "A posted ledger entry cannot be changed or removed: post a reversing entry"

POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION stepup_refuse_ledger_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE} (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def sqlite_triggers() -> list[str]:
    return [
        f'CREATE TRIGGER "{TABLE}_no_{kind.lower()}" BEFORE {kind} ON "{TABLE}" '
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        for kind in ("UPDATE", "DELETE")
    ]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
        schema_editor.execute(
            f'CREATE TRIGGER "{TABLE}_append_only" BEFORE UPDATE OR DELETE ON "{TABLE}" '
            "FOR EACH ROW EXECUTE FUNCTION stepup_refuse_ledger_change()"
        )
    elif vendor == "sqlite":
        for statement in sqlite_triggers():
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f'DROP TRIGGER IF EXISTS "{TABLE}_append_only" ON "{TABLE}"')
        schema_editor.execute("DROP FUNCTION IF EXISTS stepup_refuse_ledger_change()")
    elif vendor == "sqlite":
        for kind in ("update", "delete"):
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{TABLE}_no_{kind}"')


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
