"""Which partnerships a person may see, and which they may change.

The national team sees all; a coordinator sees the partnerships their authority leads or
that name them as coordinator; an authority officer those their authority belongs to; a
university tutor those that commission their university. Anything else is "not found".
"""

from django.db.models import Q, QuerySet, Sum

from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.partnerships.models import Partnership


def partnerships_visible_to(user) -> QuerySet[Partnership]:
    qs = Partnership.objects.select_related("cohort", "lead_authority", "coordinator")
    if not user.is_authenticated:
        return qs.none()
    if user.has_role(*NATIONAL_TEAM):
        return qs
    condition = Q(pk__in=[])
    coordinating = user.organisation_ids_with_role(Role.COORDINATOR)
    if coordinating or user.has_role(Role.COORDINATOR):
        condition |= Q(lead_authority_id__in=coordinating) | Q(coordinator=user)
    officer_orgs = user.organisation_ids_with_role(Role.AUTHORITY_OFFICER)
    if officer_orgs:
        condition |= Q(members__authority_id__in=officer_orgs)
    tutor_orgs = user.organisation_ids_with_role(Role.UNIVERSITY_TUTOR)
    if tutor_orgs:
        condition |= Q(universities__university_id__in=tutor_orgs)
    return qs.filter(condition).distinct()


def partnerships_changeable_by(user) -> QuerySet[Partnership]:
    """National admins change any partnership; a coordinator only their own."""
    qs = Partnership.objects.select_related("cohort", "lead_authority", "coordinator")
    if not user.is_authenticated:
        return qs.none()
    if user.has_role(Role.NATIONAL_ADMIN):
        return qs
    if user.has_role(Role.COORDINATOR):
        coordinating = user.organisation_ids_with_role(Role.COORDINATOR)
        return qs.filter(Q(lead_authority_id__in=coordinating) | Q(coordinator=user))
    return qs.none()


def with_place_totals(qs: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return qs.annotate(places_total=Sum("members__places"))
