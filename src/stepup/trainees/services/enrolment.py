"""Enrolling a trainee, planning their placements and recording a change of course."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.signals import trainee_left
from stepup.offers.models import Offer, OfferStatus
from stepup.partnerships.models import PartnershipAuthority, PartnershipUniversity
from stepup.partnerships.queries import partnerships_changeable_by
from stepup.trainees import queries
from stepup.trainees.lifecycle import TRAINEE_LIFECYCLE
from stepup.trainees.models import Placement, Trainee, TraineeStatus

NOT_YOURS = "Only the partnership's coordinator or a tutor at its university can do this"


def _university_of(offer: Offer):
    """The university that admits the partnership's trainees (the lead, or both)."""
    commissioned = PartnershipUniversity.objects.filter(partnership=offer.partnership)
    chosen = commissioned.exclude(role="delivery").order_by("pk").first() or commissioned.first()
    if chosen is None:
        raise ValidationError("The partnership has no university to enrol the trainee with")
    return chosen.university


def _may_enrol(actor, offer: Offer, university) -> bool:
    if partnerships_changeable_by(actor).filter(pk=offer.partnership_id).exists():
        return True
    return university.pk in actor.organisation_ids_with_role(Role.UNIVERSITY_TUTOR)


def trainee_enrol(
    *,
    actor,
    offer: Offer,
    enrolled_on: datetime.date,
    consent_to_link: bool,
    student_number: str = "",
) -> Trainee:
    """Enrol a candidate whose offer is unconditional with the partnership's university,
    hosted by their authority; their consent to link outcomes to the application is kept."""
    if offer.status != OfferStatus.UNCONDITIONAL:
        raise ValidationError("Only a candidate whose offer is unconditional can be enrolled")
    university = _university_of(offer)
    if not _may_enrol(actor, offer, university):
        raise ValidationError(NOT_YOURS)
    if Trainee.objects.filter(offer=offer).exists():
        raise ValidationError(f"{offer.application.full_name} is already enrolled")
    if enrolled_on > timezone.localdate():
        raise ValidationError({"enrolled_on": "The date of enrolment cannot be in the future"})
    with transaction.atomic():
        trainee = Trainee.objects.create(
            offer=offer,
            university=university,
            host=offer.host,
            enrolled_on=enrolled_on,
            enrolled_by=actor,
            consent_to_link=consent_to_link,
            student_number=student_number.strip(),
        )
        audit_record(
            actor=actor,
            record=trainee,
            action=AuditEntry.Action.CREATED,
            summary=f"Enrolled with {university}, hosted by {offer.host}"
            + ("" if consent_to_link else "; no consent to link outcomes to the application"),
            event="trainee.enrolled",
        )
    return trainee


def placement_add(*, actor, trainee: Trainee, **fields) -> Placement:
    """Plan a placement; the check against the cohort's rules is shown beside the plan."""
    if not queries.may_record(actor, trainee):
        raise ValidationError(NOT_YOURS)
    if trainee.status not in (TraineeStatus.ENROLLED, TraineeStatus.SUSPENDED):
        raise ValidationError("The trainee is no longer on the programme")
    if fields["ends_on"] < fields["starts_on"]:
        raise ValidationError({"ends_on": "The end date must be on or after the start date"})
    span = (fields["ends_on"] - fields["starts_on"]).days + 1
    if fields["days"] > span:
        raise ValidationError(
            {"days": f"{fields['days']} days will not fit between the dates: {span} at most"}
        )
    authority = fields.pop("authority")
    if not PartnershipAuthority.objects.filter(
        partnership=trainee.offer.partnership, authority=authority
    ).exists():
        raise ValidationError({"authority": "Choose one of the partnership's authorities"})
    with transaction.atomic():
        placement = Placement.objects.create(
            trainee=trainee, authority=authority, added_by=actor, **fields
        )
        audit_record(
            actor=actor,
            record=placement,
            action=AuditEntry.Action.CREATED,
            summary=f"Placement planned: {placement.setting}, {placement.days} days",
            event="placement.planned",
        )
    return placement


def placement_remove(*, actor, placement: Placement, reason: str) -> None:
    """Take a planned placement out of the plan, before it starts."""
    if not queries.may_record(actor, placement.trainee):
        raise ValidationError(NOT_YOURS)
    if placement.starts_on <= timezone.localdate():
        raise ValidationError("A placement that has started stays in the record")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the placement is taken out of the plan"})
    with transaction.atomic():
        audit_record(
            actor=actor,
            record=placement,
            action=AuditEntry.Action.REMOVED,
            summary=f"Placement taken out of the plan: {placement.setting}",
            reason=reason.strip(),
            event="placement.removed",
        )
        placement.delete()


def trainee_change(*, actor, trainee: Trainee, target: str, reason: str = "") -> Trainee:
    """Suspend, resume, withdraw or exclude the trainee, with the reason. Leaving starts the
    repayment due under the partnership's terms (funding hears of it by ``trainee_left``)."""
    with transaction.atomic():
        TRAINEE_LIFECYCLE.move(
            record=trainee,
            target=target,
            actor=actor,
            reason=reason,
            in_scope=queries.may_record(actor, trainee),
            summary=TRAINEE_LIFECYCLE.get(trainee.status, target).action,
        )
        if target in (TraineeStatus.WITHDRAWN, TraineeStatus.EXCLUDED):
            trainee_left.send(
                sender=Trainee,
                offer=trainee.offer,
                left_on=timezone.localdate(),
                reason=reason.strip(),
                actor=actor,
            )
    return trainee


def trainee_extend(*, actor, trainee: Trainee, until: datetime.date, reason: str) -> Trainee:
    """Give the trainee longer to finish the programme, with the reason."""
    if not queries.may_record(actor, trainee):
        raise ValidationError(NOT_YOURS)
    if trainee.status not in (TraineeStatus.ENROLLED, TraineeStatus.SUSPENDED):
        raise ValidationError("The trainee is no longer on the programme")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the trainee is given longer"})
    cohort = trainee.offer.partnership.cohort
    ends = queries.programme_end(trainee)
    if until <= ends:
        raise ValidationError(
            {"until": f"Enter a date after the programme's end, {ends:%-d %B %Y}"}
        )
    with transaction.atomic():
        Trainee.objects.filter(pk=trainee.pk).update(extended_to=until)
        trainee.extended_to = until
        audit_record(
            actor=actor,
            record=trainee,
            action=AuditEntry.Action.CHANGED,
            summary=f"Extended to {until:%-d %B %Y} (cohort {cohort.number} ends {ends:%-d %B %Y})",
            reason=reason.strip(),
            event="trainee.extended",
        )
    return trainee
