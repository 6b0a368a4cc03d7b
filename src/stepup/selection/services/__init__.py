"""Eligibility and the sift: the automatic check at submission, the manual decision, the
reason list, and the sifters' marks.

Every negative decision carries structured reasons from the list the national team keeps,
so that the candidate is told why and reports can count them. The candidate is emailed
every outcome, once the transaction that records it has committed. One module a part;
callers import from the package, as ``from stepup.selection import services``.
"""

from stepup.selection.services.common import (
    ALREADY_DECIDED,
    DETAIL_MAX,
    NOT_IN_REVIEW,
    RULE_NAMES,
    RULE_REASON_CODES,
)
from stepup.selection.services.eligibility import (
    eligibility_decide,
    eligibility_email,
    eligibility_run,
)
from stepup.selection.services.notes import (
    ERASED_NOTE_TEXT,
    NOTE_MAX,
    application_note_add,
    application_notes_erase,
)
from stepup.selection.services.reasons import (
    decision_reason_add,
    decision_reason_update,
)
from stepup.selection.services.sift import (
    EVIDENCE_MAX,
    NOT_YOURS_TO_SIFT,
    pass_mark_missing_message,
    sift_mark_submit,
)
from stepup.selection.services.sift_assignment import sift_assign

__all__ = [
    "ALREADY_DECIDED",
    "DETAIL_MAX",
    "ERASED_NOTE_TEXT",
    "EVIDENCE_MAX",
    "NOTE_MAX",
    "NOT_IN_REVIEW",
    "NOT_YOURS_TO_SIFT",
    "RULE_NAMES",
    "RULE_REASON_CODES",
    "application_note_add",
    "application_notes_erase",
    "decision_reason_add",
    "decision_reason_update",
    "eligibility_decide",
    "eligibility_email",
    "eligibility_run",
    "pass_mark_missing_message",
    "sift_assign",
    "sift_mark_submit",
]
