"""Changes to organisations and people: adding, inviting, deactivating.

Each function checks everything before it writes, writes in one transaction and records one
audit entry: organisation changes on the organisation, role and account changes on the
person. Errors are ``ValidationError``s keyed by the form field a person would correct.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from stepup.accounts.lifecycle import (
    PERSON_LIFECYCLE,
    PersonStatus,
)
from stepup.accounts.models import Invitation, Membership, Organisation, RoleRequest, User
from stepup.accounts.queries import (
    organisations_invitable_by,
    roles_invitable_by,
    user_with_email,
)
from stepup.accounts.roles import (
    OrganisationKind,
    Role,
    with_article,
)
from stepup.accounts.services._shared import (
    _add_membership,
    _analyst_conflict,
    _clean_email,
    _clean_text,
    _email_error,
    _holds_role_message,
    _require_admin,
    _role_error,
    _roles_text,
)
from stepup.accounts.services.invitations import _invitation_send
from stepup.accounts.services.roles import _role_request_create
from stepup.core.audit import audit_record, field_changes
from stepup.core.models import AuditEntry


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
