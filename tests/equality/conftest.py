import datetime

import pytest

from stepup.accounts.roles import Role
from tests.factories import ApplicationFactory, CohortFactory, person_with_role

# Distinctive answers: easy to search for in any page, and found nowhere else.
DISTINCTIVE = {
    "date_of_birth": datetime.date(1988, 2, 29),
    "date_of_birth_declined": False,
    "sex": "female",
    "ethnicity": "other_any",
    "ethnicity_description": "Zyxquarian heritage",
    "disability": "yes",
    "disability_kinds": ["learning", "other"],
    "disability_description": "Vexillary condition",
    "religion": "other",
    "religion_description": "Quillonite",
    "sexual_orientation": "bisexual",
}
DISTINCTIVE_TEXTS = (
    "29 February 1988",
    "1988-02-29",
    "29/02/1988",
    "29 Feb 1988",
    "Zyxquarian",
    "Quillonite",
    "Vexillary",
)


@pytest.fixture
def cohort(db):
    return CohortFactory(number=9, name="Cohort 9", start_date=datetime.date(2027, 1, 4))


@pytest.fixture
def application(cohort):
    return ApplicationFactory(cohort=cohort, reference="SU-EQ0001")


@pytest.fixture
def analyst(db):
    return person_with_role(Role.NATIONAL_ANALYST, full_name="Ana Lyst")


def form_data(**overrides) -> dict:
    """A filled-in questionnaire as the browser posts it."""
    data = {
        "date_of_birth-day": "29",
        "date_of_birth-month": "2",
        "date_of_birth-year": "1988",
        "sex": "female",
        "ethnicity": "other_any",
        "ethnicity_description": "Zyxquarian heritage",
        "disability": "yes",
        "disability_kinds": ["learning", "other"],
        "disability_description": "Vexillary condition",
        "religion": "other",
        "religion_description": "Quillonite",
        "sexual_orientation": "bisexual",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
