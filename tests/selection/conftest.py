import datetime

import pytest
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from tests.factories import ApplicationFactory, CohortFactory, person_with_role


@pytest.fixture
def cohort(db):
    return CohortFactory(number=1, name="Cohort 1")


@pytest.fixture
def contractor(db):
    return person_with_role(Role.CONTRACTOR, full_name="Connie Contractor")


@pytest.fixture
def submitted(cohort):
    """An application just submitted under the cohort's current rules (not yet checked)."""

    def _make(**fields):
        fields.setdefault("cohort", cohort)
        return ApplicationFactory(
            status=ApplicationStatus.SUBMITTED,
            rules=fields["cohort"].current_rules,
            submitted_at=timezone.now(),
            **fields,
        )

    return _make


@pytest.fixture
def in_review(cohort):
    """An application waiting in the manual eligibility queue."""

    def _make(*, days_ago: int = 1, **fields):
        fields.setdefault("cohort", cohort)
        fields.setdefault("degree_class", "overseas")
        fields.setdefault("degree_equivalence", "Licenciatura, 16/20: like a 2:1")
        fields.setdefault("status", ApplicationStatus.ELIGIBILITY_REVIEW)
        return ApplicationFactory(
            rules=fields["cohort"].current_rules,
            submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
            **fields,
        )

    return _make
