"""The audit trail's hash chain (ADR 0023): two columns on each entry, and the chain filled
for the entries already there, oldest first.

Filling writes to entries, which the append-only triggers refuse (ADR 0010): this migration
lifts them for its own statements and puts them back — on PostgreSQL by disabling the trigger,
which only the tables' owner (the role that migrates) may do; on SQLite by dropping and
recreating them, which also restores them after SQLite rebuilt the table to add the columns.
"""

from importlib import import_module

from django.db import migrations, models

from stepup.core.chain import GENESIS, entry_content, entry_digest

TABLE = "core_auditentry"
_append_only = import_module("stepup.core.migrations.0004_audit_append_only")


def fill(apps, schema_editor):
    """Link every entry there is, in the order of their ids."""
    AuditEntry = apps.get_model("core", "AuditEntry")
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Foreign keys checked at commit would otherwise forbid the ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f'ALTER TABLE "{TABLE}" DISABLE TRIGGER "{TABLE}_append_only"')
        elif connection.vendor == "sqlite":
            for statement in _append_only.sqlite_drop(TABLE):
                cursor.execute(statement)
    previous = GENESIS
    batch = []
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=2000):
        entry.previous_hash = previous
        entry.entry_hash = entry_digest(previous_hash=previous, content=entry_content(entry))
        previous = entry.entry_hash
        batch.append(entry)
        if len(batch) == 1000:
            AuditEntry.objects.bulk_update(batch, ["previous_hash", "entry_hash"])
            batch = []
    if batch:
        AuditEntry.objects.bulk_update(batch, ["previous_hash", "entry_hash"])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f'ALTER TABLE "{TABLE}" ENABLE TRIGGER "{TABLE}_append_only"')
        elif connection.vendor == "sqlite":
            for statement in _append_only.sqlite_triggers(TABLE):
                cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_audit_exports_and_views"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="entry_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
