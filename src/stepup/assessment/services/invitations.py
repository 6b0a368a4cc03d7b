"""Inviting screened-in candidates, their bookings, the adjustments they ask for, and who
came on the day. Each invitation and each attendance is a move of the application's status
(docs/adr/0015-assessment-centres.md); booking and moving a slot are audited on it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import Application, ApplicationStatus
from stepup.assessment.models import (
    AdjustmentOutcome,
    AdjustmentRequest,
    Centre,
    CentreStatus,
    Invitation,
    Slot,
)
from stepup.assessment.queries import may_run
from stepup.core.audit import audit_record
from stepup.core.formatting import govuk_date
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort, SiftBy

NOT_YOURS = "You cannot run this partnership’s assessment centres"
NOTE_MAX = 2000


def _signature() -> str:
    return f"\n\nSign in to see your application: {settings.SERVICE_URL}/\n\nThe Step Up team"


def _centres_of(cohort: Cohort, partnership: Partnership | None):
    return Centre.objects.filter(cohort=cohort, partnership=partnership)


def invitations_send(*, actor, cohort: Cohort, partnership: Partnership | None) -> int:
    """Invite every screened-in candidate not yet invited to the partnership's centres (or
    the national ones): each is emailed to choose a slot. Returns how many were invited."""
    if not may_run(actor, partnership=partnership):
        raise ValidationError(NOT_YOURS)
    if not _centres_of(cohort, partnership).filter(status=CentreStatus.OPEN).exists():
        raise ValidationError("Open a centre day for booking before you invite candidates")
    waiting = Application.objects.filter(
        cohort=cohort,
        status=ApplicationStatus.SCREENED_IN,
        centre_invitation__isnull=True,
    ).select_related("candidate", "rules")
    national = SiftBy.NATIONAL
    if partnership is None:
        waiting = waiting.filter(rules__centres_run_by=national)
    else:
        waiting = waiting.filter(first_choice=partnership).exclude(rules__centres_run_by=national)
    invited = 0
    with transaction.atomic():
        for application in waiting.order_by("submitted_at", "pk"):
            Invitation.objects.create(application=application, partnership=partnership)
            APPLICATION_LIFECYCLE.move(
                record=application,
                target=ApplicationStatus.INVITED,
                actor=actor,
                summary="Invited to an assessment centre",
                in_scope=True,
            )
            email_later(
                to=application.candidate.email,
                subject=f"Choose your assessment centre day: application {application.reference}",
                body=(
                    f"Dear {application.full_name or 'applicant'},\n\n"
                    "You are invited to an assessment centre: a day of exercises and an "
                    "interview. Sign in to choose a day and time that suits you, and tell us "
                    "about anything you need to take part on equal terms." + _signature()
                ),
            )
            invited += 1
    return invited


def booking_make(*, actor, application: Application, slot: Slot) -> Invitation:
    """Book (or move to) a slot: the candidate while the centre takes bookings, or whoever
    runs it until the day. The candidate's number on the day is kept if they stay at the
    same centre."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("application", "slot__centre")
            .filter(application=application)
            .first()
        )
        if invitation is None or invitation.application.status != ApplicationStatus.INVITED:
            raise ValidationError("This application is not waiting to book an assessment centre")
        slot = Slot.objects.select_for_update(of=("self",)).select_related("centre").get(pk=slot.pk)
        centre = Centre.objects.select_for_update().get(pk=slot.centre_id)
        is_candidate = actor is not None and actor.pk == invitation.application.candidate_id
        staff = not is_candidate and may_run(actor, partnership=centre.partnership)
        if not (is_candidate or staff):
            raise ValidationError(NOT_YOURS)
        if (
            centre.cohort_id != invitation.application.cohort_id
            or centre.partnership_id != invitation.partnership_id
        ):
            raise ValidationError("Choose a time at one of the centres you are invited to")
        if centre.status != CentreStatus.OPEN:
            raise ValidationError("This centre day is not taking bookings")
        if is_candidate and timezone.now() >= centre.booking_closes_at:
            raise ValidationError(
                "Booking for this day has closed. Contact the partnership if you need to change"
            )
        if not is_candidate and timezone.localdate() >= centre.day:
            raise ValidationError("The centre day has begun: bookings can no longer change")
        if invitation.slot_id == slot.pk:
            raise ValidationError("This time is already booked: choose another to move")
        if slot.bookings.exclude(pk=invitation.pk).count() >= slot.places:
            raise ValidationError("This time is full: choose another")
        before = invitation.slot
        same_centre = invitation.centre_id == centre.pk
        if not same_centre:
            highest = centre.bookings.aggregate(n=Max("candidate_number"))["n"] or 0
            invitation.candidate_number = highest + 1
        invitation.slot, invitation.centre = slot, centre
        invitation.booked_at = timezone.now()
        invitation.save(update_fields=["slot", "centre", "candidate_number", "booked_at"])
        where = f"{centre}, {slot}"
        audit_record(
            actor=actor,
            record=invitation.application,
            action=AuditEntry.Action.CHANGED,
            summary=f"Booked the assessment centre: {where}"
            if before is None
            else f"Moved the assessment centre booking to {where}",
            changes=[
                {
                    "field": "Assessment centre",
                    "before": f"{before.centre}, {before}" if before else "(blank)",
                    "after": where,
                }
            ],
            event="centre.booked" if before is None else "centre.booking_moved",
        )
        application = invitation.application
        email_later(
            to=application.candidate.email,
            subject=f"Your assessment centre: {govuk_date(centre.day)}",
            body=(
                f"Dear {application.full_name or 'applicant'},\n\n"
                f"Your assessment centre is on {govuk_date(centre.day)}, from {slot}, "
                f"at {centre.venue}:\n{centre.address}\n\n"
                f"Your candidate number on the day is {invitation.candidate_number}." + _signature()
            ),
        )
    return invitation


