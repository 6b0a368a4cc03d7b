"""The audit trail refuses UPDATE and DELETE at the database, whatever the code does.

PostgreSQL: a trigger function raises before any row is updated or deleted. SQLite: a
trigger per statement kind raises with ``RAISE(ABORT)``. Emptying the whole database
(``manage.py flush``, which tests use between transactional tests) is a deliberate wipe of
everything, not an edit of the record: PostgreSQL's TRUNCATE fires no row triggers, and our
SQLite engine (``stepup.core.sqlite``) lifts the triggers for the flush alone. See ADR 0010.
"""

from django.db import migrations

TABLES = ("core_auditentry", "core_statuschange")

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION stepup_refuse_audit_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail cannot be changed or removed (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def sqlite_triggers(table: str) -> list[str]:
    return [
        f'CREATE TRIGGER "{table}_no_{kind.lower()}" BEFORE {kind} ON "{table}" '
        f"BEGIN SELECT RAISE(ABORT, 'The audit trail cannot be changed or removed'); END"
        for kind in ("UPDATE", "DELETE")
    ]


def sqlite_drop(table: str) -> list[str]:
    return [f'DROP TRIGGER IF EXISTS "{table}_no_{kind}"' for kind in ("update", "delete")]


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(
                f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION stepup_refuse_audit_change()"
            )
    elif connection.vendor == "sqlite":
        for table in TABLES:
            for statement in sqlite_triggers(table):
                schema_editor.execute(statement)


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"')
        schema_editor.execute("DROP FUNCTION IF EXISTS stepup_refuse_audit_change()")
    elif connection.vendor == "sqlite":
        for table in TABLES:
            for statement in sqlite_drop(table):
                schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_status_changes_from_the_audit_trail")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
