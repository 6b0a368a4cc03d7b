"""The assessment centre pages. One module a part; the URLs import from the package."""

from stepup.assessment.views.assessors import (
    assessors,
    assignments_confirm,
    conflict,
    expenses_paid,
    observations,
)
from stepup.assessment.views.centres import (
    adjustment_answer,
    attendance,
    booking_give,
    centre_create,
    centre_detail,
    centre_hold,
    centre_list,
    centre_open,
    day_sheet,
    invitations_send,
    national_progress,
    scoring_sheets,
    timetable,
)
from stepup.assessment.views.scoring import (
    moderate,
    ranking,
    scoring,
    scoring_list,
    washup,
    your_day,
)

__all__ = [
    "adjustment_answer",
    "assessors",
    "assignments_confirm",
    "attendance",
    "booking_give",
    "centre_create",
    "centre_detail",
    "centre_hold",
    "centre_list",
    "centre_open",
    "conflict",
    "day_sheet",
    "expenses_paid",
    "invitations_send",
    "moderate",
    "national_progress",
    "observations",
    "ranking",
    "scoring",
    "scoring_list",
    "scoring_sheets",
    "timetable",
    "washup",
    "your_day",
]
