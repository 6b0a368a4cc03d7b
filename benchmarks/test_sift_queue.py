"""How long the sift queue page takes with a whole recruitment round waiting to be sifted.

The eligibility rules over 50,000 applications are timed in ``test_eligibility.py``.
"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.factories import (
    PASSWORD,
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    person_with_role,
)

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.models import Application, ApplicationStatus
from stepup.programme.services import framework_load_standard
from stepup.selection.models import SiftMark, SiftRound

pytestmark = pytest.mark.django_db

APPLICATIONS = 50_000  # the figure: every one waits for the same partnership
MARKED_EVERY = 3  # one in three already has a first mark from someone else


def _seed():
    cohort = CohortFactory(number=1, name="Cohort 1")
    framework_load_standard(actor=None, cohort=cohort)
    rules = cohort.current_rules
    rules.sift_by, rules.double_sift, rules.sift_tolerance, rules.sift_pass_mark = (
        "partnership",
        True,
        2,
        12,
    )
    rules.save()
    bromley = AuthorityFactory(name="Bromley")
    partnership = PartnershipFactory(
        cohort=cohort, name="South East", code="SE", lead_authority=bromley
    )
    sifter = person_with_role(Role.ASSESSOR, organisation=bromley)
    other = person_with_role(Role.COORDINATOR, organisation=bromley)
    now = timezone.now()
    users = User.objects.bulk_create(
        (
            User(email=f"sift{n}@example.net", full_name=f"Sift {n}", password="!")
            for n in range(APPLICATIONS)
        ),
        batch_size=5_000,
    )
    applications = Application.objects.bulk_create(
        (
            Application(
                cohort=cohort,
                candidate=user,
                reference=f"SUS-{n:07d}",
                status=ApplicationStatus.ELIGIBLE,
                sift_round_needed=SiftRound.SECOND if n % MARKED_EVERY == 0 else SiftRound.FIRST,
                rules=rules,
                submitted_at=now,
                first_choice=partnership,
                degree_subject="History",
                answer_q1="I ran a youth club.",
            )
            for n, user in enumerate(users)
        ),
        batch_size=5_000,
    )
    SiftMark.objects.bulk_create(
        (
            SiftMark(
                application=application,
                rules=rules,
                sifter=other,
                round=SiftRound.FIRST,
                total=12,
            )
            for n, application in enumerate(applications)
            if n % MARKED_EVERY == 0
        ),
        batch_size=5_000,
    )
    return sifter


def test_sift_queue_with_50000_applications(measure, capsys):
    sifter = _seed()
    client = Client(HTTP_HOST="127.0.0.1")
    client.post("/sign-in/", {"email": sifter.email, "password": PASSWORD})
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/selection/sift/")
    assert response.status_code == 200
    assert f"{APPLICATIONS} applications waiting for your mark" in response.content.decode()
    with capsys.disabled():
        print(f"\nsift queue, {APPLICATIONS} applications: {len(queries)} queries")
    measure(f"sift queue, first page of {APPLICATIONS}", lambda: client.get("/selection/sift/"))
    measure(
        f"sift queue, last page of {APPLICATIONS}",
        lambda: client.get(f"/selection/sift/?page={APPLICATIONS // 50}"),
    )
    measure(
        f"sift queue, cohort 1 of {APPLICATIONS}",
        lambda: client.get("/selection/sift/?cohort=1"),
    )
