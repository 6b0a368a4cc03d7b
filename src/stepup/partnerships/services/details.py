"""A partnership's details: name, code, lead authority, coordinator, contract model, target."""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from stepup.accounts.models import Organisation
from stepup.accounts.roles import OrganisationKind, Role
from stepup.core.audit import audit_record, field_changes, update_and_audit
from stepup.core.formatting import pounds
from stepup.core.models import AuditEntry
from stepup.partnerships.models import (
    ContractModel,
    Partnership,
    PartnershipAuthority,
    PartnershipStatus,
)
from stepup.partnerships.queries import (
    is_coordinator_at,
)
from stepup.partnerships.services.common import (
    CODE_PATTERN,
    DETAIL_FIELDS,
    DETAIL_LABELS,
    MAX_RECRUITMENT_TARGET,
    _require_change_rights,
    lead_not_member_message,
)
from stepup.programme.models import CohortStatus

# Details


def _details_display(partnership: Partnership) -> dict[str, str]:
    """The details as people read them, for the audit trail."""
    return {
        "name": partnership.name,
        "code": partnership.code,
        "lead_authority": partnership.lead_authority.name if partnership.lead_authority_id else "",
        "coordinator": str(partnership.coordinator) if partnership.coordinator_id else "",
        "contract_model": partnership.get_contract_model_display(),
        "tie_in_amount_pence": pounds(partnership.tie_in_amount_pence),
        "tie_in_terms": partnership.tie_in_terms,
        "recruitment_target": (
            "" if partnership.recruitment_target is None else str(partnership.recruitment_target)
        ),
    }


def _normalise(values: dict) -> dict:
    values = dict(values)
    values["name"] = (values.get("name") or "").strip()
    values["code"] = (values.get("code") or "").strip().upper()
    values["tie_in_terms"] = (values.get("tie_in_terms") or "").strip()
    if values.get("contract_model") != ContractModel.TIE_IN:
        # Terms of a model no longer in use would mislead anyone reading the record.
        values["tie_in_amount_pence"] = None
        values["tie_in_terms"] = ""
    return values


def details_errors(
    *, cohort, values: dict, exclude_pk: int | None = None, check_coordinator: bool = True
) -> dict[str, list]:
    """Everything wrong with a partnership's details, by field. ``check_coordinator`` is off
    when neither the coordinator nor the lead authority changes, so that an edit of another
    detail is not blocked by a coordinator who has since moved on."""
    errors: dict[str, list] = defaultdict(list)
    others = Partnership.objects.filter(cohort=cohort)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)

    name = values["name"]
    if not name:
        errors["name"].append("Enter the name of the partnership")
    elif len(name) > 200:
        errors["name"].append("Name must be 200 characters or fewer")
    elif others.filter(name__iexact=name).exists():
        errors["name"].append(
            f"Another partnership in cohort {cohort.number} is already called {name}. "
            "Enter a different name"
        )

    code = values["code"]
    if not code:
        errors["code"].append("Enter a short code, like SELP")
    elif not CODE_PATTERN.match(code):
        errors["code"].append("Short code must be 2 to 10 capital letters or digits, like SELP")
    elif others.filter(code=code).exists():
        errors["code"].append(
            f"Another partnership in cohort {cohort.number} already uses the short code {code}. "
            "Enter a different short code"
        )

    lead = values["lead_authority"]
    if lead is None:
        errors["lead_authority"].append("Select the lead authority")
    elif lead.kind != OrganisationKind.LOCAL_AUTHORITY:
        errors["lead_authority"].append(
            f"{lead.name} is not a local authority. Select a local authority"
        )

    coordinator = values["coordinator"]
    if (
        check_coordinator
        and coordinator is not None
        and lead is not None
        and not is_coordinator_at(coordinator, lead)
    ):
        errors["coordinator"].append(
            f"{coordinator} is not a partnership coordinator at {lead.name}. Choose a "
            "coordinator who works for the lead authority, or leave it blank"
        )

    model = values["contract_model"]
    if model not in ContractModel.values:
        errors["contract_model"].append("Select the trainee contract model")
    elif model == ContractModel.TIE_IN:
        amount = values["tie_in_amount_pence"]
        if amount is None:
            errors["tie_in_amount_pence"].append("Enter the tie-in amount, like 3000")
        elif amount <= 0:
            errors["tie_in_amount_pence"].append("The tie-in amount must be more than £0")
        if not values["tie_in_terms"]:
            errors["tie_in_terms"].append(
                "Enter the terms of the tie-in, like repayable if the trainee does not apply "
                "to the host authority within six months"
            )

    target = values["recruitment_target"]
    if target is not None:
        if target < 1:
            errors["recruitment_target"].append("Recruitment target must be 1 or more")
        elif target > MAX_RECRUITMENT_TARGET:
            errors["recruitment_target"].append(
                f"Recruitment target must be {MAX_RECRUITMENT_TARGET} or fewer"
            )
    return errors


