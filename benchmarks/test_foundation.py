"""How long the foundation's busiest pages and the demo load take."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from tests.factories import PASSWORD, CohortFactory, PartnershipFactory, person_with_role

from stepup.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_partnership_list_with_500_partnerships(measure, capsys):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    for number in range(1, 11):
        cohort = CohortFactory(number=number)
        for index in range(50):
            PartnershipFactory(
                cohort=cohort,
                name=f"Partnership {number}-{index}",
                code=f"P{number}X{index}",
                places=[(f"Borough {number}-{index}-a", 3), (f"Borough {number}-{index}-b", 4)],
            )
    client = Client(HTTP_HOST="127.0.0.1")
    client.post("/sign-in/", {"email": admin.email, "password": PASSWORD})
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/partnerships/").status_code == 200
    with capsys.disabled():
        print(f"\npartnership list, 500 partnerships: {len(queries)} queries")
    measure("partnership list, 500 partnerships", lambda: client.get("/partnerships/"))


def test_demo_load(measure):
    measure("load_demo, first run", lambda: call_command("load_demo", verbosity=0), rounds=1)
    measure("load_demo, again (nothing to do)", lambda: call_command("load_demo", verbosity=0))
