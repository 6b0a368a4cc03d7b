"""Member authorities and their places, and the universities a partnership commissions."""

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.accounts.models import Organisation
from stepup.accounts.roles import OrganisationKind, Role
from stepup.core.audit import audit_record
from stepup.core.models import AuditEntry
from stepup.core.reconcile import ChildSet, children_reconcile
from stepup.partnerships.models import (
    Partnership,
    PartnershipAuthority,
    PartnershipStatus,
    PartnershipUniversity,
    UniversityRole,
    Variation,
    VariationStatus,
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
) -> Partnership | Variation:
    """Replace the member authorities and their places in one go. On an approved bid, a
    coordinator's change waits for the national team: this returns the ``Variation``."""
    _require_change_rights(actor, partnership, by_request=True)
    problems = members_problems(lead_authority=partnership.lead_authority, members=members)
    if problems:
        raise ValidationError(problems)
    if needs_variation(actor, partnership):
        return _variation_request(
            actor,
            partnership,
            Variation.Kind.MEMBERS,
            proposed=[[authority.pk, places] for authority, places in members],
            description=_members_description(partnership, members),
            reason=reason,
        )

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
) -> Partnership | Variation:
    """Replace the universities the partnership commissions, and their roles. On an
    approved bid, a coordinator's change waits for the national team, as for members."""
    _require_change_rights(actor, partnership, by_request=True)
    problems = universities_problems(universities=universities)
    if problems:
        raise ValidationError(problems)
    if needs_variation(actor, partnership):
        return _variation_request(
            actor,
            partnership,
            Variation.Kind.UNIVERSITIES,
            proposed=[[university.pk, role] for university, role in universities],
            description=_universities_description(partnership, universities),
            reason=reason,
        )

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


# Changes to an approved bid


def needs_variation(actor, partnership: Partnership) -> bool:
    """Once a bid is approved, its coordinator asks; only the national team changes it."""
    return (
        actor is not None
        and not actor.has_role(Role.NATIONAL_ADMIN)
        and partnership.status == PartnershipStatus.APPROVED
    )


def _members_description(
    partnership: Partnership, members: list[tuple[Organisation, int]]
) -> list[str]:
    now = {
        m.authority_id: (m.authority.name, m.places)
        for m in partnership.members.select_related("authority")
    }
    wanted = {authority.pk: (authority.name, places) for authority, places in members}
    lines = []
    for pk, (name, places) in wanted.items():
        if pk not in now:
            lines.append(f"Add {name}, with {places} places")
        elif now[pk][1] != places:
            lines.append(f"{name}: {now[pk][1]} places to {places}")
    lines += [f"Remove {name}" for pk, (name, _) in now.items() if pk not in wanted]
    before, after = sum(p for _, p in now.values()), sum(p for _, p in wanted.values())
    if lines and before != after:
        target = partnership.recruitment_target
        lines.append(
            f"Total places: {before} to {after}"
            + (f", against a recruitment target of {target}" if target else "")
        )
    return lines


def _universities_description(
    partnership: Partnership, universities: list[tuple[Organisation, str]]
) -> list[str]:
    labels = dict(UniversityRole.choices)
    now = {
        c.university_id: (c.university.name, c.role)
        for c in partnership.universities.select_related("university")
    }
    wanted = {university.pk: (university.name, role) for university, role in universities}
    lines = []
    for pk, (name, role) in wanted.items():
        if pk not in now:
            lines.append(f"Add {name}, for {labels[role].lower()}")
        elif now[pk][1] != role:
            lines.append(f"{name}: {labels[now[pk][1]].lower()} to {labels[role].lower()}")
    lines += [f"Remove {name}" for pk, (name, _) in now.items() if pk not in wanted]
    return lines


def _variation_request(
    actor, partnership: Partnership, kind: str, *, proposed, description, reason
) -> Variation:
    label = Variation.Kind(kind).label.lower()
    if not description:
        raise ValidationError(f"You have not changed the {label}")
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if partnership.variations.filter(kind=kind, status=VariationStatus.WAITING).exists():
            raise ValidationError(
                f"A change to the {label} is already waiting for the national programme "
                "team. You can ask for another once they have decided"
            )
        variation = Variation.objects.create(
            partnership=partnership,
            kind=kind,
            proposed=proposed,
            description="\n".join(description),
            reason=(reason or "").strip(),
            requested_by=actor,
        )
        audit_record(
            actor=actor,
            record=partnership,
            action=AuditEntry.Action.CREATED,
            summary=f"Asked the national programme team to change the {label}: "
            + "; ".join(description),
            reason=variation.reason,
            event="variation.requested",
            values={"variation": variation.pk},
        )
    return variation
