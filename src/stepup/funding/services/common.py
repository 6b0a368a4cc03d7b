"""What the funding services share: who may act, what an amount must be, and posting one
entry to the ledger."""

from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.core.audit import audit_record
from stepup.core.formatting import pounds
from stepup.core.models import AuditEntry
from stepup.funding.models import (
    EntryKind,
    LedgerEntry,
    financial_year,
)
from stepup.partnerships.models import Partnership
from stepup.partnerships.queries import partnerships_changeable_by

NATIONAL_ONLY = "Only the national programme team can do this"
# What the lead authority posts itself: receipts come with a released instalment, and
# repayments with a settled repayment.
POSTED_BY_HAND = frozenset(
    {
        EntryKind.TRANSFER,
        EntryKind.UNIVERSITY_FEE,
        EntryKind.BURSARY,
        EntryKind.SUPERVISION,
        EntryKind.ADMINISTRATION,
        EntryKind.RETURN,
    }
)
FOR_A_TRAINEE = frozenset({EntryKind.BURSARY, EntryKind.UNIVERSITY_FEE})


def admin_only(actor) -> None:
    if actor is None or not actor.has_role(Role.NATIONAL_ADMIN):
        raise ValidationError(NATIONAL_ONLY)


def lead_only(actor, partnership: Partnership) -> None:
    """The partnership's coordinator at its lead authority keeps its ledger (and the
    national admins may, to put things right)."""
    if not partnerships_changeable_by(actor).filter(pk=partnership.pk).exists():
        raise ValidationError("Only the partnership's coordinator can change its ledger")


def amount_checked(value, what: str = "The amount") -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError({"amount_pence": f"{what} must be a whole number of pence"})
    if value <= 0:
        raise ValidationError({"amount_pence": f"{what} must be more than £0"})
    return value


def entry_create(
    *,
    actor,
    partnership,
    kind,
    amount_pence,
    paid_on,
    authority,
    description,
    trainee=None,
    instalment=None,
    period=None,
    reverses=None,
    reason="",
) -> LedgerEntry:
    signed = amount_pence if kind in (EntryKind.RECEIPT, EntryKind.REPAYMENT) else -amount_pence
    if reverses is not None:
        signed = -reverses.amount_pence
    entry = LedgerEntry.objects.create(
        partnership=partnership,
        kind=kind,
        amount_pence=signed,
        period=period,
        paid_on=paid_on,
        year=financial_year(paid_on),
        authority=authority,
        trainee=trainee,
        instalment=instalment,
        description=description[:300],
        reverses=reverses,
        reason=reason,
        posted_by=actor,
    )
    audit_record(
        actor=actor,
        record=entry,
        action=AuditEntry.Action.CREATED,
        summary=(
            f"Reversed: {reverses.description}" if reverses else f"{entry.get_kind_display()}: "
        )
        + ("" if reverses else f"{pounds(abs(signed))}, {description}"),
        reason=reason,
        event="ledger.reversed" if reverses else f"ledger.{kind}",
    )
    return entry
