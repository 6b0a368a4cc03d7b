"""Signing in and out: a password, then, for staff, a code from their authenticator app or a
recovery code (see ``second_factor``). Guessing is slowed down by ``throttle``.

Between the two steps the session holds only who has given the right password, for ten
minutes: nobody is signed in until both steps are done.
"""

import time

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from stepup.accounts import second_factor, throttle
from stepup.accounts.forms import SignInForm
from stepup.accounts.models import User
from stepup.core.access import PUBLIC, SIGNED_IN, access
from stepup.core.form_flow import posted

PENDING = "sign_in_pending"
PENDING_SECONDS = 10 * 60
RECOVERY_CODES_SHOWN = "recovery_codes_shown"
_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _wait_message(seconds: int) -> str:
    minutes = (seconds + 59) // 60
    if seconds < 60:
        wait = f"{seconds} second{'s' if seconds != 1 else ''}"
    else:
        wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return (
        f"You have tried to sign in too many times. Wait {wait}, then try again. If you have "
        "forgotten your password, you can reset it"
    )


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return ""
    return next_url


@access(PUBLIC)
def sign_in(request):
    next_url = _safe_next(request)
    form = SignInForm(*posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        address = throttle.client_address(request)
        wait = throttle.sign_in_wait(
            email=email, address=address, known=throttle.is_known_browser(request, email)
        )
        user = None
        if wait:
            form.add_error(None, _wait_message(wait))
            status = 429
        else:
            user = authenticate(request, email=email, password=form.cleaned_data["password"])
            if user is None or not user.is_active:
                throttle.sign_in_failed(email=email, address=address)
                form.add_error(None, "Enter a correct email address and password")
                user = None
        if user is not None:
            throttle.sign_in_succeeded(email=email, address=address)
            response = password_given(request, user, next_url)
            throttle.remember_browser(response, email)
            return response
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url}, status=status)


def password_given(request, user: User, next_url: str = ""):
    """After the right password: a candidate is signed in; staff go on to their code (or to
    set up an app, the first time)."""
    if not second_factor.second_factor_needed(user):
        login(request, user, backend=_BACKEND)
        return redirect(next_url or "core:home")
    request.session[PENDING] = {"user": user.pk, "next": next_url, "at": time.time()}
    target = "code" if second_factor.app_device(user) else "set-up"
    return redirect(f"accounts:sign-in-{target}")


def _pending(request) -> tuple[User | None, str]:
    """Who has given the right password in this session, and where they were going."""
    pending = request.session.get(PENDING) or {}
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, ""
    user = User.objects.filter(pk=pending.get("user"), is_active=True).first()
    return user, pending.get("next", "")


def _signed_in(request, user: User, device, next_url: str):
    user.otp_device = device  # django-otp keeps it in the session at login
    request.session.pop(PENDING, None)
    login(request, user, backend=_BACKEND)
    return redirect(next_url or "core:home")


def _wrong_code(wait: int, *, setting_up: bool = False) -> str:
    if wait:
        return (
            f"You have entered wrong codes too quickly. Wait {wait} "
            f"second{'s' if wait != 1 else ''}, then enter the code your app shows then"
        )
    if setting_up:
        return (
            "The code is not right. Check you added the key to your app, then enter the code "
            "it shows now"
        )
    return "The code is not right. Check your authenticator app and enter the code it shows now"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code the app shows for Step Up to Social Work",
        max_length=20,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label="Recovery code",
        help_text="One of the 10-character codes you saved when you set up your app",
        max_length=40,
        error_messages={"required": "Enter one of your recovery codes"},
    )


def _start_again(request):
    messages.info(request, "Sign in again: it took more than 10 minutes")
    return redirect("accounts:sign-in")


@access(PUBLIC)
def sign_in_code(request):
    user, next_url = _pending(request)
    if user is None:
        return _start_again(request)
    if second_factor.app_device(user) is None:
        return redirect("accounts:sign-in-set-up")
    form = CodeForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        wait = second_factor.app_code_wait(user)
        device = (
            None
            if wait
            else second_factor.app_code_check(user=user, code=form.cleaned_data["code"])
        )
        if device is not None:
            return _signed_in(request, user, device, next_url)
        form.add_error("code", _wrong_code(wait))
    return render(request, "accounts/sign_in_code.html", {"form": form})


@access(PUBLIC)
def sign_in_recovery(request):
    user, next_url = _pending(request)
    if user is None:
        return _start_again(request)
    form = RecoveryCodeForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        device = second_factor.recovery_code_check(user=user, code=form.cleaned_data["code"])
        if device is not None:
            left = second_factor.recovery_codes_left(user)
            messages.warning(
                request,
                f"You have {left} recovery code{'s' if left != 1 else ''} left. You can get new "
                "ones from your account page",
            )
            return _signed_in(request, user, device, next_url)
        form.add_error(
            "code", "The recovery code is not right, or it has been used. Check it and try again"
        )
    return render(request, "accounts/sign_in_recovery.html", {"form": form})


@access(PUBLIC)
def sign_in_set_up(request):
    """A member of staff with no app yet: show a new secret, and confirm it with a code."""
    user, next_url = _pending(request)
    if user is None:
        return _start_again(request)
    if second_factor.app_device(user) is not None:
        return redirect("accounts:sign-in-code")
    device = second_factor.app_set_up_start(user=user)
    form = CodeForm(*posted(request))
    if request.method == "POST" and form.is_valid():
        wait = second_factor.app_code_wait(user, device)
        codes = (
            None
            if wait
            else second_factor.app_set_up_confirm(
                user=user, device=device, code=form.cleaned_data["code"]
            )
        )
        if codes is not None:
            _signed_in(request, user, device, next_url)
            request.session[RECOVERY_CODES_SHOWN] = {"codes": codes, "next": next_url}
            return redirect("accounts:recovery-codes")
        form.add_error("code", _wrong_code(wait, setting_up=True))
    return render(
        request,
        "accounts/sign_in_set_up.html",
        {
            "form": form,
            "secret": second_factor.app_secret_text(device),
            "qr_svg": second_factor.app_qr_svg(device),
        },
    )


@access(SIGNED_IN)
def recovery_codes(request):
    """Shown once, straight after they are made."""
    shown = request.session.pop(RECOVERY_CODES_SHOWN, None)
    if not shown:
        return redirect("core:home")
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": shown["codes"], "next": shown.get("next") or ""},
    )


@access(PUBLIC)
def sign_out(request):
    """A GET asks to confirm, so that no link on another site can sign anyone out."""
    if request.method == "POST":
        logout(request)
        return redirect("core:home")
    return render(request, "accounts/sign_out.html")
