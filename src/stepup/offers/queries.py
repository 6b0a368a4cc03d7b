"""Reading places, allocation runs, offers and reserves."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.applications.models import Application, ApplicationStatus
from stepup.assessment.models import CentreResult, RankingConfirmation
from stepup.assessment.queries import RANKING_ORDER
from stepup.core.audit import history_for
from stepup.offers.models import (
    HOLDING,
    LIVE,
    AllocationRun,
    Condition,
    ConditionStatus,
    Offer,
    OfferStatus,
    PoolEntry,
    RecruitmentClosure,
    RunStatus,
    Terms,
)
from stepup.partnerships.models import Partnership, PartnershipStatus
from stepup.partnerships.queries import (
    partnerships_changeable_by,
    partnerships_visible_to,
    with_place_totals,
)
from stepup.programme.models import Cohort, CohortStatus

# Who reads a cohort's allocation: the national team and every coordinator.
ALLOCATION_READERS = frozenset({Role.NATIONAL_ADMIN, Role.COORDINATOR})
# The cohorts whose places are being filled, or were.
ALLOCATING = (CohortStatus.RECRUITING, CohortStatus.IN_TRAINING)


def partnerships_allocated(*, cohort: Cohort) -> list[Partnership]:
    """The cohort's approved partnerships, with their places, by code."""
    return list(
        with_place_totals(
            Partnership.objects.filter(cohort=cohort, status=PartnershipStatus.APPROVED)
        ).order_by("code")
    )


def ranked_results(*, cohort: Cohort) -> list[CentreResult]:
    """Every candidate in a confirmed ranking of the cohort who still met the benchmark and
    has not withdrawn, best first by the documented tie rule."""
    references = {ref for order in latest_orders(cohort=cohort).values() for ref in order}
    return list(
        CentreResult.objects.filter(
            met=True,
            invitation__application__reference__in=references,
            invitation__application__status=ApplicationStatus.MET_BENCHMARK,
        )
        .select_related(
            "invitation__application__first_choice", "invitation__application__second_choice"
        )
        .order_by(*RANKING_ORDER)
    )


def latest_orders(*, cohort: Cohort) -> dict[int | None, list[str]]:
    """Each partnership's (and the national centres') latest confirmed order of references."""
    orders: dict[int | None, list[str]] = {}
    for confirmation in RankingConfirmation.objects.filter(cohort=cohort).order_by(
        "-confirmed_at", "-pk"
    ):
        orders.setdefault(confirmation.partnership_id, list(confirmation.order))
    return orders


def preferences_of(application: Application, codes: dict[int, str]) -> list[str]:
    """The candidate's choices of partnership, first first, among those allocated."""
    chosen = []
    for pk in (application.first_choice_id, application.second_choice_id):
        if pk in codes and codes[pk] not in chosen:
            chosen.append(codes[pk])
    return chosen


def partnership_order(
    partnership: Partnership, results: list[CentreResult], orders: dict
) -> list[str]:
    """How a partnership ranks candidates (ADR 0016): those in its own confirmed ranking,
    in that order; then everyone else, by the tie rule's order of their results."""
    own = orders.get(partnership.pk, [])
    in_own = set(own)
    eligible = {result.invitation.application.reference for result in results}
    rest = [
        result.invitation.application.reference
        for result in results
        if result.invitation.application.reference not in in_own
    ]
    return [reference for reference in own if reference in eligible] + rest


def allocation_instance(*, cohort: Cohort) -> dict:
    """The cohort's next allocation as ``manage.py allocate`` reads it
    (docs/allocation-input.md): each partnership's places not yet offered or taken, and its
    ranking; each candidate in a confirmed ranking who has never had an offer in the cohort,
    with their composite score and choices."""
    partnerships = partnerships_allocated(cohort=cohort)
    codes = {partnership.pk: partnership.code for partnership in partnerships}
    results = unoffered(ranked_results(cohort=cohort), cohort=cohort)
    orders = latest_orders(cohort=cohort)
    live = dict(
        Offer.objects.filter(partnership__cohort=cohort, status__in=LIVE)
        .values("partnership_id")
        .annotate(n=Count("pk"))
        .values_list("partnership_id", "n")
    )
    return {
        "programmes": [
            {
                "code": partnership.code,
                "places": max(partnership.total_places - live.get(partnership.pk, 0), 0),
                "ranking": partnership_order(partnership, results, orders),
            }
            for partnership in partnerships
        ],
        "candidates": [
            {
                "id": result.invitation.application.reference,
                "score": float(result.composite),
                "preferences": preferences_of(result.invitation.application, codes),
            }
            for result in results
        ],
    }


