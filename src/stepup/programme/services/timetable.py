"""The national timetable: one milestone of each kind a cohort."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import audit_record, field_changes, update_and_audit
from stepup.core.formatting import govuk_date
from stepup.core.models import AuditEntry
from stepup.programme.models import (
    Cohort,
    Milestone,
    MilestoneKind,
)

# The timetable


def milestone_words(kind: str) -> dict[str, str]:
    """How the dates of a milestone are asked for and checked."""
    if kind == MilestoneKind.APPLICATION_WINDOW:
        return {
            "starts": "Date the application window opens",
            "ends": "Date the application window closes",
            "starts_subject": "the date the application window opens",
            "ends_subject": "the date the application window closes",
            "order": "The application window must close on or after the day it opens",
        }
    return {
        "starts": "Start date",
        "ends": "End date",
        "starts_subject": "the start date",
        "ends_subject": "the end date",
        "order": "The end date must be the same as or after the start date",
    }


def _milestone_values(milestone: Milestone | None) -> dict[str, str]:
    if milestone is None:
        return {}
    return {
        "starts_on": govuk_date(milestone.starts_on),
        "ends_on": govuk_date(milestone.ends_on),
        "note": milestone.note,
    }


_MILESTONE_LABELS = {"starts_on": "Starts", "ends_on": "Ends", "note": "As published"}


def milestone_save(
    *,
    actor,
    cohort: Cohort,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    note: str = "",
) -> Milestone:
    """Set the dates of one milestone; the timetable may move in any status."""
    if kind not in MilestoneKind.values:
        raise ValidationError({"kind": "Choose a milestone from the national timetable"})
    errors = {}
    note = (note or "").strip()
    if not isinstance(starts_on, datetime.date):
        errors["starts_on"] = f"Enter {milestone_words(kind)['starts_subject']}"
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = milestone_words(kind)["order"]
    if len(note) > 200:
        errors["note"] = "The date as published must be 200 characters or fewer"
    if errors:
        raise ValidationError(errors)
    label = MilestoneKind(kind).label
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        milestone = cohort.milestones.filter(kind=kind).first()
        created = milestone is None
        if created:
            milestone = Milestone(cohort=cohort, kind=kind)
        update_and_audit(
            actor=actor,
            record=milestone,
            values={"starts_on": starts_on, "ends_on": ends_on, "note": note},
            summary=(
                f"Added “{label}” to the timetable"
                if created
                else f"Changed “{label}” in the timetable"
            ),
            shown=_milestone_values,
            labels=_MILESTONE_LABELS,
            audit_on=cohort,
            created=created,
        )
        if kind == MilestoneKind.PROGRAMME_START:
            _start_date_follows(actor, cohort, starts_on)
    return milestone


def _start_date_follows(actor, cohort: Cohort, starts_on: datetime.date) -> None:
    """The cohort's start date is the timetable's "Programme starts": one fact, shown the
    same everywhere."""
    update_and_audit(
        actor=actor,
        record=cohort,
        values={"start_date": starts_on},
        summary="Trainees start on the date the timetable gives for “Programme starts”",
        shown=lambda c: {"start_date": govuk_date(c.start_date)},
        labels={"start_date": "Start date"},
    )


def programme_start_follows(*, actor, cohort: Cohort) -> None:
    """Move the timetable's "Programme starts" to the cohort's start date, if it has one."""
    milestone = cohort.milestones.filter(kind=MilestoneKind.PROGRAMME_START).first()
    if milestone is None:
        return
    update_and_audit(
        actor=actor,
        record=milestone,
        values={"starts_on": cohort.start_date},
        summary="Moved “Programme starts” in the timetable to the cohort's start date",
        shown=_milestone_values,
        labels=_MILESTONE_LABELS,
        audit_on=cohort,
    )


def milestone_remove(*, actor, cohort: Cohort, kind: str) -> None:
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        milestone = cohort.milestones.filter(kind=kind).first()
        if milestone is None:
            return
        before = _milestone_values(milestone)
        milestone.delete()
        audit_record(
            actor=actor,
            record=cohort,
            action=AuditEntry.Action.REMOVED,
            summary=f"Removed “{milestone.get_kind_display()}” from the timetable",
            changes=field_changes(before, dict.fromkeys(before, ""), _MILESTONE_LABELS),
        )
