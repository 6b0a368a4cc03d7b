"""The allowed status changes of a person's account and of an invitation."""

from django.db import models
from django.utils import timezone

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


class RoleRequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a second national admin"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"


class EmailLinkStatus(models.TextChoices):
    OPEN = "open", "Waiting to be used"
    USED = "used", "Used"
    REPLACED = "replaced", "Replaced by a newer link"
    EXPIRED = "expired", "Expired"


def _account_status(person) -> str:
    return person.status


def _set_account_status(person, status: str) -> list[str]:
    person.is_active = status == PersonStatus.ACTIVE
    return ["is_active"]


# A person's status is whether their account is active; Django reads ``is_active``.
PERSON_LIFECYCLE = Lifecycle(
    "person's account",
    code="account",
    states=PersonStatus,
    field_label="Account",
    read=_account_status,
    write=_set_account_status,
    transitions=[
        Transition(
            PersonStatus.ACTIVE,
            PersonStatus.DEACTIVATED,
            "Deactivate account",
            frozenset({Role.NATIONAL_ADMIN}),
            needs_reason=True,
            # The retention schedule deactivates the accounts it erases.
            by_system=True,
        ),
        Transition(
            PersonStatus.DEACTIVATED,
            PersonStatus.ACTIVE,
            "Reactivate account",
            frozenset({Role.NATIONAL_ADMIN}),
        ),
    ],
)


def _invitation_status(invitation) -> str:
    return invitation.status


def _set_invitation_status(invitation, status: str) -> list[str]:
    """An invitation's status is when it was accepted or replaced."""
    field = {InvitationStatus.ACCEPTED: "accepted_at", InvitationStatus.REPLACED: "replaced_at"}
    setattr(invitation, field[status], timezone.now())
    return [field[status]]


# Accepting needs no role, as the invitee holds none yet: the service records it for them.
# Expiry is the clock, not a transition.
INVITATION_LIFECYCLE = Lifecycle(
    "invitation",
    code="invitation",
    states=InvitationStatus,
    read=_invitation_status,
    write=_set_invitation_status,
    transitions=[
        Transition(
            InvitationStatus.OPEN, InvitationStatus.ACCEPTED, "Accept", frozenset(), by_system=True
        ),
        Transition(
            InvitationStatus.OPEN,
            InvitationStatus.REPLACED,
            "Invite again",
            frozenset({Role.NATIONAL_ADMIN, Role.COORDINATOR}),
        ),
    ],
)


def _set_email_link_status(link, status: str) -> list[str]:
    """A link's status is when it was used or replaced."""
    field = {EmailLinkStatus.USED: "used_at", EmailLinkStatus.REPLACED: "replaced_at"}
    setattr(link, field[status], timezone.now())
    return [field[status]]


# The service records both moves for the person: using the link, or asking for a newer one.
EMAIL_LINK_LIFECYCLE = Lifecycle(
    "emailed link",
    code="email_link",
    states=EmailLinkStatus,
    read=_invitation_status,
    write=_set_email_link_status,
    transitions=[
        Transition(EmailLinkStatus.OPEN, EmailLinkStatus.USED, "Use", frozenset(), by_system=True),
        Transition(
            EmailLinkStatus.OPEN,
            EmailLinkStatus.REPLACED,
            "Send again",
            frozenset(),
            by_system=True,
        ),
    ],
)


def _role_request_status(request) -> str:
    return request.status


def _set_role_request_status(request, status: str) -> list[str]:
    request.status = status
    request.decided_at = timezone.now()
    return ["status", "decided_at"]


# Giving the national analyst role takes two national admins: one asks, another decides
# (ADR 0012). The service checks that the second is neither the first nor the person.
ROLE_REQUEST_LIFECYCLE = Lifecycle(
    "request for a role",
    code="role_request",
    states=RoleRequestStatus,
    read=_role_request_status,
    write=_set_role_request_status,
    transitions=[
        Transition(
            RoleRequestStatus.WAITING,
            RoleRequestStatus.APPROVED,
            "Approve",
            frozenset({Role.NATIONAL_ADMIN}),
        ),
        Transition(
            RoleRequestStatus.WAITING,
            RoleRequestStatus.REFUSED,
            "Refuse",
            frozenset({Role.NATIONAL_ADMIN}),
            needs_reason=True,
        ),
    ],
)
