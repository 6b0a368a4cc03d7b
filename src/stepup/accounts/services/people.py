"""Changes to organisations, people, their roles and invitations.

Each function checks everything before it writes, writes in one transaction and records one
audit entry: organisation changes on the organisation, role and account changes on the
person. Errors are ``ValidationError``s keyed by the form field a person would correct.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from stepup.accounts.emails import invitation_email, roles_changed_email
from stepup.accounts.lifecycle import (
    INVITATION_LIFECYCLE,
    PERSON_LIFECYCLE,
    ROLE_REQUEST_LIFECYCLE,
    InvitationStatus,
    PersonStatus,
    RoleRequestStatus,
)
from stepup.accounts.models import Invitation, Membership, Organisation, RoleRequest, User
from stepup.accounts.passwords import password_problems
from stepup.accounts.queries import (
    organisations_invitable_by,
    person_memberships,
    roles_invitable_by,
    user_with_email,
)
from stepup.accounts.roles import (
    OrganisationKind,
    Role,
    role_suits_kind,
    unsuitable_role_message,
    with_article,
)
from stepup.core.audit import audit_record, field_changes
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later

INVALID_EMAIL = "Enter an email address in the correct format, like name@example.com"


def _clean_text(value: str | None) -> str:
    return " ".join((value or "").split())


def _clean_email(value: str | None) -> str:
    return (value or "").strip().lower()


def _email_error(email: str) -> str | None:
    if not email:
        return "Enter the person's email address"
    try:
        validate_email(email)
    except ValidationError:
        return INVALID_EMAIL
    return None


def _role_error(role: str, organisation: Organisation | None) -> str | None:
    if role not in Role.values:
        return "Select a role"
    if organisation is not None and not role_suits_kind(role, organisation.kind):
        return unsuitable_role_message(role)
    return None


ANALYST_APART = (
    "A national analyst cannot also hold a role that decides on candidates or manages "
    "people. Remove their other roles first"
)


def _analyst_conflict(person: User | None, role: str) -> str | None:
    """The analyst sees unsuppressed equality figures, so holds no other role (ADR 0005)."""
    if person is None or not role:
        return None
    held = set(person.memberships.values_list("role", flat=True))
    if role == Role.NATIONAL_ANALYST and held - {Role.NATIONAL_ANALYST}:
        return ANALYST_APART
    if role != Role.NATIONAL_ANALYST and Role.NATIONAL_ANALYST in held:
        return (
            "A national analyst cannot also hold a role that decides on candidates or "
            "manages people. Remove their national analyst role first"
        )
    return None


def _holds_role_message(person: User, organisation: Organisation, role: str) -> str:
    role_text = with_article(Role(role).label.lower())
    return f"{person.full_name or person.email} is already {role_text} at {organisation.name}"


def _require_admin(actor: User | None) -> None:
    """``None`` is the system itself (data loading); a person must be a national admin."""
    if actor is not None and not actor.has_role(Role.NATIONAL_ADMIN):
        raise PermissionDenied("Only national admins can make this change.")


def _roles_text(person: User) -> str:
    return "; ".join(
        f"{m.get_role_display()} at {m.organisation.name}" for m in person_memberships(person)
    )


def _duplicate_name_message(name: str) -> str:
    existing = Organisation.objects.filter(name__iexact=name).first()
    return f"An organisation called {existing.name if existing else name} already exists"


def organisation_create(*, actor: User | None, name: str, kind: str) -> Organisation:
    _require_admin(actor)
    name = _clean_text(name)
    errors = {}
    if not name:
        errors["name"] = "Enter the name of the organisation"
    elif len(name) > 200:
        errors["name"] = "Name must be 200 characters or fewer"
    elif Organisation.objects.filter(name__iexact=name).exists():
        errors["name"] = _duplicate_name_message(name)
    if kind not in OrganisationKind.values:
        errors["kind"] = "Select the kind of organisation"
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            organisation = Organisation.objects.create(name=name, kind=kind)
            audit_record(
                actor=actor,
                record=organisation,
                action=AuditEntry.Action.CREATED,
                summary=f"Added {name}, {with_article(organisation.get_kind_display().lower())}",
                changes=field_changes(
                    {},
                    {"name": name, "kind": organisation.get_kind_display()},
                    {"name": "Name", "kind": "Kind of organisation"},
                ),
            )
    except IntegrityError:
        # Someone else added the same name a moment ago.
        raise ValidationError({"name": _duplicate_name_message(name)}) from None
    return organisation


def person_invite(
    *, actor: User, email: str, full_name: str, organisation: Organisation, role: str
) -> Invitation | RoleRequest:
    """Email a one-time link; a newer invitation to the same place replaces an open one.

    An invitation to the national analyst role waits for a second national admin: this
    returns the request, and the invitation goes when it is approved (ADR 0012)."""
    email = _clean_email(email)
    full_name = _clean_text(full_name)
    if not organisations_invitable_by(actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied("You cannot invite people to this organisation.")
    if role in Role.values and role not in roles_invitable_by(actor):
        raise PermissionDenied("You cannot give this role.")
    errors = {}
    if not full_name:
        errors["full_name"] = "Enter the person's full name"
    elif len(full_name) > 200:
        errors["full_name"] = "Full name must be 200 characters or fewer"
    email_error = _email_error(email)
    if email_error:
        errors["email"] = email_error
    role_error = _role_error(role, organisation)
    if role_error:
        errors["role"] = role_error
    existing = user_with_email(email) if not email_error else None
    if existing is not None and not existing.is_active:
        errors["email"] = (
            "The account for this email address has been deactivated. Ask the national "
            "programme team to reactivate it"
        )
    elif (
        existing is not None
        and not role_error
        and existing.memberships.filter(organisation=organisation, role=role).exists()
    ):
        errors["email"] = _holds_role_message(existing, organisation, role)
    elif existing is not None and not role_error and _analyst_conflict(existing, role):
        errors["role"] = _analyst_conflict(existing, role)
    elif existing is not None and existing.pk == actor.pk:
        errors["email"] = "You cannot invite yourself. Ask another national admin"
    if errors:
        raise ValidationError(errors)
    if role == Role.NATIONAL_ANALYST:
        return _role_request_create(actor, existing, email, full_name, organisation, role)
    return _invitation_send(actor, email, full_name, organisation, role)


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


def person_create(
    *,
    actor: User | None,
    email: str,
    full_name: str,
    password: str | None,
    organisation: Organisation,
    role: str,
) -> User:
    """For loading data: make the person, or give an existing one the role if they lack it.

    With no password nobody can sign in as the person, as for the demonstration's
    fictitious staff."""
    _require_admin(actor)
    email = _clean_email(email)
    full_name = _clean_text(full_name)
    errors = {}
    email_error = _email_error(email)
    if email_error:
        errors["email"] = email_error
    if not full_name:
        errors["full_name"] = "Enter the person's full name"
    role_error = _role_error(role, organisation)
    if role_error:
        errors["role"] = role_error
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        person = user_with_email(email)
        if person is None:
            # Loaded by the national team, who know the address is the person's own.
            person = User.objects.create_user(
                email, password, full_name=full_name, email_verified_at=timezone.now()
            )
            Membership.objects.create(user=person, organisation=organisation, role=role)
            audit_record(
                actor=actor,
                record=person,
                action=AuditEntry.Action.CREATED,
                summary=f"Added {full_name} as {with_article(Role(role).label.lower())}",
                changes=field_changes(
                    {},
                    {"full_name": full_name, "email": email, "roles": _roles_text(person)},
                    {"full_name": "Full name", "email": "Email address", "roles": "Roles"},
                ),
            )
        elif not person.memberships.filter(organisation=organisation, role=role).exists():
            conflict = _analyst_conflict(person, role)
            if conflict:
                raise ValidationError({"role": conflict})
            _add_membership(actor, person, organisation, role)
    return person


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


def _add_membership(
    actor, person: User, organisation: Organisation, role: str, summary: str = ""
) -> Membership:
    before = _roles_text(person)
    membership = Membership.objects.create(user=person, organisation=organisation, role=role)
    what = f"the role {Role(role).label.lower()} at {organisation.name}"
    audit_record(
        actor=actor,
        record=person,
        action=AuditEntry.Action.CHANGED,
        summary=summary or f"Added {what}",
        changes=field_changes(
            {"roles": before}, {"roles": _roles_text(person)}, {"roles": "Roles"}
        ),
    )
    _tell_roles_changed(person, f"You have been given {what}")
    return membership


def _tell_roles_changed(person: User, change: str) -> None:
    subject, body = roles_changed_email(person, change)
    email_later(to=person.email, subject=subject, body=body)


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


def person_deactivate(*, actor: User, person: User, reason: str) -> User:
    """Deactivated people cannot sign in; their records and history stay."""
    if person.pk == actor.pk:
        raise ValidationError("You cannot deactivate your own account")
    return _person_move(actor, person, PersonStatus.DEACTIVATED, reason)


def person_reactivate(*, actor: User, person: User, reason: str = "") -> User:
    return _person_move(actor, person, PersonStatus.ACTIVE, reason)


def _person_move(actor: User, person: User, target: str, reason: str) -> User:
    PERSON_LIFECYCLE.move(
        record=person,
        target=target,
        actor=actor,
        reason=reason,
        summary=f"{'Reactivated' if target == PersonStatus.ACTIVE else 'Deactivated'} the account",
    )
    return person
