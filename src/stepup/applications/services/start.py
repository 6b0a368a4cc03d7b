"""Starting an application: one a person a cohort, with a reference nobody can guess."""

import re
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from stepup.accounts.models import User
from stepup.applications.models import (
    Application,
)
from stepup.applications.services.common import REFERENCE_ALPHABET
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.programme.models import Cohort, CohortStatus

# Starting an application


def _new_reference(cohort: Cohort) -> str:
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"SU{cohort.number}-{code}"
        if not Application.objects.filter(reference=reference).exists():
            return reference


def _reference_shape(cohort: Cohort) -> re.Pattern:
    return re.compile(f"SU{cohort.number}-[{REFERENCE_ALPHABET}]{{8}}")


def already_applied_message(cohort: Cohort) -> str:
    return f"You have already applied for the programme starting in {cohort.starts_in}"


def application_start(
    *, candidate: User, cohort: Cohort, reference: str | None = None
) -> Application:
    """A blank application; one per person per cohort, while the cohort is recruiting.

    ``reference`` is for loaders that must make the same references every time (the
    demonstration round); it must have the service's shape and be unused."""
    if reference is not None and not _reference_shape(cohort).fullmatch(reference):
        raise ValueError(f"{reference!r} is not a reference for cohort {cohort.number}")
    if candidate.role_set:
        raise ValidationError("Staff accounts cannot apply. Create an account of your own")
    if cohort.status != CohortStatus.RECRUITING:
        raise ValidationError(f"Cohort {cohort.number} is not taking applications")
    if Application.objects.filter(cohort=cohort, candidate=candidate).exists():
        raise ValidationError(already_applied_message(cohort))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                cohort=cohort,
                candidate=candidate,
                reference=reference or _new_reference(cohort),
                full_name=candidate.full_name,
            )
            audit_record(
                actor=candidate,
                record=application,
                action=AuditEntry.Action.CREATED,
                summary=f"Started an application to cohort {cohort.number}",
            )
    except IntegrityError:
        raise ValidationError(already_applied_message(cohort)) from None
    return application


def new_reference(cohort: Cohort) -> str:
    """A new, unused application reference for the cohort."""
    return _new_reference(cohort)
