"""A cohort's status changes, in one table.

Moving to recruiting locks the rules, so it also needs the set-up that recruitment relies
on; ``stepup.programme.queries.transition_problems`` says what is missing.
"""

from stepup.accounts.roles import Role
from stepup.core.lifecycle import Lifecycle, Transition
from stepup.programme.models import CohortStatus

_ADMIN = frozenset({Role.NATIONAL_ADMIN})

COHORT_LIFECYCLE = Lifecycle(
    "cohort",
    [
        Transition(CohortStatus.DRAFT, CohortStatus.OPEN_FOR_BIDS, "Open for bids", _ADMIN),
        Transition(CohortStatus.OPEN_FOR_BIDS, CohortStatus.DRAFT, "Return to draft", _ADMIN),
        Transition(CohortStatus.OPEN_FOR_BIDS, CohortStatus.RECRUITING, "Start recruiting", _ADMIN),
        Transition(CohortStatus.RECRUITING, CohortStatus.IN_TRAINING, "Start training", _ADMIN),
        Transition(CohortStatus.IN_TRAINING, CohortStatus.CLOSED, "Close the cohort", _ADMIN),
    ],
)
