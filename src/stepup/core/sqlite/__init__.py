"""SQLite, as Django has it, except that emptying the whole database (``flush``) lifts the
triggers of the tables it empties — the append-only guards of the audit trail and of the
ledger — for that one statement list and puts them back after.

Nothing else can remove an audit entry or a posted ledger entry: the triggers refuse every
other DELETE and UPDATE (see ``core/migrations/0004_audit_append_only.py``,
``funding/migrations/0002_ledger_append_only.py``, ADR 0010 and ADR 0023).
"""
