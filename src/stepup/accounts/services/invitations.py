"""Sending invitations, and accepting them as a new person or as someone with an account."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.accounts.emails import invitation_email
from stepup.accounts.lifecycle import (
    INVITATION_LIFECYCLE,
    InvitationStatus,
)
from stepup.accounts.models import Invitation, Membership, Organisation, User
from stepup.accounts.passwords import password_problems
from stepup.accounts.queries import (
    user_with_email,
)
from stepup.accounts.roles import (
    Role,
    with_article,
)
from stepup.accounts.services._shared import (
    _analyst_conflict,
    _clean_text,
    _roles_text,
)
from stepup.core.audit import audit_record, field_changes
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later


def _invitation_send(
    actor: User, email: str, full_name: str, organisation: Organisation, role: str
) -> Invitation:
    with transaction.atomic():
        now = timezone.now()
        earlier = list(
            Invitation.objects.select_for_update().filter(
                email__iexact=email,
                organisation=organisation,
                accepted_at__isnull=True,
                replaced_at__isnull=True,
                expires_at__gt=now,
            )
        )
        for old in earlier:
            INVITATION_LIFECYCLE.move(
                record=old,
                target=InvitationStatus.REPLACED,
                actor=actor,
                summary="Replaced by a newer invitation",
            )
        invitation = Invitation.objects.create(
            email=email,
            full_name=full_name,
            organisation=organisation,
            role=role,
            invited_by=actor,
            created_at=now,
        )
        summary = f"Invited {full_name} ({email}) as {with_article(Role(role).label.lower())}"
        audit_record(
            actor=actor,
            record=organisation,
            action=AuditEntry.Action.CREATED,
            summary=summary + (", replacing an earlier invitation" if earlier else ""),
            changes=field_changes(
                {},
                {"full_name": full_name, "email": email, "role": Role(role).label},
                {"full_name": "Invited person", "email": "Email address", "role": "Role"},
            ),
        )
        subject, body = invitation_email(invitation)
        email_later(to=email, subject=subject, body=body)
    return invitation


def invitation_accept(
    *,
    invitation: Invitation,
    password: str | None,
    full_name: str | None,
    user: User | None = None,
) -> User:
    """A new person sets a password and name; someone who has an account is given the role.

    ``user`` is the signed-in person accepting; they must be the person invited.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable:
            raise ValidationError(
                "This invitation link can no longer be used. Ask the person who invited you "
                "to send a new one"
            )
        INVITATION_LIFECYCLE.get(invitation.status, InvitationStatus.ACCEPTED)
        existing = user_with_email(invitation.email)
        if user is not None:
            person = _accept_as_existing(invitation, user, existing)
        else:
            person = _accept_as_new(invitation, password, full_name, existing)
        INVITATION_LIFECYCLE.move(
            record=invitation,
            target=InvitationStatus.ACCEPTED,
            actor=None,
            caused_by=person,
            summary="Accepted the invitation",
        )
    return person


def _accept_as_existing(invitation: Invitation, user: User, existing: User | None) -> User:
    if existing is None or existing.pk != user.pk:
        raise ValidationError(
            f"This invitation is for {invitation.email}. Sign out, then sign in as that person"
        )
    if not user.is_active:
        raise ValidationError("Your account has been deactivated")
    conflict = _analyst_conflict(user, invitation.role)
    if conflict:
        raise ValidationError(conflict)
    before = _roles_text(user)
    Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    audit_record(
        actor=user,
        record=user,
        action=AuditEntry.Action.CHANGED,
        summary=(
            f"Accepted an invitation from {invitation.invited_by.full_name}: "
            f"{invitation.get_role_display()} at {invitation.organisation.name}"
        ),
        changes=field_changes({"roles": before}, {"roles": _roles_text(user)}, {"roles": "Roles"}),
    )
    return user


def _accept_as_new(
    invitation: Invitation, password: str | None, full_name: str | None, existing: User | None
) -> User:
    if existing is not None and (existing.is_email_verified or existing.is_staff_member):
        raise ValidationError(
            "An account already exists for this email address. Sign in to accept the invitation"
        )
    full_name = _clean_text(full_name)
    errors: dict[str, list[str]] = {}
    if not full_name:
        errors["full_name"] = ["Enter your full name"]
    elif len(full_name) > 200:
        errors["full_name"] = ["Full name must be 200 characters or fewer"]
    candidate = User(email=invitation.email, full_name=full_name)
    if not password:
        errors["password"] = ["Enter a password"]
    else:
        problems = password_problems(password, user=candidate)
        if problems:
            errors["password"] = problems[:1]
    if errors:
        raise ValidationError(errors)
    if existing is not None:
        # An account nobody confirmed, perhaps made by someone who does not own the address:
        # the invitation link shows its owner does, so they take it over with a new password.
        person = existing
        person.full_name = full_name
        person.set_password(password)
        person.email_verified_at = timezone.now()
        person.save(update_fields=["full_name", "password", "email_verified_at"])
    else:
        person = User.objects.create_user(
            invitation.email, password, full_name=full_name, email_verified_at=timezone.now()
        )
    Membership.objects.create(
        user=person, organisation=invitation.organisation, role=invitation.role
    )
    audit_record(
        actor=person,
        record=person,
        action=AuditEntry.Action.CREATED,
        summary=(
            f"Accepted an invitation from {invitation.invited_by.full_name} and set up an account"
        ),
        changes=field_changes(
            {},
            {"full_name": full_name, "email": person.email, "roles": _roles_text(person)},
            {"full_name": "Full name", "email": "Email address", "roles": "Roles"},
        ),
    )
    return person
