"""Which partnerships a person may see, and which they may change.

The national team sees all; a coordinator sees the partnerships their authority leads or
that name them as coordinator; an authority officer those their authority belongs to; a
university tutor those that commission their university. Anything else is "not found".
"""

from django.db.models import IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from stepup.accounts.models import Membership, Organisation
from stepup.accounts.roles import NATIONAL_TEAM, OrganisationKind, Role
from stepup.partnerships.models import (
    Memorandum,
    Partnership,
    PartnershipAuthority,
    PartnershipUniversity,
    UniversityRole,
)
from stepup.programme.models import Cohort, CohortStatus


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
    if user is None or not user.is_authenticated:
        return qs.none()
    if user.has_role(Role.NATIONAL_ADMIN):
        return qs
    if user.has_role(Role.COORDINATOR):
        coordinating = user.organisation_ids_with_role(Role.COORDINATOR)
        return qs.filter(Q(lead_authority_id__in=coordinating) | Q(coordinator=user))
    return qs.none()


def with_place_totals(qs: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """Each partnership's total places, as a subquery so that joins made by a visibility
    filter (members, universities) can neither narrow nor multiply the sum."""
    totals = (
        PartnershipAuthority.objects.filter(partnership=OuterRef("pk"))
        .values("partnership")
        .annotate(total=Sum("places"))
        .values("total")
    )
    return qs.annotate(places_total=Coalesce(Subquery(totals), 0, output_field=IntegerField()))


def partnership_with_details(qs: QuerySet[Partnership], pk: int) -> QuerySet[Partnership]:
    """One partnership and everything its page shows, in a fixed number of queries."""
    return qs.filter(pk=pk).prefetch_related(
        Prefetch(
            "members",
            queryset=PartnershipAuthority.objects.select_related("authority").order_by(
                "authority__name"
            ),
        ),
        Prefetch(
            "universities",
            queryset=PartnershipUniversity.objects.select_related("university").order_by(
                "university__name"
            ),
        ),
        Prefetch(
            "memoranda",
            queryset=Memorandum.objects.select_related("uploaded_by").order_by(
                "-uploaded_at", "-id"
            ),
        ),
        Prefetch("meetings"),
    )


# Choices for the forms


def local_authorities() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.LOCAL_AUTHORITY).order_by("name")


def universities() -> QuerySet[Organisation]:
    return Organisation.objects.filter(kind=OrganisationKind.UNIVERSITY).order_by("name")


def lead_authorities_for(user) -> QuerySet[Organisation]:
    """Authorities a person may name as lead: any for national admins, else their own."""
    qs = local_authorities()
    if user is None or user.has_role(Role.NATIONAL_ADMIN):
        return qs
    return qs.filter(pk__in=user.organisation_ids_with_role(Role.COORDINATOR))


def cohorts_open_to(user) -> QuerySet[Cohort]:
    """Cohorts a person may create a partnership in: any for national admins, else those
    open for bids."""
    qs = Cohort.objects.order_by("-number")
    if user is None or user.has_role(Role.NATIONAL_ADMIN):
        return qs
    return qs.filter(status=CohortStatus.OPEN_FOR_BIDS)


def coordinator_memberships(authority_ids=None) -> QuerySet[Membership]:
    """People holding the coordinator role at local authorities, for the coordinator select."""
    qs = Membership.objects.filter(
        role=Role.COORDINATOR,
        organisation__kind=OrganisationKind.LOCAL_AUTHORITY,
        user__is_active=True,
    ).select_related("user", "organisation")
    if authority_ids is not None:
        qs = qs.filter(organisation_id__in=authority_ids)
    return qs.order_by("user__full_name", "organisation__name")


def is_coordinator_at(user, authority: Organisation) -> bool:
    return Membership.objects.filter(
        user=user, organisation=authority, role=Role.COORDINATOR
    ).exists()


def submission_problems(partnership: Partnership) -> list[str]:
    """What a bid still needs before it can be submitted, in plain English."""
    members = list(partnership.members.select_related("authority"))
    problems = []
    if not any(member.places > 0 for member in members):
        problems.append("Give at least one member authority 1 or more places")
    if not any(member.authority_id == partnership.lead_authority_id for member in members):
        problems.append(
            f"Add the lead authority, {partnership.lead_authority.name}, to the member authorities"
        )
    if not partnership.universities.exists():
        problems.append("Add at least one university")
    return problems


# University roles that validate and award the degree: a partnership has at most one.
LEAD_ROLES = frozenset({UniversityRole.LEAD, UniversityRole.BOTH})
