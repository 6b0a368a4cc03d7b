"""Someone signed in to an account whose address nobody has confirmed can do nothing that
matters: whatever page they open, they are asked to confirm it first."""

from django.shortcuts import redirect
from django.urls import reverse

# Pages that stay open: confirming, leaving, and the service's own files.
_OPEN_PREFIXES = ("/static/", "/email-links/", "/check-your-email/")


class EmailConfirmationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.email_verified_at is None
            and not user.is_staff_member
            and not self._open(request.path)
        ):
            return redirect("accounts:email-confirm-needed")
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        return path.startswith(_OPEN_PREFIXES) or path in (
            reverse("accounts:email-confirm-needed"),
            reverse("accounts:sign-out"),
        )
