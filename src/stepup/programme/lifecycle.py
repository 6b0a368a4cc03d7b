"""A cohort's status changes, in one table.

Moving to recruiting locks the rules, so it also needs the set-up that recruitment relies
on; ``stepup.programme.queries.transition_problems`` says what is missing.
"""

from stepup.accounts.roles import Role
from stepup.core.lifecycle import Lifecycle, Transition
from stepup.programme.models import CohortStatus

_ADMIN = frozenset({Role.NATIONAL_ADMIN})


def _admin(source: str, target: str, action: str) -> Transition:
    """A national admin's move, which a loader with no person may also make for historic
    cohorts (``actor=None``)."""
    return Transition(source, target, action, _ADMIN, by_system=True)


S = CohortStatus
COHORT_LIFECYCLE = Lifecycle(
    "cohort",
    code="cohort",
    states=CohortStatus,
    transitions=[
        _admin(S.DRAFT, S.OPEN_FOR_BIDS, "Open for bids"),
        _admin(S.OPEN_FOR_BIDS, S.DRAFT, "Return to draft"),
        _admin(S.OPEN_FOR_BIDS, S.RECRUITING, "Start recruiting"),
        _admin(S.RECRUITING, S.IN_TRAINING, "Start training"),
        _admin(S.IN_TRAINING, S.CLOSED, "Close the cohort"),
    ],
)
