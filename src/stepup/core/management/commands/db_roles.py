"""``manage.py db_roles --app-role ROLE --owner-role ROLE [--apply]``: the PostgreSQL grants
that leave the application's role only INSERT and SELECT on the audit trail and the ledger
(ADR 0023). Prints them; with ``--apply`` runs them, connected as the owner or a superuser
(``MIGRATE_DATABASE_URL`` when set)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from stepup.core.db_roles import role_grants, role_grants_apply


class Command(BaseCommand):
    help = "Print or apply the grants for the application's and the owner's database roles."

    def add_arguments(self, parser):
        parser.add_argument("--app-role", required=True, help="The role the service runs as")
        parser.add_argument("--owner-role", required=True, help="The role that migrates")
        parser.add_argument("--apply", action="store_true", help="Run them, not only print")

    def handle(self, *args, app_role, owner_role, apply, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "Database roles are PostgreSQL's: the embedded SQLite database has none "
                "(set DATABASE_URL to postgres://...)"
            )
        try:
            if apply:
                with transaction.atomic():
                    statements = role_grants_apply(app_role=app_role, owner_role=owner_role)
            else:
                with connection.cursor() as cursor:
                    tables = connection.introspection.table_names(cursor)
                statements = role_grants(app_role=app_role, owner_role=owner_role, tables=tables)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] or not apply:
            for statement in statements:
                self.stdout.write(f"{statement};")
