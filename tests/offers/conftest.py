"""A cohort at allocation: East (two places at Town A, none at its lead authority) and West
(one place), their coordinators and universities, and four candidates who met the benchmark.

- Ada (80) and Ben (75, West second) chose East; Cara (70, West second) too; Dev (60) chose
  West and said he would move. The allocation places Ada and Ben at East and Dev at West
  (West ranks its own candidate first); Cara is East's and West's reserve.

The clock stands at 9am on 1 June 2027.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import Application
from stepup.partnerships.models import Partnership
from stepup.programme.models import Cohort
from tests.factories import (
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    PartnershipUniversityFactory,
    UniversityFactory,
    met_candidate,
    person_with_role,
    ranking_confirmed,
)

NOW = timezone.make_aware(datetime.datetime(2027, 6, 1, 9))


@dataclass
class World:
    cohort: Cohort
    east: Partnership
    west: Partnership
    admin: object
    east_coordinator: object
    west_coordinator: object
    town_a_officer: object
    university_tutor: object
    ada: Application
    ben: Application
    cara: Application
    dev: Application


@pytest.fixture
def world(db, time_machine) -> World:
    time_machine.move_to(NOW, tick=False)
    return allocation_world()


def allocation_world(**cohort_fields) -> World:
    """The world above, at whatever time it is."""
    cohort = CohortFactory(number=9, start_date=datetime.date(2027, 9, 6), **cohort_fields)
    admin = person_with_role(Role.NATIONAL_ADMIN)
    east_lead = AuthorityFactory(name="East Lead Council")
    east = PartnershipFactory(
        cohort=cohort, name="East", code="EAST", lead_authority=east_lead, places=[("Town A", 2)]
    )
    west = PartnershipFactory(cohort=cohort, name="West", code="WEST", places=[("West Town", 1)])
    university = UniversityFactory(name="University of the East")
    PartnershipUniversityFactory(partnership=east, university=university)
    PartnershipUniversityFactory(partnership=west, university=UniversityFactory())
    east_coordinator = person_with_role(Role.COORDINATOR, east_lead)
    west_coordinator = person_with_role(Role.COORDINATOR, west.lead_authority)
    town_a = east.members.get(authority__name="Town A").authority
    ada = met_candidate(cohort=cohort, partnership=east, composite=80, full_name="Ada")
    ben = met_candidate(
        cohort=cohort, partnership=east, composite=75, second_choice=west, full_name="Ben"
    )
    cara = met_candidate(
        cohort=cohort, partnership=east, composite=70, second_choice=west, full_name="Cara"
    )
    dev = met_candidate(
        cohort=cohort, partnership=west, composite=60, willing_to_move=True, full_name="Dev"
    )
    ranking_confirmed(cohort=cohort, partnership=east, by=east_coordinator)
    ranking_confirmed(cohort=cohort, partnership=west, by=west_coordinator)
    return World(
        cohort=cohort,
        east=east,
        west=west,
        admin=admin,
        east_coordinator=east_coordinator,
        west_coordinator=west_coordinator,
        town_a_officer=person_with_role(Role.AUTHORITY_OFFICER, town_a),
        university_tutor=person_with_role(Role.UNIVERSITY_TUTOR, university),
        ada=ada,
        ben=ben,
        cara=cara,
        dev=dev,
    )
