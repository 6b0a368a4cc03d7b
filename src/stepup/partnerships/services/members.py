"""Member authorities and their places, and the universities a partnership commissions."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.accounts.models import Organisation
from stepup.accounts.roles import OrganisationKind
from stepup.core.reconcile import ChildSet, children_reconcile
from stepup.partnerships.models import (
    Partnership,
    PartnershipAuthority,
    PartnershipUniversity,
    UniversityRole,
)
from stepup.partnerships.queries import (
    LEAD_ROLES,
)
from stepup.partnerships.services.common import (
    MAX_PLACES,
    NEGATIVE_PLACES_MESSAGE,
    NO_MEMBERS_MESSAGE,
    NOT_A_MEMBER,
    PLACES_NOT_NUMBER_MESSAGE,
    TOO_MANY_PLACES_MESSAGE,
    _require_change_rights,
    duplicate_authority_message,
    lead_not_member_message,
    too_many_leads_message,
)

# Members and places


def members_problems(
    *, lead_authority: Organisation, members: list[tuple[Organisation, int]]
) -> list[str]:
    problems = []
    seen: set[int] = set()
    reported: set[int] = set()
    for authority, places in members:
        if authority.kind != OrganisationKind.LOCAL_AUTHORITY:
            problems.append(f"{authority.name} is not a local authority. Select a local authority")
        if not isinstance(places, int) or isinstance(places, bool):
            problems.append(PLACES_NOT_NUMBER_MESSAGE)
        elif places < 0:
            problems.append(NEGATIVE_PLACES_MESSAGE)
        elif places > MAX_PLACES:
            problems.append(TOO_MANY_PLACES_MESSAGE)
        if authority.pk in seen and authority.pk not in reported:
            problems.append(duplicate_authority_message(authority.name))
            reported.add(authority.pk)
        seen.add(authority.pk)
    if not members:
        problems.append(NO_MEMBERS_MESSAGE)
    elif lead_authority.pk not in seen:
        problems.append(lead_not_member_message(lead_authority.name))
    return problems


def partnership_set_members(
    *,
    actor,
    partnership: Partnership,
    members: list[tuple[Organisation, int]],
    reason: str = "",
) -> Partnership:
    """Replace the member authorities and their places in one go."""
    _require_change_rights(actor, partnership)
    problems = members_problems(lead_authority=partnership.lead_authority, members=members)
    if problems:
        raise ValidationError(problems)

    with transaction.atomic():
        children_reconcile(
            actor=actor,
            parent=partnership,
            rows=partnership.members.select_related("authority"),
            wanted={authority.pk: (authority, places) for authority, places in members},
            kind=ChildSet(
                key="authority_id",
                value="places",
                set_label="Members",
                value_label=lambda name: f"Places: {name}",
                name_of=lambda member: member.authority.name,
                shown=str,
                absent=NOT_A_MEMBER,
                create=lambda authority, places: PartnershipAuthority.objects.create(
                    partnership=partnership, authority=authority, places=places
                ),
                cannot_remove=lambda name: (
                    f"{name} cannot be removed because other records depend on its "
                    "membership. Set its places to 0 instead"
                ),
            ),
            summary="Changed member authorities and places",
            reason=reason,
        )
    return partnership


# Universities


def universities_problems(*, universities: list[tuple[Organisation, str]]) -> list[str]:
    problems = []
    seen: set[int] = set()
    reported: set[int] = set()
    leads = []
    for university, role in universities:
        if university.kind != OrganisationKind.UNIVERSITY:
            problems.append(f"{university.name} is not a university. Select a university")
        if role not in UniversityRole.values:
            problems.append(f"Select the role of {university.name}")
        elif role in LEAD_ROLES:
            leads.append(university.name)
        if university.pk in seen and university.pk not in reported:
            problems.append(duplicate_authority_message(university.name))
            reported.add(university.pk)
        seen.add(university.pk)
    if len(leads) > 1:
        problems.append(too_many_leads_message(leads))
    return problems


def partnership_set_universities(
    *,
    actor,
    partnership: Partnership,
    universities: list[tuple[Organisation, str]],
    reason: str = "",
) -> Partnership:
    """Replace the universities the partnership commissions, and their roles."""
    _require_change_rights(actor, partnership)
    problems = universities_problems(universities=universities)
    if problems:
        raise ValidationError(problems)

    labels = dict(UniversityRole.choices)
    with transaction.atomic():
        children_reconcile(
            actor=actor,
            parent=partnership,
            rows=partnership.universities.select_related("university"),
            wanted={university.pk: (university, role) for university, role in universities},
            kind=ChildSet(
                key="university_id",
                value="role",
                set_label="Universities",
                value_label=lambda name: f"Role: {name}",
                name_of=lambda commission: commission.university.name,
                shown=lambda role: labels[role],
                absent="Not commissioned",
                create=lambda university, role: PartnershipUniversity.objects.create(
                    partnership=partnership, university=university, role=role
                ),
                cannot_remove=lambda name: (
                    f"{name} cannot be removed because other records depend on it"
                ),
            ),
            summary="Changed universities",
            reason=reason,
        )
    return partnership
