"""A centre day's assessors: the pool with their kinds and specialisms, conflicts of
interest, who observes whom in each exercise, and the check that every candidate has each
criterion seen by at least two different assessors before scoring starts."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.assessment.models import (
    AssessorKind,
    Assignment,
    Centre,
    CentreAssessor,
    CentreStatus,
    Conflict,
    Invitation,
)
from stepup.assessment.queries import (
    ASSESSING_ROLES,
    centre_exercises,
    coverage_gaps,
    may_run,
    panel_gaps,
)
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.programme.models import Exercise, Panel

NOT_YOURS = "You cannot run this partnership’s assessment centres"
LIVED_EXPERIENCE = (AssessorKind.SERVICE_USER, AssessorKind.YOUNG_PERSON)


def _check_runner(actor, centre: Centre) -> None:
    if not may_run(actor, partnership=centre.partnership):
        raise ValidationError(NOT_YOURS)


def _check_changeable(centre: Centre) -> None:
    if centre.assignments_confirmed_at is not None:
        raise ValidationError(
            "Who assesses whom is confirmed for this day: it can no longer change"
        )


def assessor_add(
    *, actor, centre: Centre, person, kind: str, specialism: str = ""
) -> CentreAssessor:
    """Add someone to the day's pool. Service users and young people assess through their
    own role, which gives them the plain scoring page."""
    _check_runner(actor, centre)
    if centre.status in (CentreStatus.CONFIRMED, CentreStatus.CANCELLED):
        raise ValidationError("The day is over: its pool of assessors can no longer change")
    errors = {}
    specialism = (specialism or "").strip()
    if kind not in AssessorKind.values:
        errors["kind"] = "Select what kind of assessor they are"
    elif kind in LIVED_EXPERIENCE and not person.has_role(Role.SERVICE_USER_ASSESSOR):
        errors["kind"] = (
            "Give them the service user assessor role first: it is how they reach their "
            "scoring page"
        )
    if not person.is_active or not person.has_role(*ASSESSING_ROLES):
        errors["person"] = "Choose someone with an assessor’s or a partnership staff role"
    elif centre.assessors.filter(person=person).exists():
        errors["person"] = "They are already in this day’s pool"
    if len(specialism) > 200:
        errors["specialism"] = "The specialism must be 200 characters or fewer"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessor = CentreAssessor.objects.create(
            centre=centre, person=person, kind=kind, specialism=specialism
        )
        audit_record(
            actor=actor,
            record=centre,
            action=AuditEntry.Action.CHANGED,
            summary=f"Added {assessor} to the assessors ({AssessorKind(kind).label.lower()})",
            event="centre.assessor_added",
        )
    return assessor


def conflict_declare(*, actor, assessor: CentreAssessor, invitation: Invitation) -> Conflict:
    """An assessor's conflict of interest with a candidate, declared by them or by whoever
    runs the day: they are taken off that candidate and cannot be put back."""
    centre = assessor.centre
    if actor is None or (
        actor.pk != assessor.person_id and not may_run(actor, partnership=centre.partnership)
    ):
        raise ValidationError("Only the assessor or whoever runs the day can declare a conflict")
    if invitation.centre_id != centre.pk:
        raise ValidationError("That candidate is not booked on this day")
    with transaction.atomic():
        conflict, created = Conflict.objects.get_or_create(assessor=assessor, invitation=invitation)
        removed, _ = Assignment.objects.filter(assessor=assessor, invitation=invitation).delete()
        if created:
            audit_record(
                actor=actor,
                record=centre,
                action=AuditEntry.Action.CHANGED,
                summary=f"{assessor} declared a conflict of interest with candidate "
                f"{invitation.candidate_number}"
                + (
                    f": taken off {removed} exercise{'s' if removed != 1 else ''}"
                    if removed
                    else ""
                ),
                event="centre.conflict_declared",
            )
    return conflict


def assignments_set(
    *, actor, assessor: CentreAssessor, exercise: Exercise, invitations: list[Invitation]
) -> None:
    """The candidates this assessor observes in this exercise (replacing any before)."""
    centre = assessor.centre
    _check_runner(actor, centre)
    _check_changeable(centre)
    if exercise not in centre_exercises(centre):
        raise ValidationError({"exercise": "Choose an exercise the centre day runs"})
    problems = []
    if exercise.panel in (Panel.UNIVERSITY, Panel.AUTHORITY) and assessor.kind != exercise.panel:
        raise ValidationError(
            {
                "invitations": f"The {exercise.name} is observed by "
                f"{Panel(exercise.panel).label.lower()}: choose one of them to observe it"
            }
        )
    for invitation in invitations:
        if invitation.centre_id != centre.pk:
            problems.append(f"Candidate {invitation.candidate_number} is not booked on this day")
        elif Conflict.objects.filter(assessor=assessor, invitation=invitation).exists():
            problems.append(
                f"{assessor} has a conflict of interest with candidate "
                f"{invitation.candidate_number}: choose another assessor for them"
            )
    if problems:
        raise ValidationError({"invitations": problems})
    with transaction.atomic():
        Assignment.objects.filter(assessor=assessor, exercise=exercise).delete()
        Assignment.objects.bulk_create(
            Assignment(assessor=assessor, exercise=exercise, invitation=invitation)
            for invitation in invitations
        )
        audit_record(
            actor=actor,
            record=centre,
            action=AuditEntry.Action.CHANGED,
            summary=f"{assessor} observes {len(invitations)} candidate"
            f"{'' if len(invitations) == 1 else 's'} in {exercise.name}",
            event="centre.assignments_set",
        )


def assignments_confirm(*, actor, centre: Centre) -> Centre:
    """Confirm who assesses whom: refused, naming each gap, unless every booked candidate
    has each criterion the day assesses seen by at least two different assessors."""
    _check_runner(actor, centre)
    _check_changeable(centre)
    problems = [
        f"Candidate {gap.candidate_number}: {gap.criterion} is seen by "
        + ("nobody" if gap.seen_by == 0 else "one assessor only")
        for gap in coverage_gaps(centre)
    ] + panel_gaps(centre)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        centre.assignments_confirmed_at = timezone.now()
        centre.save(update_fields=["assignments_confirmed_at"])
        audit_record(
            actor=actor,
            record=centre,
            action=AuditEntry.Action.CHANGED,
            summary="Confirmed who assesses whom: each criterion seen by two assessors",
            event="centre.assignments_confirmed",
        )
    return centre


def observations_set(
    *, actor, assessor: CentreAssessor, plan: dict[Exercise, list[Invitation]]
) -> None:
    """Whom this assessor observes in each of the day's exercises, all at once: each
    exercise as ``assignments_set`` would, all or nothing. Errors name the exercise
    (``exercise_<id>``)."""
    errors: dict[str, list[str]] = {}
    with transaction.atomic():
        for exercise, invitations in plan.items():
            try:
                assignments_set(
                    actor=actor, assessor=assessor, exercise=exercise, invitations=invitations
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    raise
                errors[f"exercise_{exercise.pk}"] = [
                    message for messages in error.message_dict.values() for message in messages
                ]
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ValidationError(errors)
