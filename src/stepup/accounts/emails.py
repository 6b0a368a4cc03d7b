"""The words of the emails this app sends. Plain text: Notify and mail clients link the URL."""

from django.conf import settings
from django.urls import reverse

from stepup.accounts.models import Invitation
from stepup.accounts.roles import with_article
from stepup.core.formatting import govuk_datetime


def invitation_link(invitation: Invitation) -> str:
    """Only while the invitation is new: the secret is not stored, only its digest."""
    path = reverse("accounts:invitation-accept", args=[invitation.token])
    return settings.SERVICE_URL.rstrip("/") + path


def invitation_email(invitation: Invitation) -> tuple[str, str]:
    """The subject and body of an invitation."""
    inviter = invitation.invited_by.full_name or "The national programme team"
    role = invitation.get_role_display().lower()
    subject = "You have been invited to use Step Up to Social Work"
    body = (
        f"Dear {invitation.full_name},\n\n"
        f"{inviter} has invited you to use the Step Up to Social Work service as "
        f"{with_article(role)} for {invitation.organisation.name}.\n\n"
        f"To accept, open this link:\n\n{invitation_link(invitation)}\n\n"
        f"The link works once and expires on {govuk_datetime(invitation.expires_at)}. "
        f"If it has expired, ask {inviter} to send you a new one.\n\n"
        "If you were not expecting this email, you can ignore it."
    )
    return subject, body
