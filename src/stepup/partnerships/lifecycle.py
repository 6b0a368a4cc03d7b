"""A partnership's bid, from draft to approval, in one table.

Coordinators may only move the bids of their own partnerships (``scoped_roles``); the
national admin decides. Submitting also needs the bid to be complete:
``stepup.partnerships.queries.submission_problems`` says what is missing.
"""

from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.core.lifecycle import Lifecycle, Transition
from stepup.partnerships.models import PartnershipStatus, VariationStatus

_ADMIN = frozenset({Role.NATIONAL_ADMIN})
_ADMIN_OR_COORDINATOR = frozenset({Role.NATIONAL_ADMIN, Role.COORDINATOR})
_COORDINATOR = frozenset({Role.COORDINATOR})

# A loader with no person (``actor=None``) walks historic bids along the same table.
BID_LIFECYCLE = Lifecycle(
    "bid",
    code="bid",
    states=PartnershipStatus,
    field_label="Bid status",
    transitions=[
        Transition(
            PartnershipStatus.DRAFT,
            PartnershipStatus.SUBMITTED,
            "Submit bid",
            _ADMIN_OR_COORDINATOR,
            scoped_roles=_COORDINATOR,
            by_system=True,
        ),
        Transition(
            PartnershipStatus.SUBMITTED,
            PartnershipStatus.APPROVED,
            "Approve bid",
            _ADMIN,
            by_system=True,
        ),
        Transition(
            PartnershipStatus.SUBMITTED,
            PartnershipStatus.RETURNED,
            "Return bid",
            _ADMIN,
            needs_reason=True,
            by_system=True,
        ),
        Transition(
            PartnershipStatus.RETURNED,
            PartnershipStatus.SUBMITTED,
            "Resubmit bid",
            _ADMIN_OR_COORDINATOR,
            scoped_roles=_COORDINATOR,
            by_system=True,
        ),
    ],
)

# The address of each transition's page: /partnerships/<pk>/bid/<slug>/.
TRANSITION_SLUGS = {
    "submit": (PartnershipStatus.DRAFT, PartnershipStatus.SUBMITTED),
    "approve": (PartnershipStatus.SUBMITTED, PartnershipStatus.APPROVED),
    "return": (PartnershipStatus.SUBMITTED, PartnershipStatus.RETURNED),
    "resubmit": (PartnershipStatus.RETURNED, PartnershipStatus.SUBMITTED),
}
SLUG_FOR = {pair: slug for slug, pair in TRANSITION_SLUGS.items()}


def _variation_status(variation) -> str:
    return variation.status


def _set_variation_status(variation, status: str) -> list[str]:
    variation.status = status
    variation.decided_at = timezone.now()
    return ["status", "decided_at"]


# A change to an approved bid, asked for by its coordinator, decided by the national team.
VARIATION_LIFECYCLE = Lifecycle(
    "change to an approved bid",
    code="variation",
    states=VariationStatus,
    read=_variation_status,
    write=_set_variation_status,
    transitions=[
        Transition(VariationStatus.WAITING, VariationStatus.APPROVED, "Approve", _ADMIN),
        Transition(
            VariationStatus.WAITING,
            VariationStatus.REFUSED,
            "Refuse",
            _ADMIN,
            needs_reason=True,
        ),
    ],
)
