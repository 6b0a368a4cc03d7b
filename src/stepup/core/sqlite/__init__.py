"""SQLite, as Django has it, except that emptying the whole database (``flush``) lifts the
audit trail's append-only triggers for that one statement list and puts them back after.

Nothing else can remove an audit entry: the triggers refuse every other DELETE and UPDATE
(see ``core/migrations/0004_audit_append_only.py`` and ADR 0010).
"""
