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
