"""The instalment schedule: scheduled by the national team, evidenced by the lead authority,
accepted and released into the ledger."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.core.audit import audit_record
from stepup.core.formatting import pounds
from stepup.core.models import AuditEntry
from stepup.funding import queries
from stepup.funding.lifecycle import INSTALMENT_LIFECYCLE
from stepup.funding.models import (
    EntryKind,
    Evidence,
    Instalment,
    InstalmentStatus,
    LedgerEntry,
)
from stepup.funding.services.common import (
    admin_only,
    amount_checked,
    entry_create,
)
from stepup.partnerships.models import Partnership
from stepup.partnerships.queries import partnerships_changeable_by

# The instalment schedule.


def instalment_add(
    *,
    actor,
    partnership: Partnership,
    milestone: str,
    year: int,
    amount_pence: int,
    evidence_needed: str,
) -> Instalment:
    """Schedule an instalment; the schedule may not come to more than the grant."""
    admin_only(actor)
    amount_checked(amount_pence)
    if milestone not in Evidence.values:
        raise ValidationError({"milestone": "Choose the milestone the instalment waits for"})
    if not evidence_needed.strip():
        raise ValidationError({"evidence_needed": "Say what evidence the instalment needs"})
    grant = queries.grant_of(partnership).current_pence
    scheduled = queries.scheduled_pence(partnership) + amount_pence
    if scheduled > grant:
        raise ValidationError(
            {
                "amount_pence": f"The instalments would come to {pounds(scheduled)}, more than "
                f"the grant of {pounds(grant)}: enter {pounds(grant - scheduled + amount_pence)} "
                "or less"
            }
        )
    with transaction.atomic():
        number = Instalment.objects.filter(partnership=partnership).count() + 1
        instalment = Instalment.objects.create(
            partnership=partnership,
            number=number,
            milestone=milestone,
            year=year,
            amount_pence=amount_pence,
            evidence_needed=evidence_needed.strip(),
        )
        audit_record(
            actor=actor,
            record=instalment,
            action=AuditEntry.Action.CREATED,
            summary=f"Instalment {number} scheduled: {pounds(amount_pence)} in "
            f"{instalment.year_label}, on {instalment.get_milestone_display().lower()}",
            event="instalment.scheduled",
        )
    return instalment


def instalment_submit(*, actor, instalment: Instalment, evidence: str) -> Instalment:
    """The lead authority submits the evidence of the instalment's milestone."""
    if not evidence.strip():
        raise ValidationError({"evidence": "Describe the evidence, or where it can be seen"})
    in_scope = partnerships_changeable_by(actor).filter(pk=instalment.partnership_id).exists()
    INSTALMENT_LIFECYCLE.move(
        record=instalment,
        target=InstalmentStatus.SUBMITTED,
        actor=actor,
        in_scope=in_scope and not actor.has_role(Role.NATIONAL_ADMIN),
        summary="Evidence submitted",
        fields={
            "evidence": evidence.strip(),
            "submitted_by": actor,
            "submitted_at": timezone.now(),
        },
    )
    return instalment


def instalment_accept(*, actor, instalment: Instalment) -> Instalment:
    INSTALMENT_LIFECYCLE.move(
        record=instalment,
        target=InstalmentStatus.ACCEPTED,
        actor=actor,
        summary="Evidence accepted",
        fields={"accepted_by": actor, "accepted_at": timezone.now()},
    )
    return instalment


def instalment_return(*, actor, instalment: Instalment, reason: str) -> Instalment:
    INSTALMENT_LIFECYCLE.move(
        record=instalment,
        target=InstalmentStatus.SCHEDULED,
        actor=actor,
        reason=reason,
        summary="Evidence sent back",
    )
    return instalment


def instalment_release(
    *,
    actor,
    instalment: Instalment,
    amount_pence: int,
    paid_on: datetime.date,
    reason: str = "",
) -> LedgerEntry:
    """Release the instalment, whole or in part (saying why), and post its receipt to the
    lead authority's ledger. Never more than the instalment, nor in all more than the
    grant."""
    admin_only(actor)
    amount_checked(amount_pence)
    if instalment.status != InstalmentStatus.ACCEPTED:
        raise ValidationError("Accept the instalment's evidence before releasing it")
    if amount_pence > instalment.amount_pence:
        raise ValidationError(
            {
                "amount_pence": f"Release {pounds(instalment.amount_pence)} or less: that is "
                "the instalment"
            }
        )
    if amount_pence < instalment.amount_pence and not reason.strip():
        raise ValidationError({"reason": "Say why less than the whole instalment is released"})
    partnership = instalment.partnership
    grant = queries.grant_of(partnership).current_pence
    released = queries.released_pence(partnership) + amount_pence
    if released > grant:
        raise ValidationError(
            {
                "amount_pence": f"That would release {pounds(released)} in all, more than the "
                f"grant of {pounds(grant)}"
            }
        )
    with transaction.atomic():
        INSTALMENT_LIFECYCLE.move(
            record=instalment,
            target=InstalmentStatus.RELEASED,
            actor=actor,
            reason=reason,
            summary=f"Released {pounds(amount_pence)} of {pounds(instalment.amount_pence)}",
            fields={"released_pence": amount_pence, "release_reason": reason.strip()},
        )
        return entry_create(
            actor=actor,
            partnership=partnership,
            kind=EntryKind.RECEIPT,
            amount_pence=amount_pence,
            paid_on=paid_on,
            authority=partnership.lead_authority,
            description=f"Instalment {instalment.number}, {instalment.get_milestone_display()}",
            instalment=instalment,
        )
