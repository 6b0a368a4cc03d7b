"""The application's database role may only INSERT and SELECT on the audit trail and the
ledger (ADR 0023): UPDATE, DELETE and TRUNCATE are refused, and so are disabling their
triggers and ``session_replication_role = replica``, since it neither owns them nor is a
superuser. A separate owner role migrates. On PostgreSQL: SQLite has no roles."""

import os
import secrets

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from stepup.core.audit import audit_record
from stepup.core.models import CHAIN_LOCK
from stepup.funding import services
from stepup.funding.models import EntryKind
from tests.funding.conftest import TODAY

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Database roles are PostgreSQL's: SQLite has none"
)

PROTECTED = ("core_auditentry", "core_statuschange", "funding_ledgerentry")


@pytest.fixture
def roles():
    """An application role and an owner role made for this test alone (two pytest-xdist
    workers share one server), granted as ``manage.py db_roles --apply`` grants, and dropped
    after, the tables given back to whoever owned them."""
    suffix = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}".lower()
    app, owner = f"stepup_app_{suffix}", f"stepup_owner_{suffix}"
    password = secrets.token_urlsafe(16)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        (superuser,) = cursor.fetchone()
        cursor.execute(f"CREATE ROLE {app} LOGIN PASSWORD %s", [password])
        cursor.execute(f"CREATE ROLE {owner} NOLOGIN")
    try:
        call_command("db_roles", "--app-role", app, "--owner-role", owner, "--apply", verbosity=0)
        yield app, password
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"REASSIGN OWNED BY {owner} TO {superuser}")
            for role in (app, owner):
                cursor.execute(f"DROP OWNED BY {role}")
                cursor.execute(f"DROP ROLE {role}")


@pytest.fixture
def as_the_app(roles):
    app, password = roles
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        dbname=settings["NAME"],
        user=app,
        password=password,
        autocommit=True,
    ) as conn:
        yield conn


def _refused(conn, statement: str, message: str) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match=message):
        conn.execute(statement)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_apps_role_only_adds_to_and_reads_the_audit_trail_and_the_ledger(world, as_the_app):
    entry = services.entry_post(
        actor=world.coordinator,
        partnership=world.partnership,
        kind=EntryKind.TRANSFER,
        amount_pence=1_000_000,
        paid_on=TODAY,
        authority_id=world.croydon.pk,
        description="For the two trainees Croydon hosts",
    )
    audit_record(actor=None, record=world.partnership, action="changed", summary="Checked")
    conn = as_the_app

    for table in PROTECTED:
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= 0
        _refused(conn, f"UPDATE {table} SET id = id", f"permission denied for table {table}")
        _refused(conn, f"DELETE FROM {table}", f"permission denied for table {table}")
        _refused(conn, f"TRUNCATE {table}", f"permission denied for table {table}")
        _refused(
            conn, f"ALTER TABLE {table} DISABLE TRIGGER ALL", f"must be owner of table {table}"
        )
    _refused(
        conn,
        "SET session_replication_role = replica",
        'permission denied to set parameter "session_replication_role"',
    )

    # What the service does: post an entry (the reversal is a new row) and write its entry.
    conn.execute(
        "INSERT INTO funding_ledgerentry (partnership_id, kind, amount_pence, paid_on, year, "
        "authority_id, description, reason, posted_at, reverses_id) "
        "SELECT partnership_id, kind, -amount_pence, paid_on, year, authority_id, "
        "'Reversal', 'Paid to the wrong authority', now(), id "
        "FROM funding_ledgerentry WHERE id = %s",
        [entry.pk],
    )
    conn.execute(
        "INSERT INTO core_auditentry (record_type_id, record_id, record_label, actor_label, at, "
        "action, summary, changes, reason, event, values, previous_hash, entry_hash) "
        "SELECT record_type_id, record_id, record_label, actor_label, now(), action, "
        "'Reversed', changes, reason, event, values, '', '' FROM core_auditentry LIMIT 1"
    )
    conn.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])  # as writers of entries do
    assert conn.execute("SELECT count(*) FROM funding_ledgerentry").fetchone()[0] == 2


@on_postgresql
@pytest.mark.django_db
def test_the_command_prints_the_grants(capsys):
    call_command("db_roles", "--app-role", "stepup_app", "--owner-role", "stepup_owner")
    printed = capsys.readouterr().out

    assert 'GRANT SELECT, INSERT ON "funding_ledgerentry" TO stepup_app;' in printed
    assert 'REVOKE ALL ON "core_auditentry" FROM stepup_app;' in printed
    assert 'ALTER TABLE "core_auditentry" OWNER TO stepup_owner;' in printed


@pytest.mark.django_db
def test_migrating_as_the_owner_needs_postgresql_and_a_role_apart(settings):
    if connection.vendor == "sqlite":
        settings.MIGRATE_DATABASE_URL = "postgres://stepup_owner@127.0.0.1:5432/stepup"
        message = "MIGRATE_DATABASE_URL is for PostgreSQL, as DATABASE_URL must be"
    else:
        own = connection.settings_dict
        settings.MIGRATE_DATABASE_URL = f"postgres://{own['USER']}@127.0.0.1:5432/{own['NAME']}"
        message = "MIGRATE_DATABASE_URL names the same role as DATABASE_URL"

    with pytest.raises(CommandError, match=message):
        call_command("migrate", verbosity=0)


@pytest.mark.django_db
def test_the_command_says_sqlite_has_no_roles():
    if connection.vendor != "sqlite":
        pytest.skip("The refusal is SQLite's")
    with pytest.raises(CommandError, match="Database roles are PostgreSQL's"):
        call_command("db_roles", "--app-role", "stepup_app", "--owner-role", "stepup_owner")
