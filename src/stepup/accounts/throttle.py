"""Slowing down sign-in guessing without locking anyone out.

Each failure counts against three keys: the account, the client's address, and the two
together. Once a key has had its allowance of failures in the last hour, each further try
must wait, twice as long as the last, up to a cap (``settings.SIGN_IN_THROTTLE``). A lock
would let an attacker keep someone out by failing now and then; a delay only slows guessing.
And someone signing in from a browser that has signed in to the account before (a signed
cookie says so) is not held back by failures from elsewhere: only by their own.

The client's address is read through ``PROXY_COUNT`` trusted proxies, so that behind the
documented proxy every visitor does not share the proxy's address, and nobody can choose
their own by sending an X-Forwarded-For header.
"""

import hashlib
import ipaddress
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.utils import timezone

from stepup.accounts.models import SignInFailure

KNOWN_BROWSER_COOKIE = "stepup_known"
_KNOWN_SALT = "stepup.accounts.throttle.known-browser"
KNOWN_BROWSER_DAYS = 90


def client_address(request) -> str:
    """Each trusted proxy appends the address it was reached from to X-Forwarded-For, so
    the client's is the ``PROXY_COUNT``-th from the right; anything to its left was sent by
    the client and is not believed. With no proxies, the connection's own address."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _digest(value: str) -> str:
    """Keys hold digests, so the table lists no addresses or email addresses."""
    return hashlib.sha256(value.encode()).hexdigest()[:40]


def _keys(email: str, address: str, *, known: bool) -> dict[str, str]:
    email = (email or "").strip().lower()
    keys = {
        "pair": "pair:" + _digest(f"{email}|{address}"),
        "address": "address:" + _digest(address),
    }
    if not known:
        keys["account"] = "account:" + _digest(email)
    return keys


def _wait(failures: list, allowed: int, now) -> int:
    """Seconds to wait before the next try, given the key's recent failures (newest first)."""
    over = len(failures) - allowed + 1
    if over <= 0:
        return 0
    rules = settings.SIGN_IN_THROTTLE
    delay = min(rules["first_wait_seconds"] * 2 ** (over - 1), rules["longest_wait_seconds"])
    ready = failures[0] + timedelta(seconds=delay)
    return max(0, int((ready - now).total_seconds() + 0.999))


def is_known_browser(request, email: str) -> bool:
    try:
        value = signing.get_cookie_signer(salt=_KNOWN_SALT).unsign(
            request.COOKIES.get(KNOWN_BROWSER_COOKIE, ""),
            max_age=timedelta(days=KNOWN_BROWSER_DAYS),
        )
    except signing.BadSignature:
        return False
    return value == _digest((email or "").strip().lower())


def remember_browser(response, email: str) -> None:
    value = signing.get_cookie_signer(salt=_KNOWN_SALT).sign(_digest(email.strip().lower()))
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        value,
        max_age=KNOWN_BROWSER_DAYS * 24 * 60 * 60,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def sign_in_wait(*, email: str, address: str, known: bool) -> int:
    """How many seconds this try must wait; 0 when it may go ahead."""
    now = timezone.now()
    rules = settings.SIGN_IN_THROTTLE
    since = now - timedelta(seconds=rules["window_seconds"])
    waits = [0]
    for kind, key in _keys(email, address, known=known).items():
        failures = list(
            SignInFailure.objects.filter(key=key, at__gt=since)
            .order_by("-at")
            .values_list("at", flat=True)[: rules[kind] + 16]
        )
        waits.append(_wait(failures, rules[kind], now))
    return max(waits)


def sign_in_failed(*, email: str, address: str) -> None:
    now = timezone.now()
    SignInFailure.objects.bulk_create(
        SignInFailure(key=key, at=now) for key in _keys(email, address, known=False).values()
    )


def sign_in_succeeded(*, email: str, address: str) -> None:
    """The person got in: their account's and this pair's failures no longer count."""
    keys = _keys(email, address, known=False)
    SignInFailure.objects.filter(key__in=[keys["pair"], keys["account"]]).delete()


def failures_prune(*, older_than: timedelta = timedelta(days=1)) -> int:
    """Remove failures nobody counts any more; returns how many went."""
    deleted, _ = SignInFailure.objects.filter(at__lt=timezone.now() - older_than).delete()
    return deleted
