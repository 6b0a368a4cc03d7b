import datetime

import pytest
import time_machine
from django.utils import timezone

from stepup.applications.models import Application
from stepup.applications.sections import SECTIONS
from stepup.programme.models import CohortStatus, Milestone, MilestoneKind
from tests.factories import ApplicationFactory, CandidateFactory, CohortFactory, PartnershipFactory

# Cohort 6's window, and a day inside it.
OPENS, CLOSES = datetime.date(2027, 3, 1), datetime.date(2027, 4, 1)
IN_WINDOW = datetime.datetime(2027, 3, 15, 10, 0, tzinfo=datetime.UTC)
ALL_SECTIONS = [section.key for section in SECTIONS]


@pytest.fixture
def in_window():
    with time_machine.travel(IN_WINDOW, tick=False):
        yield


@pytest.fixture
def cohort(db):
    cohort = CohortFactory(number=6, name="Cohort 6", status=CohortStatus.RECRUITING)
    Milestone.objects.create(
        cohort=cohort, kind=MilestoneKind.APPLICATION_WINDOW, starts_on=OPENS, ends_on=CLOSES
    )
    return cohort


@pytest.fixture
def partnerships(cohort):
    return [
        PartnershipFactory(cohort=cohort, name="South East London", code="SEL"),
        PartnershipFactory(cohort=cohort, name="Learn Together", code="LTP"),
    ]


@pytest.fixture
def candidate(db):
    return CandidateFactory(full_name="Amara Okafor", email="amara@example.net")


@pytest.fixture
def draft(cohort, candidate) -> Application:
    """A blank application, as a candidate has just started it."""
    return Application.objects.create(
        cohort=cohort, candidate=candidate, reference="SU6-TESTREF1", full_name="Amara Okafor"
    )


@pytest.fixture
def complete(cohort, candidate, partnerships) -> Application:
    """Every section filled in and marked complete; not yet submitted."""
    return ApplicationFactory(
        cohort=cohort,
        candidate=candidate,
        reference="SU6-COMPLETE",
        first_choice=partnerships[0],
        second_choice=partnerships[1],
        sections_completed=ALL_SECTIONS,
        created_at=timezone.now(),
    )


def row(application: Application) -> dict:
    """Everything about an application, to show that a refused change wrote nothing."""
    application.refresh_from_db()
    values = {
        field.attname: getattr(application, field.attname)
        for field in Application._meta.concrete_fields
        if field.name != "updated_at"
    }
    values["experiences"] = list(application.experiences.values())
    values["documents"] = list(application.documents.values())
    return values
