"""Giving and ending roles; the national analyst role takes two national admins (ADR 0012)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stepup.accounts.lifecycle import (
    ROLE_REQUEST_LIFECYCLE,
    RoleRequestStatus,
)
from stepup.accounts.models import Membership, Organisation, RoleRequest, User
from stepup.accounts.queries import (
    user_with_email,
)
from stepup.accounts.roles import (
    Role,
    with_article,
)
from stepup.accounts.services._shared import (
    _add_membership,
    _analyst_conflict,
    _holds_role_message,
    _require_admin,
    _role_error,
    _roles_text,
    _tell_roles_changed,
)
from stepup.accounts.services.invitations import _invitation_send
from stepup.core.audit import audit_record, field_changes
from stepup.core.models import AuditEntry


def membership_add(
    *, actor: User | None, user: User, organisation: Organisation, role: str
) -> Membership | RoleRequest:
    """Give the person the role, and tell them. The national analyst role, given by a person
    rather than the data loader, waits for a second national admin: this returns the
    request (ADR 0012)."""
    _require_admin(actor)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(
            {"role": "You cannot give yourself a role. Ask another national admin"}
        )
    role_error = _role_error(role, organisation) or _analyst_conflict(user, role)
    if role_error:
        raise ValidationError({"role": role_error})
    if user.memberships.filter(organisation=organisation, role=role).exists():
        raise ValidationError({"role": _holds_role_message(user, organisation, role)})
    if role == Role.NATIONAL_ANALYST and actor is not None:
        return _role_request_create(actor, user, user.email, user.full_name, organisation, role)
    try:
        with transaction.atomic():
            return _add_membership(actor, user, organisation, role)
    except IntegrityError:
        raise ValidationError({"role": _holds_role_message(user, organisation, role)}) from None


def membership_remove(*, actor: User, membership: Membership) -> None:
    _require_admin(actor)
    person = membership.user
    if person.pk == actor.pk and membership.role == Role.NATIONAL_ADMIN:
        raise ValidationError(
            "You cannot remove your own national admin role. Ask another national admin"
        )
    with transaction.atomic():
        before = _roles_text(person)
        role_label = membership.get_role_display().lower()
        organisation_name = membership.organisation.name
        membership.delete()
        audit_record(
            actor=actor,
            record=person,
            action=AuditEntry.Action.REMOVED,
            summary=f"Removed the role {role_label} at {organisation_name}",
            changes=field_changes(
                {"roles": before}, {"roles": _roles_text(person)}, {"roles": "Roles"}
            ),
        )
        _tell_roles_changed(person, f"Your role {role_label} at {organisation_name} has ended")


# Giving the national analyst role: two national admins (ADR 0012)


SECOND_ADMIN_NEEDED = "Another national admin must decide: you asked for this role"


def _role_request_create(
    actor: User,
    person: User | None,
    email: str,
    full_name: str,
    organisation: Organisation,
    role: str,
) -> RoleRequest:
    with transaction.atomic():
        waiting = RoleRequest.objects.filter(
            email__iexact=email, role=role, status=RoleRequestStatus.WAITING
        )
        if waiting.exists():
            role_text = with_article(Role(role).label.lower())
            raise ValidationError(
                {
                    "role": f"A request to make {full_name} {role_text} is already waiting "
                    "for a second national admin"
                }
            )
        request = RoleRequest.objects.create(
            user=person,
            email=email,
            full_name=full_name,
            organisation=organisation,
            role=role,
            requested_by=actor,
        )
        role_text = with_article(Role(role).label.lower())
        audit_record(
            actor=actor,
            record=request,
            action=AuditEntry.Action.CREATED,
            summary=f"Asked for {full_name} ({email}) to be made {role_text}",
            event="role_request.created",
            values={"role": role, "organisation": organisation.pk},
        )
    return request


def role_request_decide(
    *, actor: User, role_request: RoleRequest, approve: bool, reason: str = ""
) -> RoleRequest:
    """A second national admin approves or refuses; the one who asked, and the person the
    role is for, cannot. Approval gives the role, or sends the invitation."""
    _require_admin(actor)
    if actor.pk == role_request.requested_by_id:
        raise ValidationError({"decision": SECOND_ADMIN_NEEDED})
    if actor.pk == role_request.user_id or actor.email.lower() == role_request.email.lower():
        raise ValidationError(
            {"decision": "You cannot decide on a role for yourself. Ask another national admin"}
        )
    target = RoleRequestStatus.APPROVED if approve else RoleRequestStatus.REFUSED
    role_text = with_article(role_request.get_role_display().lower())
    with transaction.atomic():
        person = role_request.user or user_with_email(role_request.email)
        if approve and person is not None:
            conflict = _analyst_conflict(person, role_request.role)
            if conflict:
                raise ValidationError({"decision": conflict})
        ROLE_REQUEST_LIFECYCLE.move(
            record=role_request,
            target=target,
            actor=actor,
            reason=reason,
            summary=(
                f"Approved making {role_request.full_name} {role_text}"
                if approve
                else f"Refused making {role_request.full_name} {role_text}"
            ),
        )
        if not approve:
            return role_request
        if person is None:
            _invitation_send(
                role_request.requested_by,
                role_request.email,
                role_request.full_name,
                role_request.organisation,
                role_request.role,
            )
        elif not person.memberships.filter(
            organisation=role_request.organisation, role=role_request.role
        ).exists():
            _add_membership(
                actor,
                person,
                role_request.organisation,
                role_request.role,
                summary=(
                    f"Added the role {role_request.get_role_display().lower()} at "
                    f"{role_request.organisation.name}, asked for by "
                    f"{role_request.requested_by.full_name} and approved by {actor.full_name}"
                ),
            )
    return role_request
