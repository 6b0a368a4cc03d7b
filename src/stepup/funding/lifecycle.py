"""The lives of an instalment and of a repayment, each in one table.

An instalment waits for its evidence; the lead authority submits it; the national team
accepts it (or sends it back, saying why) and then releases the money, whole or in part. A
repayment is due from the day a trainee withdraws until it is settled or written off.
"""

from stepup.accounts.roles import Role
from stepup.core.lifecycle import Lifecycle, Transition
from stepup.funding.models import InstalmentStatus as I
from stepup.funding.models import RepaymentStatus as R

ADMIN = frozenset({Role.NATIONAL_ADMIN})
LEAD = frozenset({Role.COORDINATOR})

INSTALMENT_LIFECYCLE = Lifecycle(
    "instalment",
    code="instalment",
    states=I,
    transitions=[
        Transition(I.SCHEDULED, I.SUBMITTED, "Submit the evidence", LEAD, scoped_roles=LEAD),
        Transition(I.SUBMITTED, I.ACCEPTED, "Accept the evidence", ADMIN),
        Transition(I.SUBMITTED, I.SCHEDULED, "Send the evidence back", ADMIN, needs_reason=True),
        Transition(I.ACCEPTED, I.RELEASED, "Release the instalment", ADMIN),
    ],
)

REPAYMENT_LIFECYCLE = Lifecycle(
    "repayment",
    code="repayment",
    states=R,
    transitions=[
        Transition(R.DUE, R.SETTLED, "Record as settled", ADMIN | LEAD, scoped_roles=LEAD),
        Transition(
            R.DUE,
            R.WRITTEN_OFF,
            "Write off",
            ADMIN | LEAD,
            needs_reason=True,
            scoped_roles=LEAD,
        ),
    ],
)
