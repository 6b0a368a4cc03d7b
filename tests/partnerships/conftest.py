"""Fixtures for the partnerships tests: a South East London partnership and its people."""

import pytest

from stepup.accounts.roles import Role
from stepup.programme.models import CohortStatus
from tests.factories import (
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    PartnershipUniversityFactory,
    UniversityFactory,
    person_with_role,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02" + (
    b"\x00" * 64
)


@pytest.fixture(autouse=True)
def uploads_in_tmp(settings, tmp_path):
    """Each test's uploads go to its own folder, so tests neither share nor leave files."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "uploads")},
        },
    }


@pytest.fixture
def cohort(db):
    return CohortFactory(number=5, name="Cohort 5", status=CohortStatus.OPEN_FOR_BIDS)


@pytest.fixture
def bromley(db):
    return AuthorityFactory(name="Bromley")


@pytest.fixture
def partnership(cohort, bromley):
    """South East London, led by Bromley, with two other members and one university."""
    partnership = PartnershipFactory(
        cohort=cohort,
        name="South East London",
        code="SEL",
        lead_authority=bromley,
        places=[("Bromley", 4), ("Croydon", 3), ("Lewisham", 2)],
    )
    PartnershipUniversityFactory(
        partnership=partnership, university=UniversityFactory(name="University of Kent")
    )
    return partnership


@pytest.fixture
def coordinator(bromley):
    return person_with_role(Role.COORDINATOR, organisation=bromley, full_name="Cora Ordinator")


@pytest.fixture
def other_partnership(cohort):
    return PartnershipFactory(
        cohort=cohort,
        name="North West",
        code="NW",
        lead_authority=AuthorityFactory(name="Wirral"),
        places=[("Wirral", 6)],
    )


@pytest.fixture
def other_coordinator(other_partnership):
    return person_with_role(
        Role.COORDINATOR, organisation=other_partnership.lead_authority, full_name="Otto Other"
    )
