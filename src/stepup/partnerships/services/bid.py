"""The bid: submitted, returned, approved, moved only along its lifecycle."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.partnerships.lifecycle import BID_LIFECYCLE
from stepup.partnerships.models import (
    Partnership,
    PartnershipStatus,
)
from stepup.partnerships.queries import (
    submission_problems,
)
from stepup.partnerships.services.common import RETURN_REASON_MESSAGE, _require_change_rights

# The bid


TRANSITION_SUMMARIES = {
    (PartnershipStatus.DRAFT, PartnershipStatus.SUBMITTED): "Submitted the bid",
    (PartnershipStatus.SUBMITTED, PartnershipStatus.APPROVED): "Approved the bid",
    (PartnershipStatus.SUBMITTED, PartnershipStatus.RETURNED): "Returned the bid",
    (PartnershipStatus.RETURNED, PartnershipStatus.SUBMITTED): "Resubmitted the bid",
}


def partnership_transition(
    *, actor, partnership: Partnership, to_status: str, reason: str = ""
) -> Partnership:
    reason = (reason or "").strip()
    transition = BID_LIFECYCLE.get(partnership.status, to_status)
    if actor is not None:
        if not actor.has_role(*transition.roles):
            raise ValidationError("You cannot make this change")
        _require_change_rights(actor, partnership)
    if transition.needs_reason and not reason:
        raise ValidationError({"reason": RETURN_REASON_MESSAGE})
    if to_status == PartnershipStatus.SUBMITTED:
        problems = submission_problems(partnership)
        if problems:
            raise ValidationError(problems)

    with transaction.atomic():
        before = partnership.get_status_display()
        source = partnership.status
        partnership.status = to_status
        partnership.return_reason = reason if to_status == PartnershipStatus.RETURNED else ""
        partnership.save(update_fields=["status", "return_reason"])
        audit_record(
            actor=actor,
            record=partnership,
            action=AuditEntry.Action.TRANSITION,
            summary=TRANSITION_SUMMARIES[(source, to_status)],
            changes=[
                {
                    "field": "Bid status",
                    "before": before,
                    "after": partnership.get_status_display(),
                }
            ],
            reason=reason,
        )
    return partnership
