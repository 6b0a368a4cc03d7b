"""What erasure reaches at the assessment centre: the words written about a candidate and
by them. Scores and results stay, as the statistics and the ranking's record need them."""

from stepup.applications.models import Application
from stepup.assessment.models import AdjustmentRequest, CentreScore

ERASED_TEXT = "(Erased with the application's personal data)"


def centre_records_erase(*, application: Application) -> None:
    """Blank the candidate's adjustment requests and the answers, and the assessors'
    evidence, behaviours and moderation reasons about them."""
    AdjustmentRequest.objects.filter(invitation__application=application).update(
        request=ERASED_TEXT, answer=""
    )
    scores = CentreScore.objects.filter(assignment__invitation__application=application)
    scores.update(evidence=ERASED_TEXT, effective="", less_effective="")
    scores.exclude(moderation_reason="").update(moderation_reason=ERASED_TEXT)
