"""Proving a person owns their email address, and getting back into an account, by links
emailed to that address: confirming a new account, setting a new (or a first) password,
and moving an account to a new address.

Each link works once, for a limited time, and only a digest of it is stored. Asking for a
link gives the same answer whether or not an account exists, so that nobody can use these
pages to learn who has one.
"""

from datetime import timedelta

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from stepup.accounts import emails
from stepup.accounts.email_window import email_window_open
from stepup.accounts.lifecycle import EMAIL_LINK_LIFECYCLE, EmailLinkStatus
from stepup.accounts.models import EmailLink, User
from stepup.accounts.passwords import password_problems
from stepup.accounts.queries import user_with_email
from stepup.accounts.tokens import new_token, token_digest
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later

Purpose = EmailLink.Purpose

LIFETIME = {
    Purpose.CONFIRM_EMAIL: timedelta(hours=24),
    Purpose.RESET_PASSWORD: timedelta(hours=2),
    Purpose.CLAIM_ACCOUNT: timedelta(days=14),
    Purpose.CHANGE_EMAIL: timedelta(hours=24),
}

INVALID_EMAIL = "Enter an email address in the correct format, like name@example.com"
LINK_UNUSABLE = "This link can no longer be used. It may have been used already, or it has expired"


def email_link_send(*, user: User, purpose: str, email: str = "", next_path: str = "") -> EmailLink:
    """Email a new link, replacing any open link of the same purpose for this person."""
    now = timezone.now()
    with transaction.atomic():
        earlier = EmailLink.objects.select_for_update().filter(
            user=user, purpose=purpose, used_at__isnull=True, replaced_at__isnull=True
        )
        for old in earlier:
            if old.status == EmailLinkStatus.OPEN:
                EMAIL_LINK_LIFECYCLE.move(
                    record=old,
                    target=EmailLinkStatus.REPLACED,
                    actor=None,
                    caused_by=user,
                    summary="Replaced by a newer link",
                )
        token, digest = new_token()
        link = EmailLink.objects.create(
            user=user,
            purpose=purpose,
            email=email or user.email,
            token_hash=digest,
            next_path=next_path if next_path.startswith("/") else "",
            created_at=now,
            expires_at=now + LIFETIME[purpose],
        )
        subject, body = emails.link_email(link, token)
        email_later(to=link.email, subject=subject, body=body)
    return link


def email_link_find(*, token: str) -> EmailLink | None:
    """The open link with this secret, or ``None`` (unknown, used, replaced or expired)."""
    link = (
        EmailLink.objects.select_related("user")
        .filter(token_hash=token_digest(token or ""))
        .first()
    )
    if link is None or link.status != EmailLinkStatus.OPEN or not link.user.is_active:
        return None
    return link


def _use(link: EmailLink, summary: str) -> EmailLink:
    """Lock the link, check it is still open, and record its use: all or nothing."""
    locked = EmailLink.objects.select_for_update().select_related("user").get(pk=link.pk)
    if locked.status != EmailLinkStatus.OPEN or not locked.user.is_active:
        raise ValidationError(LINK_UNUSABLE)
    email_window_open(email=locked.email)
    EMAIL_LINK_LIFECYCLE.move(
        record=locked,
        target=EmailLinkStatus.USED,
        actor=None,
        caused_by=locked.user,
        summary=summary,
    )
    return locked


def _account_changed(user: User, summary: str, event: str, *, tell=None, to: str = "") -> None:
    """The audit entry for a change a person made to their own account, and, with ``tell``
    (an email's words), the email that lets them spot a change they did not make."""
    audit_record(
        actor=user,
        record=user,
        action=AuditEntry.Action.CHANGED,
        summary=summary,
        event=f"account.{event}",
    )
    if tell is not None:
        subject, body = tell(user)
        email_later(to=to or user.email, subject=subject, body=body)


def _current_password_error(user: User, current_password: str) -> str | None:
    if not current_password:
        return "Enter your current password"
    if not check_password(current_password, user.password):
        return "Your current password is not right. Check it and try again"
    return None


def _confirmed(user: User, now) -> list[str]:
    if user.email_verified_at is None:
        user.email_verified_at = now
        return ["email_verified_at"]
    return []


def email_confirm(*, link: EmailLink) -> User:
    """The person opened the link we sent to their new account's address."""
    if link.purpose != Purpose.CONFIRM_EMAIL:
        raise ValidationError(LINK_UNUSABLE)
    with transaction.atomic():
        link = _use(link, "Used the link to confirm their email address")
        user = link.user
        if user.email.lower() != link.email.lower():
            raise ValidationError(LINK_UNUSABLE)
        fields = _confirmed(user, timezone.now())
        if fields:
            user.save(update_fields=fields)
            _account_changed(user, "Confirmed their email address", "email_confirmed")
    return user


