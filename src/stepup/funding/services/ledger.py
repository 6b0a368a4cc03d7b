"""The lead authority's ledger: payments posted by hand, monthly bursaries, and reversals,
the only way a posted entry is put right."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.funding import queries
from stepup.funding.models import (
    EntryKind,
    LedgerEntry,
)
from stepup.funding.services.common import (
    FOR_A_TRAINEE,
    POSTED_BY_HAND,
    amount_checked,
    entry_create,
    lead_only,
)
from stepup.offers.models import Offer, OfferStatus
from stepup.offers.queries import terms_for
from stepup.partnerships.models import Partnership, PartnershipAuthority

# The ledger.


def entry_post(
    *,
    actor,
    partnership: Partnership,
    kind: str,
    amount_pence: int,
    paid_on: datetime.date,
    authority_id: int,
    description: str,
    trainee: Offer | None = None,
) -> LedgerEntry:
    """Post a payment the lead authority made: a transfer to a member authority, a
    university fee, a bursary, supervision or administration, or a return of unspent grant."""
    lead_only(actor, partnership)
    if kind not in POSTED_BY_HAND:
        raise ValidationError(
            {"kind": "Receipts come with a released instalment and repayments when settled"}
        )
    amount_checked(amount_pence)
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The date paid cannot be in the future"})
    member = PartnershipAuthority.objects.filter(
        partnership=partnership, authority_id=authority_id
    ).first()
    if member is None:
        raise ValidationError(
            {"authority": "Choose one of the partnership's authorities: it cannot pay another"}
        )
    if kind == EntryKind.TRANSFER and authority_id == partnership.lead_authority_id:
        raise ValidationError(
            {"authority": "A transfer goes to a member authority, not the lead authority itself"}
        )
    if kind in FOR_A_TRAINEE:
        if trainee is None or trainee.partnership_id != partnership.pk:
            raise ValidationError({"trainee": "Choose the trainee it is for"})
        if trainee.status != OfferStatus.UNCONDITIONAL:
            raise ValidationError({"trainee": "Only a trainee whose offer is unconditional"})
    if not description.strip():
        raise ValidationError({"description": "Describe the payment, such as its invoice"})
    with transaction.atomic():
        return entry_create(
            actor=actor,
            partnership=partnership,
            kind=kind,
            amount_pence=amount_pence,
            paid_on=paid_on,
            authority=member.authority,
            description=description.strip(),
            trainee=trainee,
        )


def entry_reverse(*, actor, entry: LedgerEntry, reason: str) -> LedgerEntry:
    """Put a posted entry right by posting its opposite, with the reason."""
    entry = LedgerEntry.objects.select_related("partnership", "authority").get(pk=entry.pk)
    lead_only(actor, entry.partnership)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the entry is being reversed"})
    if entry.reverses_id is not None:
        raise ValidationError("A reversal cannot itself be reversed: post the entry again")
    if LedgerEntry.objects.filter(reverses=entry).exists():
        raise ValidationError("This entry has already been reversed")
    with transaction.atomic():
        return entry_create(
            actor=actor,
            partnership=entry.partnership,
            kind=entry.kind,
            amount_pence=abs(entry.amount_pence),
            paid_on=timezone.localdate(),
            authority=entry.authority,
            description=f"Reversal of: {entry.description}",
            trainee=entry.trainee,
            instalment=entry.instalment,
            period=entry.period,
            reverses=entry,
            reason=reason.strip(),
        )


def monthly_bursary(offer: Offer) -> int:
    """A trainee's monthly bursary: the bursary in the partnership's terms spread over the
    programme's months (the last month takes the odd pence)."""
    terms = terms_for(offer.partnership)
    return (terms.bursary_pence or 0) // offer.partnership.cohort.length_months


def bursary_month_post(
    *, actor, partnership: Partnership, month: datetime.date, paid_on: datetime.date
) -> list[LedgerEntry]:
    """Pay a month's bursary to every trainee not yet paid for it, from the lead authority."""
    lead_only(actor, partnership)
    month = month.replace(day=1)
    terms = terms_for(partnership)
    if not terms.bursary_pence:
        raise ValidationError("Set the bursary in the partnership's agreement terms first")
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The date paid cannot be in the future"})
    left = queries.withdrawn_ids(partnership)
    paid = queries.bursary_paid_for(partnership, month)
    due = [t for t in queries.trainees_of(partnership) if t.pk not in left and t.pk not in paid]
    if not due:
        raise ValidationError(f"Every trainee has been paid their bursary for {month:%B %Y}")
    entries = []
    with transaction.atomic():
        for trainee in due:
            amount = monthly_bursary(trainee)
            received = queries.bursary_received(trainee)
            whole = terms.bursary_pence
            # The last month takes what is left, so the bursary is paid to the penny.
            if received + 2 * amount > whole:
                amount = whole - received
            if amount <= 0:
                continue
            entries.append(
                entry_create(
                    actor=actor,
                    partnership=partnership,
                    kind=EntryKind.BURSARY,
                    amount_pence=amount,
                    paid_on=paid_on,
                    authority=partnership.lead_authority,
                    description=f"Bursary for {trainee.application.full_name}, {month:%B %Y}",
                    period=month,
                    trainee=trainee,
                )
            )
    return entries
