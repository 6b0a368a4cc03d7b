"""The time and expenses of the service users and young people who assess: they record
them after the day, the partnership pays them back and records that it has."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.assessment.models import CentreAssessor, CentreStatus, TimeAndExpenses
from stepup.assessment.queries import may_run
from stepup.assessment.services.assessors import LIVED_EXPERIENCE, NOT_YOURS
from stepup.core.audit import audit_record
from stepup.core.formatting import pounds
from stepup.core.models import AuditEntry

LONGEST_DAY_MINUTES = 16 * 60
MOST_PENCE = 100_000  # £1,000 on one line for one day: anything more is a typing slip


def time_and_expenses_record(
    *,
    actor,
    assessor: CentreAssessor,
    minutes: int,
    travel_pence: int = 0,
    other_pence: int = 0,
    other_detail: str = "",
) -> TimeAndExpenses:
    """Record (or correct, until it is paid) the assessor's own time and costs for a day
    that has happened."""
    centre = assessor.centre
    if actor is None or actor.pk != assessor.person_id:
        raise ValidationError("Only the assessor can record their own time and expenses")
    if assessor.kind not in LIVED_EXPERIENCE:
        raise ValidationError("Staff claim their time and expenses from their employer")
    if centre.status == CentreStatus.CANCELLED or centre.day > timezone.localdate():
        raise ValidationError("Record your time and expenses on or after the day")
    existing = TimeAndExpenses.objects.filter(assessor=assessor).first()
    if existing is not None and existing.paid_at is not None:
        raise ValidationError("These have been paid, so they can no longer change")
    other_detail = (other_detail or "").strip()
    errors = {}
    if not isinstance(minutes, int) or not 1 <= minutes <= LONGEST_DAY_MINUTES:
        errors["minutes"] = "Enter the time you gave, between 1 minute and 16 hours"
    for name, value, what in (
        ("travel_pence", travel_pence, "travel"),
        ("other_pence", other_pence, "other costs"),
    ):
        if not isinstance(value, int) or not 0 <= value <= MOST_PENCE:
            errors[name] = f"Enter {what} between £0 and {pounds(MOST_PENCE)}"
    if other_pence and not other_detail:
        errors["other_detail"] = "Say what the other costs were for, like lunch or childcare"
    elif len(other_detail) > 300:
        errors["other_detail"] = "Say what the other costs were for in 300 characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record, _ = TimeAndExpenses.objects.update_or_create(
            assessor=assessor,
            defaults={
                "minutes": minutes,
                "travel_pence": travel_pence,
                "other_pence": other_pence,
                "other_detail": other_detail,
                "submitted_at": timezone.now(),
            },
        )
        audit_record(
            actor=actor,
            record=centre,
            action=AuditEntry.Action.CHANGED,
            summary=f"{assessor} recorded their time and expenses "
            f"({pounds(record.total_pence)} to pay back)",
            event="centre.expenses_recorded",
        )
    return record


def time_and_expenses_paid(*, actor, record: TimeAndExpenses) -> TimeAndExpenses:
    """Whoever runs the day records that the assessor has been paid back."""
    centre = record.assessor.centre
    if not may_run(actor, partnership=centre.partnership):
        raise ValidationError(NOT_YOURS)
    if record.paid_at is not None:
        raise ValidationError("These are already recorded as paid")
    with transaction.atomic():
        record.paid_at = timezone.now()
        record.paid_by = actor
        record.save(update_fields=["paid_at", "paid_by"])
        audit_record(
            actor=actor,
            record=centre,
            action=AuditEntry.Action.CHANGED,
            summary=f"Paid {record.assessor} {pounds(record.total_pence)} for their expenses",
            event="centre.expenses_paid",
        )
    return record
