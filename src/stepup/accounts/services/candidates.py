"""Candidates' own accounts: made by the candidate, or for them by an import or the demo."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from stepup.accounts.models import User
from stepup.accounts.passwords import password_problems
from stepup.accounts.services.people import INVALID_EMAIL
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry

ACCOUNT_EXISTS = "An account with this email address already exists. Sign in instead"


def candidate_account_create(*, full_name: str, email: str, password: str) -> User:
    """A person's own account, to apply with; it holds no staff role."""
    full_name = " ".join((full_name or "").split())
    email = (email or "").strip().lower()
    errors: dict[str, list[str]] = defaultdict(list)
    if not full_name:
        errors["full_name"].append("Enter your full name")
    if not email:
        errors["email"].append("Enter your email address")
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"].append(INVALID_EMAIL)
        else:
            if User.objects.filter(email__iexact=email).exists():
                errors["email"].append(ACCOUNT_EXISTS)
    if not password:
        errors["password"].append("Enter a password")
    else:
        errors["password"].extend(
            password_problems(password, user=User(email=email, full_name=full_name))
        )
    errors = {field: messages for field, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, password, full_name=full_name)
            audit_record(
                actor=user,
                record=user,
                action=AuditEntry.Action.CREATED,
                summary="Created their own account to apply to Step Up",
            )
    except IntegrityError:
        raise ValidationError({"email": ACCOUNT_EXISTS}) from None
    return user


def candidate_account_add(*, full_name: str, email: str, summary: str) -> User:
    """An account made for a candidate rather than by them (an imported application, the
    demonstration round). It has no password, so nobody can sign in as it until the service
    has a way for the candidate to claim it (issue 8). ``summary`` says in the audit trail
    how it came about."""
    user = User.objects.create_user(email, None, full_name=full_name)
    audit_record(actor=None, record=user, action=AuditEntry.Action.CREATED, summary=summary[:300])
    return user
