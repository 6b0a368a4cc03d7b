"""The reserve cascade: every freed or unfilled place to the next reserve; the national pool;
closing recruitment."""

from itertools import chain

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.applications.models import Application, ApplicationStatus
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.offers import queries
from stepup.offers.models import (
    LIVE,
    Offer,
    PoolEntry,
    RecruitmentClosure,
    Route,
)
from stepup.offers.services.common import (
    admin_only,
    offer_create,
    still_recruiting,
)
from stepup.partnerships.models import (
    Partnership,
    PartnershipAuthority,
)
from stepup.programme.models import Cohort

# Reserves.


def _reserves(partnership: Partnership):
    """The reserves for the partnership's places, in the order they are offered: its own
    (who chose it), in its ranking's order; then other partnerships' reserves who said they
    would move, best first; then the national pool in the order the national team added
    them. Nobody offered before, nobody twice. Read once however many places are free."""
    cohort = partnership.cohort
    results = queries.unoffered(queries.ranked_results(cohort=cohort), cohort=cohort)
    by_reference = {r.invitation.application.reference: r.invitation.application for r in results}
    order = queries.partnership_order(partnership, results, queries.latest_orders(cohort=cohort))
    own = (
        (by_reference[reference], Route.OWN_RESERVE)
        for reference in order
        if partnership.pk
        in (by_reference[reference].first_choice_id, by_reference[reference].second_choice_id)
    )
    movers = (
        (r.invitation.application, Route.OTHER_RESERVE)
        for r in results
        if r.invitation.application.willing_to_move
    )
    pool = (
        (entry.application, Route.NATIONAL_POOL)
        for entry in PoolEntry.objects.filter(
            cohort=cohort, application__status=ApplicationStatus.MET_BENCHMARK
        )
        .exclude(application__offers__isnull=False)
        .select_related("application")
        .order_by("added_at", "pk")
    )
    given = set()
    for application, route in chain(own, movers, pool):
        if application.pk not in given:
            given.add(application.pk)
            yield application, route


def _host_for(partnership: Partnership, replaces: Offer | None) -> int:
    if replaces is not None:
        return replaces.host_id
    live = {}
    for host_id in Offer.objects.filter(partnership=partnership, status__in=LIVE).values_list(
        "host_id", flat=True
    ):
        live[host_id] = live.get(host_id, 0) + 1
    members = list(
        PartnershipAuthority.objects.filter(partnership=partnership).order_by("authority__name")
    )
    return max(
        members, key=lambda m: (m.places - live.get(m.authority_id, 0), -members.index(m))
    ).authority_id


def place_cascade(*, partnership: Partnership, replaces: Offer | None = None, actor=None):
    """Offer every place the partnership has free to the next reserve, each with its own
    deadline; nothing once recruitment has closed, or before the allocation is confirmed."""
    cohort = partnership.cohort
    if queries.is_closed(cohort) or queries.confirmed_run(cohort=cohort) is None:
        return []
    made = []
    with transaction.atomic():
        Partnership.objects.select_for_update().get(pk=partnership.pk)
        free = partnership.total_places - queries.live_count(partnership)
        reserves = _reserves(partnership)
        while free > 0:
            found = next(reserves, None)
            if found is None:
                break
            application, route = found
            made.append(
                offer_create(
                    application=application,
                    partnership=partnership,
                    host_id=_host_for(partnership, replaces),
                    route=route,
                    actor=actor,
                    replaces=replaces,
                    made=True,
                )
            )
            replaces = None
            free -= 1
    return made


def places_fill(*, actor, cohort: Cohort) -> list[Offer]:
    """Offer every unfilled place in the cohort to reserves, partnership by partnership."""
    admin_only(actor)
    still_recruiting(cohort)
    if queries.confirmed_run(cohort=cohort) is None:
        raise ValidationError("Confirm an allocation first")
    made = []
    for partnership in queries.partnerships_allocated(cohort=cohort):
        made += place_cascade(partnership=partnership, actor=actor)
    return made


def pool_add(*, actor, application: Application) -> PoolEntry:
    """Put a reserve in the national pool, for any partnership's freed place."""
    admin_only(actor)
    still_recruiting(application.cohort)
    if application.status != ApplicationStatus.MET_BENCHMARK:
        raise ValidationError("Only a candidate who met the benchmark can be in the pool")
    if Offer.objects.filter(application=application, status__in=LIVE).exists():
        raise ValidationError(f"{application.reference} already has an offer")
    entry, created = PoolEntry.objects.get_or_create(
        cohort=application.cohort, application=application, defaults={"added_by": actor}
    )
    if not created:
        raise ValidationError(f"{application.reference} is already in the national pool")
    audit_record(
        actor=actor,
        record=entry,
        action=AuditEntry.Action.CREATED,
        summary=f"{application.reference} added to the national reserve pool",
        event="pool.added",
    )
    return entry


def recruitment_close(*, actor, cohort: Cohort, reason: str = "") -> RecruitmentClosure:
    """No more offers in the cohort: the places left stay unfilled."""
    admin_only(actor)
    still_recruiting(cohort)
    closure = RecruitmentClosure.objects.create(cohort=cohort, closed_by=actor, reason=reason)
    audit_record(
        actor=actor,
        record=closure,
        action=AuditEntry.Action.CREATED,
        summary=f"Recruitment to cohort {cohort.number} closed",
        reason=reason,
        event="recruitment.closed",
    )
    return closure
