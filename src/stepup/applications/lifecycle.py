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
    code="application",
    states=S,
    transitions=[
        # The service submits applications imported from a partnership's own portal.
        Transition(
            S.DRAFT, S.SUBMITTED, "Submit application", NOBODY, by_candidate=True, by_system=True
        ),
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


# Named groups of statuses: each status is in exactly one (tests/test_lifecycles.py).
WITH_THE_CANDIDATE = frozenset({S.DRAFT})
DECISION_PENDING = frozenset({S.SUBMITTED, S.ELIGIBILITY_REVIEW, S.ELIGIBLE})
GOING_ON = frozenset({S.SCREENED_IN})  # through to the next stage, the assessment centre
TERMINAL = frozenset({S.INELIGIBLE, S.SCREENED_OUT, S.WITHDRAWN})
GROUPS = {
    "with the candidate": WITH_THE_CANDIDATE,
    "decision pending": DECISION_PENDING,
    "going on": GOING_ON,
    "terminal": TERMINAL,
}

# The stages of the funnel, in order, and the stage each status shows was reached. An
# outcome that ends the journey counts as the stage it ended at (not eligible: submitted;
# screened out: eligible); withdrawing reaches nothing, so the stage reached before counts.
FUNNEL: tuple[str, ...] = ("Started", "Submitted", "Eligible", "Screened in")
STAGE_REACHED: dict[str, int] = {
    S.DRAFT: 0,
    S.SUBMITTED: 1,
    S.ELIGIBILITY_REVIEW: 1,
    S.INELIGIBLE: 1,
    S.ELIGIBLE: 2,
    S.SCREENED_OUT: 2,
    S.SCREENED_IN: 3,
}
