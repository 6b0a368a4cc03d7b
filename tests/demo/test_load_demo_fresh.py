"""``manage.py load_demo`` on an empty database: what the first load does, and that the same
day gives the same round. The rest of the demo's tests share one load per module."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError
from django.db import transaction

from stepup.accounts.models import User
from stepup.applications.models import Application
from stepup.core.models import AuditEntry
from stepup.demo import round as demo_round
from stepup.demo.data import CANDIDATE_EMAIL
from stepup.demo.services import demo_load
from stepup.programme.models import Cohort, CohortStatus
from tests.support.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def _applications():
    return Application.objects.filter(cohort__number=demo_round.NUMBER).exclude(
        candidate__email=CANDIDATE_EMAIL
    )


def test_the_default_password_is_the_documented_one(load_demo, client):
    output = load_demo(round_candidates=0)
    assert sign_in(client, "national.admin@stepup.example", "stepup-demo-2026").status_code == 302
    assert "stepup-demo-2026" in output


def test_a_password_the_service_would_refuse_loads_nothing(load_demo):
    with pytest.raises(CommandError, match="10 characters or more"):
        load_demo(password="short")
    assert not Cohort.objects.exists()
    assert not User.objects.exists()
    assert not AuditEntry.objects.exists()


def _snapshot() -> list[tuple]:
    return list(
        _applications()
        .order_by("reference")
        .values_list("reference", "full_name", "status", "sift_round_needed", "submitted_at")
    )


def test_the_same_day_gives_the_same_round():
    frozen = datetime.datetime(2026, 11, 28, 15, 30, tzinfo=datetime.UTC)
    snapshots = []
    for _ in range(2):
        with time_machine.travel(frozen), transaction.atomic():
            demo_load(password=DEMO_PASSWORD, round_candidates=20)
            snapshots.append(_snapshot())
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1]
    assert len(snapshots[0]) == 20 + demo_round.FIRST_WAVE


def test_no_fictitious_candidates_when_asked_for_none(load_demo):
    load_demo(password=DEMO_PASSWORD, round_candidates=0)
    cohort = Cohort.objects.get(number=demo_round.NUMBER)
    assert cohort.status == CohortStatus.RECRUITING
    assert not _applications().exists()
    assert User.objects.filter(email=CANDIDATE_EMAIL).exists()
