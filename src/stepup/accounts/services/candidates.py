"""Candidates' own accounts: made by the candidate, or for them by an import or the demo."""

from collections import defaultdict

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from stepup.accounts.models import User
from stepup.accounts.passwords import password_problems
from stepup.accounts.services._shared import INVALID_EMAIL
from stepup.accounts.services.email_links import Purpose, email_link_send
from stepup.accounts.services.requested_emails import CREATE, requested_email_later
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry

ACCOUNT_EXISTS = "An account with this email address already exists. Sign in instead"


def candidate_account_errors(*, full_name: str, email: str, password: str) -> dict:
    """Everything wrong with the answers, by field, all at once: the form shows them
    together, whatever else it finds."""
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
    if not password:
        errors["password"].append("Enter a password")
    else:
        errors["password"].extend(
            password_problems(password, user=User(email=email, full_name=full_name))
        )
    return {field: messages for field, messages in errors.items() if messages}


def candidate_account_create(
    *, full_name: str, email: str, password: str, next_path: str = ""
) -> User | None:
    """A person's own account, to apply with; it holds no staff role and does nothing until
    someone opens the link emailed to confirm the address.

    If the address already has an account, ``None`` comes back and its owner is emailed
    instead. Either way the request does the same work (the password is hashed, one task is
    queued: see ``requested_emails``) and the page says the same ("check your email"), so
    that nobody can learn who has an account, and nobody can hold an account for an address
    they do not own."""
    full_name = " ".join((full_name or "").split())
    email = (email or "").strip().lower()
    errors = candidate_account_errors(full_name=full_name, email=email, password=password)
    if errors:
        raise ValidationError(errors)
    hashed = make_password(password)  # for an address with an account too: equal work
    user = None
    try:
        with transaction.atomic():
            if not User.objects.filter(email__iexact=email).exists():
                user = User(email=email, full_name=full_name, password=hashed)
                user.save()
                audit_record(
                    actor=user,
                    record=user,
                    action=AuditEntry.Action.CREATED,
                    summary="Created their own account to apply to Step Up",
                )
    except IntegrityError:  # made by another request at the same moment
        user = None
    requested_email_later(kind=CREATE, email=email, created=user is not None, next_path=next_path)
    return user


def candidate_account_add(
    *, full_name: str, email: str, summary: str, actor: User | None = None
) -> User:
    """An account made for a candidate rather than by them (an imported application, the
    demonstration round). It has no password until the candidate sets one from the link
    ``candidate_account_claim`` emails. ``summary`` says in the audit trail how it came
    about; ``actor`` is the member of staff who brought it in, if one did."""
    user = User.objects.create_user(email, None, full_name=full_name)
    audit_record(actor=actor, record=user, action=AuditEntry.Action.CREATED, summary=summary[:300])
    return user


def candidate_account_claim(*, user: User, summary: str, actor: User | None = None) -> None:
    """Before an application made elsewhere joins an account, make sure only the owner of
    the address can see it: an account whose address nobody has confirmed loses its password
    (and so every session), and the address is sent a link to set one."""
    if user.email_verified_at is not None:
        return
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
        audit_record(
            actor=actor,
            record=user,
            action=AuditEntry.Action.CHANGED,
            summary=summary[:300],
            event="account.claim_required",
        )
    email_link_send(user=user, purpose=Purpose.CLAIM_ACCOUNT)
