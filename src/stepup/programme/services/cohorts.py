"""A cohort's details, and its status, moved only along its lifecycle."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import audit_record, field_changes, update_and_audit
from stepup.core.formatting import govuk_date
from stepup.core.models import AuditEntry
from stepup.programme.lifecycle import COHORT_LIFECYCLE
from stepup.programme.models import (
    Cohort,
    Milestone,
    MilestoneKind,
    RuleVersion,
)
from stepup.programme.queries import (
    transition_problems,
)
from stepup.programme.services.common import (
    _COHORT_LABELS,
    ELIGIBILITY_FIELDS,
    RECRUITMENT_FIELDS,
    _person,
)
from stepup.programme.services.rules import rules_contents_copy
from stepup.programme.services.timetable import programme_start_follows

# Cohorts


def _cohort_errors(*, name: str, start_date, length_months: int) -> dict[str, str]:
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter the cohort's name"
    elif len(name) > 200:
        errors["name"] = "The name must be 200 characters or fewer"
    if not isinstance(start_date, datetime.date):
        errors["start_date"] = "Enter the date trainees start"
    if not isinstance(length_months, int) or not 6 <= length_months <= 36:
        errors["length_months"] = "The length must be between 6 and 36 months"
    return errors


def cohort_create(
    *, actor, number: int, name: str, start_date: datetime.date, length_months: int
) -> Cohort:
    """A new cohort in draft, with rules version 1 holding the default eligibility."""
    errors = _cohort_errors(name=name, start_date=start_date, length_months=length_months)
    if not isinstance(number, int) or number < 1:
        errors["number"] = "The cohort number must be 1 or more"
    elif Cohort.objects.filter(number=number).exists():
        errors["number"] = f"Cohort {number} already exists. Enter a different number"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cohort = Cohort.objects.create(
            number=number, name=name.strip(), start_date=start_date, length_months=length_months
        )
        RuleVersion.objects.create(cohort=cohort, number=1, created_by=_person(actor))
        after = {
            "number": number,
            "name": cohort.name,
            "start_date": govuk_date(start_date),
            "length_months": length_months,
        }
        audit_record(
            actor=actor,
            record=cohort,
            action=AuditEntry.Action.CREATED,
            summary=f"Cohort {number} created, with rules version 1",
            changes=field_changes({}, after, _COHORT_LABELS),
        )
    return cohort


def _years_later(day: datetime.date | None, years: int) -> datetime.date | None:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def cohort_copy(
    *, actor, source: Cohort, number: int, name: str, start_date: datetime.date
) -> Cohort:
    """A new draft cohort set up as ``source`` was, to review before it opens: its
    length, timetable moved by whole years to the new start, eligibility, recruitment
    settings, assessment framework and funding rates. Partnerships bid afresh."""
    with transaction.atomic():  # all of it, or nothing: no half-copied cohort
        cohort = cohort_create(
            actor=actor,
            number=number,
            name=name,
            start_date=start_date,
            length_months=source.length_months,
        )
        years = start_date.year - source.start_date.year
        copied = source.current_rules
        rules = cohort.current_rules
        for field in ELIGIBILITY_FIELDS + RECRUITMENT_FIELDS:
            setattr(rules, field, getattr(copied, field))
        rules.save()
        rules_contents_copy(source=copied, target=rules)
        for milestone in source.milestones.all():
            starts_on = (
                start_date
                if milestone.kind == MilestoneKind.PROGRAMME_START
                else _years_later(milestone.starts_on, years)
            )
            Milestone.objects.create(
                cohort=cohort,
                kind=milestone.kind,
                starts_on=starts_on,
                ends_on=_years_later(milestone.ends_on, years),
                note="",  # the published wording was about the old dates
            )
        audit_record(
            actor=actor,
            record=cohort,
            action=AuditEntry.Action.CREATED,
            summary=(
                f"Set up as a copy of cohort {source.number}: timetable moved by {years} "
                f"year{'s' if years != 1 else ''}, eligibility, recruitment settings, "
                "assessment framework and funding rates"
            ),
            event="cohort.copied",
            values={"source": source.number},
        )
    return cohort


def cohort_update(
    *, actor, cohort: Cohort, name: str, start_date: datetime.date, length_months: int
) -> Cohort:
    errors = _cohort_errors(name=name, start_date=start_date, length_months=length_months)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        update_and_audit(
            actor=actor,
            record=cohort,
            values={"name": name.strip(), "start_date": start_date, "length_months": length_months},
            summary="Changed the cohort's details",
            shown=_cohort_shown,
            labels=_COHORT_LABELS,
        )
        programme_start_follows(actor=actor, cohort=cohort)
    return cohort


def _cohort_shown(cohort: Cohort) -> dict:
    return {
        "name": cohort.name,
        "start_date": govuk_date(cohort.start_date),
        "length_months": cohort.length_months,
    }


def cohort_transition(*, actor, cohort: Cohort, to_status: str, reason: str = "") -> Cohort:
    """Move the cohort along its lifecycle; refused, with what is missing, if not ready."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        COHORT_LIFECYCLE.check(cohort.status, to_status, actor, reason)
        problems = transition_problems(cohort=cohort, to_status=to_status)
        if problems:
            raise ValidationError(problems)
        COHORT_LIFECYCLE.move(
            record=cohort,
            target=to_status,
            actor=actor,
            reason=reason,
            summary=(
                f"Status changed from {COHORT_LIFECYCLE.label(cohort.status)} "
                f"to {COHORT_LIFECYCLE.label(to_status)}"
            ),
        )
    return cohort
