"""Emails anyone may ask the service to send to an address: the link that confirms a new
account (or, if the address has one, a note to its owner) and the link to reset a password.

The request does the same work whatever the address (ADR 0009, addendum of 8 December
2026): it checks the answers, hashes any password, and queues one task; the task, in the
background, looks the address up and decides what to send. So neither the answer nor how
long it takes says whether an address has an account. And an address gets at most one such
email a window (``WINDOW``): asking again within it gets the same page, and nothing is sent.
"""

import hashlib
from datetime import timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from stepup.accounts.emails import account_exists_email
from stepup.accounts.models import RequestedEmail
from stepup.accounts.queries import user_with_email
from stepup.accounts.services.email_links import Purpose, check_email, email_link_send
from stepup.core.tasks import NEVER_DELIVERED, email_later

WINDOW = timedelta(minutes=15)

CREATE = "create"
RESET = "reset"


def _key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def requested_email_window_take(*, email: str) -> bool:
    """True, and the window starts now, if nothing was sent to the address within the last
    ``WINDOW``; else False. Safe when requests race: one of them wins."""
    now = timezone.now()
    key = _key(email)
    # Nothing is kept longer than it is needed: rows whose window has passed go.
    RequestedEmail.objects.filter(sent_at__lte=now - WINDOW).exclude(key=key).delete()
    if RequestedEmail.objects.filter(key=key, sent_at__lte=now - WINDOW).update(sent_at=now):
        return True
    try:
        with transaction.atomic():
            RequestedEmail.objects.create(key=key, sent_at=now)
    except IntegrityError:
        return False
    return True


@task
def requested_email_send(*, kind: str, email: str, created: bool = False, next_path: str = ""):
    """The background half of a request: what to send, if anything, and only one email an
    address a window."""
    user = user_with_email(email)
    if user is None or not user.is_active:
        return
    if kind == CREATE and created and user.email_verified_at is not None:
        return  # confirmed already (the demonstration confirms at once)
    if not requested_email_window_take(email=email):
        return
    if kind == CREATE and created:
        email_link_send(user=user, purpose=Purpose.CONFIRM_EMAIL, next_path=next_path)
    elif kind == CREATE:
        subject, body = account_exists_email(email)
        email_later(to=email, subject=subject, body=body)
    else:
        purpose = Purpose.RESET_PASSWORD if user.has_usable_password() else Purpose.CLAIM_ACCOUNT
        email_link_send(user=user, purpose=purpose)


def requested_email_later(*, kind: str, email: str, created: bool = False, next_path: str = ""):
    """Queue the task once the surrounding transaction commits."""
    if email.lower().endswith(NEVER_DELIVERED):
        return
    transaction.on_commit(
        partial(
            requested_email_send.enqueue,
            kind=kind,
            email=email,
            created=created,
            next_path=next_path,
        )
    )


def password_reset_request(*, email: str) -> None:
    """Send a link if an active account has this address; say nothing either way."""
    email = (email or "").strip().lower()
    check_email(email, field="email")
    requested_email_later(kind=RESET, email=email)
