"""The programme of study, results, progress reviews, learning needs and early warnings.

A warning is raised by the service the moment its cause is recorded (a failed result, a red
review, a placement at risk) or, for a missed hand-in, by the daily sweep
(``manage.py early_warnings``); the trainee's academic tutor and coordinator are emailed at
once, and every member of staff who shares the trainee sees it on "Early warnings".
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later
from stepup.trainees import queries
from stepup.trainees.models import (
    Assessment,
    AssessmentKind,
    EarlyWarning,
    LearningNeed,
    Module,
    Placement,
    ProgressReview,
    Rag,
    Result,
    Trainee,
    TraineeStatus,
    WarningKind,
)

NOT_YOURS = "Only the partnership's coordinator or a tutor at its university can do this"
ON_PROGRAMME = (TraineeStatus.ENROLLED, TraineeStatus.SUSPENDED)


def _recorder(actor, trainee: Trainee) -> None:
    if not queries.may_record(actor, trainee):
        raise ValidationError(NOT_YOURS)


def _university_staff(actor, university) -> None:
    if actor.has_role(Role.NATIONAL_ADMIN):
        return
    if university.pk not in actor.organisation_ids_with_role(Role.UNIVERSITY_TUTOR):
        raise ValidationError("Only the university's tutors can change its programme")


def _created(actor, record, summary: str, event: str) -> None:
    audit_record(
        actor=actor, record=record, action=AuditEntry.Action.CREATED, summary=summary, event=event
    )


# The programme of study.


def module_add(
    *, actor, university, cohort, name: str, credits: int, level: str, position: int = 0
) -> Module:
    _university_staff(actor, university)
    if not name.strip():
        raise ValidationError({"name": "Enter the module's name"})
    if Module.objects.filter(university=university, cohort=cohort, name=name.strip()).exists():
        raise ValidationError({"name": "The programme already has a module of that name"})
    with transaction.atomic():
        module = Module.objects.create(
            university=university,
            cohort=cohort,
            name=name.strip(),
            credits=credits,
            level=level.strip(),
            position=position,
        )
        _created(actor, module, f"Module added: {module.name}", "module.added")
    return module


def assessment_add(
    *,
    actor,
    module: Module,
    name: str,
    kind: str,
    hand_in_on: datetime.date,
    pass_fail: bool,
    words: int | None = None,
    hand_back_on: datetime.date | None = None,
    pass_mark: int = 50,
) -> Assessment:
    _university_staff(actor, module.university)
    if kind not in AssessmentKind.values:
        raise ValidationError({"kind": "Select what kind of assessment it is"})
    if hand_back_on is not None and hand_back_on < hand_in_on:
        raise ValidationError({"hand_back_on": "The hand-back date must be after the hand-in"})
    with transaction.atomic():
        assessment = Assessment.objects.create(
            module=module,
            name=name.strip(),
            kind=kind,
            words=words,
            hand_in_on=hand_in_on,
            hand_back_on=hand_back_on,
            pass_fail=pass_fail,
            pass_mark=pass_mark,
        )
        _created(actor, assessment, f"Assessment added: {assessment}", "assessment.added")
    return assessment


# Results.


def result_record(
    *,
    actor,
    trainee: Trainee,
    assessment: Assessment,
    mark: int | None = None,
    passed: bool | None = None,
) -> Result:
    """A result, at the next attempt: a mark for a marked assessment (a resubmission counts
    at most its cap), or pass or fail. A fail raises an early warning; any result clears a
    missed hand-in's."""
    _recorder(actor, trainee)
    if trainee.status not in ON_PROGRAMME:
        raise ValidationError("The trainee is no longer on the programme")
    if (
        assessment.module.university_id != trainee.university_id
        or assessment.module.cohort_id != trainee.offer.partnership.cohort_id
    ):
        raise ValidationError({"assessment": "That assessment is not in the trainee's programme"})
    attempt = Result.objects.filter(trainee=trainee, assessment=assessment).count() + 1
    counted = None
    if assessment.pass_fail:
        if passed is None:
            raise ValidationError({"passed": "Select pass or fail"})
        mark = None
    else:
        if mark is None or not 0 <= mark <= 100:
            raise ValidationError({"mark": "Enter a mark from 0 to 100"})
        counted = mark if attempt == 1 else min(mark, assessment.resubmission_cap)
        passed = mark >= assessment.pass_mark
    with transaction.atomic():
        result = Result.objects.create(
            trainee=trainee,
            assessment=assessment,
            attempt=attempt,
            mark=mark,
            counted_mark=counted,
            passed=passed,
            recorded_by=actor,
        )
        got = "passed" if passed else "failed"
        _created(
            actor,
            result,
            f"{assessment}: {got}"
            + ("" if mark is None else f" with {mark}")
            + (
                f" (resubmission, counts as {counted})"
                if attempt > 1 and counted is not None
                else ""
            ),
            "result.recorded",
        )
        for open_warning in EarlyWarning.objects.filter(
            trainee=trainee,
            assessment=assessment,
            kind=WarningKind.MISSED_HAND_IN,
            resolved_at__isnull=True,
        ):
            _resolve(open_warning, actor=actor, resolution="The work was handed in")
        if not passed:
            warning_raise(
                trainee=trainee,
                kind=WarningKind.FAILED,
                detail=f"Failed {assessment.name} ({assessment.module.name})"
                + ("" if mark is None else f" with {mark}")
                + (f", attempt {attempt}" if attempt > 1 else ""),
                caused_by=actor,
            )
    return result


