"""The bid: submitted, returned, approved, moved only along its lifecycle."""

from django.core.exceptions import ValidationError

from stepup.partnerships.lifecycle import BID_LIFECYCLE
from stepup.partnerships.models import (
    Partnership,
    PartnershipStatus,
)
from stepup.partnerships.queries import partnerships_changeable_by, submission_problems
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
    """Move the bid along its lifecycle. A coordinator moves only their own partnership's
    bid (the transition's ``scoped_roles``); the national admin decides."""
    reason = (reason or "").strip()
    transition = BID_LIFECYCLE.get(partnership.status, to_status)
    in_scope = actor is None or partnerships_changeable_by(actor).filter(pk=partnership.pk).exists()
    # Who may make the move is checked first; a missing reason gets the bid's own message.
    BID_LIFECYCLE.check(partnership.status, to_status, actor, "(given below)", in_scope=in_scope)
    _require_change_rights(actor, partnership)
    if transition.needs_reason and not reason:
        raise ValidationError({"reason": RETURN_REASON_MESSAGE})
    if to_status == PartnershipStatus.SUBMITTED:
        problems = submission_problems(partnership)
        if problems:
            raise ValidationError(problems)
    BID_LIFECYCLE.move(
        record=partnership,
        target=to_status,
        actor=actor,
        reason=reason,
        summary=TRANSITION_SUMMARIES[(partnership.status, to_status)],
        fields={"return_reason": reason if to_status == PartnershipStatus.RETURNED else ""},
        in_scope=in_scope,
    )
    return partnership
