"""The national team's decision on a change to an approved bid."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.accounts.models import Organisation
from stepup.accounts.roles import Role
from stepup.core.tasks import email_later
from stepup.partnerships.lifecycle import VARIATION_LIFECYCLE
from stepup.partnerships.models import Variation, VariationStatus
from stepup.partnerships.services.members import (
    partnership_set_members,
    partnership_set_universities,
)


def variation_decide(*, actor, variation: Variation, approve: bool, reason: str = "") -> Variation:
    """Approve (the change is made, as the national team's) or refuse, with a reason; the
    coordinator who asked is told either way."""
    if actor is None or not actor.has_role(Role.NATIONAL_ADMIN):
        raise ValidationError("Only the national programme team can decide on this change")
    target = VariationStatus.APPROVED if approve else VariationStatus.REFUSED
    label = variation.get_kind_display().lower()
    with transaction.atomic():
        VARIATION_LIFECYCLE.move(
            record=variation,
            target=target,
            actor=actor,
            reason=reason,
            summary=f"{'Approved' if approve else 'Refused'} the change to the {label}",
        )
        partnership = variation.partnership
        if approve:
            why = f"Asked for by {variation.requested_by.full_name}" + (
                f": {variation.reason}" if variation.reason else ""
            )
            organisations = Organisation.objects.in_bulk([pk for pk, _ in variation.proposed])
            rows = [(organisations[pk], value) for pk, value in variation.proposed]
            if variation.kind == Variation.Kind.MEMBERS:
                partnership_set_members(
                    actor=actor, partnership=partnership, members=rows, reason=why
                )
            else:
                partnership_set_universities(
                    actor=actor, partnership=partnership, universities=rows, reason=why
                )
        outcome = "approved" if approve else "refused"
        body = (
            f"Dear {variation.requested_by.full_name},\n\n"
            f"The national programme team has {outcome} the change you asked for to the "
            f"{label} of {partnership.name}:\n\n{variation.description}\n"
            + (f"\nTheir reason: {reason}\n" if reason else "")
            + (
                "\nThe partnership's page shows the new figures."
                if approve
                else "\nThe approved figures stand."
            )
        )
        email_later(
            to=variation.requested_by.email,
            subject=f"Your change to {partnership.name} has been {outcome}",
            body=body,
        )
    return variation
