"""An accepted offer's conditions, the agreement generated when the last is met, and the
partnership's agreement terms."""

import datetime
from string import Template

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.core.audit import audit_record
from stepup.core.formatting import govuk_date, pounds
from stepup.core.models import AuditEntry
from stepup.offers import queries
from stepup.offers.lifecycle import CONDITION_LIFECYCLE, OFFER_LIFECYCLE
from stepup.offers.models import (
    Agreement,
    Condition,
    ConditionStatus,
    Offer,
    OfferStatus,
    Terms,
)
from stepup.partnerships.models import (
    ContractModel,
    Partnership,
    PartnershipUniversity,
)

# Conditions.


def condition_meet(*, actor, condition: Condition, evidence: str) -> Condition:
    """The owner records the evidence that a condition is met; the offer becomes
    unconditional with the last, and the trainee's agreement is generated."""
    if not evidence.strip():
        raise ValidationError("Enter the evidence you checked, such as the certificate number")
    if condition.offer.status != OfferStatus.ACCEPTED:
        raise ValidationError("Conditions can only be met on an accepted offer")
    with transaction.atomic():
        CONDITION_LIFECYCLE.move(
            record=condition,
            target=ConditionStatus.MET,
            actor=actor,
            in_scope=queries.may_verify(actor, condition),
            summary=f"{condition.get_kind_display()}: met",
            fields={
                "evidence": evidence.strip(),
                "verified_by": actor,
                "verified_at": timezone.now(),
            },
        )
        offer = Offer.objects.select_for_update().get(pk=condition.offer_id)
        outstanding = offer.conditions.filter(status=ConditionStatus.OUTSTANDING).exists()
        if not outstanding and offer.status == OfferStatus.ACCEPTED:
            OFFER_LIFECYCLE.move(
                record=offer,
                target=OfferStatus.UNCONDITIONAL,
                actor=None,
                caused_by=actor,
                summary="Every condition met: the offer is unconditional",
            )
            agreement_generate(offer=offer, actor=actor)
    return condition


def condition_reopen(*, actor, condition: Condition, reason: str) -> Condition:
    """Undo a condition recorded as met by mistake, while the offer is still conditional."""
    if condition.offer.status != OfferStatus.ACCEPTED:
        raise ValidationError("The offer is unconditional: withdraw it if a check has failed")
    CONDITION_LIFECYCLE.move(
        record=condition,
        target=ConditionStatus.OUTSTANDING,
        actor=actor,
        reason=reason,
        in_scope=queries.may_verify(actor, condition),
        summary=f"{condition.get_kind_display()}: reopened",
        fields={"verified_by": None, "verified_at": None},
    )
    return condition


# Agreements.


def contract_terms(partnership: Partnership, terms: Terms) -> str:
    """The paragraph the contract model puts in the agreement."""
    bursary = (
        f"a training bursary of {pounds(terms.bursary_pence)}"
        if terms.bursary_pence
        else "a training bursary"
    )
    repayment = f" {terms.repayment_terms.strip()}" if terms.repayment_terms.strip() else ""
    model = partnership.contract_model
    if model == ContractModel.EMPLOYMENT:
        return (
            "$trainee will be employed by $host_authority on a fixed-term contract for the "
            "length of the programme, on the terms of its employment contract." + repayment
        )
    if model == ContractModel.GUARANTEED_JOB:
        return (
            f"$trainee will receive {bursary}, paid monthly.{repayment} On qualifying, "
            "$trainee will be offered a post as a newly qualified social worker with "
            "$host_authority."
        )
    if model == ContractModel.TIE_IN:
        tie_in = pounds(partnership.tie_in_amount_pence) if partnership.tie_in_amount_pence else ""
        return (
            f"$trainee will receive {bursary}, paid monthly.{repayment} If $trainee does not "
            "apply for a social work post with $host_authority within six months of "
            f"completing the programme, they will repay {tie_in or 'the tie-in sum'}. "
            + partnership.tie_in_terms.strip()
        ).strip()
    return f"$trainee will receive {bursary}, paid monthly.{repayment}"


def agreement_text(offer: Offer, terms: Terms) -> str:
    partnership = offer.partnership
    cohort = partnership.cohort
    university = PartnershipUniversity.objects.filter(partnership=partnership).first()
    values = {
        "trainee": offer.application.full_name or offer.application.reference,
        "reference": offer.application.reference,
        "partnership": partnership.name,
        "lead_authority": str(partnership.lead_authority),
        "host_authority": str(offer.host),
        "university": str(university.university) if university else "the partnership's university",
        "cohort": str(cohort.number),
        "start_date": govuk_date(cohort.start_date),
        "length_months": str(cohort.length_months),
    }
    paragraph = Template(contract_terms(partnership, terms)).safe_substitute(values)
    return Template(terms.template).safe_substitute({**values, "contract_terms": paragraph})


def agreement_generate(*, offer: Offer, actor=None) -> Agreement:
    terms = queries.terms_for(offer.partnership)
    agreement = Agreement.objects.create(
        offer=offer,
        text=agreement_text(offer, terms),
        sign_by=offer.partnership.cohort.start_date
        - datetime.timedelta(days=terms.sign_by_days_before_start),
    )
    audit_record(
        actor=actor,
        record=agreement,
        action=AuditEntry.Action.CREATED,
        summary=f"Agreement generated from the {offer.partnership.code} template",
        event="agreement.generated",
    )
    return agreement


def agreement_record(
    *, actor, agreement: Agreement, sent_on: datetime.date | None, signed_on: datetime.date | None
) -> Agreement:
    """Record when the agreement was sent and signed."""
    if not queries.may_change(actor, agreement.offer):
        raise ValidationError("You cannot change this partnership's agreements")
    if signed_on and not (sent_on or agreement.sent_on):
        raise ValidationError("Enter the date it was sent before the date it was signed")
    sent = sent_on or agreement.sent_on
    if signed_on and sent and signed_on < sent:
        raise ValidationError("The date it was signed must be on or after the date it was sent")
    today = timezone.localdate()
    if (sent_on and sent_on > today) or (signed_on and signed_on > today):
        raise ValidationError("The dates cannot be in the future")
    changes = []
    for name, value in (("sent_on", sent_on), ("signed_on", signed_on)):
        if value and getattr(agreement, name) != value:
            changes.append(name)
            setattr(agreement, name, value)
    if changes:
        agreement.save(update_fields=changes)
        audit_record(
            actor=actor,
            record=agreement,
            action=AuditEntry.Action.CHANGED,
            summary="Agreement "
            + " and ".join(
                f"{'sent' if name == 'sent_on' else 'signed'} on "
                f"{govuk_date(getattr(agreement, name))}"
                for name in changes
            ),
            event="agreement.updated",
        )
    return agreement


def terms_save(*, actor, partnership: Partnership, **values) -> Terms:
    if not queries.may_change_partnership(actor, partnership):
        raise ValidationError("You cannot change this partnership's terms")
    terms = queries.terms_for(partnership)
    created = terms.pk is None
    for name, value in values.items():
        setattr(terms, name, value)
    terms.full_clean()
    terms.save()
    audit_record(
        actor=actor,
        record=terms,
        action=AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED,
        summary="Agreement terms set" if created else "Agreement terms changed",
        event="terms.saved",
    )
    return terms
