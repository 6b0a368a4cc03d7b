"""What every change to a partnership shares: limits, messages, who may change it."""

import re

from django.core.exceptions import PermissionDenied, ValidationError

from stepup.accounts.roles import Role
from stepup.partnerships.models import (
    Partnership,
)
from stepup.partnerships.queries import (
    partnerships_changeable_by,
)
from stepup.programme.models import CohortStatus

MAX_PLACES = 500
MAX_RECRUITMENT_TARGET = 1000
CODE_PATTERN = re.compile(r"^[A-Z0-9]{2,10}$")
NOT_A_MEMBER = "Not a member"

DETAIL_FIELDS = (
    "name",
    "code",
    "lead_authority",
    "coordinator",
    "contract_model",
    "tie_in_amount_pence",
    "tie_in_terms",
    "recruitment_target",
)
DETAIL_LABELS = {
    "cohort": "Cohort",
    "name": "Name",
    "code": "Short code",
    "lead_authority": "Lead authority",
    "coordinator": "Coordinator",
    "contract_model": "Trainee contract model",
    "tie_in_amount_pence": "Tie-in amount",
    "tie_in_terms": "Tie-in terms",
    "recruitment_target": "Recruitment target",
    "status": "Bid status",
}


def _require_change_rights(actor, partnership: Partnership, *, by_request: bool = False) -> None:
    """Views give 404 first; this stops a caller that forgot to scope its query.

    In a closed cohort only the national team changes a partnership; a coordinator may only
    ask them (``by_request``: members, places and universities)."""
    if actor is None:
        return
    if not partnerships_changeable_by(actor).filter(pk=partnership.pk).exists():
        raise PermissionDenied("You cannot change this partnership")
    closed = partnership.cohort.status == CohortStatus.CLOSED
    if closed and not by_request and not actor.has_role(Role.NATIONAL_ADMIN):
        raise ValidationError(closed_cohort_message(partnership.cohort.number))


def closed_cohort_message(number: int) -> str:
    return (
        f"Cohort {number} is closed, so only the national programme team can change its "
        "partnerships. Ask them to make the change"
    )


# Messages shared with the forms, so a page and a loader say the same thing.


def duplicate_authority_message(name: str) -> str:
    return f"{name} is listed more than once. Remove the duplicate row"


def lead_not_member_message(name: str) -> str:
    return f"The lead authority, {name}, must be one of the member authorities"


NO_MEMBERS_MESSAGE = "Add at least one member authority"
NEGATIVE_PLACES_MESSAGE = "Places must be 0 or more"
TOO_MANY_PLACES_MESSAGE = f"Places must be {MAX_PLACES} or fewer"
PLACES_NOT_NUMBER_MESSAGE = "Enter the number of places as a whole number, like 4"
RETURN_REASON_MESSAGE = "Enter why you are returning the bid"
NOT_PDF_MESSAGE = "The selected file must be a PDF"
NO_FILE_MESSAGE = "Select the memorandum of cooperation"


def too_many_leads_message(names: list[str]) -> str:
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    return (
        "Only one university can validate and award the degree. Choose "
        f"“Delivery” as the role of all but one of {listed}"
    )
