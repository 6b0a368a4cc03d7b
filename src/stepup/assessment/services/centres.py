"""Scheduling centre days: their venue, slots and cut-off, and opening them for booking."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.assessment.lifecycle import CENTRE_LIFECYCLE
from stepup.assessment.models import Centre, CentreStatus, Slot, TimetableItem
from stepup.assessment.queries import centre_exercises, may_run
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.partnerships.models import Partnership, PartnershipStatus
from stepup.programme.models import Cohort, Exercise, SiftBy

NOT_YOURS = "You cannot run this partnership’s assessment centres"
PLACES_MAX = 60
ASSESSORS_MAX = 100
TEXT_MAX = 2000
NO_SLOTS = "Add at least one slot, with its times and places"


def slot_problems(slots: list[tuple], *, numbers: list[int] | None = None) -> list[tuple]:
    """What is wrong with the slots, as (the slot's number, message) pairs; the number is
    ``None`` when there are no slots at all. ``numbers`` names the slots as the person sees
    them (by default 1, 2, 3…). The form shows these with its own errors; the service checks
    them again."""
    if not slots:
        return [(None, NO_SLOTS)]
    numbers = numbers or list(range(1, len(slots) + 1))
    problems = []
    starts = set()
    for number, (starts_at, ends_at, places) in zip(numbers, slots, strict=True):
        if starts_at is None or ends_at is None:
            problems.append(
                (number, f"Slot {number}: enter the time it starts and the time it ends")
            )
        elif ends_at <= starts_at:
            problems.append((number, f"Slot {number}: the end must be after the start"))
        elif starts_at in starts:
            problems.append((number, f"Slot {number}: another slot starts at the same time"))
        else:
            starts.add(starts_at)
        if not isinstance(places, int) or isinstance(places, bool) or not 1 <= places <= PLACES_MAX:
            problems.append((number, f"Slot {number}: places must be between 1 and {PLACES_MAX}"))
    return problems


def centre_create(
    *,
    actor,
    cohort: Cohort,
    partnership: Partnership | None,
    day: datetime.date,
    venue: str,
    address: str,
    accessibility: str,
    booking_closes_at: datetime.datetime,
    slots: list[tuple[datetime.time, datetime.time, int]],
    assessors_needed: int | None = None,
) -> Centre:
    """A centre day, planned: it takes bookings once opened. ``partnership`` is blank for a
    national centre, where the cohort's rules say the contractor runs them."""
    if not may_run(actor, partnership=partnership):
        raise ValidationError(NOT_YOURS)
    rules = cohort.current_rules
    national = rules is not None and rules.centres_run_by == SiftBy.NATIONAL
    errors: dict[str, str] = {}
    if national and partnership is not None:
        errors["__all__"] = f"The contractor runs cohort {cohort.number}’s assessment centres"
    elif not national and partnership is None:
        errors["__all__"] = f"Each partnership runs cohort {cohort.number}’s assessment centres"
    elif partnership is not None and (
        partnership.cohort_id != cohort.pk or partnership.status != PartnershipStatus.APPROVED
    ):
        errors["__all__"] = "Choose an approved partnership of this cohort"
    venue, address, accessibility = (
        (venue or "").strip(),
        (address or "").strip(),
        (accessibility or "").strip(),
    )
    today = timezone.localdate()
    if day is None:
        errors["day"] = "Enter the date of the centre day"
    elif day <= today:
        errors["day"] = "The centre day must be in the future"
    if not venue:
        errors["venue"] = "Enter the name of the venue"
    elif len(venue) > 200:
        errors["venue"] = "The venue’s name must be 200 characters or fewer"
    if not address:
        errors["address"] = "Enter the venue’s address"
    if not accessibility:
        errors["accessibility"] = (
            "Say what access the venue has, such as step-free entry and accessible toilets"
        )
    for name, value in (("address", address), ("accessibility", accessibility)):
        if len(value) > TEXT_MAX and name not in errors:
            errors[name] = f"This must be {TEXT_MAX:,} characters or fewer"
    if booking_closes_at is None:
        errors["booking_closes_at"] = "Enter when booking closes"
    elif day is not None and "day" not in errors:
        if timezone.localtime(booking_closes_at).date() >= day:
            errors["booking_closes_at"] = "Booking must close before the centre day"
        elif booking_closes_at <= timezone.now():
            errors["booking_closes_at"] = "Booking must close in the future"
    problems = slot_problems(slots)
    if problems:
        errors["slots"] = [message for _, message in problems]
    if assessors_needed is not None and (
        not isinstance(assessors_needed, int)
        or isinstance(assessors_needed, bool)
        or not 2 <= assessors_needed <= ASSESSORS_MAX
    ):
        errors["assessors_needed"] = (
            f"The day needs between 2 and {ASSESSORS_MAX} assessors: each criterion is seen by two"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        centre = Centre.objects.create(
            cohort=cohort,
            partnership=partnership,
            day=day,
            venue=venue,
            address=address,
            accessibility=accessibility,
            booking_closes_at=booking_closes_at,
            assessors_needed=assessors_needed,
            created_by=actor,
        )
        Slot.objects.bulk_create(
            Slot(centre=centre, starts_at=start, ends_at=end, places=places)
            for start, end, places in slots
        )
        audit_record(
            actor=actor,
            record=centre,
            action=AuditEntry.Action.CREATED,
            summary=f"Planned an assessment centre day: {centre}",
            event="centre.created",
        )
    return centre


def centre_open(*, actor, centre: Centre) -> Centre:
    """Open the day for booking: invited candidates can then choose a slot."""
    return _move(centre, CentreStatus.OPEN, actor=actor, summary=f"Opened {centre} for booking")


def _move(centre: Centre, target: str, *, actor, summary: str) -> Centre:
    """The centre's status, through its lifecycle, for whoever runs the centre."""
    CENTRE_LIFECYCLE.move(
        record=centre,
        target=target,
        actor=actor,
        summary=summary,
        in_scope=may_run(actor, partnership=centre.partnership),
    )
    return centre


def centre_hold(*, actor, centre: Centre) -> Centre:
    """Record that the day has been held: on the day or after it, with everyone who booked
    recorded as there or not, so that scoring can begin."""
    from stepup.applications.models import ApplicationStatus

    if timezone.localdate() < centre.day:
        raise ValidationError("A centre day can be recorded as held on the day or after it")
    waiting = centre.bookings.filter(application__status=ApplicationStatus.INVITED).count()
    if waiting:
        raise ValidationError(
            f"Record whether each candidate came first: {waiting} "
            + ("has" if waiting == 1 else "have")
            + " no attendance recorded"
        )
    return _move(centre, CentreStatus.HELD, actor=actor, summary=f"Recorded {centre} as held")


def timetable_set(
    *,
    actor,
    centre: Centre,
    times: dict[Exercise, tuple[datetime.time | None, datetime.time | None]],
) -> list[TimetableItem]:
    """When each of the day's exercises runs (replacing the timetable before). An exercise
    without times is left off; errors name the exercise (``exercise_<id>``)."""
    if not may_run(actor, partnership=centre.partnership):
        raise ValidationError(NOT_YOURS)
    if centre.status in (CentreStatus.CONFIRMED, CentreStatus.CANCELLED):
        raise ValidationError("The day is over: its timetable can no longer change")
    run = {exercise.pk for exercise in centre_exercises(centre)}
    errors = {}
    for exercise, (starts_at, ends_at) in times.items():
        key = f"exercise_{exercise.pk}"
        if exercise.pk not in run:
            errors[key] = f"{exercise.name} is not an exercise of this centre day"
        elif (starts_at is None) != (ends_at is None):
            errors[key] = f"Enter both the start and the end of {exercise.name}, or neither"
        elif starts_at is not None and ends_at <= starts_at:
            errors[key] = f"{exercise.name}: the end must be after the start"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        TimetableItem.objects.filter(centre=centre).delete()
        items = TimetableItem.objects.bulk_create(
            TimetableItem(centre=centre, exercise=exercise, starts_at=starts, ends_at=ends)
            for exercise, (starts, ends) in times.items()
            if starts is not None
        )
        audit_record(
            actor=actor,
            record=centre,
            action=AuditEntry.Action.CHANGED,
            summary=f"Set the timetable: {len(items)} exercise{'' if len(items) == 1 else 's'}",
            event="centre.timetable_set",
        )
    return items
