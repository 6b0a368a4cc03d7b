"""An application's life, in one table: from draft to the sift's decision, or withdrawal.

The candidate submits and may withdraw; eligibility is decided by the service when the rules
are clear and by the national team or the contractor when they are not; the sift's outcome is
recorded by the service once the scores are in (see ``selection``).
"""

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus as S
from stepup.core.lifecycle import Lifecycle, Transition

ELIGIBILITY_DECIDERS = frozenset({Role.NATIONAL_ADMIN, Role.CONTRACTOR})
NOBODY: frozenset[str] = frozenset()

APPLICATION_LIFECYCLE = Lifecycle(
    "application",
    states=S,
    transitions=[
        Transition(S.DRAFT, S.SUBMITTED, "Submit application", NOBODY, by_candidate=True),
        # Eligibility, at submission: automatic where the rules are clear.
        Transition(S.SUBMITTED, S.ELIGIBLE, "Eligible", NOBODY, by_system=True),
        Transition(S.SUBMITTED, S.INELIGIBLE, "Not eligible", NOBODY, by_system=True),
        Transition(
            S.SUBMITTED, S.ELIGIBILITY_REVIEW, "Refer for a decision", NOBODY, by_system=True
        ),
        # The manual eligibility queue.
        Transition(
            S.ELIGIBILITY_REVIEW, S.ELIGIBLE, "Eligible", ELIGIBILITY_DECIDERS, needs_reason=True
        ),
        Transition(
            S.ELIGIBILITY_REVIEW,
            S.INELIGIBLE,
            "Not eligible",
            ELIGIBILITY_DECIDERS,
            needs_reason=True,
        ),
        # The sift's outcome, once the scores (and any moderation) are in.
        Transition(S.ELIGIBLE, S.SCREENED_IN, "Screened in", NOBODY, by_system=True),
        Transition(S.ELIGIBLE, S.SCREENED_OUT, "Screened out", NOBODY, by_system=True),
        # The candidate may withdraw at any point before a final decision against them.
        *(
            Transition(source, S.WITHDRAWN, "Withdraw application", NOBODY, by_candidate=True)
            for source in (S.DRAFT, S.SUBMITTED, S.ELIGIBILITY_REVIEW, S.ELIGIBLE, S.SCREENED_IN)
        ),
    ],
)
