"""The allowed status changes of a person's account and of an invitation."""

from django.db import models

from stepup.accounts.roles import Role
from stepup.core.lifecycle import Lifecycle, Transition


class PersonStatus(models.TextChoices):
    """A person is never deleted, so that the audit trail keeps who did what."""

    ACTIVE = "active", "Active"
    DEACTIVATED = "deactivated", "Deactivated"


class InvitationStatus(models.TextChoices):
    OPEN = "open", "Waiting to be accepted"
    ACCEPTED = "accepted", "Accepted"
    REPLACED = "replaced", "Replaced by a newer invitation"
    EXPIRED = "expired", "Expired"


PERSON_LIFECYCLE = Lifecycle(
    "person's account",
    [
        Transition(
            PersonStatus.ACTIVE,
            PersonStatus.DEACTIVATED,
            "Deactivate account",
            frozenset({Role.NATIONAL_ADMIN}),
            needs_reason=True,
        ),
        Transition(
            PersonStatus.DEACTIVATED,
            PersonStatus.ACTIVE,
            "Reactivate account",
            frozenset({Role.NATIONAL_ADMIN}),
        ),
    ],
)

# Accepting needs no role: the invitee holds none yet. Expiry is the clock, not a transition.
INVITATION_LIFECYCLE = Lifecycle(
    "invitation",
    [
        Transition(InvitationStatus.OPEN, InvitationStatus.ACCEPTED, "Accept", frozenset()),
        Transition(
            InvitationStatus.OPEN,
            InvitationStatus.REPLACED,
            "Invite again",
            frozenset({Role.NATIONAL_ADMIN, Role.COORDINATOR}),
        ),
    ],
)
