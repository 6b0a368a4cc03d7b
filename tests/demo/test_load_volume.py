"""``load_volume``: a scratch database full of applications for measuring, never live data."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from stepup.accounts.models import User
from stepup.applications.models import Application, ApplicationStatus
from stepup.assessment.models import Centre, CentreResult, Invitation
from stepup.assessment.queries import centre_capacity, centre_progress
from stepup.demo.volume import NATIONAL_COHORT, PARTNERSHIP_COHORT, volume_load
from stepup.programme.models import Cohort
from stepup.selection import queries
from stepup.selection.models import SiftMark
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "volume-measure-2026"


def _load(**options) -> str:
    out = StringIO()
    call_command("load_volume", stdout=out, **options)
    return out.getvalue()


def test_it_refuses_a_database_holding_applications_it_did_not_make():
    ApplicationFactory()

    with pytest.raises(CommandError, match="holds 1 applications that load_volume did not make"):
        _load(applications=10)

    assert not Cohort.objects.filter(number__in=[NATIONAL_COHORT, PARTNERSHIP_COHORT]).exists()
    assert Application.objects.count() == 1


def test_it_fills_every_stage_built_so_far_and_the_queues_show_them():
    printed = _load(applications=600, partnerships=3)

    assert "600 applications" in printed and "contractor@volume.example" in printed
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values) - {ApplicationStatus.SUBMITTED}
    waiting = Application.objects.filter(status=ApplicationStatus.ELIGIBLE)
    for round_, marks in (("first", 0), ("second", 1), ("moderation", 2)):
        at_round = waiting.filter(sift_round_needed=round_)
        assert at_round.exists(), round_
        assert all(a.sift_marks.count() == marks for a in at_round), round_
    contractor = User.objects.get(email="contractor@volume.example")
    national_waiting = waiting.filter(cohort__number=NATIONAL_COHORT).count()
    assert queries.sift_queue(user=contractor).count() == national_waiting
    referred = Application.objects.filter(status=ApplicationStatus.ELIGIBILITY_REVIEW).count()
    assert queries.eligibility_queue(user=contractor).count() == referred > 0
    coordinator = User.objects.get(email="coordinator01@volume.example")
    theirs = waiting.filter(cohort__number=PARTNERSHIP_COHORT, first_choice__code="V01")
    assert queries.sift_queue(user=coordinator).count() == theirs.count()


def test_its_applications_have_the_history_their_stage_implies():
    """So the insights count them: each stage is reached as the status says."""
    from stepup.insights.queries import funnel_of

    _load(applications=400, partnerships=2)
    cohort = Cohort.objects.get(number=NATIONAL_COHORT)
    applications = Application.objects.filter(cohort=cohort)
    reached = funnel_of(cohort=cohort).total.reached
    submitted = applications.exclude(status=ApplicationStatus.DRAFT).count()
    S = ApplicationStatus
    at_centre = applications.filter(
        status__in=[S.INVITED, S.ATTENDED, S.DID_NOT_ATTEND, S.MET_BENCHMARK, S.BENCHMARK_NOT_MET]
    )
    assert reached[0] == submitted > 0
    assert reached[3] == at_centre.count() > 0  # invited
    assert reached[5] == applications.filter(status=S.MET_BENCHMARK).count() > 0
    assert reached[6] == 0  # no offers


def test_its_people_sign_in_with_the_password_it_prints(client):
    _load(applications=20, partnerships=1)

    response = client.post(
        "/sign-in/", {"email": "contractor@volume.example", "password": PASSWORD}
    )

    assert response.status_code == 302


def test_the_same_seed_gives_the_same_spread_and_a_second_run_adds_to_the_first():
    first = volume_load(applications=300, partnerships=2, password=PASSWORD)
    second = volume_load(applications=300, partnerships=2, password=PASSWORD)

    stages = {what: n for what, n in first.made.items() if what.startswith("at stage")}
    assert stages == {what: n for what, n in second.made.items() if what.startswith("at stage")}
    assert Application.objects.count() == 600
    assert Cohort.objects.filter(number__in=[NATIONAL_COHORT, PARTNERSHIP_COHORT]).count() == 2
    assert not SiftMark.objects.filter(sifter__email="contractor@volume.example").exists()


def test_the_centre_stages_have_their_days_bookings_scores_and_results():
    _load(applications=1000, partnerships=2)

    at_centre = Application.objects.filter(
        status__in=(
            ApplicationStatus.INVITED,
            ApplicationStatus.ATTENDED,
            ApplicationStatus.DID_NOT_ATTEND,
            ApplicationStatus.MET_BENCHMARK,
            ApplicationStatus.BENCHMARK_NOT_MET,
        )
    )
    assert Invitation.objects.count() == at_centre.count() > 0
    for centre in Centre.objects.all():
        numbers = list(centre.bookings.values_list("candidate_number", flat=True))
        assert len(numbers) == len(set(numbers)) <= centre_capacity(centre)
        assert all(
            invitation.application.first_choice_id == centre.partnership_id
            for invitation in centre.bookings.select_related("application")
        )
    results = CentreResult.objects.all()
    assert (
        results.count()
        == at_centre.filter(
            status__in=(ApplicationStatus.MET_BENCHMARK, ApplicationStatus.BENCHMARK_NOT_MET)
        ).count()
    )
    assert set(
        results.filter(met=True).values_list("invitation__application__status", flat=True)
    ) == {ApplicationStatus.MET_BENCHMARK}
    cohort = Cohort.objects.get(number=PARTNERSHIP_COHORT)
    rows = centre_progress(cohort=cohort)
    waiting = at_centre.filter(cohort=cohort, status=ApplicationStatus.ATTENDED)
    # Of those who came and wait for the wash-up, half have both assessors' scores in.
    assert sum(row.counts["attended"] for row in rows) == (
        waiting.count() + results.filter(invitation__application__cohort=cohort).count()
    )
    both_in = [a for a in waiting if int(a.reference[-7:]) % 2 == 0]
    assert sum(row.counts.get("scored_waiting", 0) for row in rows) == len(both_in)