def unoffered(results: list[CentreResult], *, cohort: Cohort) -> list[CentreResult]:
    """The results of candidates who have never had an offer in the cohort."""
    offered = set(
        Offer.objects.filter(partnership__cohort=cohort).values_list("application_id", flat=True)
    )
    return [r for r in results if r.invitation.application_id not in offered]


def runs_of(*, cohort: Cohort) -> list[AllocationRun]:
    return list(
        AllocationRun.objects.filter(cohort=cohort).select_related("created_by", "confirmed_by")
    )


def latest_run(*, cohort: Cohort) -> AllocationRun | None:
    return (
        AllocationRun.objects.filter(cohort=cohort)
        .exclude(status=RunStatus.SUPERSEDED)
        .select_related("created_by", "confirmed_by")
        .first()
    )


def confirmed_run(*, cohort: Cohort) -> AllocationRun | None:
    return AllocationRun.objects.filter(cohort=cohort, status=RunStatus.CONFIRMED).first()


@dataclass
class Change:
    reference: str
    before: str | None
    after: str | None


def run_changes(run: AllocationRun) -> list[Change] | None:
    """What the run changed from the run before it, by reference; ``None`` for the first."""
    previous = (
        AllocationRun.objects.filter(cohort=run.cohort, number__lt=run.number)
        .order_by("-number")
        .first()
    )
    if previous is None:
        return None
    references = sorted(set(previous.assignments) | set(run.assignments))
    return [
        Change(reference, previous.assignments.get(reference), run.assignments.get(reference))
        for reference in references
        if previous.assignments.get(reference) != run.assignments.get(reference)
    ]


@dataclass
class RunSummary:
    """A run's result, per partnership: who is placed there, in its ranking's order."""

    code: str
    name: str
    places: int
    placed: list[Application] = field(default_factory=list)

    @property
    def unfilled(self) -> int:
        return self.places - len(self.placed)


def run_summary(run: AllocationRun) -> tuple[list[RunSummary], list[Application]]:
    """Each partnership's placed candidates, and the unplaced, with their applications:
    two queries."""
    partnerships = {
        p.code: p
        for p in Partnership.objects.filter(
            cohort=run.cohort, code__in=[p["code"] for p in run.inputs["programmes"]]
        )
    }
    applications = {
        a.reference: a
        for a in Application.objects.filter(reference__in=list(run.assignments)).only(
            "reference", "full_name", "first_choice", "second_choice", "willing_to_move"
        )
    }
    rows = {
        programme["code"]: RunSummary(
            programme["code"],
            partnerships[programme["code"]].name if programme["code"] in partnerships else "",
            programme["places"],
        )
        for programme in run.inputs["programmes"]
    }
    rank = {
        programme["code"]: {ref: i for i, ref in enumerate(programme.get("ranking") or [])}
        for programme in run.inputs["programmes"]
    }
    unplaced = []
    for reference, code in run.assignments.items():
        application = applications.get(reference)
        if application is None:
            continue
        if code is None:
            unplaced.append(application)
        else:
            rows[code].placed.append(application)
    for code, row in rows.items():
        row.placed.sort(key=lambda a, code=code: rank[code].get(a.reference, 0))
    unplaced.sort(key=lambda a: a.reference)
    return list(rows.values()), unplaced


# Offers.


def is_closed(cohort: Cohort) -> bool:
    return RecruitmentClosure.objects.filter(cohort=cohort).exists()


def live_count(partnership: Partnership) -> int:
    return Offer.objects.filter(partnership=partnership, status__in=LIVE).count()


def offers_of(*, partnership: Partnership) -> list[Offer]:
    """Every offer the partnership has made, newest first: one query."""
    return list(
        Offer.objects.filter(partnership=partnership)
        .select_related("application", "host", "agreement")
        .annotate(
            outstanding=Count(
                "conditions", filter=Q(conditions__status=ConditionStatus.OUTSTANDING)
            )
        )
        .order_by("-created_at", "-pk")
    )


