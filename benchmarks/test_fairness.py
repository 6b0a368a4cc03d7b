"""Insights at volume: the fairness report and the funnel for one cohort of 200,000
applications (issue 14: the fairness report within 2 seconds on PostgreSQL).

Run on PostgreSQL for the recorded figures: ``DATABASE_URL=postgres://… make bench``.
``load_volume``'s applications carry the status changes their stages imply; here most of
the submitted ones also answer the equality questionnaire, and some of those who met the
benchmark have an offer made to them.
"""

import datetime
import random

import pytest
from django.db import connection
from django.utils import timezone

from stepup.applications.models import Application, ApplicationStatus, EqualityMonitoring
from stepup.demo.volume import NATIONAL_COHORT, _insert, volume_load
from stepup.insights.fairness import fairness_snapshot
from stepup.insights.models import FairnessSnapshot
from stepup.insights.reports import fairness_sections, funnel_sections
from stepup.offers.models import Offer, OfferStatus, Route
from stepup.programme.models import Cohort

pytestmark = pytest.mark.django_db

APPLICATIONS = 200_000
SEXES = ("female",) * 8 + ("male",) * 2 + ("prefer_not_to_say", "")
ETHNICITIES = ("white_british",) * 12 + (
    "white_irish",
    "white_other",
    "black_african",
    "black_caribbean",
    "asian_indian",
    "asian_pakistani",
    "mixed_white_black_caribbean",
    "other_arab",
    "prefer_not_to_say",
    "",
)


def _answers(rng: random.Random, application_id: int) -> dict:
    return {
        "application_id": application_id,
        "date_of_birth": datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(15000)),
        "sex": rng.choice(SEXES),
        "ethnicity": rng.choice(ETHNICITIES),
        "disability": rng.choice(("yes", "no", "no", "no", "prefer_not_to_say", "")),
        "religion": rng.choice(("none", "christian", "christian", "muslim", "hindu", "")),
        "sexual_orientation": rng.choice(("heterosexual",) * 8 + ("gay_lesbian", "bisexual")),
        "answered_at": timezone.now(),
    }


@pytest.fixture
def cohort():
    volume_load(applications=APPLICATIONS, password="bench", partnership_share=0.0)
    cohort = Cohort.objects.get(number=NATIONAL_COHORT)
    rng = random.Random(14)
    submitted = Application.objects.filter(cohort=cohort).exclude(status=ApplicationStatus.DRAFT)
    ids = list(submitted.values_list("id", flat=True))
    _insert(EqualityMonitoring, [_answers(rng, i) for i in ids if rng.random() < 0.9])
    met = submitted.filter(status=ApplicationStatus.MET_BENCHMARK).select_related("first_choice")
    _insert(
        Offer,
        [
            {
                "application_id": a.pk,
                "partnership_id": a.first_choice_id,
                "host_id": a.first_choice.lead_authority_id,
                "route": Route.ALLOCATION,
                "status": OfferStatus.MADE,
                "made_at": timezone.now(),
            }
            for a in met
            if rng.random() < 0.5
        ],
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    assert Application.objects.filter(cohort=cohort).count() == APPLICATIONS
    return cohort


def test_fairness_and_funnel_for_a_cohort_of_200000(cohort, measure):
    def fairness():
        FairnessSnapshot.objects.all().delete()  # each round counts afresh
        snapshot = fairness_snapshot(cohort=cohort)
        return fairness_sections(snapshot=snapshot, protect=False)

    sections = fairness()
    sex = next(s for s in sections if s["key"] == "sex")
    assert sex["tables"][0].rows[0].cells[0].value > 100_000  # women who submitted
    measure(
        f"fairness report, the day's first view, {APPLICATIONS:,} applications "
        f"({connection.vendor})",
        fairness,
    )
    snapshot = fairness_snapshot(cohort=cohort)
    measure(
        "fairness report from the day's snapshot",
        lambda: fairness_sections(snapshot=snapshot, protect=True),
    )
    measure(
        "funnel and sources, all partnerships", lambda: funnel_sections(cohort=cohort, protect=True)
    )