def adjustment_ask(*, candidate, application: Application, request: str) -> AdjustmentRequest:
    """A reasonable adjustment the candidate asks for, for the people running the day."""
    request = (request or "").strip()
    invitation = Invitation.objects.filter(application=application).first()
    if invitation is None or application.candidate_id != candidate.pk:
        raise ValidationError("You can ask for an adjustment once you are invited")
    if application.status != ApplicationStatus.INVITED:
        raise ValidationError("Your assessment centre day has passed")
    if not request:
        raise ValidationError({"request": "Say what you need to take part on equal terms"})
    if len(request) > NOTE_MAX:
        raise ValidationError({"request": f"This must be {NOTE_MAX:,} characters or fewer"})
    with transaction.atomic():
        adjustment = AdjustmentRequest.objects.create(invitation=invitation, request=request)
        # Its words stay out of the audit trail: they may be about the candidate's health.
        audit_record(
            actor=candidate,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary="Asked for a reasonable adjustment at the assessment centre",
            event="centre.adjustment_asked",
            values={"adjustment": adjustment.pk},
        )
    return adjustment


def adjustment_answer(
    *, actor, adjustment: AdjustmentRequest, outcome: str, answer: str
) -> AdjustmentRequest:
    """The answer the candidate reads: agreed, partly, or not possible and why."""
    invitation = adjustment.invitation
    if not may_run(actor, partnership=invitation.partnership):
        raise ValidationError(NOT_YOURS)
    answer = (answer or "").strip()
    errors = {}
    if outcome not in AdjustmentOutcome.values:
        errors["outcome"] = "Select whether you can make the adjustment"
    if not answer:
        errors["answer"] = "Enter your answer to the candidate"
    elif len(answer) > NOTE_MAX:
        errors["answer"] = f"The answer must be {NOTE_MAX:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        adjustment.outcome, adjustment.answer = outcome, answer
        adjustment.answered_by, adjustment.answered_at = actor, timezone.now()
        adjustment.save(update_fields=["outcome", "answer", "answered_by", "answered_at"])
        application = invitation.application
        audit_record(
            actor=actor,
            record=application,
            action=AuditEntry.Action.CHANGED,
            summary="Answered a request for an adjustment: "
            + AdjustmentOutcome(outcome).label.lower(),
            event="centre.adjustment_answered",
            values={"adjustment": adjustment.pk},
        )
        email_later(
            to=application.candidate.email,
            subject="Your request for an adjustment at the assessment centre",
            body=(
                f"Dear {application.full_name or 'applicant'},\n\n"
                f"About what you asked for: {answer}" + _signature()
            ),
        )
    return adjustment


def attendance_record(*, actor, invitation: Invitation, attended: bool, reason: str = "") -> None:
    """Who came on the day; a candidate who did not come has that as their outcome, with the
    reason (which they are not shown)."""
    centre = invitation.centre
    if centre is None:
        raise ValidationError("This candidate has not booked a centre day")
    if centre.status not in (CentreStatus.OPEN, CentreStatus.HELD):
        raise ValidationError("Attendance can be recorded only for a day that is going ahead")
    if timezone.localdate() < centre.day:
        raise ValidationError("Attendance can be recorded on the day or after it")
    reason = (reason or "").strip()
    if not attended and not reason:
        raise ValidationError({"reason": "Enter why the candidate did not attend"})
    APPLICATION_LIFECYCLE.move(
        record=invitation.application,
        target=ApplicationStatus.ATTENDED if attended else ApplicationStatus.DID_NOT_ATTEND,
        actor=actor,
        summary=f"Attended the assessment centre at {centre}"
        if attended
        else f"Did not attend the assessment centre at {centre}",
        reason="" if attended else reason,
        in_scope=may_run(actor, partnership=centre.partnership),
    )
