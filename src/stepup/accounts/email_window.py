"""One email an address a window, for the emails anyone can ask the service to send without
signing in (ADR 0009, addendum of 8 December 2026): asking again within the window sends
nothing. A link from such an email being used shows the address's owner is there and asked,
so it opens the window again.

The table (``RequestedEmail``) holds SHA-256 digests, not addresses, and keeps a row only
while its window lasts (or until the next request, whichever is later)."""

import hashlib
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from stepup.accounts.models import RequestedEmail

WINDOW = timedelta(minutes=15)


def _key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def email_window_take(*, email: str) -> bool:
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


def email_window_open(*, email: str) -> None:
    """A link sent to the address has been used: its owner may ask for another at once."""
    RequestedEmail.objects.filter(key=_key(email)).delete()
