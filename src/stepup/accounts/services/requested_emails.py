"""Emails anyone may ask the service to send to an address: the link that confirms a new
account (or, if the address has one, a note to its owner) and the link to reset a password.

The request does the same work whatever the address (ADR 0009, addendum of 8 December
2026): it checks the answers, hashes any password, and queues one task; the task, in the
background, looks the address up and decides what to send. So neither the answer nor how
long it takes says whether an address has an account. And an address gets at most one such
email a window (``email_window``): asking again within it gets the same page, and nothing is
sent.
"""

from functools import partial

from django.db import transaction
from django.tasks import task

from stepup.accounts.email_window import email_window_take
from stepup.accounts.emails import account_exists_email
from stepup.accounts.queries import user_with_email
from stepup.accounts.services.email_links import Purpose, check_email, email_link_send
from stepup.core.tasks import NEVER_DELIVERED, email_later

CREATE = "create"
RESET = "reset"


@task
def requested_email_send(*, kind: str, email: str, created: bool = False, next_path: str = ""):
    """The background half of a request: what to send, if anything, and only one email an
    address a window."""
    user = user_with_email(email)
    if user is None or not user.is_active:
        return
    if kind == CREATE and created and user.email_verified_at is not None:
        return  # confirmed already (the demonstration confirms at once)
    if not email_window_take(email=email):
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
