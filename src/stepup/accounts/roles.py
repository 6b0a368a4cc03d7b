"""Roles people hold in organisations, and which kind of organisation each role belongs to."""

from django.db import models


class OrganisationKind(models.TextChoices):
    NATIONAL = "national", "National programme team"
    CONTRACTOR = "contractor", "Recruitment contractor"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    UNIVERSITY = "university", "University"


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", "National admin"
    NATIONAL_ANALYST = "national_analyst", "National analyst"
    CONTRACTOR = "contractor", "Contractor"
    COORDINATOR = "coordinator", "Partnership coordinator"
    AUTHORITY_OFFICER = "authority_officer", "Authority officer"
    UNIVERSITY_TUTOR = "university_tutor", "University tutor"
    ASSESSOR = "assessor", "Assessor"
    SERVICE_USER_ASSESSOR = "service_user_assessor", "Service-user assessor"


# Which roles a membership of each kind of organisation may carry.
ROLES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrganisationKind.NATIONAL: (Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST),
    OrganisationKind.CONTRACTOR: (Role.CONTRACTOR, Role.ASSESSOR),
    OrganisationKind.LOCAL_AUTHORITY: (
        Role.COORDINATOR,
        Role.AUTHORITY_OFFICER,
        Role.ASSESSOR,
        Role.SERVICE_USER_ASSESSOR,
    ),
    OrganisationKind.UNIVERSITY: (Role.UNIVERSITY_TUTOR, Role.ASSESSOR),
}

NATIONAL_TEAM = frozenset({Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST})
STAFF_ROLES = frozenset(Role.values)

# The roles a coordinator may give to people in their own authority.
COORDINATOR_MAY_INVITE = (Role.AUTHORITY_OFFICER, Role.ASSESSOR, Role.SERVICE_USER_ASSESSOR)


def with_article(phrase: str) -> str:
    if phrase.startswith("national programme"):
        return f"the {phrase}"
    vowel_sound = phrase[0] in "aeiou" and not phrase.startswith("uni")
    return f"{'an' if vowel_sound else 'a'} {phrase}"


def role_suits_kind(role: str, kind: str) -> bool:
    return role in ROLES_BY_KIND.get(kind, ())


def unsuitable_role_message(role: str) -> str:
    """Like "A university tutor must belong to a university"."""
    kinds = [
        with_article(OrganisationKind(kind).label.lower())
        for kind, allowed in ROLES_BY_KIND.items()
        if role in allowed
    ]
    places = kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " or " + kinds[-1]
    who = with_article(Role(role).label.lower())
    return f"{who[0].upper()}{who[1:]} must belong to {places}"


# Headings for lists grouped by kind.
KIND_PLURAL = {
    OrganisationKind.NATIONAL: "National programme team",
    OrganisationKind.CONTRACTOR: "Recruitment contractors",
    OrganisationKind.LOCAL_AUTHORITY: "Local authorities",
    OrganisationKind.UNIVERSITY: "Universities",
}
