import datetime

import pytest
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from tests.factories import (
    ApplicationFactory,
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    person_with_role,
)

TODAY = datetime.date(2027, 3, 1)


@pytest.fixture
def centre_world(db, time_machine):
    """Cohort 7, run by partnerships: "South East" (ours) and "North" (theirs), with their
    coordinators, and screened-in candidates made on request. The clock stands at 9am on
    1 March 2027."""
    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(TODAY, datetime.time(9))), tick=False
    )
    cohort = CohortFactory(number=7, name="Cohort 7")
    lead = AuthorityFactory(name="Bromley")
    ours = PartnershipFactory(cohort=cohort, name="South East", code="SE", lead_authority=lead)
    theirs = PartnershipFactory(cohort=cohort, name="North", code="NO")
    people = {
        "coordinator": person_with_role(Role.COORDINATOR, organisation=lead),
        "other_coordinator": person_with_role(Role.COORDINATOR, organisation=theirs.lead_authority),
        "admin": person_with_role(Role.NATIONAL_ADMIN),
        "contractor": person_with_role(Role.CONTRACTOR),
        "assessor": person_with_role(Role.ASSESSOR, organisation=lead),
    }

    def screened_in(**fields):
        fields.setdefault("first_choice", ours)
        return ApplicationFactory(
            cohort=cohort,
            rules=cohort.current_rules,
            status=ApplicationStatus.SCREENED_IN,
            submitted_at=timezone.now() - datetime.timedelta(days=30),
            **fields,
        )

    return {
        "cohort": cohort,
        "ours": ours,
        "theirs": theirs,
        "people": people,
        "screened_in": screened_in,
    }


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def closes(offset: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day(offset), datetime.time(17)))


def t(hour: int, minute: int = 0) -> datetime.time:
    return datetime.time(hour, minute)
