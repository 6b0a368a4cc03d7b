from importlib import import_module

from django.db.backends.sqlite3 import base, operations

_append_only = import_module("stepup.core.migrations.0004_audit_append_only")


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        guarded = [table for table in _append_only.TABLES if table in tables]
        if not statements or not guarded:
            return statements
        lift = [s for table in guarded for s in _append_only.sqlite_drop(table)]
        restore = [s for table in guarded for s in _append_only.sqlite_triggers(table)]
        return [*lift, *statements, *restore]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
