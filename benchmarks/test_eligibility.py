"""How long the eligibility rules take over a whole recruitment round's applications."""

import datetime

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from tests.factories import CohortFactory

from stepup.accounts.models import User
from stepup.applications.models import (
    Application,
    ApplicationStatus,
    DegreeClassGiven,
    DegreeStatus,
    Experience,
    ExperienceKind,
    RightToWork,
)
from stepup.programme.models import CohortStatus
from stepup.selection.eligibility import eligibility_assess, eligibility_overall
from stepup.selection.services import eligibility_run

pytestmark = pytest.mark.django_db

APPLICATIONS = 50_000  # cohort 1 had about 2,100; this is twenty-odd rounds at once
RUN_WITH_WRITES = 1_000  # eligibility_run records results, so each application runs once
CLASSES = list(DegreeClassGiven.values)
GRADES = ["A*", "B", "C", "D", "4", "5", "3", "equivalent"]


def _seed(cohort) -> None:
    """Submitted applications with a spread of answers, so every rule has work to do."""
    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"bench{n}@example.net", full_name=f"Bench {n}", password="!")
        for n in range(APPLICATIONS)
    )
    rules = cohort.current_rules
    applications = Application.objects.bulk_create(
        Application(
            cohort=cohort,
            candidate=user,
            reference=f"SUB-{n:07d}",
            status=ApplicationStatus.SUBMITTED,
            rules=rules,
            submitted_at=now,
            full_name=user.full_name,
            right_to_work=RightToWork.NOT_SURE if n % 29 == 0 else RightToWork.YES,
            degree_subject="Social work" if n % 31 == 0 else "History",
            degree_class=CLASSES[n % len(CLASSES)],
            degree_status=DegreeStatus.PREDICTED if n % 7 == 0 else DegreeStatus.AWARDED,
            degree_year=2019,
            gcse_english_grade=GRADES[n % len(GRADES)],
            gcse_maths_grade=GRADES[(n // 3) % len(GRADES)],
        )
        for n, user in enumerate(users)
    )
    Experience.objects.bulk_create(
        Experience(
            application=application,
            kind=ExperienceKind.VOLUNTARY if k else ExperienceKind.PAID,
            role="Youth worker",
            organisation="Bromley Youth Club",
            started_on=datetime.date(2020, 1, 6),
            ended_on=None,
            hours_per_week=6,
        )
        for n, application in enumerate(applications)
        if n % 11  # one in eleven has no experience
        for k in range(1 + n % 3)
    )


def _submitted(cohort):
    return (
        Application.objects.filter(cohort=cohort, status=ApplicationStatus.SUBMITTED)
        .select_related("rules")
        .prefetch_related(Prefetch("experiences", queryset=Experience.objects.all()))
    )


def test_eligibility_for_every_application(measure, capsys):
    cohort = CohortFactory(number=1, status=CohortStatus.RECRUITING)
    measure(
        f"seed {APPLICATIONS} applications with experiences (bulk_create)",
        lambda: _seed(cohort),
        rounds=1,
    )
    assert Application.objects.count() == APPLICATIONS

    outcomes: dict[str, int] = {}

    def assess_all():
        outcomes.clear()
        for application in _submitted(cohort).iterator(chunk_size=2000):
            overall = eligibility_overall(
                eligibility_assess(application=application, rules=application.rules)
            )
            outcomes[overall] = outcomes.get(overall, 0) + 1

    with CaptureQueriesContext(connection) as queries:
        assess_all()
    # One query for the applications, and one for the experiences of each chunk of 2,000:
    # the experience rule reads the prefetched rows, never one query per application.
    assert len(queries) == 1 + -(-APPLICATIONS // 2000)
    assert sum(outcomes.values()) == APPLICATIONS
    assert set(outcomes) == {"pass", "fail", "refer"}
    with capsys.disabled():
        print(f"\neligibility outcomes: {outcomes}; {len(queries)} queries")

    measure(f"eligibility_assess over {APPLICATIONS} applications", assess_all, rounds=3)

    batch = list(_submitted(cohort)[:RUN_WITH_WRITES])

    def run_all():
        for application in batch:
            eligibility_run(application=application)

    measure(
        f"eligibility_run (records results, moves status) for {RUN_WITH_WRITES} applications",
        run_all,
        rounds=1,
    )
    assert not Application.objects.filter(
        pk__in=[a.pk for a in batch], status=ApplicationStatus.SUBMITTED
    ).exists()
