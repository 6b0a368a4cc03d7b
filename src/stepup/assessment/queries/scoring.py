"""The wash-up and the ranking."""

from dataclasses import dataclass

from stepup.applications.models import Application, ApplicationStatus
from stepup.assessment.models import (
    Centre,
    CentreResult,
    CentreScore,
    Invitation,
    RankingConfirmation,
)
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort

# The tie rule (docs/adr/0015-assessment-centres.md): the higher composite first; then the
# higher lowest criterion average (the more even profile); then the earlier application;
# then the reference, so that the same scores always give the same order.
RANKING_ORDER = (
    "-composite",
    "-lowest",
    "invitation__application__submitted_at",
    "invitation__application__reference",
)


def ranking(*, cohort: Cohort, partnership: Partnership | None) -> list[CentreResult]:
    """The candidates who met the benchmark at the partnership's centres (or the national
    ones) in the cohort, best first, by the documented tie rule."""
    return list(
        CentreResult.objects.filter(
            met=True,
            invitation__application__cohort=cohort,
            invitation__partnership=partnership,
        )
        .select_related("invitation__application", "invitation__centre")
        .order_by(*RANKING_ORDER)
    )


# The wash-up.


@dataclass
class WashupCandidate:
    invitation: Invitation
    scores: list  # CentreScore rows, by criterion then exercise
    result: CentreResult | None


def washup_of(centre: Centre) -> list[WashupCandidate]:
    """Each candidate who came, by number, with every score given them and, once
    confirmed, their result. Three queries, whatever the size of the day."""
    attended = list(
        centre.bookings.filter(
            application__status__in=(
                ApplicationStatus.ATTENDED,
                ApplicationStatus.MET_BENCHMARK,
                ApplicationStatus.BENCHMARK_NOT_MET,
            )
        )
        .select_related("application")
        .order_by("candidate_number")
    )
    scores: dict[int, list] = {}
    for score in (
        CentreScore.objects.filter(assignment__invitation__in=attended)
        .select_related("criterion", "assignment__exercise", "assignment__assessor__person")
        .order_by("criterion__position", "assignment__exercise__position", "pk")
    ):
        scores.setdefault(score.assignment.invitation_id, []).append(score)
    results = {r.invitation_id: r for r in CentreResult.objects.filter(invitation__in=attended)}
    return [
        WashupCandidate(invitation, scores.get(invitation.pk, []), results.get(invitation.pk))
        for invitation in attended
    ]


def centre_reasons(application: Application) -> list[str]:
    """Why the candidate did not meet the benchmark, as they are told it; none otherwise."""
    if application.status != ApplicationStatus.BENCHMARK_NOT_MET:
        return []
    result = CentreResult.objects.filter(invitation__application=application).first()
    return list(result.reasons) if result else []


def latest_ranking(*, cohort: Cohort, partnership: Partnership | None):
    """The partnership's latest confirmed ranking, the one allocation reads, or ``None``."""
    return (
        RankingConfirmation.objects.filter(cohort=cohort, partnership=partnership)
        .select_related("confirmed_by")
        .first()
    )


def not_met(*, cohort: Cohort, partnership: Partnership | None) -> list[CentreResult]:
    """The candidates who did not meet the benchmark at the partnership's centres, with
    their reasons, highest composite first: shown beside the ranking, never in it."""
    return list(
        CentreResult.objects.filter(
            met=False,
            invitation__application__cohort=cohort,
            invitation__partnership=partnership,
        )
        .select_related("invitation__application", "invitation__centre")
        .order_by(*RANKING_ORDER)
    )