# Reviews, needs and placements at risk.


def review_record(
    *, actor, trainee: Trainee, held_on: datetime.date, rag: str, notes: str
) -> ProgressReview:
    _recorder(actor, trainee)
    if rag not in Rag.values:
        raise ValidationError({"rag": "Select red, amber or green"})
    if not notes.strip():
        raise ValidationError({"notes": "Write what the review found"})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "The review's date cannot be in the future"})
    with transaction.atomic():
        review = ProgressReview.objects.create(
            trainee=trainee, held_on=held_on, rag=rag, notes=notes.strip(), recorded_by=actor
        )
        _created(actor, review, f"Progress review: {review.get_rag_display()}", "review.recorded")
        if rag == Rag.RED:
            warning_raise(
                trainee=trainee,
                kind=WarningKind.RED_REVIEW,
                detail=f"Red progress review on {held_on:%-d %B %Y}",
                caused_by=actor,
            )
    return review


def learning_need_record(*, actor, trainee: Trainee, need: str, adjustments: str) -> LearningNeed:
    _recorder(actor, trainee)
    if not need.strip():
        raise ValidationError({"need": "Describe the learning need"})
    if not adjustments.strip():
        raise ValidationError({"adjustments": "Say what reasonable adjustments are made"})
    with transaction.atomic():
        recorded = LearningNeed.objects.create(
            trainee=trainee, need=need.strip(), adjustments=adjustments.strip(), recorded_by=actor
        )
        _created(actor, recorded, "Learning need and adjustments recorded", "need.recorded")
    return recorded


def placement_flag(*, actor, placement: Placement, reason: str) -> Placement:
    """Say a placement is at risk: its tutors and coordinator are warned at once."""
    _recorder(actor, placement.trainee)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the placement is at risk"})
    with transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(at_risk=reason.strip())
        placement.at_risk = reason.strip()
        audit_record(
            actor=actor,
            record=placement,
            action=AuditEntry.Action.CHANGED,
            summary=f"Placement at risk: {placement.setting}",
            reason=reason.strip(),
            event="placement.at_risk",
        )
        warning_raise(
            trainee=placement.trainee,
            kind=WarningKind.PLACEMENT_AT_RISK,
            detail=f"{placement.setting}: {reason.strip()}"[:300],
            placement=placement,
            caused_by=actor,
        )
    return placement


# Early warnings.


def warning_raise(
    *,
    trainee: Trainee,
    kind: str,
    detail: str,
    assessment: Assessment | None = None,
    placement: Placement | None = None,
    caused_by=None,
) -> EarlyWarning:
    warning = EarlyWarning.objects.create(
        trainee=trainee, kind=kind, detail=detail, assessment=assessment, placement=placement
    )
    audit_record(
        actor=caused_by,
        record=warning,
        action=AuditEntry.Action.CREATED,
        summary=f"Early warning: {warning}",
        event=f"warning.{kind}",
    )
    for person in queries.warned_about(trainee):
        email_later(
            to=person.email,
            subject=f"Early warning: {trainee.name}",
            body=(
                f"An early warning has been raised for {trainee.name}: {warning}.\n\n"
                "Sign in to Step Up and open Early warnings to see it and what has been done."
            ),
        )
    return warning


def warnings_raise_missed(*, today: datetime.date | None = None) -> int:
    """Raise a warning for each hand-in date passed without the trainee's work: run daily."""
    today = today or timezone.localdate()
    raised = 0
    for trainee in Trainee.objects.filter(status=TraineeStatus.ENROLLED).select_related(
        "offer__partnership", "offer__application"
    ):
        due = Assessment.objects.filter(
            module__university_id=trainee.university_id,
            module__cohort_id=trainee.offer.partnership.cohort_id,
            hand_in_on__lt=today,
        ).exclude(results__trainee=trainee)
        warned = set(
            EarlyWarning.objects.filter(
                trainee=trainee, kind=WarningKind.MISSED_HAND_IN
            ).values_list("assessment_id", flat=True)
        )
        for assessment in due.select_related("module"):
            if assessment.pk in warned:
                continue
            with transaction.atomic():
                warning_raise(
                    trainee=trainee,
                    kind=WarningKind.MISSED_HAND_IN,
                    detail=f"{assessment.name} ({assessment.module.name}) was due on "
                    f"{assessment.hand_in_on:%-d %B %Y}",
                    assessment=assessment,
                )
            raised += 1
    return raised


def _resolve(warning: EarlyWarning, *, actor, resolution: str) -> None:
    EarlyWarning.objects.filter(pk=warning.pk).update(
        resolved_at=timezone.now(), resolved_by=actor, resolution=resolution
    )
    audit_record(
        actor=actor,
        record=warning,
        action=AuditEntry.Action.CHANGED,
        summary=f"Early warning resolved: {resolution}",
        event="warning.resolved",
    )


def warning_resolve(*, actor, warning: EarlyWarning, resolution: str) -> EarlyWarning:
    _recorder(actor, warning.trainee)
    if warning.resolved_at is not None:
        raise ValidationError("This warning is already resolved")
    if not resolution.strip():
        raise ValidationError({"resolution": "Say what has been done about it"})
    _resolve(warning, actor=actor, resolution=resolution.strip())
    warning.refresh_from_db()
    return warning