def email_confirm_with_password(*, link: EmailLink, password: str, password_again: str) -> User:
    """The person who opened the link did not set the account's password (it was made in
    another browser, perhaps by someone else with their address): confirming also replaces
    the password with one they choose, which ends every other session of the account
    (ADR 0009, addendum of 8 December 2026)."""
    if link.purpose != Purpose.CONFIRM_EMAIL:
        raise ValidationError(LINK_UNUSABLE)
    errors = new_password_problems(password, password_again, user=link.user)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        link = _use(link, "Used the link to confirm their email address")
        user = link.user
        if user.email.lower() != link.email.lower():
            raise ValidationError(LINK_UNUSABLE)
        user.set_password(password)
        user.save(update_fields=["password", *_confirmed(user, timezone.now())])
        _account_changed(
            user,
            "Confirmed their email address and chose a new password",
            "email_confirmed_new_password",
        )
    return user


def new_password_problems(password: str, again: str, *, user: User) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not password:
        errors["password"] = ["Enter a password"]
    else:
        problems = password_problems(password, user=user)
        if problems:
            errors["password"] = problems[:1]
    if password and not again:
        errors["password_again"] = ["Enter the password again"]
    elif password and again != password:
        errors["password_again"] = ["The passwords do not match. Enter the same password twice"]
    return errors


def password_reset(*, link: EmailLink, password: str, password_again: str) -> User:
    """A new password from an emailed link: it also shows the person owns the address.

    Changing the password signs the account out everywhere else (Django checks each
    session against the password)."""
    if link.purpose not in (Purpose.RESET_PASSWORD, Purpose.CLAIM_ACCOUNT):
        raise ValidationError(LINK_UNUSABLE)
    errors = new_password_problems(password, password_again, user=link.user)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        link = _use(link, "Used the link to set a password")
        user = link.user
        if user.email.lower() != link.email.lower():
            raise ValidationError(LINK_UNUSABLE)
        first = not user.has_usable_password()
        user.set_password(password)
        fields = ["password", *_confirmed(user, timezone.now())]
        user.save(update_fields=fields)
        _account_changed(
            user,
            "Set a password for their account with an emailed link"
            if first
            else "Reset their password with an emailed link",
            "password_reset",
            tell=emails.password_changed_email,
        )
    return user


def check_email(email: str, *, field: str) -> None:
    if not email:
        raise ValidationError({field: "Enter your email address"})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({field: INVALID_EMAIL}) from None


def password_change(*, user: User, current_password: str, password: str, password_again: str):
    """A signed-in person changes their password, knowing the one they have."""
    errors: dict[str, list[str]] = {}
    if problem := _current_password_error(user, current_password):
        errors["current_password"] = [problem]
    errors.update(new_password_problems(password, password_again, user=user))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        _account_changed(
            user, "Changed their password", "password_changed", tell=emails.password_changed_email
        )


def email_change_request(*, user: User, new_email: str, current_password: str) -> None:
    """Send a link to the new address; the account moves only when it is opened there.

    If another account has the address, its owner is told instead, and this person sees the
    same answer: these pages do not say who has an account."""
    new_email = (new_email or "").strip().lower()
    errors: dict[str, str] = {}
    try:
        check_email(new_email, field="email")
    except ValidationError as error:
        errors.update(error.message_dict)
    if not errors and new_email == user.email.lower():
        errors["email"] = "This is already your email address. Enter a different one"
    if problem := _current_password_error(user, current_password):
        errors["current_password"] = problem
    if errors:
        raise ValidationError(errors)
    owner = user_with_email(new_email)
    if owner is not None:
        subject, body = emails.address_in_use_email(new_email)
        email_later(to=new_email, subject=subject, body=body)
        return
    email_link_send(user=user, purpose=Purpose.CHANGE_EMAIL, email=new_email)


def email_change_confirm(*, link: EmailLink) -> User:
    if link.purpose != Purpose.CHANGE_EMAIL:
        raise ValidationError(LINK_UNUSABLE)
    with transaction.atomic():
        link = _use(link, "Used the link to confirm their new email address")
        user = link.user
        if user_with_email(link.email) is not None:
            raise ValidationError(
                "Another account now uses this email address, so yours has not been changed"
            )
        old = user.email
        user.email = link.email
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email", "email_verified_at"])
        _account_changed(
            user,
            "Changed their email address and confirmed the new one",
            "email_changed",
            tell=emails.email_changed_email,
            to=old,
        )
    return user
