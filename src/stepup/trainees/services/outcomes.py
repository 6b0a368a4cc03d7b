"""Where a trainee ends up: the award, registration with the regulator and a job. A pass,
merit or distinction completes the trainee's time on the programme."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.trainees import queries
from stepup.trainees.lifecycle import TRAINEE_LIFECYCLE
from stepup.trainees.models import Classification, Employment, Outcome, Trainee, TraineeStatus

PASSED = (Classification.PASS, Classification.MERIT, Classification.DISTINCTION)
FIELDS = (
    "award",
    "classification",
    "awarded_on",
    "registered_on",
    "registration_number",
    "employment",
    "employer",
    "asye_started_on",
    "in_post_6_months",
    "in_post_12_months",
    "in_post_24_months",
)


def _problems(values: dict, today: datetime.date) -> dict[str, str]:
    problems = {}
    classification = values.get("classification")
    if classification not in Classification.values:
        problems["classification"] = (
            "Select the outcome: pass, merit, distinction, fail or continuing"
        )
    if classification in PASSED and not values.get("award"):
        problems["award"] = "Select the award: the MA or the diploma"
    awarded, registered = values.get("awarded_on"), values.get("registered_on")
    for name in ("awarded_on", "registered_on", "asye_started_on"):
        if values.get(name) and values[name] > today:
            problems[name] = "The date cannot be in the future"
    if registered and classification not in PASSED:
        problems["registered_on"] = "Only a trainee who passed can register with the regulator"
    if registered and awarded and registered < awarded:
        problems["registered_on"] = "Registration comes after the award"
    if values.get("registration_number") and not registered:
        problems["registered_on"] = "Enter the date of registration with its number"
    if registered and not values.get("registration_number", "").strip():
        problems["registration_number"] = "Enter the registration number, like SW123456"
    employment = values.get("employment")
    if employment and employment not in Employment.values:
        problems["employment"] = "Select where they work"
    if (
        employment in (Employment.OTHER_AUTHORITY, Employment.ELSEWHERE)
        and not values.get("employer", "").strip()
    ):
        problems["employer"] = "Enter the employer"
    return problems


def _stored(name: str, value):
    """Text fields hold "" for nothing; dates and yes-or-no answers hold ``None``."""
    if value is None and isinstance(Outcome._meta.get_field(name), models.CharField):
        return ""
    return value


def outcome_record(*, actor, trainee: Trainee, **values) -> Outcome:
    """Record or update the trainee's outcome; an award that passes completes the trainee."""
    if not queries.may_record(actor, trainee):
        raise ValidationError("Only the partnership's coordinator or a tutor at its university")
    problems = _problems(values, timezone.localdate())
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        outcome = Outcome.objects.filter(trainee=trainee).first() or Outcome(trainee=trainee)
        created = outcome.pk is None
        for name in FIELDS:
            if name in values:
                setattr(outcome, name, _stored(name, values[name]))
        outcome.updated_by = actor
        outcome.updated_at = timezone.now()
        outcome.save()
        audit_record(
            actor=actor,
            record=outcome,
            action=AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED,
            summary=f"Outcome: {outcome.get_classification_display()}"
            + (f", registered {outcome.registration_number}" if outcome.registered_on else "")
            + (f", {outcome.get_employment_display().lower()}" if outcome.employment else ""),
            event="outcome.recorded",
        )
        if outcome.classification in PASSED and trainee.status == TraineeStatus.ENROLLED:
            TRAINEE_LIFECYCLE.move(
                record=trainee,
                target=TraineeStatus.COMPLETED,
                actor=None,
                caused_by=actor,
                summary="Completed the programme",
            )
    return outcome