def partnership_create(
    *,
    actor,
    cohort,
    name: str,
    code: str,
    lead_authority: Organisation,
    coordinator=None,
    contract_model: str = ContractModel.BURSARY,
    tie_in_amount_pence: int | None = None,
    tie_in_terms: str = "",
    recruitment_target: int | None = None,
) -> Partnership:
    """A new partnership in draft; its lead authority is its first member, with 0 places."""
    values = _normalise(
        {
            "name": name,
            "code": code,
            "lead_authority": lead_authority,
            "coordinator": coordinator,
            "contract_model": contract_model,
            "tie_in_amount_pence": tie_in_amount_pence,
            "tie_in_terms": tie_in_terms,
            "recruitment_target": recruitment_target,
        }
    )
    errors = details_errors(cohort=cohort, values=values)
    if actor is not None and not actor.has_role(Role.NATIONAL_ADMIN):
        if not actor.has_role(Role.COORDINATOR):
            raise PermissionDenied("You cannot create a partnership")
        if cohort.status != CohortStatus.OPEN_FOR_BIDS:
            errors["cohort"].append(
                f"Cohort {cohort.number} is not open for bids. Choose a cohort that is open "
                "for bids"
            )
        if lead_authority is not None and lead_authority.pk not in (
            actor.organisation_ids_with_role(Role.COORDINATOR)
        ):
            errors["lead_authority"].append(
                "Select an authority you are a partnership coordinator for"
            )
    if errors:
        raise ValidationError(dict(errors))

    try:
        with transaction.atomic():
            partnership = Partnership.objects.create(
                cohort=cohort, status=PartnershipStatus.DRAFT, **values
            )
            PartnershipAuthority.objects.create(
                partnership=partnership, authority=values["lead_authority"], places=0
            )
            after = {"cohort": str(cohort)} | _details_display(partnership)
            after["status"] = partnership.get_status_display()
            audit_record(
                actor=actor,
                record=partnership,
                action=AuditEntry.Action.CREATED,
                summary="Created the partnership",
                changes=field_changes({}, after, DETAIL_LABELS),
            )
    except IntegrityError:
        # Another person saved the same name or code a moment ago.
        raise ValidationError(
            {"code": "Another partnership in this cohort already uses this name or short code"}
        ) from None
    return partnership


def partnership_update(*, actor, partnership: Partnership, reason: str = "", **fields):
    """Change any of the details; every status allows it, and the change is audited."""
    unknown = set(fields) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"partnership_update() cannot change {', '.join(sorted(unknown))}")
    _require_change_rights(actor, partnership)
    values = {name: getattr(partnership, name) for name in DETAIL_FIELDS}
    values.update(fields)
    values = _normalise(values)
    errors = details_errors(
        cohort=partnership.cohort,
        values=values,
        exclude_pk=partnership.pk,
        check_coordinator=(
            values["coordinator"] != partnership.coordinator
            or values["lead_authority"] != partnership.lead_authority
        ),
    )

    new_lead = values["lead_authority"]
    if new_lead is not None and new_lead.pk != partnership.lead_authority_id:
        if actor is not None and not actor.has_role(Role.NATIONAL_ADMIN):
            errors["lead_authority"].append(
                "Only the national programme team can change the lead authority"
            )
        elif not partnership.members.filter(authority=new_lead).exists():
            errors["lead_authority"].append(
                lead_not_member_message(new_lead.name)
                + ". Add it on the members and places page first"
            )
    if errors:
        raise ValidationError(dict(errors))

    try:
        with transaction.atomic():
            update_and_audit(
                actor=actor,
                record=partnership,
                values=values,
                summary="Changed the partnership’s details",
                shown=_details_display,
                labels=DETAIL_LABELS,
                reason=reason,
            )
    except IntegrityError:
        partnership.refresh_from_db()
        raise ValidationError(
            {"code": "Another partnership in this cohort already uses this name or short code"}
        ) from None
    return partnership
