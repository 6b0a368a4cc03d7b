"""Who runs which centre days, the days a person sees, the slots a candidate can still
book."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import Application, ApplicationStatus
from stepup.assessment.models import (
    Centre,
    CentreStatus,
    Invitation,
    Slot,
)
from stepup.partnerships.models import Partnership
from stepup.partnerships.queries import partnerships_changeable_by
from stepup.programme.models import Cohort, CohortStatus, SiftBy


def may_run(user, *, partnership: Partnership | None) -> bool:
    """Whether the person runs the centres of this partnership, or the national ones
    (``None``): the national admins always; the contractor the national ones; a coordinator
    their own partnership's."""
    if user is None or not user.is_authenticated:
        return False
    if user.has_role(Role.NATIONAL_ADMIN):
        return True
    if partnership is None:
        return user.has_role(Role.CONTRACTOR)
    return partnerships_changeable_by(user).filter(pk=partnership.pk).exists()


def centres_runnable_by(user) -> QuerySet[Centre]:
    """The centre days this person runs, soonest first."""
    centres = Centre.objects.select_related("cohort", "partnership")
    if user is None or not user.is_authenticated:
        return centres.none()
    if user.has_role(Role.NATIONAL_ADMIN):
        return centres
    condition = Q(pk__in=[])
    if user.has_role(Role.CONTRACTOR):
        condition |= Q(partnership__isnull=True)
    if user.has_role(Role.COORDINATOR):
        condition |= Q(partnership__in=partnerships_changeable_by(user).values("pk"))
    return centres.filter(condition)


def centre_partnership_for(application: Application) -> Partnership | None:
    """Whose centres the application goes to: its first choice, or the national ones."""
    if application.rules is not None and application.rules.centres_run_by == SiftBy.NATIONAL:
        return None
    return application.first_choice


def with_places(slots: QuerySet[Slot]) -> QuerySet[Slot]:
    """Each slot with ``booked`` and ``free``: the places taken and left."""
    return slots.annotate(booked=Count("bookings")).annotate(free=F("places") - F("booked"))


def slots_bookable_for(invitation: Invitation, *, now: datetime.datetime | None = None):
    """The slots the candidate can choose now: at open centres of their partnership (or the
    national ones) in their cohort, before the booking cut-off, with a place left (or the
    one they hold)."""
    now = now or timezone.now()
    slots = Slot.objects.filter(
        centre__cohort_id=invitation.application.cohort_id,
        centre__status=CentreStatus.OPEN,
        centre__booking_closes_at__gt=now,
    ).select_related("centre")
    if invitation.partnership_id is None:
        slots = slots.filter(centre__partnership__isnull=True)
    else:
        slots = slots.filter(centre__partnership_id=invitation.partnership_id)
    return (
        with_places(slots)
        .filter(Q(free__gt=0) | Q(pk=invitation.slot_id))
        .order_by("centre__day", "starts_at", "centre__venue", "pk")
    )


def centre_capacity(centre: Centre) -> int:
    return sum(centre.slots.values_list("places", flat=True))


# Who runs what, for the pages.


@dataclass(frozen=True)
class Runner:
    """A partnership (or a national cohort) whose centres the person runs, as a choice."""

    value: str  # "p-<pk>" or "n-<number>"
    label: str
    cohort: Cohort
    partnership: Partnership | None


def runners(user) -> list[Runner]:
    """The centre days this person may plan: each partnership they run in a recruiting cohort
    whose partnerships run the centres, and each recruiting cohort whose centres are national
    if they run those."""
    recruiting = list(Cohort.objects.filter(status=CohortStatus.RECRUITING).order_by("-number"))
    national = {
        cohort.pk
        for cohort in recruiting
        if cohort.current_rules is not None
        and cohort.current_rules.centres_run_by == SiftBy.NATIONAL
    }
    found = [
        Runner(
            f"p-{partnership.pk}",
            f"{partnership.name} (cohort {partnership.cohort.number})",
            partnership.cohort,
            partnership,
        )
        for partnership in partnerships_changeable_by(user)
        .filter(cohort__in=[c.pk for c in recruiting if c.pk not in national])
        .order_by("-cohort__number", "name")
    ]
    if may_run(user, partnership=None):
        found += [
            Runner(f"n-{c.number}", f"National centres (cohort {c.number})", c, None)
            for c in recruiting
            if c.pk in national
        ]
    return found


def runner_choices(user) -> list[tuple[str, str]]:
    """``runners`` as a select's choices."""
    return [(runner.value, runner.label) for runner in runners(user)]


def runner_from(user, value: str) -> tuple[Cohort, Partnership | None] | None:
    """The cohort and partnership a choice of ``runner_choices`` stands for, if still theirs."""
    runner = next((r for r in runners(user) if r.value == value), None)
    return None if runner is None else (runner.cohort, runner.partnership)


def centre_list(user) -> list[Centre]:
    """The person's centre days, soonest first, each with ``capacity`` and ``booked``: one
    query, whatever the number of days."""
    capacity = (
        Slot.objects.filter(centre=OuterRef("pk"))
        .order_by()
        .values("centre")
        .annotate(total=Sum("places"))
        .values("total")
    )
    booked = (
        Invitation.objects.filter(centre=OuterRef("pk"))
        .order_by()
        .values("centre")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return list(
        centres_runnable_by(user)
        .annotate(capacity=Coalesce(Subquery(capacity), 0), booked=Coalesce(Subquery(booked), 0))
        .order_by("day", "venue", "pk")
    )


def waiting_for_invitation(user) -> list[dict]:
    """For each partnership (or national cohort) the person runs, how many screened-in
    candidates have not been invited yet: ``runner``, ``label`` and ``count``."""
    rows = []
    for runner in runners(user):
        waiting = Application.objects.filter(
            cohort=runner.cohort,
            status=ApplicationStatus.SCREENED_IN,
            centre_invitation__isnull=True,
        )
        waiting = (
            waiting.filter(first_choice=runner.partnership)
            if runner.partnership is not None
            else waiting.filter(rules__centres_run_by=SiftBy.NATIONAL)
        )
        count = waiting.count()
        if count:
            rows.append({"runner": runner.value, "label": runner.label, "count": count})
    return rows


def bookings_of(centre: Centre) -> list[Invitation]:
    """The candidates booked on the day, by candidate number, with their slot and requests."""
    return list(
        centre.bookings.select_related("application", "slot")
        .prefetch_related("adjustments")
        .order_by("candidate_number")
    )


def bookable_by_staff(centre: Centre) -> list[Invitation]:
    """The invited candidates whoever runs the day can give a time on it: those of its
    partnership (or the national ones) in its cohort still to come to a centre and not
    already booked on this day, the unbooked first."""
    invitations = Invitation.objects.filter(
        application__cohort_id=centre.cohort_id,
        application__status=ApplicationStatus.INVITED,
        partnership_id=centre.partnership_id,
    ).exclude(centre=centre)
    return list(
        invitations.select_related("application", "centre").order_by(
            F("centre").asc(nulls_first=True), "application__full_name", "pk"
        )
    )
