"""Signing in and out."""

from django.contrib.auth import login, logout
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from stepup.accounts.forms import SignInForm
from stepup.core.access import PUBLIC, access
from stepup.core.form_flow import posted


@access(PUBLIC)
def sign_in(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    form = SignInForm(*posted(request), request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        return redirect(next_url or "core:home")
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@access(PUBLIC)
def sign_out(request):
    """A GET asks to confirm, so that no link on another site can sign anyone out."""
    if request.method == "POST":
        logout(request)
        return redirect("core:home")
    return render(request, "accounts/sign_out.html")


def locked_out(request, credentials, *args, **kwargs):
    """Shown by django-axes when too many sign-in attempts have failed."""
    return render(request, "accounts/locked_out.html", status=429)
