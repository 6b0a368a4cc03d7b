"""Allocation runs: a dry run on the confirmed rankings, then the national team's confirmation,
which proposes an offer to each placed candidate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.applications.models import Application
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.offers import queries
from stepup.offers.lifecycle import RUN_LIFECYCLE
from stepup.offers.matching import allocate, instance_from
from stepup.offers.models import (
    AllocationRun,
    Offer,
    Route,
    RunStatus,
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

# Allocation runs.


def allocation_dry_run(*, actor, cohort: Cohort) -> AllocationRun:
    """Run the allocation on the cohort's confirmed rankings and record it, inputs and all;
    an earlier unconfirmed run is replaced. Nothing is offered until a run is confirmed."""
    admin_only(actor)
    still_recruiting(cohort)
    inputs = queries.allocation_instance(cohort=cohort)
    if not inputs["candidates"]:
        raise ValidationError(
            "Nobody in a confirmed ranking is waiting for a place: confirm a partnership's "
            "ranking first"
        )
    if not inputs["programmes"]:
        raise ValidationError("No partnership in this cohort is approved, so there are no places")
    result = allocate(instance_from(inputs))
    with transaction.atomic():
        earlier = list(
            AllocationRun.objects.select_for_update()
            .filter(cohort=cohort, status=RunStatus.DRY_RUN)
            .order_by("number")
        )
        last = AllocationRun.objects.filter(cohort=cohort).order_by("-number").first()
        for old in earlier:
            RUN_LIFECYCLE.move(
                record=old,
                target=RunStatus.SUPERSEDED,
                actor=None,
                caused_by=actor,
                summary="Replaced by a later dry run",
            )
        run = AllocationRun.objects.create(
            cohort=cohort,
            number=(last.number + 1) if last else 1,
            inputs=inputs,
            assignments=result.assignments,
            unfilled=result.unfilled,
            created_by=actor,
        )
        placed = sum(1 for code in result.assignments.values() if code)
        audit_record(
            actor=actor,
            record=run,
            action=AuditEntry.Action.CREATED,
            summary=f"Dry run: {placed} of {len(result.assignments)} candidates placed",
            event="allocation.dry_run",
        )
    return run


def _hosts_proposed(partnership: Partnership, references: list[str]) -> dict[str, int]:
    """Each placed candidate's host authority, in the partnership's ranking order: the
    member with the most places still free, then by name; the coordinator may change it."""
    free = {
        member.authority_id: member.places
        for member in PartnershipAuthority.objects.filter(partnership=partnership).order_by(
            "authority__name"
        )
    }
    order = list(free)
    hosts = {}
    for reference in references:
        best = max(order, key=lambda pk: (free[pk], -order.index(pk)))
        hosts[reference] = best
        free[best] -= 1
    return hosts


def allocation_confirm(*, actor, run: AllocationRun) -> list[Offer]:
    """Confirm the latest dry run: each placed candidate gets an offer for the partnership's
    coordinator to place with a host authority and make."""
    admin_only(actor)
    still_recruiting(run.cohort)
    latest = queries.latest_run(cohort=run.cohort)
    if latest is None or latest.pk != run.pk:
        raise ValidationError("Only the latest dry run can be confirmed: run it again")
    if queries.allocation_instance(cohort=run.cohort) != run.inputs:
        raise ValidationError(
            "The rankings, places or choices have changed since this dry run: run it again"
        )
    offers = []
    with transaction.atomic():
        RUN_LIFECYCLE.move(
            record=run,
            target=RunStatus.CONFIRMED,
            actor=actor,
            summary="Confirmed the allocation: offers to be made",
            fields={"confirmed_by": actor, "confirmed_at": timezone.now()},
        )
        by_code = {p.code: p for p in Partnership.objects.filter(cohort=run.cohort)}
        applications = {
            a.reference: a for a in Application.objects.filter(reference__in=list(run.assignments))
        }
        for programme in run.inputs["programmes"]:
            code = programme["code"]
            placed = [
                reference
                for reference in programme["ranking"]
                if run.assignments.get(reference) == code
            ]
            hosts = _hosts_proposed(by_code[code], placed)
            for reference in placed:
                offers.append(
                    offer_create(
                        application=applications[reference],
                        partnership=by_code[code],
                        host_id=hosts[reference],
                        route=Route.ALLOCATION,
                        run=run,
                        actor=actor,
                    )
                )
    return offers
