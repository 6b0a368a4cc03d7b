"""Reading the assessment centres: who runs which, the days a person sees, the slots a
candidate can still book."""

import datetime

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import Application
from stepup.assessment.models import Centre, CentreStatus, Invitation, Slot
from stepup.partnerships.models import Partnership
from stepup.partnerships.queries import partnerships_changeable_by
from stepup.programme.models import SiftBy


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
