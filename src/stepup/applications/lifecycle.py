"""An application's life, in one table: from draft to the assessment centre's outcome, or
withdrawal.

The candidate submits and may withdraw; eligibility is decided by the service when the rules
are clear and by the national team or the contractor when they are not; the sift's outcome is
recorded by the service once the scores are in (see ``selection``); whoever runs the centres
invites and records attendance, and the wash-up decides the benchmark (see ``assessment``).
"""

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus as S
from stepup.core.lifecycle import Lifecycle, Transition

ELIGIBILITY_DECIDERS = frozenset({Role.NATIONAL_ADMIN, Role.CONTRACTOR})
# Who may run a centre day: which of them for which centre, the assessment services say.
CENTRE_RUNNERS = frozenset({Role.NATIONAL_ADMIN, Role.CONTRACTOR, Role.COORDINATOR})
# A candidate may withdraw until a decision ends their journey.
WITHDRAWABLE = (
    S.DRAFT,
    S.SUBMITTED,
    S.ELIGIBILITY_REVIEW,
    S.ELIGIBLE,
    S.SCREENED_IN,
    S.INVITED,
    S.ATTENDED,
    S.MET_BENCHMARK,
)
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
        # The assessment centre: invited by whoever runs the centres, attendance recorded on
        # the day (a no-show with its reason), the outcome worked out at the wash-up.
        Transition(
            S.SCREENED_IN,
            S.INVITED,
            "Invite to an assessment centre",
            CENTRE_RUNNERS,
            scoped_roles=CENTRE_RUNNERS,
        ),
        Transition(
            S.INVITED,
            S.ATTENDED,
            "Record as attended",
            CENTRE_RUNNERS,
            scoped_roles=CENTRE_RUNNERS,
        ),
        Transition(
            S.INVITED,
            S.DID_NOT_ATTEND,
            "Record as not attended",
            CENTRE_RUNNERS,
            needs_reason=True,
            scoped_roles=CENTRE_RUNNERS,
        ),
        Transition(S.ATTENDED, S.MET_BENCHMARK, "Met the benchmark", NOBODY, by_system=True),
        Transition(
            S.ATTENDED, S.BENCHMARK_NOT_MET, "Did not meet the benchmark", NOBODY, by_system=True
        ),
        # The candidate may withdraw at any point before a final decision against them.
        *(
            Transition(source, S.WITHDRAWN, "Withdraw application", NOBODY, by_candidate=True)
            for source in WITHDRAWABLE
        ),
    ],
)


# Named groups of statuses: each status is in exactly one (tests/test_lifecycles.py).
WITH_THE_CANDIDATE = frozenset({S.DRAFT})
DECISION_PENDING = frozenset({S.SUBMITTED, S.ELIGIBILITY_REVIEW, S.ELIGIBLE, S.INVITED, S.ATTENDED})
GOING_ON = frozenset({S.SCREENED_IN, S.MET_BENCHMARK})  # through to the next stage
TERMINAL = frozenset(
    {S.INELIGIBLE, S.SCREENED_OUT, S.DID_NOT_ATTEND, S.BENCHMARK_NOT_MET, S.WITHDRAWN}
)
GROUPS = {
    "with the candidate": WITH_THE_CANDIDATE,
    "decision pending": DECISION_PENDING,
    "going on": GOING_ON,
    "terminal": TERMINAL,
}

# The stages of the funnel, in order, and the stage each status shows was reached. An
# outcome that ends the journey counts as the stage it ended at (not eligible: submitted;
# screened out: eligible); withdrawing reaches nothing, so the stage reached before counts.
FUNNEL: tuple[str, ...] = (
    "Started",
    "Submitted",
    "Eligible",
    "Screened in",
    "Invited",
    "Attended",
    "Met the benchmark",
)
STAGE_REACHED: dict[str, int] = {
    S.DRAFT: 0,
    S.SUBMITTED: 1,
    S.ELIGIBILITY_REVIEW: 1,
    S.INELIGIBLE: 1,
    S.ELIGIBLE: 2,
    S.SCREENED_OUT: 2,
    S.SCREENED_IN: 3,
    S.INVITED: 4,
    S.DID_NOT_ATTEND: 4,
    S.ATTENDED: 5,
    S.BENCHMARK_NOT_MET: 5,
    S.MET_BENCHMARK: 6,
}
