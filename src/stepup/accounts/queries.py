"""Reads for organisations, people and invitations, shaped so that each page runs a fixed
number of queries however many rows it shows."""

from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet

from stepup.accounts.models import Invitation, Membership, Organisation, RoleRequest, User
from stepup.accounts.roles import COORDINATOR_MAY_INVITE, KIND_PLURAL, OrganisationKind, Role
from stepup.accounts.tokens import token_digest


def organisations_with_member_counts() -> QuerySet[Organisation]:
    return Organisation.objects.annotate(
        member_count=Count("memberships__user", distinct=True)
    ).order_by("kind", "name")


def organisations_by_kind() -> list[tuple[str, list[Organisation]]]:
    """(heading, organisations) in the order the kinds are declared, empty kinds left out."""
    order = {kind: i for i, kind in enumerate(OrganisationKind.values)}
    rows = sorted(organisations_with_member_counts(), key=lambda o: (order[o.kind], o.name.lower()))
    return [(KIND_PLURAL[kind], list(orgs)) for kind, orgs in groupby(rows, key=lambda o: o.kind)]


def organisation_memberships(organisation: Organisation) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__full_name", "user__email", "role")
    )


def organisation_open_invitations(organisation: Organisation) -> list[Invitation]:
    invitations = Invitation.objects.filter(
        organisation=organisation, accepted_at__isnull=True, replaced_at__isnull=True
    ).select_related("invited_by")
    return [i for i in invitations if i.is_usable]


def role_requests_recent() -> QuerySet[RoleRequest]:
    """Requests for a role that needs two national admins, newest first: a handful a year."""
    return RoleRequest.objects.select_related("user", "organisation", "requested_by").order_by(
        "-requested_at", "-pk"
    )


def people_with_memberships(search: str = "") -> QuerySet[User]:
    people = User.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("organisation").order_by(
                "organisation__name", "role"
            ),
        )
    ).order_by("full_name", "email")
    search = search.strip()
    if search:
        people = people.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    return people


def person_memberships(person: User) -> QuerySet[Membership]:
    return person.memberships.select_related("organisation").order_by("organisation__name", "role")


def user_with_email(email: str) -> User | None:
    return User.objects.filter(email__iexact=email.strip()).first()


def invitation_with_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=token_digest(token))
        .first()
    )


def organisations_invitable_by(user) -> QuerySet[Organisation]:
    """National admins invite to any organisation; a coordinator only to their own authority."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.has_role(Role.NATIONAL_ADMIN):
        return Organisation.objects.all()
    return Organisation.objects.filter(
        pk__in=user.organisation_ids_with_role(Role.COORDINATOR),
        kind=OrganisationKind.LOCAL_AUTHORITY,
    )


def roles_invitable_by(user) -> tuple[str, ...]:
    if user.has_role(Role.NATIONAL_ADMIN):
        return tuple(Role.values)
    if user.has_role(Role.COORDINATOR):
        return COORDINATOR_MAY_INVITE
    return ()


def person_acting(email: str, *, roles: tuple[str, ...]) -> User | None:
    """The active person with this address who holds one of ``roles``: who a command that
    changes or takes people's data runs as (``--by``), so the audit trail can name them."""
    person = user_with_email(email or "")
    if person is None or not person.is_active or not person.has_role(*roles):
        return None
    return person


def by_place(organisations) -> list[Organisation]:
    """Authorities in the order people look for them: by place, "Bolton" before "Bromley"
    however each is styled."""
    return sorted(organisations, key=lambda o: (o.place.casefold(), o.name.casefold()))
