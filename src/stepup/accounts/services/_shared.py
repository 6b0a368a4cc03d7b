"""Checks and steps the people, invitation and role services share."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email

from stepup.accounts.emails import roles_changed_email
from stepup.accounts.models import Membership, Organisation, User
from stepup.accounts.queries import (
    person_memberships,
)
from stepup.accounts.roles import (
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
