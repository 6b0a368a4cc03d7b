"""The stages of the recruitment funnel, in order, and what shows an application reached each.

Every count in insights comes from where an application has been (its status changes, its
offers, its trainee record), not from where it is now: a candidate who reached the assessment
centre counts there even after an offer, and a withdrawn one keeps the stage they reached.
"""

from stepup.applications.lifecycle import STAGE_REACHED
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

# The stage an application's status shows it reached: the application lifecycle's own table,
# whose stage 0 is a draft (not in the funnel), so each of ours is one less.
STATUS_REACHED: dict[str, int] = {
    status: stage - 1 for status, stage in STAGE_REACHED.items() if stage > 0
}
# An offer reaches "offered" when it is made to the candidate (not while its host authority
# is still to be confirmed), and "accepted" when the candidate said yes.
OFFER_ACCEPTED_STATUSES = (OfferStatus.ACCEPTED, OfferStatus.UNCONDITIONAL)

# The researchers' file's stages (docs/equality-report.md): broader than the pages' where
# few candidates reach them, each named after the first stage it holds.
FILE_STAGES: dict[str, str] = {
    "submitted": "submitted",
    "eligible": "eligible",
    "screened_in": "screened_in",
    "invited": "screened_in",
    "attended": "attended",
    "met_benchmark": "attended",
    "offered": "offered_or_later",
    "accepted": "offered_or_later",
    "started": "offered_or_later",
}
# The first stage each of the file's stages holds: every candidate in it reached that one.
FILE_STAGE_REACHED: dict[str, int] = {
    name: min(RANK[s] for s, n in FILE_STAGES.items() if n == name) for name in FILE_STAGES.values()
}
