"""Scoring at the centre and the wash-up: each assessor scores the candidates they observe on
each criterion of the exercise, with evidence; whoever runs the day may moderate a score with
a reason, then confirms, which works out each candidate's composite and whether they met the
benchmark (each a move of the application), and closes the day."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import ApplicationStatus
from stepup.assessment.lifecycle import CENTRE_LIFECYCLE
from stepup.assessment.models import (
    Assignment,
    Centre,
    CentreResult,
    CentreScore,
    CentreStatus,
    RankingConfirmation,
)
from stepup.assessment.queries import may_run, ranking
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.tasks import email_later

EVIDENCE_MAX = 2000
NOT_YOURS = "You cannot run this partnership’s assessment centres"
TWO_PLACES = Decimal("0.01")


def scores_submit(*, actor, assignment: Assignment, scores: dict[int, dict]) -> list[CentreScore]:
    """One assessor's scores for one candidate in one exercise: ``scores`` maps each of the
    exercise's criteria (by id) to its ``score``, ``evidence`` and, where seen, ``effective``
    and ``less_effective`` behaviours. Sending again replaces them until the wash-up."""
    assignment = Assignment.objects.select_related(
        "assessor__centre__cohort", "exercise", "invitation__application"
    ).get(pk=assignment.pk)
    centre = assignment.assessor.centre
    if actor is None or actor.pk != assignment.assessor.person_id:
        raise ValidationError("Only the assessor observing this candidate can score them")
    if centre.assignments_confirmed_at is None:
        raise ValidationError("Scoring opens once who assesses whom is confirmed")
    if centre.status not in (CentreStatus.OPEN, CentreStatus.HELD) or (
        timezone.localdate() < centre.day
    ):
        raise ValidationError("Scores can be given on the day, until the wash-up")
    if assignment.invitation.application.status != ApplicationStatus.ATTENDED:
        raise ValidationError("Score candidates once they are recorded as attending")
    criteria = list(assignment.exercise.criteria.order_by("position", "pk"))
    scale = set(centre.cohort.current_rules.scale.values_list("score", flat=True))
    errors: dict[str, str] = {}
    unknown = set(scores) - {criterion.pk for criterion in criteria}
    if unknown:
        errors["__all__"] = f"Score only the criteria {assignment.exercise.name} assesses"
    for criterion in criteria:
        given = scores.get(criterion.pk) or {}
        score = given.get("score")
        if isinstance(score, bool) or score not in scale:
            low, high = min(scale), max(scale)
            errors[f"score_{criterion.pk}"] = (
                f"Select a score between {low} and {high} for {criterion.name}"
            )
        evidence = (given.get("evidence") or "").strip()
        if not evidence:
            errors[f"evidence_{criterion.pk}"] = f"Enter what you saw for {criterion.name}"
        elif len(evidence) > EVIDENCE_MAX:
            errors[f"evidence_{criterion.pk}"] = (
                f"The evidence for {criterion.name} must be {EVIDENCE_MAX:,} characters or fewer"
            )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if Centre.objects.select_for_update().get(pk=centre.pk).status == CentreStatus.CONFIRMED:
            raise ValidationError("The wash-up has confirmed this day's scores")
        saved = []
        for criterion in criteria:
            given = scores[criterion.pk]
            score, _ = CentreScore.objects.update_or_create(
                assignment=assignment,
                criterion=criterion,
                defaults={
                    "score": given["score"],
                    "evidence": given["evidence"].strip(),
                    "effective": (given.get("effective") or "").strip(),
                    "less_effective": (given.get("less_effective") or "").strip(),
                    "submitted_at": timezone.now(),
                },
            )
            saved.append(score)
        audit_record(
            actor=actor,
            record=assignment.invitation.application,
            action=AuditEntry.Action.CHANGED,
            summary=f"Scored {assignment.exercise.name} at the assessment centre",
            event="centre.scored",
        )
    return saved


def score_moderate(*, actor, score: CentreScore, new_score: int, reason: str) -> CentreScore:
    """At the wash-up: change one score, with the reason, kept beside the assessor's own."""
    centre = score.assignment.assessor.centre
    if not may_run(actor, partnership=centre.partnership):
        raise ValidationError(NOT_YOURS)
    if centre.status != CentreStatus.HELD:
        raise ValidationError("Scores are moderated at the wash-up, after the day is held")
    scale = set(centre.cohort.current_rules.scale.values_list("score", flat=True))
    reason = (reason or "").strip()
    errors = {}
    if isinstance(new_score, bool) or new_score not in scale:
        errors["new_score"] = f"Select a score between {min(scale)} and {max(scale)}"
    elif new_score == score.final:
        errors["new_score"] = "Select a different score, or leave it as it is"
    if not reason:
        errors["reason"] = "Enter why you are changing the score"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        before = score.final
        score.moderated_score, score.moderation_reason = new_score, reason
        score.moderated_by, score.moderated_at = actor, timezone.now()
        score.save(
            update_fields=["moderated_score", "moderation_reason", "moderated_by", "moderated_at"]
        )
        audit_record(
            actor=actor,
            record=score.assignment.invitation.application,
            action=AuditEntry.Action.CHANGED,
            summary=f"Moderated a score for {score.criterion.name} at the wash-up",
            changes=[
                {"field": f"{score.criterion.name} score", "before": before, "after": new_score}
            ],
            reason=reason,
            event="centre.score_moderated",
        )
    return score


