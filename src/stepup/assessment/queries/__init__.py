"""Reading the assessment centres. One module a part; callers import from the package."""

from stepup.assessment.queries.assessors import (
    ASSESSING_ROLES,
    Gap,
    assignments_of,
    centre_exercises,
    coverage_gaps,
    pool_candidates,
)
from stepup.assessment.queries.centres import (
    Runner,
    bookings_of,
    centre_capacity,
    centre_list,
    centre_partnership_for,
    centres_runnable_by,
    may_run,
    runner_choices,
    runner_from,
    runners,
    slots_bookable_for,
    waiting_for_invitation,
    with_places,
)
from stepup.assessment.queries.privacy import centre_records_about
from stepup.assessment.queries.scoring import (
    RANKING_ORDER,
    WashupCandidate,
    centre_reasons,
    latest_ranking,
    ranking,
    washup_of,
)

__all__ = [
    "ASSESSING_ROLES",
    "RANKING_ORDER",
    "Gap",
    "Runner",
    "WashupCandidate",
    "assignments_of",
    "bookings_of",
    "centre_capacity",
    "centre_exercises",
    "centre_list",
    "centre_partnership_for",
    "centre_reasons",
    "centre_records_about",
    "centres_runnable_by",
    "coverage_gaps",
    "latest_ranking",
    "may_run",
    "pool_candidates",
    "ranking",
    "runner_choices",
    "runner_from",
    "runners",
    "slots_bookable_for",
    "waiting_for_invitation",
    "washup_of",
    "with_places",
]
