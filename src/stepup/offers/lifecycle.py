"""The lives of an allocation run, an offer and an offer's condition, each in one table.

An allocation run is a dry run until the national team confirms it; a later dry run replaces
an unconfirmed one. An offer is proposed by a confirmed run (its host authority for the
coordinator to confirm) or made straight away to a reserve; the candidate accepts or
declines by the deadline, or it lapses; an accepted offer becomes unconditional when its
last condition is met; the partnership or the national team may withdraw it, with a reason,
at any point until the trainee starts.
"""

from stepup.accounts.roles import Role
from stepup.core.lifecycle import Lifecycle, Transition
from stepup.offers.models import ConditionStatus as C
from stepup.offers.models import OfferStatus as O
from stepup.offers.models import RunStatus as R

ADMIN = frozenset({Role.NATIONAL_ADMIN})
PARTNERSHIP = frozenset({Role.COORDINATOR})
OFFER_MAKERS = ADMIN | PARTNERSHIP
# Whoever works in the organisation that owns a condition: the service checks which.
CONDITION_OWNERS = frozenset({Role.COORDINATOR, Role.AUTHORITY_OFFICER, Role.UNIVERSITY_TUTOR})
NOBODY: frozenset[str] = frozenset()

RUN_LIFECYCLE = Lifecycle(
    "allocation run",
    code="allocation",
    states=R,
    transitions=[
        Transition(R.DRY_RUN, R.CONFIRMED, "Confirm this allocation", ADMIN),
        Transition(R.DRY_RUN, R.SUPERSEDED, "Replace", NOBODY, by_system=True),
    ],
)

OFFER_LIFECYCLE = Lifecycle(
    "offer",
    code="offer",
    states=O,
    transitions=[
        Transition(O.PROPOSED, O.MADE, "Make the offer", OFFER_MAKERS, scoped_roles=PARTNERSHIP),
        Transition(O.MADE, O.ACCEPTED, "Accept", NOBODY, by_candidate=True),
        Transition(O.MADE, O.DECLINED, "Decline", NOBODY, by_candidate=True),
        Transition(O.MADE, O.LAPSED, "Lapse", NOBODY, by_system=True),
        # Changing their mind after accepting frees the place like a decline.
        Transition(O.ACCEPTED, O.DECLINED, "Turn down", NOBODY, by_candidate=True),
        Transition(O.UNCONDITIONAL, O.DECLINED, "Turn down", NOBODY, by_candidate=True),
        Transition(O.ACCEPTED, O.UNCONDITIONAL, "Unconditional", NOBODY, by_system=True),
        *(
            Transition(
                source,
                O.WITHDRAWN,
                "Withdraw the offer",
                OFFER_MAKERS,
                needs_reason=True,
                scoped_roles=PARTNERSHIP,
                by_system=True,
            )
            for source in (O.PROPOSED, O.MADE, O.ACCEPTED, O.UNCONDITIONAL)
        ),
    ],
)

CONDITION_LIFECYCLE = Lifecycle(
    "condition",
    code="condition",
    states=C,
    transitions=[
        Transition(
            C.OUTSTANDING,
            C.MET,
            "Record as met",
            CONDITION_OWNERS,
            scoped_roles=CONDITION_OWNERS,
        ),
        Transition(
            C.MET,
            C.OUTSTANDING,
            "Reopen",
            CONDITION_OWNERS,
            needs_reason=True,
            scoped_roles=CONDITION_OWNERS,
        ),
    ],
)
