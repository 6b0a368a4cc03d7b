"""The life of a data request (ADR 0021): one national admin asks to export a candidate's
special-category data, a second approves or refuses, and an approval allows one download
within a few days, after which it lapses."""

from stepup.accounts.roles import Role
from stepup.core.lifecycle import Lifecycle, Transition
from stepup.privacy.models import DataRequestStatus as D

ADMIN = frozenset({Role.NATIONAL_ADMIN})
NOBODY: frozenset[str] = frozenset()

# The service also checks that the one who decides is not the one who asked, and that only
# the one who asked downloads.
DATA_REQUEST_LIFECYCLE = Lifecycle(
    "data request",
    code="data_request",
    states=D,
    transitions=[
        Transition(D.WAITING, D.APPROVED, "Approve", ADMIN),
        Transition(D.WAITING, D.REFUSED, "Refuse", ADMIN, needs_reason=True),
        Transition(D.APPROVED, D.EXPORTED, "Download", ADMIN),
        Transition(D.APPROVED, D.LAPSED, "Lapse", NOBODY, by_system=True),
    ],
)
