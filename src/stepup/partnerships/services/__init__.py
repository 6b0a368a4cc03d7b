"""Changes to partnerships: details, members and places, universities, the bid, the
memorandum of cooperation and the steering board.

Each change is checked in full before anything is written, runs in one transaction and
writes one audit entry on the partnership, so its page can show who changed what, when
and why. ``actor=None`` is the system (a data loader): it skips the checks on who the
person is, never anything else.

One module a part; callers import from the package, as ``from stepup.partnerships import
services``.
"""

from stepup.partnerships.services.bid import (
    TRANSITION_SUMMARIES,
    partnership_transition,
)
from stepup.partnerships.services.common import (
    CODE_PATTERN,
    DETAIL_FIELDS,
    DETAIL_LABELS,
    MAX_PLACES,
    MAX_RECRUITMENT_TARGET,
    NEGATIVE_PLACES_MESSAGE,
    NO_FILE_MESSAGE,
    NO_MEMBERS_MESSAGE,
    NOT_A_MEMBER,
    NOT_PDF_MESSAGE,
    PLACES_NOT_NUMBER_MESSAGE,
    RETURN_REASON_MESSAGE,
    TOO_MANY_PLACES_MESSAGE,
    duplicate_authority_message,
    lead_not_member_message,
    too_many_leads_message,
)
from stepup.partnerships.services.details import (
    details_errors,
    partnership_create,
    partnership_update,
)
from stepup.partnerships.services.members import (
    members_problems,
    needs_variation,
    partnership_set_members,
    partnership_set_universities,
    universities_problems,
)
from stepup.partnerships.services.records import (
    meeting_errors,
    meeting_record,
    memorandum_errors,
    memorandum_upload,
)
from stepup.partnerships.services.variations import variation_decide

__all__ = [
    "CODE_PATTERN",
    "DETAIL_FIELDS",
    "DETAIL_LABELS",
    "MAX_PLACES",
    "MAX_RECRUITMENT_TARGET",
    "NEGATIVE_PLACES_MESSAGE",
    "NOT_A_MEMBER",
    "NOT_PDF_MESSAGE",
    "NO_FILE_MESSAGE",
    "NO_MEMBERS_MESSAGE",
    "PLACES_NOT_NUMBER_MESSAGE",
    "RETURN_REASON_MESSAGE",
    "TOO_MANY_PLACES_MESSAGE",
    "TRANSITION_SUMMARIES",
    "details_errors",
    "duplicate_authority_message",
    "lead_not_member_message",
    "meeting_errors",
    "meeting_record",
    "members_problems",
    "memorandum_errors",
    "memorandum_upload",
    "needs_variation",
    "partnership_create",
    "partnership_set_members",
    "partnership_set_universities",
    "partnership_transition",
    "partnership_update",
    "too_many_leads_message",
    "universities_problems",
    "variation_decide",
]
