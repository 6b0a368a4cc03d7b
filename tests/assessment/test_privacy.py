"""What the assessment centre holds about a candidate reaches their copy of their data, and
erasure blanks the words in it."""

import io
import json
import zipfile

import pytest

from stepup.assessment.models import AdjustmentRequest, CentreScore
from stepup.privacy.export import subject_access_export
from stepup.privacy.services import application_erase

pytestmark = pytest.mark.django_db


def _export(application) -> dict:
    archive = zipfile.ZipFile(
        io.BytesIO(subject_access_export(person=application.candidate, actor=None))
    )
    [data] = json.loads(archive.read("data.json"))["applications"]
    return data["assessment_centre"]


def test_the_candidates_copy_holds_their_booking_adjustment_scores_and_result(washed_up):
    first = washed_up["first"]
    centre = _export(first.application)
    assert centre["booking"]["venue"] == "Bromley Civic Centre"
    assert centre["booking"]["candidate_number"] == first.candidate_number
    [adjustment] = centre["adjustments"]
    assert adjustment["request"] == "I use a wheelchair and need a ground-floor room"
    assert adjustment["outcome"] == "Agreed" and adjustment["answer"] == "Room G12 is yours."
    assert len(centre["scores"]) == CentreScore.objects.filter(assignment__invitation=first).count()
    assert {s["evidence"] for s in centre["scores"]} == {"Seen clearly."}
    assert [s["moderation_reason"] for s in centre["scores"] if s["moderated"]] == [
        "Clear evidence"
    ]
    assert centre["result"]["met_the_benchmark"] is True
    # Who scored them is not in it, and nothing of the other candidate.
    text = json.dumps(centre)
    assert washed_up["staff"].person.email not in text
    assert washed_up["second"].application.reference not in text


def test_a_candidate_never_invited_has_no_centre_records(washed_up):
    application = washed_up["screened_in"]()
    assert _export(application) is None


def test_erasure_blanks_what_was_written_about_and_by_the_candidate(washed_up):
    first, second = washed_up["first"], washed_up["second"]
    application_erase(application=first.application, actor=None, why="test")
    adjustment = AdjustmentRequest.objects.get(invitation=first)
    assert "wheelchair" not in adjustment.request and adjustment.answer == ""
    scores = CentreScore.objects.filter(assignment__invitation=first)
    assert not scores.exclude(evidence__startswith="(Erased").exists()
    assert not scores.filter(moderation_reason="Clear evidence").exists()
    # The scores themselves stay, for the statistics and the ranking's record.
    assert scores.filter(moderated_score=4).count() == 1
    # The other candidate's are untouched.
    others = CentreScore.objects.filter(assignment__invitation=second)
    assert set(others.values_list("evidence", flat=True)) == {"Seen clearly."}
