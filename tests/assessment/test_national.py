"""The national view: every partnership's candidates from invitation to a
confirmed result and ranking, against its places; for the national team only."""

import datetime

import pytest
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.assessment import services
from stepup.assessment.models import CentreScore
from stepup.assessment.queries import PROGRESS_COLUMNS, centre_progress
from tests.assessment.conftest import plan_centre, score_all
from tests.factories import person_with_role

pytestmark = pytest.mark.django_db


def _counts(row) -> dict:
    return dict(zip([key for key, _ in PROGRESS_COLUMNS], row.row, strict=True))


def test_each_partnership_shows_where_its_candidates_are(washed_up, django_assert_num_queries):
    day = washed_up
    # A second day open, one more candidate of ours invited but not booked; North has
    # nothing yet.
    later = plan_centre(
        day,
        day=day["centre"].day + datetime.timedelta(days=7),
        booking_closes_at=timezone.now() + datetime.timedelta(days=3),
    )
    services.centre_open(actor=day["people"]["coordinator"], centre=later)
    day["screened_in"]()
    services.invitations_send(
        actor=day["people"]["coordinator"], cohort=day["cohort"], partnership=day["ours"]
    )
    with django_assert_num_queries(7):
        rows = centre_progress(cohort=day["cohort"])
    by_name = {row.label: row for row in rows}
    assert set(by_name) == {"South East", "North"}
    ours = _counts(by_name["South East"])
    assert ours == {
        "days": 2,
        "invited": 3,
        "booked": 2,
        "attended": 2,
        "no_show": 0,
        "scored": 2,
        "moderated": 1,
        "confirmed": 2,
        "met": 2,
        "places": day["ours"].total_places,
    }
    assert by_name["South East"].ranking_confirmed_at is None
    assert _counts(by_name["North"])["invited"] == 0


def test_scores_still_to_come_are_not_counted_as_all_in(scoring_day):
    day = scoring_day
    first, second = day["invitations"]
    for assessor in (day["staff"], day["young"]):
        score_all(day, assessor, first, lambda criterion: 3)
    score_all(day, day["staff"], second, lambda criterion: 3)
    [ours] = [row for row in centre_progress(cohort=day["cohort"]) if row.label == "South East"]
    counts = _counts(ours)
    assert (counts["attended"], counts["scored"], counts["confirmed"]) == (2, 1, 0)
    assert CentreScore.objects.count() > 0


def test_the_page_is_for_the_national_team(washed_up, sign_in, client):
    day = washed_up
    analyst = person_with_role(Role.NATIONAL_ANALYST)
    sign_in(analyst)
    page = client.get(f"/assessment-centres/national/?cohort={day['cohort'].number}")
    text = page.content.decode()
    assert "Assessment centres across the country" in text
    assert "South East" in text and "Met the benchmark" in text
    assert 'href="/assessment-centres/national/"' in client.get("/").content.decode()
    sign_in(day["people"]["coordinator"])
    assert client.get("/assessment-centres/national/").status_code == 403
