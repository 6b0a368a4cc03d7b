"""Reads the audit trail keeps (docs/security.md, "Reads on the record"): whoever opens a
page holding health or special-category data (a trainee's learning needs, a candidate's
adjustments or disability), or takes any file away from the service (each CSV, XLSX, PDF
and ZIP download), leaves an entry saying who, what and when, with an event code.

``tests/test_audited_reads.py`` fails if a download of any page leaves no entry."""

from django.db import models

from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry


def read_record(
    *, actor, record: models.Model, event: str, summary: str, values: dict | None = None
) -> AuditEntry:
    """An entry for a page of sensitive data that ``actor`` opened."""
    return audit_record(
        actor=actor,
        record=record,
        action=AuditEntry.Action.VIEWED,
        summary=summary,
        event=event,
        values=values,
    )


def download_record(
    *, actor, record: models.Model, event: str, summary: str, filename: str
) -> AuditEntry:
    """An entry for a file ``actor`` took away: which file, of which record."""
    return read_record(
        actor=actor, record=record, event=event, summary=summary, values={"file": filename}
    )
