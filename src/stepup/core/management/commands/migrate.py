"""Django's ``migrate``, connected as the owner role when ``MIGRATE_DATABASE_URL`` is set, and
then granting the application's role (the user of ``DATABASE_URL``) what ADR 0023 says: all
it needs, but only INSERT and SELECT on the audit trail and the ledger. Without
``MIGRATE_DATABASE_URL`` it is Django's ``migrate`` unchanged."""

import dj_database_url
from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import migrate
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from stepup.core.db_roles import role_grants_apply

CONNECTION_KEYS = ("NAME", "USER", "PASSWORD", "HOST", "PORT")


class Command(migrate.Command):
    def handle(self, *args, **options):
        url = getattr(settings, "MIGRATE_DATABASE_URL", "")
        if not url or options["database"] != DEFAULT_DB_ALIAS:
            return super().handle(*args, **options)
        connection = connections[DEFAULT_DB_ALIAS]
        owner = dj_database_url.parse(url)
        app_role = connection.settings_dict["USER"]
        if connection.vendor != "postgresql" or not owner["ENGINE"].endswith("postgresql"):
            raise CommandError("MIGRATE_DATABASE_URL is for PostgreSQL, as DATABASE_URL must be")
        if owner["USER"] == app_role:
            raise CommandError(
                "MIGRATE_DATABASE_URL names the same role as DATABASE_URL: the owner that "
                "migrates must be another role (README, Deploying)"
            )
        saved = {key: connection.settings_dict.get(key) for key in CONNECTION_KEYS}
        connection.close()
        connection.settings_dict.update({key: owner[key] for key in CONNECTION_KEYS})
        try:
            super().handle(*args, **options)
            with transaction.atomic():
                role_grants_apply(app_role=app_role, owner_role=owner["USER"])
        except ValueError as error:
            raise CommandError(str(error)) from error
        finally:
            connection.close()
            connection.settings_dict.update(saved)
        if options["verbosity"]:
            self.stdout.write(
                f"Granted {app_role} its rights, INSERT and SELECT only on the append-only "
                f"tables; {owner['USER']} owns the tables (ADR 0023)."
            )
