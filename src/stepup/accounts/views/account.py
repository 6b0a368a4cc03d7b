"""A person's own account: confirming their address, passwords, and a new address.

Links arrive by email, so a GET only shows a page and a button: opening a link (as a mail
scanner does) never uses it up."""

from django import forms
from django.contrib.auth import login, update_session_auth_hash
from django.shortcuts import redirect, render

from stepup.accounts import second_factor, services
from stepup.accounts.account_forms import (
    EmailChangeForm,
    ForgottenPasswordForm,
    NewPasswordForm,
    PasswordChangeForm,
)
from stepup.accounts.models import EmailLink
from stepup.core.access import PUBLIC, SIGNED_IN, access
from stepup.core.form_flow import posted, service_accepted

# The session key that carries the address a "check your email" page names.
CHECK_EMAIL = "check_email"
_PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


# The session key that remembers the account this browser made, and so the password it set.
ACCOUNT_MADE = "account_made"


def remember_account_made(request, user) -> None:
    """The browser that made an account chose its password: it may confirm the address
    without choosing another (ADR 0009, addendum of 8 December 2026)."""
    if user is not None:
        request.session[ACCOUNT_MADE] = user.pk


def _set_the_password(request, user) -> bool:
    """Whether whoever opened a link set (or knows) the account's password: signed in to
    it, or in the browser that made it."""
    if request.user.is_authenticated and request.user.pk == user.pk:
        return True
    return request.session.get(ACCOUNT_MADE) == user.pk


def check_email_redirect(request, email: str, *, why: str):
    request.session[CHECK_EMAIL] = {"email": email, "why": why}
    return redirect("accounts:check-email")


@access(PUBLIC)
def check_email(request):
    sent = request.session.get(CHECK_EMAIL) or {"email": "your email address", "why": ""}
    return render(request, "accounts/check_email.html", {"sent": sent})


@access(SIGNED_IN)
def account(request):
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "person": user,
            "recovery_codes_left": second_factor.recovery_codes_left(user)
            if second_factor.second_factor_needed(user)
            else None,
        },
    )


@access(SIGNED_IN)
def password_change(request):
    form = PasswordChangeForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.password_change(user=request.user, **form.cleaned_data),
        success="Your password has been changed",
    ):
        # Other sessions end with the old password; this one carries on.
        update_session_auth_hash(request, request.user)
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})


@access(SIGNED_IN)
def email_change(request):
    form = EmailChangeForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.email_change_request(
            user=request.user,
            new_email=form.cleaned_data["email"],
            current_password=form.cleaned_data["current_password"],
        ),
    ):
        return check_email_redirect(
            request, form.cleaned_data["email"].strip().lower(), why="change_email"
        )
    return render(request, "accounts/email_change.html", {"form": form})


@access(SIGNED_IN)
def email_confirm_needed(request):
    """Where a person who has not confirmed their address is sent, whatever they open."""
    if request.user.is_email_verified:
        return redirect("core:home")
    if request.method == "POST":
        services.email_link_send(user=request.user, purpose=EmailLink.Purpose.CONFIRM_EMAIL)
        return check_email_redirect(request, request.user.email, why="confirm")
    return render(request, "accounts/email_confirm_needed.html", {"person": request.user})


@access(PUBLIC)
def password_forgotten(request):
    form = ForgottenPasswordForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.password_reset_request(email=form.cleaned_data["email"]),
    ):
        return check_email_redirect(
            request, form.cleaned_data["email"].strip().lower(), why="reset"
        )
    return render(request, "accounts/password_forgotten.html", {"form": form})


@access(PUBLIC)
def email_link(request, token: str):
    """Every emailed link opens here; what it does depends on what it was sent for."""
    link = services.email_link_find(token=token)
    if link is None:
        return render(request, "accounts/link_unusable.html", status=410)
    purpose = EmailLink.Purpose
    if link.purpose in (purpose.RESET_PASSWORD, purpose.CLAIM_ACCOUNT):
        return _new_password(request, link)
    if link.purpose == purpose.CONFIRM_EMAIL and not _set_the_password(request, link.user):
        return _confirm_with_new_password(request, link)
    form = forms.Form(*posted(request))
    if link.purpose == purpose.CONFIRM_EMAIL:
        change = services.email_confirm
        success = "Your email address is confirmed"
    else:
        change = services.email_change_confirm
        success = "Your email address has been changed"
    if service_accepted(request, form, lambda: change(link=link), success=success):
        return _after_confirming(request, link)
    return render(request, "accounts/link_confirm.html", {"link": link, "form": form})


def _after_confirming(request, link: EmailLink):
    user = link.user
    if link.purpose == EmailLink.Purpose.CONFIRM_EMAIL and not user.is_staff_member:
        # The link proves the candidate owns the address they have just signed up with.
        if request.user.is_authenticated and request.user.pk != user.pk:
            return redirect("accounts:sign-in")
        login(request, user, backend=_PASSWORD_BACKEND)
        return redirect(link.next_path or "core:home")
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect("accounts:account")
    return redirect("accounts:sign-in")


def _confirm_with_new_password(request, link: EmailLink):
    """Whoever opens the link owns the address, but may not have chosen the password: they
    choose one now, and the one the account was made with no longer works."""
    form = NewPasswordForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.email_confirm_with_password(link=link, **form.cleaned_data),
        success="Your email address is confirmed and your new password is set",
    ):
        link.user.refresh_from_db()  # its new password, for the session signed in next
        return _after_confirming(request, link)
    return render(request, "accounts/password_reset.html", {"form": form, "link": link})


def _new_password(request, link: EmailLink):
    form = NewPasswordForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.password_reset(link=link, **form.cleaned_data),
        success="Your password has been set. Sign in with it",
    ):
        return redirect("accounts:sign-in")
    return render(request, "accounts/password_reset.html", {"form": form, "link": link})