def _missing(centre: Centre, attended) -> list[str]:
    """Each score still to come, as "Candidate 3: Values in Group exercise, by Sam Reid"."""
    scored = set(
        CentreScore.objects.filter(assignment__assessor__centre=centre).values_list(
            "assignment_id", "criterion_id"
        )
    )
    missing = []
    for assignment in (
        Assignment.objects.filter(assessor__centre=centre, invitation__in=attended)
        .select_related("invitation", "exercise", "assessor__person")
        .prefetch_related("exercise__criteria")
        .order_by("invitation__candidate_number", "exercise__position", "pk")
    ):
        for criterion in assignment.exercise.criteria.all():
            if (assignment.pk, criterion.pk) not in scored:
                missing.append(
                    f"Candidate {assignment.invitation.candidate_number}: {criterion.name} in "
                    f"{assignment.exercise.name}, by {assignment.assessor}"
                )
    return missing


def number_text(value: Decimal) -> str:
    """27, 26.5 or 26.25: a score as people write it, without trailing zeros."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _result(invitation, rules) -> tuple[Decimal, Decimal, list[str]]:
    """The composite (each criterion's average score, weighted), the lowest criterion
    average, and the reasons the benchmark is not met (none if it is)."""
    by_criterion: dict = {}
    for score in CentreScore.objects.filter(assignment__invitation=invitation).select_related(
        "criterion"
    ):
        by_criterion.setdefault(score.criterion, []).append(score.final)
    averages = {
        criterion: (Decimal(sum(values)) / len(values)).quantize(TWO_PLACES, ROUND_HALF_UP)
        for criterion, values in by_criterion.items()
    }
    composite = sum(
        (average * criterion.weight for criterion, average in averages.items()), Decimal(0)
    ).quantize(TWO_PLACES)
    lowest = min(averages.values(), default=Decimal(0))
    reasons = []
    if composite < rules.centre_benchmark:
        reasons.append(
            f"Your overall score of {number_text(composite)} was below the "
            f"{rules.centre_benchmark} needed"
        )
    minimum = rules.centre_criterion_minimum
    if minimum is not None:
        for criterion, average in sorted(averages.items(), key=lambda item: item[0].position):
            if average < minimum:
                reasons.append(
                    f"Your average score for {criterion.name}, {number_text(average)}, was "
                    f"below the {minimum} needed on every criterion"
                )
    return composite, lowest, reasons


def washup_confirm(*, actor, centre: Centre) -> list[CentreResult]:
    """Confirm the day's scores: refused, naming each, while any score is missing. Each
    candidate who came then has their result, moves to met the benchmark or not, and is
    emailed; the day is confirmed."""
    if not may_run(actor, partnership=centre.partnership):
        raise ValidationError(NOT_YOURS)
    if centre.status != CentreStatus.HELD:
        raise ValidationError("Record the day as held before the wash-up")
    rules = centre.cohort.current_rules
    if rules.centre_benchmark is None:
        raise ValidationError("Set the benchmark in the recruitment settings first")
    attended = list(
        centre.bookings.filter(application__status=ApplicationStatus.ATTENDED)
        .select_related("application__candidate")
        .order_by("candidate_number")
    )
    missing = _missing(centre, attended)
    if missing:
        raise ValidationError(["Scores still to come:", *missing])
    results = []
    with transaction.atomic():
        for invitation in attended:
            composite, lowest, reasons = _result(invitation, rules)
            result = CentreResult.objects.create(
                invitation=invitation,
                composite=composite,
                lowest=lowest,
                met=not reasons,
                reasons=reasons,
            )
            results.append(result)
            application = invitation.application
            APPLICATION_LIFECYCLE.move(
                record=application,
                target=ApplicationStatus.MET_BENCHMARK
                if result.met
                else ApplicationStatus.BENCHMARK_NOT_MET,
                actor=None,
                caused_by=actor,
                summary=f"Wash-up confirmed: a composite of {number_text(composite)}, "
                + ("met the benchmark" if result.met else "did not meet the benchmark"),
            )
            _email_result(application, result)
        CENTRE_LIFECYCLE.move(
            record=centre,
            target=CentreStatus.CONFIRMED,
            actor=actor,
            summary=f"Confirmed the scores of {len(results)} candidates at the wash-up",
            in_scope=True,
        )
    return results


def _email_result(application, result: CentreResult) -> None:
    greeting = f"Dear {application.full_name or 'applicant'},\n\n"
    if result.met:
        body = (
            "You met the standard we look for at the assessment centre. Places go to the "
            "highest scores first: we will email you about a place."
        )
    else:
        body = (
            "We are sorry: your scores at the assessment centre did not meet the standard we "
            "look for this time.\n\n" + "".join(f"- {reason}\n" for reason in result.reasons)
        )
    email_later(
        to=application.candidate.email,
        subject=f"Your assessment centre result: application {application.reference}",
        body=greeting + body.rstrip() + "\n\nThe Step Up team",
    )


def ranking_confirm(*, actor, cohort, partnership) -> RankingConfirmation:
    """Confirm the partnership's ranking for the allocation of places: refused while any of
    its centre days in the cohort is still to be washed up."""
    if not may_run(actor, partnership=partnership):
        raise ValidationError(NOT_YOURS)
    waiting = (
        Centre.objects.filter(cohort=cohort, partnership=partnership)
        .exclude(status__in=(CentreStatus.CONFIRMED, CentreStatus.CANCELLED))
        .order_by("day")
    )
    if waiting.exists():
        raise ValidationError(
            [f"{centre} is not washed up yet: confirm its scores first" for centre in waiting]
        )
    ranked = ranking(cohort=cohort, partnership=partnership)
    if not ranked:
        raise ValidationError("Nobody has met the benchmark yet, so there is nothing to rank")
    order = [result.invitation.application.reference for result in ranked]
    with transaction.atomic():
        confirmation = RankingConfirmation.objects.create(
            cohort=cohort, partnership=partnership, order=order, confirmed_by=actor
        )
        audit_record(
            actor=actor,
            record=confirmation,
            action=AuditEntry.Action.CREATED,
            summary=f"Confirmed the ranking of {len(order)} candidates for allocation",
            event="centre.ranking_confirmed",
        )
    return confirmation
