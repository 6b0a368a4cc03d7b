"""A trainee's withdrawal and what they repay under the partnership's terms, to settlement
or write-off."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.core.audit import audit_record
from stepup.core.formatting import pounds
from stepup.core.models import AuditEntry
from stepup.funding import queries
from stepup.funding.lifecycle import REPAYMENT_LIFECYCLE
from stepup.funding.models import (
    EntryKind,
    LedgerEntry,
    Repayment,
    RepaymentBasis,
    RepaymentStatus,
)
from stepup.funding.services.common import (
    entry_create,
    lead_only,
)
from stepup.offers.models import Offer, OfferStatus
from stepup.offers.queries import terms_for
from stepup.partnerships.queries import partnerships_changeable_by

# Withdrawals and repayments.


def repayment_due(offer: Offer, *, withdrawn_on: datetime.date) -> tuple[str, int, str]:
    """What the trainee owes under the partnership's terms: the basis, the pence and the
    working, as the coordinator and the statement show it."""
    terms = terms_for(offer.partnership)
    received = queries.bursary_received(offer)
    if terms.repayment_basis == RepaymentBasis.NONE:
        return RepaymentBasis.NONE, 0, "The partnership's terms ask for nothing back"
    if terms.repayment_basis == RepaymentBasis.PRO_RATA:
        cohort = offer.partnership.cohort
        months = cohort.length_months
        elapsed = (withdrawn_on.year - cohort.start_date.year) * 12 + (
            withdrawn_on.month - cohort.start_date.month
        )
        left = min(max(months - elapsed, 0), months)
        due = received * left // months
        return (
            RepaymentBasis.PRO_RATA,
            due,
            f"{pounds(received)} received × {left} of {months} months left",
        )
    return RepaymentBasis.ALL_RECEIVED, received, f"All {pounds(received)} received"


def tie_in_due(offer: Offer) -> tuple[str, int, str]:
    amount = offer.partnership.tie_in_amount_pence or 0
    return (
        RepaymentBasis.TIE_IN,
        amount,
        f"The tie-in sum of {pounds(amount)}: did not apply to {offer.host} within six "
        "months of completing",
    )


def withdrawal_record(
    *, actor, trainee: Offer, withdrawn_on: datetime.date, reason: str, tie_in: bool = False
) -> Repayment:
    """A trainee withdrew (or, with ``tie_in``, did not apply to their host authority in
    time): the repayment due under the partnership's terms is recorded, and the grant's
    actual figure follows."""
    lead_only(actor, trainee.partnership)
    return repayment_start(
        actor=actor, trainee=trainee, withdrawn_on=withdrawn_on, reason=reason, tie_in=tie_in
    )


def repayment_start(
    *, actor, trainee: Offer, withdrawn_on: datetime.date, reason: str, tie_in: bool = False
) -> Repayment:
    """The repayment itself, once whoever recorded the withdrawal was allowed to: also what
    the trainee record calls when a tutor records a trainee leaving (``core.signals``)."""
    if trainee.status != OfferStatus.UNCONDITIONAL:
        raise ValidationError("Only a trainee whose offer is unconditional can withdraw")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the trainee withdrew"})
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": "The date cannot be in the future"})
    if Repayment.objects.filter(trainee=trainee).exists():
        raise ValidationError("This trainee's withdrawal is already recorded")
    basis, due, working = (
        tie_in_due(trainee) if tie_in else repayment_due(trainee, withdrawn_on=withdrawn_on)
    )
    with transaction.atomic():
        repayment = Repayment.objects.create(
            partnership=trainee.partnership,
            trainee=trainee,
            withdrawn_on=withdrawn_on,
            withdrawal_reason=reason.strip(),
            basis=basis,
            due_pence=due,
            working=working,
            status=RepaymentStatus.DUE if due else RepaymentStatus.SETTLED,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            record=repayment,
            action=AuditEntry.Action.CREATED,
            summary=f"Withdrawal recorded: {pounds(due)} to repay ({working})",
            reason=reason.strip(),
            event="repayment.due",
        )
    return repayment


def repayment_settle(*, actor, repayment: Repayment, paid_on: datetime.date) -> LedgerEntry:
    """The trainee has paid: the repayment is posted to the ledger as money in."""
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The date paid cannot be in the future"})
    partnership = repayment.partnership
    in_scope = partnerships_changeable_by(actor).filter(pk=partnership.pk).exists()
    with transaction.atomic():
        REPAYMENT_LIFECYCLE.move(
            record=repayment,
            target=RepaymentStatus.SETTLED,
            actor=actor,
            in_scope=in_scope,
            summary=f"Repayment of {pounds(repayment.due_pence)} settled",
        )
        return entry_create(
            actor=actor,
            partnership=partnership,
            kind=EntryKind.REPAYMENT,
            amount_pence=repayment.due_pence,
            paid_on=paid_on,
            authority=partnership.lead_authority,
            description=f"Repayment from {repayment.trainee.application.full_name}",
            trainee=repayment.trainee,
        )


def repayment_write_off(*, actor, repayment: Repayment, reason: str) -> Repayment:
    in_scope = partnerships_changeable_by(actor).filter(pk=repayment.partnership_id).exists()
    REPAYMENT_LIFECYCLE.move(
        record=repayment,
        target=RepaymentStatus.WRITTEN_OFF,
        actor=actor,
        in_scope=in_scope,
        reason=reason,
        summary=f"Repayment of {pounds(repayment.due_pence)} written off",
        fields={"closing_reason": reason.strip()},
    )
    return repayment
