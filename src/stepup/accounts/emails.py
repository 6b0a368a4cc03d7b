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


def _link(token: str) -> str:
    return settings.SERVICE_URL.rstrip("/") + reverse("accounts:email-link", args=[token])


def _forgotten_url() -> str:
    return settings.SERVICE_URL.rstrip("/") + reverse("accounts:password-forgotten")


_NOT_YOU = "If you did not ask for this, you can ignore this email: nothing will change."


def link_email(link, token: str) -> tuple[str, str]:
    """The subject and body of an emailed link, by what it is for."""
    expires = govuk_datetime(link.expires_at)
    name = link.user.full_name or "there"
    url = _link(token)
    purpose = link.Purpose
    if link.purpose == purpose.CONFIRM_EMAIL:
        return "Confirm your email address for Step Up to Social Work", (
            f"Dear {name},\n\nTo confirm your email address and finish creating your account, "
            f"open this link:\n\n{url}\n\nThe link works once and expires on {expires}.\n\n"
            + _NOT_YOU
        )
    if link.purpose == purpose.RESET_PASSWORD:
        return "Reset your Step Up to Social Work password", (
            f"Dear {name},\n\nTo choose a new password, open this link:\n\n{url}\n\n"
            f"The link works once and expires on {expires}.\n\n" + _NOT_YOU
        )
    if link.purpose == purpose.CLAIM_ACCOUNT:
        return "Set a password to see your Step Up to Social Work application", (
            f"Dear {name},\n\nAn application to Step Up to Social Work has been added to an "
            "account for this email address. To see it, set a password by opening this "
            f"link:\n\n{url}\n\nThe link works once and expires on {expires}. If it has "
            f"expired, ask for a new one at {_forgotten_url()}\n\n"
            "If you did not apply to Step Up to Social Work, you can ignore this email."
        )
    return "Confirm your new email address for Step Up to Social Work", (
        f"Dear {name},\n\nTo use this email address for your Step Up to Social Work account, "
        f"open this link:\n\n{url}\n\nThe link works once and expires on {expires}. Until "
        "then, your account keeps its old address.\n\n" + _NOT_YOU
    )


def account_exists_email(email: str) -> tuple[str, str]:
    """Sent instead of a second account, so the page need not say one exists."""
    return "You already have a Step Up to Social Work account", (
        "Someone, perhaps you, tried to create a Step Up to Social Work account with this "
        "email address. There is already an account for it.\n\n"
        "If it was you, sign in with your password. If you have forgotten it, you can set a "
        f"new one here:\n\n{_forgotten_url()}\n\n"
        "If it was not you, you can ignore this email: nothing has changed."
    )


def address_in_use_email(email: str) -> tuple[str, str]:
    return "Someone tried to use your email address on Step Up to Social Work", (
        "Someone tried to move another Step Up to Social Work account to this email address. "
        "It already belongs to your account, so nothing has changed and you do not need to do "
        "anything."
    )


def password_changed_email(user) -> tuple[str, str]:
    return "Your Step Up to Social Work password has been changed", (
        f"Dear {user.full_name or 'there'},\n\nThe password for your Step Up to Social Work "
        "account has just been changed, and the account has been signed out everywhere "
        "else.\n\nIf this was not you, set a new password straight away:\n\n"
        f"{_forgotten_url()}\n\nand tell the national programme team."
    )


def email_changed_email(user) -> tuple[str, str]:
    """Sent to the old address, so a takeover cannot happen unseen."""
    return "The email address for your Step Up to Social Work account has changed", (
        f"Dear {user.full_name or 'there'},\n\nYour Step Up to Social Work account now uses a "
        "different email address, and this address will no longer receive its emails.\n\n"
        "If you did not make this change, contact the national programme team straight away."
    )


def roles_changed_email(person, change: str) -> tuple[str, str]:
    """Told to the person whenever their roles change, so a role nobody asked them about is
    noticed by the one person sure to notice it."""
    name = person.full_name or "there"
    return "Your roles on Step Up to Social Work have changed", (
        f"Dear {name},\n\n{change}.\n\nYou can see your roles on your account page:\n\n"
        f"{settings.SERVICE_URL.rstrip('/')}{reverse('accounts:account')}\n\n"
        "If you did not expect this change, tell the national programme team."
    )
