"""Scoring and the wash-up: each assessor scores what they observed, with
evidence; a score off the scale or for a criterion the exercise does not assess is refused;
the wash-up refuses while scores are missing, moderates with a reason, and confirms, moving
each candidate to met the benchmark or not with their reasons; the ranking is deterministic,
ties included."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from stepup.applications.models import ApplicationStatus
from stepup.assessment import services
from stepup.assessment.models import (
    Assignment,
    CentreResult,
    CentreScore,
    CentreStatus,
    RankingConfirmation,
)
from stepup.assessment.queries import centre_exercises, ranking
from stepup.assessment.services.scoring import number_text
from stepup.core.audit import history_for
from tests.assessment.conftest import score_all

pytestmark = pytest.mark.django_db


def test_a_score_off_the_scale_or_for_another_criterion_is_refused(scoring_day):
    day = scoring_day
    assignment = Assignment.objects.filter(assessor=day["young"]).first()
    criteria = list(assignment.exercise.criteria.all())
    others = day["cohort"].current_rules.criteria.exclude(pk__in=[c.pk for c in criteria])
    scores = {c.pk: {"score": 9, "evidence": ""} for c in criteria}
    scores[others.first().pk] = {"score": 2, "evidence": "x"}
    with pytest.raises(
        ValidationError, match="Score only the criteria Group exercise assesses"
    ) as excinfo:
        services.scores_submit(actor=day["young"].person, assignment=assignment, scores=scores)
    errors = excinfo.value.message_dict
    assert errors["__all__"] == [f"Score only the criteria {assignment.exercise.name} assesses"]
    first = criteria[0]
    assert errors[f"score_{first.pk}"] == [f"Select a score between 1 and 4 for {first.name}"]
    assert errors[f"evidence_{first.pk}"] == [f"Enter what you saw for {first.name}"]
    with pytest.raises(ValidationError, match="Only the assessor observing"):
        services.scores_submit(actor=day["staff"].person, assignment=assignment, scores={})
    assert not CentreScore.objects.exists()


def test_the_wash_up_refuses_missing_scores_moderates_and_decides(
    scoring_day, mailoutbox, django_capture_on_commit_callbacks
):
    day = scoring_day
    coordinator, centre = day["people"]["coordinator"], day["centre"]
    first, second = day["invitations"]
    for assessor in (day["staff"], day["young"]):
        score_all(day, assessor, first, lambda criterion: 3)
    score_all(day, day["staff"], second, lambda criterion: 2)
    with pytest.raises(ValidationError, match="Record the day as held"):
        services.washup_confirm(actor=coordinator, centre=centre)
    services.centre_hold(actor=coordinator, centre=centre)
    with pytest.raises(ValidationError, match="Scores still to come") as excinfo:
        services.washup_confirm(actor=coordinator, centre=centre)
    messages = excinfo.value.messages
    assert messages[0] == "Scores still to come:"
    assert all(m.startswith("Candidate 2:") for m in messages[1:])
    assert any(f"by {day['young']}" in m for m in messages[1:])
    score_all(day, day["young"], second, lambda criterion: 2)

    score = CentreScore.objects.filter(assignment__invitation=second).first()
    with pytest.raises(
        ValidationError, match="Select a different score, or leave it as it is"
    ) as excinfo:
        services.score_moderate(actor=coordinator, score=score, new_score=2, reason="")
    assert set(excinfo.value.message_dict) == {"new_score", "reason"}
    services.score_moderate(
        actor=coordinator, score=score, new_score=3, reason="The recording shows a clear example"
    )
    assert history_for(second.application)[0].reason == "The recording shows a clear example"

    with django_capture_on_commit_callbacks(execute=True):
        results = services.washup_confirm(actor=coordinator, centre=centre)
    first.application.refresh_from_db()
    second.application.refresh_from_db()
    assert first.application.status == ApplicationStatus.MET_BENCHMARK
    assert second.application.status == ApplicationStatus.BENCHMARK_NOT_MET
    met, not_met = results
    assert met.composite == Decimal("27.00") and met.reasons == []
    # Nine criteria at 2, one of them averaged with a moderated 3 on one of its scores.
    assert not_met.composite < 20
    assert not_met.reasons == [
        f"Your overall score of {number_text(not_met.composite)} was below the 20 needed"
    ]
    centre.refresh_from_db()
    assert centre.status == CentreStatus.CONFIRMED
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert "did not meet the standard" in bodies[second.application.candidate.email]
    assert "below the 20 needed" in bodies[second.application.candidate.email]
    with pytest.raises(ValidationError, match="Scores can be given on the day, until"):
        score_all(day, day["young"], second, lambda criterion: 4)


def test_a_criterion_minimum_and_weights_shape_the_result(scoring_day):
    day = scoring_day
    rules = day["cohort"].current_rules
    rules.centre_criterion_minimum = 2
    rules.save()
    values = rules.criteria.get(name="Values")
    values.weight = 3
    values.save()
    first, second = day["invitations"]
    for assessor in (day["staff"], day["young"]):
        score_all(day, assessor, first, lambda c: 1 if c.name == "Resilience" else 4)
        score_all(day, assessor, second, lambda c: 3)
    coordinator = day["people"]["coordinator"]
    services.centre_hold(actor=coordinator, centre=day["centre"])
    high, even = services.washup_confirm(actor=coordinator, centre=day["centre"])
    # Eight criteria at 4 with Values counted three times, and Resilience at 1.
    assert high.composite == Decimal(4 * 7 + 4 * 3 + 1)
    assert not high.met
    assert high.reasons == [
        "Your average score for Resilience, 1, was below the 2 needed on every criterion"
    ]
    assert even.met and even.composite == Decimal(3 * 8 + 3 * 3)


def test_the_ranking_is_the_same_every_time_ties_included(scoring_day):
    day = scoring_day
    first, second = day["invitations"]
    for assessor in (day["staff"], day["young"]):
        for invitation in (first, second):
            score_all(day, assessor, invitation, lambda c: 3)
    coordinator = day["people"]["coordinator"]
    services.centre_hold(actor=coordinator, centre=day["centre"])
    services.washup_confirm(actor=coordinator, centre=day["centre"])
    assert CentreResult.objects.filter(met=True).count() == 2
    ranked = [r.invitation_id for r in ranking(cohort=day["cohort"], partnership=day["ours"])]
    again = [r.invitation_id for r in ranking(cohort=day["cohort"], partnership=day["ours"])]
    assert ranked == again
    # A tie on composite and evenness: the earlier application first, then the reference.
    earlier = min(
        (first, second), key=lambda i: (i.application.submitted_at, i.application.reference)
    )
    assert ranked[0] == earlier.pk
    assert len(centre_exercises(day["centre"])) == 5


def test_a_young_person_scores_on_the_plain_page_and_staff_on_the_full_one(
    scoring_day, sign_in, client
):
    day = scoring_day
    young = day["young"]
    sign_in(young.person)
    listing = client.get("/assessment-centres/scoring/").content.decode()
    assignment = Assignment.objects.filter(assessor=young, invitation=day["invitations"][0]).first()
    url = f"/assessment-centres/scoring/{assignment.pk}/"
    assert url in listing and "To score" in listing
    page = client.get(url).content.decode()
    criteria = list(assignment.exercise.criteria.order_by("position"))
    assert f"How well did they show {criteria[0].name.lower()}?" in page
    assert "What did you see or hear?" in page
    assert "Effective behaviours" not in page
    refused = client.post(url, {}).content.decode()
    assert f"Select a score for {criteria[0].name}" in refused
    answers = {}
    for criterion in criteria:
        answers[f"score_{criterion.pk}"] = "3"
        answers[f"evidence_{criterion.pk}"] = "Listened and asked what I wanted."
    done = client.post(url, answers, follow=True).content.decode()
    assert "Scores saved for candidate 1" in done
    assert CentreScore.objects.filter(assignment=assignment).count() == len(criteria)
    client.logout()
    sign_in(day["staff"].person)
    staff = Assignment.objects.filter(assessor=day["staff"]).first()
    assert (
        "Effective behaviours seen (optional)"
        in client.get(f"/assessment-centres/scoring/{staff.pk}/").content.decode()
    )
    assert client.get(url).status_code == 404, "another assessor's candidate"


def test_the_wash_up_page_moderates_and_confirms(scoring_day, sign_in, client):
    day = scoring_day
    first, second = day["invitations"]
    for assessor in (day["staff"], day["young"]):
        score_all(day, assessor, first, lambda c: 3)
        score_all(day, assessor, second, lambda c: 2)
    coordinator = day["people"]["coordinator"]
    centre = day["centre"]
    services.centre_hold(actor=coordinator, centre=centre)
    sign_in(coordinator)
    url = f"/assessment-centres/{centre.pk}/wash-up/"
    assert url in client.get(f"/assessment-centres/{centre.pk}/").content.decode()
    page = client.get(url).content.decode()
    assert "Candidate 1" in page and "Candidate 2" in page and "Confirm the scores" in page
    score = CentreScore.objects.filter(assignment__invitation=second).first()
    change = f"/assessment-centres/{centre.pk}/wash-up/scores/{score.pk}/"
    assert change in page
    refused = client.post(change, {"new_score": "3"}).content.decode()
    assert "Enter why you are changing the score" in refused
    client.post(change, {"new_score": "3", "reason": "Seen on the recording"})
    assert "(was 2: Seen on the recording)" in client.get(url).content.decode()
    done = client.post(url, follow=True).content.decode()
    assert "Scores confirmed" in done
    assert "Met the benchmark" in done and "Did not meet the benchmark" in done
    assert "Confirm the scores" not in done


def test_the_candidate_reads_why_they_did_not_meet_the_benchmark(scoring_day, sign_in, client):
    day = scoring_day
    first, second = day["invitations"]
    for assessor in (day["staff"], day["young"]):
        score_all(day, assessor, first, lambda c: 3)
        score_all(day, assessor, second, lambda c: 1)
    coordinator = day["people"]["coordinator"]
    services.centre_hold(actor=coordinator, centre=day["centre"])
    services.washup_confirm(actor=coordinator, centre=day["centre"])
    sign_in(second.application.candidate)
    page = client.get(f"/applications/{second.application.reference}/status/").content.decode()
    assert "Your overall score of 9 was below the 20 needed" in page
    client.logout()
    sign_in(first.application.candidate)
    page = client.get(f"/applications/{first.application.reference}/status/").content.decode()
    assert "You met the standard we look for" in page and "below the" not in page


def test_the_ranking_is_confirmed_once_every_day_is_washed_up(scoring_day, sign_in, client):
    day = scoring_day
    first, second = day["invitations"]
    for assessor in (day["staff"], day["young"]):
        score_all(day, assessor, first, lambda c: 4)
        score_all(day, assessor, second, lambda c: 3)
    coordinator, centre = day["people"]["coordinator"], day["centre"]
    services.centre_hold(actor=coordinator, centre=centre)
    with pytest.raises(ValidationError, match="is not washed up yet"):
        services.ranking_confirm(actor=coordinator, cohort=day["cohort"], partnership=day["ours"])
    services.washup_confirm(actor=coordinator, centre=centre)
    sign_in(coordinator)
    listing = client.get("/assessment-centres/").content.decode()
    url = f"/assessment-centres/ranking/{day['cohort'].number}/{day['ours'].code}/"
    assert url in listing
    page = client.get(url).content.decode()
    assert page.index(first.application.reference) < page.index(second.application.reference)
    done = client.post(url, follow=True).content.decode()
    assert "Ranking confirmed for the allocation of places" in done
    confirmed = RankingConfirmation.objects.get()
    assert confirmed.order == [first.application.reference, second.application.reference]
    client.logout()
    sign_in(day["people"]["other_coordinator"])
    assert client.get(url).status_code == 404
