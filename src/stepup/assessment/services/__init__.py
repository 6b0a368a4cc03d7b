"""Assessment centres: scheduling the days, invitations and bookings, adjustments and
attendance. One module a part; callers import from the package, as
``from stepup.assessment import services``."""

from stepup.assessment.services.assessors import (
    assessor_add,
    assignments_confirm,
    assignments_set,
    conflict_declare,
    observations_set,
)
from stepup.assessment.services.centres import (
    centre_create,
    centre_hold,
    centre_open,
    timetable_set,
)
from stepup.assessment.services.expenses import (
    time_and_expenses_paid,
    time_and_expenses_record,
)
from stepup.assessment.services.invitations import (
    adjustment_answer,
    adjustment_ask,
    attendance_record,
    booking_make,
    invitations_send,
)
from stepup.assessment.services.privacy import centre_records_erase
from stepup.assessment.services.scoring import (
    ranking_confirm,
    score_moderate,
    scores_submit,
    washup_confirm,
)

__all__ = [
    "adjustment_answer",
    "adjustment_ask",
    "assessor_add",
    "assignments_confirm",
    "assignments_set",
    "attendance_record",
    "booking_make",
    "centre_create",
    "centre_hold",
    "centre_open",
    "centre_records_erase",
    "conflict_declare",
    "invitations_send",
    "observations_set",
    "ranking_confirm",
    "score_moderate",
    "scores_submit",
    "time_and_expenses_paid",
    "time_and_expenses_record",
    "timetable_set",
    "washup_confirm",
]
