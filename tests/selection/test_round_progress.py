"""The round as a whole: how many wait for eligibility, a
first mark, a second mark, moderation, and who has marked what."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepup.applications.models import ApplicationStatus
from stepup.selection.services import sift_mark_submit
from tests.selection.conftest import scores_of

pytestmark = pytest.mark.django_db


def cells(page: str, label: str) -> list[str]:
    import re

    row = page[page.index(f">{label}</th>") :]
    row = row[: row.index("</tr>")]
    return re.findall(r'numeric">(?:<strong>)?(\d+)', row)


def test_the_progress_page_counts_each_step_and_each_sifter(sift_world, sign_in, client):
    rules = sift_world["rules"]
    rules.double_sift = True
    rules.save()
    criteria, people = sift_world["criteria"], sift_world["people"]
    for _ in range(3):
        sift_world["eligible"]()
    marked = sift_world["eligible"]()
    sift_mark_submit(actor=people["coordinator"], application=marked, scores=scores_of(criteria, 3))
    sift_world["eligible"](status=ApplicationStatus.ELIGIBILITY_REVIEW)
    sift_world["eligible"](first_choice=sift_world["theirs"], status=ApplicationStatus.SCREENED_IN)
    sign_in(people["admin"])
    page = client.get("/selection/progress/", {"cohort": sift_world["cohort"].number})
    text = page.content.decode()
    # Eligibility, first, second, moderation, not eligible, in, out, at the centre, its
    # outcome, withdrawn, all.
    assert cells(text, "South East") == ["1", "3", "1", "0", "0", "0", "0", "0", "0", "0", "5"]
    assert cells(text, "North") == ["0", "0", "0", "0", "0", "1", "0", "0", "0", "0", "1"]
    assert cells(text, "All partnerships") == [
        "1", "3", "1", "0", "0", "1", "0", "0", "0", "0", "6"
    ]  # fmt: skip
    assert cells(text, people["coordinator"].full_name) == ["1", "0", "0", "0"]


def test_a_coordinator_sees_only_their_partnerships(sift_world, sign_in, client):
    sift_world["eligible"]()
    sift_world["eligible"](first_choice=sift_world["theirs"])
    sign_in(sift_world["people"]["coordinator"])
    text = client.get("/selection/progress/").content.decode()
    assert ">South East</th>" in text and ">North</th>" not in text


def test_the_page_takes_the_same_queries_however_many(sift_world, sign_in, client):
    sign_in(sift_world["people"]["admin"])
    counts = []
    for size in (2, 25):
        for _ in range(size):
            sift_world["eligible"]()
        with CaptureQueriesContext(connection) as captured:
            client.get("/selection/progress/")
        counts.append(len(captured))
    assert counts[0] == counts[1]
