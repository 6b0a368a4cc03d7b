from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        """Django's flush, with the triggers of the tables it empties (the append-only
        guards of the audit trail and the ledger) lifted around it and put back after."""
        statements = super().sql_flush(
            style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
        )
        if not statements or not tables:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
            )
            triggers = [(name, sql) for name, sql, table in cursor.fetchall() if table in tables]
        if not triggers:
            return statements
        lift = [f'DROP TRIGGER IF EXISTS "{name}"' for name, _ in triggers]
        restore = [sql for _, sql in triggers]
        return [*lift, *statements, *restore]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