def offers_visible_to(user) -> QuerySet[Offer]:
    """Offers of the partnerships the person works in (the national team: all)."""
    qs = Offer.objects.select_related(
        "application", "partnership__cohort", "partnership__lead_authority", "host"
    )
    if user.has_role(*NATIONAL_TEAM):
        return qs
    return qs.filter(partnership__in=partnerships_visible_to(user))


def may_change_partnership(user, partnership: Partnership) -> bool:
    """Whether the person may make, change or withdraw the partnership's offers."""
    return partnerships_changeable_by(user).filter(pk=partnership.pk).exists()


def may_change(user, offer: Offer) -> bool:
    return may_change_partnership(user, offer.partnership)


def conditions_owned_by(user) -> QuerySet[Condition]:
    """Conditions of accepted offers that the person's organisations own, outstanding first."""
    organisations = user.organisation_ids_with_role(
        Role.COORDINATOR, Role.AUTHORITY_OFFICER, Role.UNIVERSITY_TUTOR
    )
    return (
        Condition.objects.filter(owner_id__in=organisations, offer__status__in=HOLDING)
        .select_related("offer__application", "offer__partnership", "owner")
        .order_by("-status", "offer__application__reference", "pk")
    )


def may_verify(user, condition: Condition) -> bool:
    return condition.owner_id in user.organisation_ids_with_role(
        Role.COORDINATOR, Role.AUTHORITY_OFFICER, Role.UNIVERSITY_TUTOR
    )


def terms_for(partnership: Partnership) -> Terms:
    """The partnership's agreement terms: the defaults until it sets its own (unsaved)."""
    return Terms.objects.filter(partnership=partnership).first() or Terms(partnership=partnership)


def late_agreements(*, partnership: Partnership, today: datetime.date) -> list[Offer]:
    """Unconditional offers whose agreement is not signed by the day it should have been."""
    return list(
        Offer.objects.filter(
            partnership=partnership,
            status=OfferStatus.UNCONDITIONAL,
            agreement__signed_on__isnull=True,
            agreement__sign_by__lte=today,
        )
        .select_related("application", "agreement", "host")
        .order_by("agreement__sign_by", "pk")
    )


def candidate_offer(application: Application) -> Offer | None:
    """The candidate's live offer, or else their latest one."""
    offers = list(
        Offer.objects.filter(application=application)
        .exclude(status=OfferStatus.PROPOSED)
        .select_related("partnership__cohort", "partnership__lead_authority", "host")
        .order_by("-created_at", "-pk")
    )
    for offer in offers:
        if offer.status in LIVE:
            return offer
    return offers[0] if offers else None


def runs_qs(*, cohort: Cohort) -> QuerySet[AllocationRun]:
    return AllocationRun.objects.filter(cohort=cohort)


def closure_of(cohort: Cohort) -> RecruitmentClosure | None:
    return RecruitmentClosure.objects.filter(cohort=cohort).select_related("closed_by").first()


@dataclass
class PlacesRow:
    partnership: Partnership
    places: int
    counts: dict

    @property
    def live(self) -> int:
        return sum(self.counts.get(status, 0) for status in LIVE)

    @property
    def unfilled(self) -> int:
        """Places nobody holds or has been offered."""
        return max(self.places - self.live, 0)

    @property
    def filled(self) -> int:
        return sum(self.counts.get(status, 0) for status in HOLDING)


def places_by_partnership(*, cohort: Cohort) -> list[PlacesRow]:
    """Each approved partnership's places and its offers by status: two queries."""
    partnerships = partnerships_allocated(cohort=cohort)
    counts: dict[int, dict] = {}
    for row in (
        Offer.objects.filter(partnership__cohort=cohort)
        .values("partnership_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row["partnership_id"], {})[row["status"]] = row["n"]
    return [PlacesRow(p, p.total_places, counts.get(p.pk, {})) for p in partnerships]


def pool_of(*, cohort: Cohort) -> list[PoolEntry]:
    return list(
        PoolEntry.objects.filter(cohort=cohort)
        .select_related("application", "added_by")
        .order_by("added_at", "pk")
    )


def reserves_of(*, cohort: Cohort) -> list[CentreResult]:
    """Candidates in a confirmed ranking who have never had an offer, best first."""
    return unoffered(ranked_results(cohort=cohort), cohort=cohort)


def offer_history(offer: Offer) -> list:
    """The offer's audit trail, oldest first."""
    return list(history_for(offer).order_by("at", "pk"))
