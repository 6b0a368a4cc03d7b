"""Member authorities and their places, and the universities a partnership commissions."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from stepup.accounts.models import Organisation
from stepup.accounts.roles import OrganisationKind
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
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


def _names(names) -> str:
    return ", ".join(sorted(names))


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

    wanted = {authority.pk: (authority, places) for authority, places in members}
    with transaction.atomic():
        current = {m.authority_id: m for m in partnership.members.select_related("authority")}
        place_changes = []
        added, removed = [], []
        for authority_id, member in current.items():
            if authority_id not in wanted:
                removed.append(member.authority.name)
                place_changes.append((member.authority.name, str(member.places), NOT_A_MEMBER))
                try:
                    member.delete()
                except ProtectedError:
                    raise ValidationError(
                        f"{member.authority.name} cannot be removed because other records "
                        "depend on its membership. Set its places to 0 instead"
                    ) from None
            elif wanted[authority_id][1] != member.places:
                place_changes.append(
                    (member.authority.name, str(member.places), str(wanted[authority_id][1]))
                )
                member.places = wanted[authority_id][1]
                member.save(update_fields=["places"])
        for authority_id, (authority, places) in wanted.items():
            if authority_id not in current:
                added.append(authority.name)
                place_changes.append((authority.name, NOT_A_MEMBER, str(places)))
                PartnershipAuthority.objects.create(
                    partnership=partnership, authority=authority, places=places
                )

        changes = []
        if added or removed:
            note = "; ".join(
                part
                for part in (
                    f"added {_names(added)}" if added else "",
                    f"removed {_names(removed)}" if removed else "",
                )
                if part
            )
            changes.append(
                {
                    "field": "Members",
                    "before": _names(m.authority.name for m in current.values()) or "(none)",
                    "after": f"{_names(a.name for a, _ in wanted.values())} ({note})",
                }
            )
        for name, before, after in sorted(place_changes):
            changes.append({"field": f"Places: {name}", "before": before, "after": after})
        if changes:
            audit_record(
                actor=actor,
                record=partnership,
                action=AuditEntry.Action.CHANGED,
                summary="Changed member authorities and places",
                changes=changes,
                reason=reason.strip(),
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
    wanted = {university.pk: (university, role) for university, role in universities}
    with transaction.atomic():
        current = {
            c.university_id: c for c in partnership.universities.select_related("university")
        }
        role_changes = []
        added, removed = [], []
        for university_id, commission in current.items():
            name = commission.university.name
            if university_id not in wanted:
                removed.append(name)
                role_changes.append((name, labels[commission.role], "Not commissioned"))
                try:
                    commission.delete()
                except ProtectedError:
                    raise ValidationError(
                        f"{name} cannot be removed because other records depend on it"
                    ) from None
            elif wanted[university_id][1] != commission.role:
                new_role = wanted[university_id][1]
                role_changes.append((name, labels[commission.role], labels[new_role]))
                commission.role = new_role
                commission.save(update_fields=["role"])
        for university_id, (university, role) in wanted.items():
            if university_id not in current:
                added.append(university.name)
                role_changes.append((university.name, "Not commissioned", labels[role]))
                PartnershipUniversity.objects.create(
                    partnership=partnership, university=university, role=role
                )

        changes = []
        if added or removed:
            note = "; ".join(
                part
                for part in (
                    f"added {_names(added)}" if added else "",
                    f"removed {_names(removed)}" if removed else "",
                )
                if part
            )
            after = _names(u.name for u, _ in wanted.values()) or "(none)"
            changes.append(
                {
                    "field": "Universities",
                    "before": _names(c.university.name for c in current.values()) or "(none)",
                    "after": f"{after} ({note})",
                }
            )
        for name, before, after in sorted(role_changes):
            changes.append({"field": f"Role: {name}", "before": before, "after": after})
        if changes:
            audit_record(
                actor=actor,
                record=partnership,
                action=AuditEntry.Action.CHANGED,
                summary="Changed universities",
                changes=changes,
                reason=reason.strip(),
            )
    return partnership
