"""The stages of the recruitment funnel, in order, and what shows an application reached each.

Every count in insights comes from where an application has been (its status changes, its
offers, its trainee record), not from where it is now: a candidate who reached the assessment
centre counts there even after an offer, and a withdrawn one keeps the stage they reached.
"""

from stepup.applications.models import ApplicationStatus as S
from stepup.offers.models import OfferStatus

STAGES: tuple[str, ...] = (
    "submitted",
    "eligible",
    "screened_in",
    "invited",
    "attended",
    "met_benchmark",
    "offered",
    "accepted",
    "started",
)
STAGE_LABELS: dict[str, str] = {
    "submitted": "Submitted",
    "eligible": "Eligible",
    "screened_in": "Screened in",
    "invited": "Invited to an assessment centre",
    "attended": "Attended",
    "met_benchmark": "Met the benchmark",
    "offered": "Offered a place",
    "accepted": "Accepted",
    "started": "Started training",
}
SHORT_LABELS: dict[str, str] = {**STAGE_LABELS, "invited": "Invited"}
RANK = {stage: index for index, stage in enumerate(STAGES)}
ACCEPTED = RANK["accepted"]

# The stage an application's status shows it reached. An outcome that ends the journey counts
# as the stage it ended at (not eligible: submitted; screened out: eligible; did not attend:
# invited); withdrawing reaches nothing, so the stage reached before it counts.
STATUS_REACHED: dict[str, int] = {
    S.SUBMITTED: RANK["submitted"],
    S.ELIGIBILITY_REVIEW: RANK["submitted"],
    S.INELIGIBLE: RANK["submitted"],
    S.ELIGIBLE: RANK["eligible"],
    S.SCREENED_OUT: RANK["eligible"],
    S.SCREENED_IN: RANK["screened_in"],
    S.INVITED: RANK["invited"],
    S.DID_NOT_ATTEND: RANK["invited"],
    S.ATTENDED: RANK["attended"],
    S.BENCHMARK_NOT_MET: RANK["attended"],
    S.MET_BENCHMARK: RANK["met_benchmark"],
}
# An offer reaches "offered" when it is made to the candidate (not while its host authority
# is still to be confirmed), and "accepted" when the candidate said yes.
OFFER_ACCEPTED_STATUSES = (OfferStatus.ACCEPTED, OfferStatus.UNCONDITIONAL)
