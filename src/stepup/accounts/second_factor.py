"""Staff prove who they are twice: a password, then a code from an authenticator app (TOTP)
or one of their one-time recovery codes. Candidates sign in with a password alone.

The codes come from django-otp; this module says who needs them, sets them up, checks them,
and keeps any staff session that has not given one out of the service.
"""

import base64
import io
import secrets

import segno
from django.contrib.auth import logout
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from stepup.accounts.models import User
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry

RECOVERY_CODES = 10
APP_DEVICE = "Authenticator app"
RECOVERY_DEVICE = "Recovery codes"


def second_factor_needed(user) -> bool:
    """Everyone who holds a role, and support staff."""
    return bool(getattr(user, "is_staff_member", False))


def app_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def app_set_up_start(*, user: User) -> TOTPDevice:
    """A new secret for the person's app, not yet confirmed by a code from it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def _clean(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def app_set_up_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """With a right code from the app: the app is confirmed and the person gets new recovery
    codes (returned, to show once). ``None`` when the code is not right."""
    code = _clean(code)
    with transaction.atomic():
        # Locked, as in ``app_code_check``: two sessions confirming at once take turns.
        locked = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user).first()
        if locked is None or not code.isdigit() or not locked.verify_token(code):
            return None
        TOTPDevice.objects.filter(user=user).exclude(pk=locked.pk).delete()
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        codes = _recovery_codes_replace(user)
        audit_record(
            actor=user,
            record=user,
            action=AuditEntry.Action.CHANGED,
            summary="Set up an authenticator app and recovery codes to sign in with",
            event="account.second_factor_set_up",
        )
    device.refresh_from_db()
    return codes


def _recovery_codes_replace(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_replace(*, user: User) -> list[str]:
    """New codes, the old ones no longer working."""
    with transaction.atomic():
        codes = _recovery_codes_replace(user)
        audit_record(
            actor=user,
            record=user,
            action=AuditEntry.Action.CHANGED,
            summary="Replaced their recovery codes",
            event="account.recovery_codes_replaced",
        )
    return codes


def app_code_wait(user: User, device: TOTPDevice | None = None) -> int:
    """Seconds before another code may be tried: each wrong code doubles the wait."""
    device = device or app_device(user)
    if device is None:
        return 0
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))


def second_factor_reset(*, actor: User, person: User, reason: str) -> None:
    """A national admin clears a person's app and recovery codes (they lost both): at their
    next sign-in they set up an app again. Nobody resets their own."""
    from django.core.exceptions import PermissionDenied, ValidationError

    from stepup.accounts.roles import Role

    if not actor.has_role(Role.NATIONAL_ADMIN):
        raise PermissionDenied("Only national admins can reset a person's sign-in app.")
    if actor.pk == person.pk:
        raise ValidationError("You cannot reset your own sign-in app. Ask another national admin")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Enter why you are resetting this person's sign-in app"})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=person).delete()
        StaticDevice.objects.filter(user=person).delete()
        audit_record(
            actor=actor,
            record=person,
            action=AuditEntry.Action.CHANGED,
            summary="Reset their sign-in app and recovery codes",
            reason=reason,
            event="account.second_factor_reset",
        )


def app_code_check(*, user: User, code: str) -> TOTPDevice | None:
    """The app that made this code; each code works once, and wrong codes slow the next
    try (django-otp's throttling).

    The code is checked with the app's row locked (ADR 0011, addendum of 8 December 2026):
    sessions posting at the same moment take turns, so a code signs in one of them only
    (django-otp's ``last_t``), and every wrong code checked is counted before the next is
    looked at."""
    code = _clean(code)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).first()
        if device is None or not code.isdigit() or not device.verify_token(code):
            return None
    return device


def recovery_code_check(*, user: User, code: str) -> StaticDevice | None:
    """A recovery code works once: it is used up here."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not device.verify_token(_clean(code)):
        return None
    left = device.token_set.count()
    audit_record(
        actor=user,
        record=user,
        action=AuditEntry.Action.CHANGED,
        summary=f"Signed in with a recovery code ({left} left)",
        event="account.recovery_code_used",
    )
    return device


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def app_secret_text(device: TOTPDevice) -> str:
    """The secret as a person types it into an app: base 32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def app_qr_svg(device: TOTPDevice) -> str:
    """The otpauth link as an SVG QR code, for the page to draw inline."""
    out = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        out, kind="svg", xmldecl=False, svgns=True, scale=5, border=2, title="QR code"
    )
    return out.getvalue().decode()


def app_enrol_with_key(*, user: User, key_hex: str) -> None:
    """An app with a secret chosen here rather than shown to the person: for the
    demonstration's people (their secrets are printed in its sign-in table) and tests."""
    TOTPDevice.objects.update_or_create(
        user=user, name=APP_DEVICE, defaults={"key": key_hex, "confirmed": True}
    )


class SecondFactorMiddleware:
    """A member of staff signed in without a code (a session from before codes were needed,
    or any other way in) is signed out and sent to sign in again: nothing of the service is
    reachable with a password alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and second_factor_needed(user)
            and not user.is_verified()
            and not request.path.startswith("/static/")
        ):
            logout(request)
            sign_in = reverse("accounts:sign-in")
            return redirect(f"{sign_in}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
