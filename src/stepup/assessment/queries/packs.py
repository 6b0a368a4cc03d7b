"""The printable packs of a centre day: its day sheet and blank scoring sheets."""

from dataclasses import dataclass

from stepup.assessment.models import Assignment, Centre, Invitation, TimetableItem
from stepup.assessment.queries.assessors import centre_exercises


@dataclass
class DaySheet:
    timetable: list[TimetableItem]
    exercises: list
    candidates: list[Invitation]
    # (invitation id, exercise id) -> the names of those observing, by name
    observers: dict[tuple[int, int], list[str]]
    pool: list


def day_sheet_of(centre: Centre) -> DaySheet:
    """Everything the day's sheet shows. Five queries, whatever the size of the day."""
    exercises = centre_exercises(centre)
    observers: dict[tuple[int, int], list[str]] = {}
    for assignment in Assignment.objects.filter(assessor__centre=centre).select_related(
        "assessor__person"
    ):
        person = assignment.assessor.person
        observers.setdefault((assignment.invitation_id, assignment.exercise_id), []).append(
            person.full_name or person.email
        )
    for names in observers.values():
        names.sort()
    return DaySheet(
        timetable=list(
            centre.timetable.select_related("exercise").order_by("starts_at", "exercise__position")
        ),
        exercises=exercises,
        candidates=list(
            centre.bookings.select_related("application", "slot")
            .prefetch_related("adjustments")
            .order_by("candidate_number")
        ),
        observers=observers,
        pool=list(centre.assessors.select_related("person").order_by("kind", "person__full_name")),
    )
