"""What every change to an application shares: the rules on who may change it, and messages."""

from django.core.exceptions import ValidationError

from stepup.accounts.models import User
from stepup.applications.models import (
    GCSE_EQUIVALENT,
    GCSE_LETTER_GRADES,
    GCSE_NUMBER_GRADES,
    Application,
    ApplicationStatus,
)

GCSE_GRADES = frozenset(GCSE_LETTER_GRADES) | frozenset(GCSE_NUMBER_GRADES) | {GCSE_EQUIVALENT}
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0 or 1 to misread
ALLOWED_UPLOADS = {"application/pdf": "PDF", "image/jpeg": "JPG", "image/png": "PNG"}
NOT_ALLOWED_TYPE = "The selected file must be a PDF, JPG or PNG"
NOT_CHANGEABLE = "Your application has been submitted, so it can no longer be changed"


def _raise(errors: dict) -> None:
    errors = {key: messages for key, messages in errors.items() if messages}
    if errors:
        raise ValidationError(errors)


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str) else ("" if value is None else value)


def _require_own_draft(candidate: User, application: Application) -> None:
    """Only the candidate changes their application, and only before it is submitted."""
    if application.candidate_id != candidate.pk:
        raise ValidationError("This is not your application")
    if application.status != ApplicationStatus.DRAFT:
        raise ValidationError(NOT_CHANGEABLE)


def _lock_own_draft(candidate: User, application: Application) -> Application:
    """The application read afresh and locked for the rest of the transaction, then checked:
    a change and the submission cannot interleave, so nothing lands after submitting."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    _require_own_draft(candidate, locked)
    return locked
