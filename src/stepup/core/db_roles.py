"""The two PostgreSQL roles of a deployment (ADR 0023): an owner that owns every table and
runs the migrations, and the application's role, which reads and writes the tables but may
only INSERT and SELECT on the append-only ones (the audit trail, its status history and the
ledger: models that say ``append_only = True``). Not owning them, the application's role
cannot disable their triggers, truncate them or set ``session_replication_role``.
"""

import re

from django.apps import apps
from django.db import connection

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def append_only_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if getattr(model, "append_only", False) and model._meta.managed
    )


def role_name_check(name: str) -> str:
    if not ROLE_NAME.match(name):
        raise ValueError(
            f"{name!r} is not a role name this command uses: lower-case letters, digits and "
            "underscores, starting with a letter or underscore"
        )
    return name


def role_grants(*, app_role: str, owner_role: str, tables: list[str]) -> list[str]:
    """The statements, in order, for the tables there are now; each can be run again. The
    owner's default privileges give the application's role what it needs on tables later
    migrations make, and running this after every migration (``migrate`` does, with
    ``MIGRATE_DATABASE_URL``) takes away again what it must not have on new append-only
    tables."""
    app, owner = role_name_check(app_role), role_name_check(owner_role)
    quote = connection.ops.quote_name
    protected = [table for table in append_only_tables() if table in tables]
    statements = [f"ALTER TABLE {quote(table)} OWNER TO {owner}" for table in sorted(tables)]
    statements += [
        f"REVOKE ALL ON SCHEMA public FROM {app}",
        f"GRANT USAGE ON SCHEMA public TO {app}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        f"GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]
    for table in protected:
        statements += [
            f"REVOKE ALL ON {quote(table)} FROM {app}",
            f"GRANT SELECT, INSERT ON {quote(table)} TO {app}",
        ]
    return statements


def role_grants_apply(*, app_role: str, owner_role: str) -> list[str]:
    """Run the statements on the default database, as its owner or a superuser. Refused if
    the application's role could undo them: a superuser, or a member of the owner."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper, pg_has_role(rolname, %s, 'MEMBER') FROM pg_roles WHERE rolname = %s",
            [role_name_check(owner_role), role_name_check(app_role)],
        )
        found = cursor.fetchone()
        if found is None:
            raise ValueError(f"There is no role {app_role}: create it first (README, Deploying)")
        if any(found):
            raise ValueError(
                f"The application's role {app_role} is a superuser or a member of {owner_role}, "
                "so it could undo these grants: give it a role of its own"
            )
        tables = connection.introspection.table_names(cursor)
        statements = role_grants(app_role=app_role, owner_role=owner_role, tables=tables)
        for statement in statements:
            cursor.execute(statement)
    return statements
