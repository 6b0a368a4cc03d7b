"""The candidate's own centre records, for their copy of their data (subject access)."""

from stepup.applications.models import Application
from stepup.assessment.models import AdjustmentRequest, CentreResult, CentreScore, Invitation


def centre_records_about(*, application: Application) -> dict | None:
    """The booking, adjustments asked and answered, the scores with the assessors' evidence
    (without who gave them) and the result; ``None`` if never invited."""
    invitation = (
        Invitation.objects.filter(application=application).select_related("centre", "slot").first()
    )
    if invitation is None:
        return None
    centre = invitation.centre
    scores = CentreScore.objects.filter(assignment__invitation=invitation).select_related(
        "criterion", "assignment__exercise"
    )
    result = CentreResult.objects.filter(invitation=invitation).first()
    return {
        "invited_at": str(invitation.invited_at),
        "booking": None
        if centre is None
        else {
            "venue": centre.venue,
            "day": str(centre.day),
            "time": str(invitation.slot),
            "candidate_number": invitation.candidate_number,
        },
        "adjustments": [
            {
                "asked_at": str(adjustment.asked_at),
                "request": adjustment.request,
                "outcome": adjustment.get_outcome_display(),
                "answer": adjustment.answer,
            }
            for adjustment in AdjustmentRequest.objects.filter(invitation=invitation)
        ],
        "scores": [
            {
                "exercise": score.assignment.exercise.name,
                "criterion": score.criterion.name,
                "score": score.final,
                "evidence": score.evidence,
                "effective_behaviours": score.effective,
                "less_effective_behaviours": score.less_effective,
                "moderated": score.moderated_score is not None,
                "moderation_reason": score.moderation_reason,
            }
            for score in scores
        ],
        "result": None
        if result is None
        else {
            "composite": str(result.composite),
            "met_the_benchmark": result.met,
            "reasons": list(result.reasons),
        },
    }
