"""Funding rates: the national amounts, in pence, a cohort's grant is worked out from."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.core.audit import field_changes
from stepup.core.formatting import pounds
from stepup.programme.models import (
    Cohort,
    FundingBasis,
    FundingRate,
)
from stepup.programme.services.rules import (
    _locked_cohort,
    _require_current,
    _versioned_add,
    _versioned_remove,
    _versioned_update,
)

# Funding rates


def _rate_values(rate: FundingRate | None) -> dict[str, str]:
    if rate is None:
        return {}
    band = rate.basis == FundingBasis.SIZE_BAND
    return {
        "label": rate.label,
        "basis": FundingBasis(rate.basis).label,
        "amount_pence": pounds(rate.amount_pence),
        "band_min": rate.band_min if band else "",
        "band_max": rate.band_max if band else "",
    }


_RATE_LABELS = {
    "label": "Funding line",
    "basis": "Basis",
    "amount_pence": "Amount",
    "band_min": "Smallest partnership",
    "band_max": "Largest partnership",
}


def _rate_errors(*, label: str, basis: str, amount_pence, band_min, band_max) -> dict[str, str]:
    errors = {}
    if not (label or "").strip():
        errors["label"] = "Enter what the money is for, like Bursary"
    elif len(label) > 150:
        errors["label"] = "The funding line must be 150 characters or fewer"
    if basis not in FundingBasis.values:
        errors["basis"] = "Select how the amount is paid"
    if not isinstance(amount_pence, int):
        errors["amount_pence"] = "Enter the amount in pounds, like 19833"
    elif amount_pence < 0:
        errors["amount_pence"] = "The amount must be £0 or more"
    if basis == FundingBasis.SIZE_BAND:
        if band_min is None:
            errors["band_min"] = "Enter the smallest partnership size the amount is for, like 26"
        elif band_min < 1:
            errors["band_min"] = "The smallest partnership size must be 1 or more"
        if band_max is None:
            errors["band_max"] = "Enter the largest partnership size the amount is for, like 35"
        elif band_min is not None and band_max < band_min:
            errors["band_max"] = (
                "The largest partnership size must be the same as or more than the smallest"
            )
    return errors


def _rate_checked(*, label: str, basis: str, amount_pence, band_min, band_max) -> dict:
    """A funding line's fields, checked and tidied (a band only for a size-band line)."""
    errors = _rate_errors(
        label=label, basis=basis, amount_pence=amount_pence, band_min=band_min, band_max=band_max
    )
    if errors:
        raise ValidationError(errors)
    if basis != FundingBasis.SIZE_BAND:
        band_min = band_max = None
    return {
        "label": label.strip(),
        "basis": basis,
        "amount_pence": amount_pence,
        "band_min": band_min,
        "band_max": band_max,
    }


def funding_rate_add(
    *,
    actor,
    cohort: Cohort,
    label: str,
    basis: str,
    amount_pence: int,
    band_min: int | None = None,
    band_max: int | None = None,
    reason: str = "",
) -> FundingRate:
    values = _rate_checked(
        label=label, basis=basis, amount_pence=amount_pence, band_min=band_min, band_max=band_max
    )
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        return _versioned_add(
            actor=actor,
            cohort=cohort,
            reason=reason,
            model=FundingRate,
            values=values,
            what=lambda rate: f"added funding line “{rate.label}”",
            changes=lambda rate: field_changes({}, _rate_values(rate), _RATE_LABELS),
        )


def funding_rate_update(
    *,
    actor,
    cohort: Cohort,
    rate: FundingRate,
    label: str,
    basis: str,
    amount_pence: int,
    band_min: int | None = None,
    band_max: int | None = None,
    reason: str = "",
) -> FundingRate:
    values = _rate_checked(
        label=label, basis=basis, amount_pence=amount_pence, band_min=band_min, band_max=band_max
    )
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        _require_current(cohort, rate)
        before = _rate_values(rate)
        changes = field_changes(before, _rate_values(FundingRate(**values)), _RATE_LABELS)
        if not changes:
            return rate
        return _versioned_update(
            actor=actor,
            cohort=cohort,
            reason=reason,
            record=rate,
            values=values,
            what=f"changed funding line “{rate.label}”",
            changes=changes,
        )


def funding_rate_remove(*, actor, cohort: Cohort, rate: FundingRate, reason: str = "") -> None:
    with transaction.atomic():
        cohort = _locked_cohort(cohort)
        _require_current(cohort, rate)
        before = _rate_values(rate)
        _versioned_remove(
            actor=actor,
            cohort=cohort,
            reason=reason,
            record=rate,
            what=f"removed funding line “{rate.label}”",
            changes=field_changes(before, dict.fromkeys(before, ""), _RATE_LABELS),
        )
