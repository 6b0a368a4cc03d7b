"""A trigram index for finding applications by part of the candidate's name (ADR 0014).

PostgreSQL only: ``icontains`` there is ``UPPER(full_name::text) LIKE UPPER('%…%')``, which
no B-tree can serve; ``pg_trgm``'s GIN index on that same expression can. SQLite, the
embedded default, has no such index and reads the table, which is quick at its sizes.
"""

from django.db import migrations

INDEX = "application_full_name_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON applications_application "
        "USING gin ((UPPER(full_name::text)) gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("applications", "0005_sift_assignee")]

    operations = [migrations.RunPython(create, drop)]
