"""Allocating places, making offers, clearing their conditions, generating agreements and
filling freed places from reserves (docs/adr/0016-allocation-and-offers.md)."""

from stepup.offers.services.allocation import allocation_confirm, allocation_dry_run
from stepup.offers.services.answers import (
    offer_accept,
    offer_decline,
    offer_host_change,
    offer_lapse,
    offer_withdraw,
    offers_lapse_due,
    offers_make,
    offers_withdraw_with_application,
)
from stepup.offers.services.common import respond_by
from stepup.offers.services.conditions import (
    agreement_generate,
    agreement_record,
    agreement_text,
    condition_meet,
    condition_reopen,
    terms_save,
)
from stepup.offers.services.reserves import (
    place_cascade,
    places_fill,
    pool_add,
    recruitment_close,
)

__all__ = [
    "agreement_generate",
    "agreement_record",
    "agreement_text",
    "allocation_confirm",
    "allocation_dry_run",
    "condition_meet",
    "condition_reopen",
    "offer_accept",
    "offer_decline",
    "offer_host_change",
    "offer_lapse",
    "offer_withdraw",
    "offers_lapse_due",
    "offers_make",
    "offers_withdraw_with_application",
    "place_cascade",
    "places_fill",
    "pool_add",
    "recruitment_close",
    "respond_by",
    "terms_save",
]
