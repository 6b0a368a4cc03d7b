"""The national view of the assessment centres: every partnership's progress through its
days, from invitation to a confirmed ranking, against the places it has."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from stepup.applications.models import ApplicationStatus
from stepup.assessment.models import (
    Assignment,
    Centre,
    CentreResult,
    CentreScore,
    Invitation,
    RankingConfirmation,
)
from stepup.partnerships.models import Partnership, PartnershipStatus
from stepup.partnerships.queries import with_place_totals
from stepup.programme.models import Cohort

COLUMNS = (
    ("days", "Days"),
    ("invited", "Invited"),
    ("booked", "Booked"),
    ("attended", "Came"),
    ("no_show", "Did not come"),
    ("scored", "All scores in"),
    ("moderated", "Scores changed"),
    ("confirmed", "Confirmed"),
    ("met", "Met the benchmark"),
    ("places", "Places"),
)


@dataclass
class CentreProgress:
    label: str
    partnership: Partnership | None
    counts: dict
    ranking_confirmed_at: object = None

    @property
    def row(self) -> list[int]:
        return [self.counts.get(key, 0) for key, _ in COLUMNS]


def _by_partnership(queryset, key: str, **aggregates) -> dict:
    return {
        row[key]: row
        for row in queryset.order_by().values(key).annotate(**aggregates).values(key, *aggregates)
    }


def centre_progress(*, cohort: Cohort) -> list[CentreProgress]:
    """One row per partnership in the cohort (and one for national centres, if any), each
    with the ``COLUMNS`` counts. Seven queries, whatever the size of the cohort."""
    invitations = Invitation.objects.filter(application__cohort=cohort)
    status = "application__status"
    people = _by_partnership(
        invitations,
        "partnership",
        invited=Count("pk"),
        booked=Count("pk", filter=Q(centre__isnull=False)),
        came_waiting=Count("pk", filter=Q(**{status: ApplicationStatus.ATTENDED})),
        no_show=Count("pk", filter=Q(**{status: ApplicationStatus.DID_NOT_ATTEND})),
    )
    # Those waiting for the wash-up with every score in: observed, and no assignment of
    # theirs without scores. Read apart from the counts above, which need no join.
    observed = Assignment.objects.filter(invitation=OuterRef("pk"))
    scored = _by_partnership(
        invitations.filter(**{status: ApplicationStatus.ATTENDED})
        .filter(Exists(observed))
        .exclude(Exists(observed.filter(scores__isnull=True))),
        "partnership",
        scored_waiting=Count("pk"),
    )
    # Results and moderated scores reach the cohort through their day, a short table.
    results = _by_partnership(
        CentreResult.objects.filter(invitation__centre__cohort=cohort),
        "invitation__partnership",
        confirmed=Count("pk"),
        met=Count("pk", filter=Q(met=True)),
    )
    moderated = _by_partnership(
        CentreScore.objects.filter(
            assignment__assessor__centre__cohort=cohort, moderated_score__isnull=False
        ),
        "assignment__invitation__partnership",
        moderated=Count("pk"),
    )
    days = _by_partnership(
        Centre.objects.filter(cohort=cohort).exclude(status="cancelled"),
        "partnership",
        days=Count("pk"),
    )
    rankings = {}
    for confirmation in RankingConfirmation.objects.filter(cohort=cohort).order_by("confirmed_at"):
        rankings[confirmation.partnership_id] = confirmation.confirmed_at
    partnerships = list(
        with_place_totals(
            Partnership.objects.filter(cohort=cohort, status=PartnershipStatus.APPROVED)
        ).order_by("name")
    )
    keys = [(p.pk, p.name, p) for p in partnerships]
    if any(None in found for found in (people, days)):
        keys.append((None, "National centres", None))
    rows = []
    for pk, label, partnership in keys:
        counts = {
            **days.get(pk, {}),
            **people.get(pk, {}),
            **scored.get(pk, {}),
            **results.get(pk, {}),
            **moderated.get(pk, {}),
        }
        # Everyone with a result came and had every score in.
        counts["attended"] = counts.get("came_waiting", 0) + counts.get("confirmed", 0)
        counts["scored"] = counts.get("scored_waiting", 0) + counts.get("confirmed", 0)
        counts["places"] = partnership.total_places if partnership is not None else 0
        rows.append(CentreProgress(label, partnership, counts, rankings.get(pk)))
    return rows
