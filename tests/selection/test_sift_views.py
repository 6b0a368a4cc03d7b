"""The sift's pages: the queue, the anonymised application with its scoring form, and the
page after submitting. A sifter never sees who the candidate is."""

import datetime

import pytest

from stepup.applications.models import ApplicationStatus, EqualityMonitoring
from stepup.selection.models import DecisionReason, DecisionStage, SiftMark
from stepup.selection.services import sift_mark_submit
from stepup.selection.views import QUEUE_PAGE_SIZE
from tests.selection.conftest import scores_of

NAME = "Xanthippe Quarrington-Blythe"
EMAIL = "xanthippe.qb@example.net"
PHONE = "07700 900123"
POSTCODE = "ZE2 9QX"


@pytest.fixture
def distinctive(sift_world):
    """An application whose candidate can be recognised by any of these values."""
    application = sift_world["eligible"](
        candidate__full_name=NAME,
        candidate__email=EMAIL,
        full_name=NAME,
        phone=PHONE,
        postcode=POSTCODE,
        address_line_1="17 Quillwort Crescent",
        town="Zennor",
        answer_q1="I mentored twelve young carers every week.",
    )
    EqualityMonitoring.objects.create(
        application=application,
        date_of_birth=datetime.date(1991, 7, 23),
        sex="female",
        ethnicity="Zoroastrian-identified test value",
        religion="Distinctive religion value",
    )
    return application


def _form_data(criteria, *values, reasons=(), detail="", evidence="Clear evidence in Q1."):
    if len(values) == 1:
        values = values * len(criteria)
    data = {}
    for criterion, value in zip(criteria, values, strict=True):
        data[f"score_{criterion.pk}"] = str(value)
        data[f"evidence_{criterion.pk}"] = evidence
    data["reasons"] = [str(r.pk) for r in reasons]
    data["detail"] = detail
    return data


FORBIDDEN = (
    NAME,
    "Xanthippe",
    "Quarrington",
    EMAIL,
    PHONE,
    POSTCODE,
    "Quillwort",
    "Zennor",
    "1991",
    "23 July",
    "Zoroastrian",
    "Distinctive religion",
    "degree.pdf",
)


def _assert_anonymous(html: str):
    for value in FORBIDDEN:
        assert value not in html, value


def test_every_sift_page_keeps_the_candidate_anonymous(sift_world, distinctive, sign_in, client):
    rules = sift_world["rules"]
    rules.double_sift, rules.sift_tolerance = True, 0
    rules.save()
    people, criteria = sift_world["people"], sift_world["criteria"]
    base = f"/selection/sift/{distinctive.reference}/"
    pages = []
    sign_in(people["coordinator"])
    pages.append(client.get("/selection/sift/"))
    pages.append(client.get(base))
    assert "I mentored twelve young carers" in pages[-1].content.decode()
    # A page with errors on it too.
    pages.append(client.post(base, {}))
    assert "Select a score for Values" in pages[-1].content.decode()
    response = client.post(base, _form_data(criteria, 4))
    assert response.status_code == 302
    pages.append(client.get(response["Location"]))
    sign_in(people["assessor"])
    pages.append(client.get(base))  # second sifter
    client.post(
        base,
        _form_data(criteria, 1, reasons=[DecisionReason.objects.get(stage="sift", code="values")]),
    )
    sign_in(people["su_assessor"])
    pages.append(client.get("/selection/sift/"))
    pages.append(client.get(base))  # moderator
    for response in pages:
        assert response.status_code == 200
        _assert_anonymous(response.content.decode())


def test_the_page_loads_only_what_a_sifter_may_read(sift_world, distinctive):
    from stepup.selection import queries

    found = queries.applications_siftable_by(sift_world["people"]["assessor"]).get()
    assert "full_name" in found.get_deferred_fields()
    assert "postcode" in found.get_deferred_fields()
    anonymised = queries.anonymised_application(found)
    assert not hasattr(anonymised, "candidate")
    assert not hasattr(anonymised, "full_name")
    assert anonymised.degree_subject == "History"


def test_the_queue_lists_what_the_person_may_mark_with_the_round(sift_world, sign_in, client):
    application = sift_world["eligible"]()
    sift_world["eligible"](first_choice=sift_world["theirs"])
    html = sign_in(sift_world["people"]["assessor"]).get("/selection/sift/").content.decode()
    assert "1 application waiting for your mark" in html
    assert application.reference in html
    assert "First sifter" in html
    assert "South East" in html


def test_the_queue_says_when_the_pass_mark_is_missing(sift_world, sign_in, client):
    rules = sift_world["rules"]
    rules.sift_pass_mark = None
    rules.save()
    application = sift_world["eligible"]()
    html = sign_in(sift_world["people"]["assessor"]).get("/selection/sift/").content.decode()
    assert "Set the pass mark for cohort 3 before the sift starts" in html
    assert application.reference not in html
    assert client.get(f"/selection/sift/{application.reference}/").status_code == 404


def test_the_queue_is_paginated_at_fifty(sift_world, sign_in, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(QUEUE_PAGE_SIZE + 2):
        sift_world["eligible"](experiences=0)
    sign_in(sift_world["people"]["assessor"])
    with CaptureQueriesContext(connection) as first:
        html = client.get("/selection/sift/").content.decode()
    assert f"{QUEUE_PAGE_SIZE + 2} applications waiting for your mark: 1 to 50 shown" in html
    assert html.count("Score<span") == QUEUE_PAGE_SIZE
    assert "govuk-pagination" in html
    with CaptureQueriesContext(connection) as last:
        second = client.get("/selection/sift/?page=2").content.decode()
    assert second.count("Score<span") == 2
    assert len(first) == len(last)


def test_the_queue_page_takes_the_same_queries_whatever_its_length(sift_world, sign_in, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sign_in(sift_world["people"]["assessor"])
    counts = []
    for size in (2, 20):
        for _ in range(size):
            sift_world["eligible"](experiences=0)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/selection/sift/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_scoring_on_the_page_screens_in_and_confirms(sift_world, sign_in, client):
    application = sift_world["eligible"]()
    criteria = sift_world["criteria"]
    sign_in(sift_world["people"]["coordinator"])
    page = client.get(f"/selection/sift/{application.reference}/").content.decode()
    assert "4: " in page and "If your total is below the pass mark" in page
    response = client.post(
        f"/selection/sift/{application.reference}/", _form_data(criteria, 3, 3, 2, 2, 2)
    )
    assert response["Location"] == f"/selection/sift/{application.reference}/submitted/"
    done = client.get(response["Location"]).content.decode()
    assert "Scores submitted" in done and "12" in done
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENED_IN
    # Marked: coming back says so (it once said "Page not found"), and a form
    # sent again changes nothing.
    again = client.get(f"/selection/sift/{application.reference}/")
    assert again.status_code == 200
    text = again.content.decode()
    assert f"You have already scored application {application.reference}" in text
    assert "with a total of <strong>12</strong>" in text and "<form" not in text.split("<main")[1]
    resent = client.post(
        f"/selection/sift/{application.reference}/", _form_data(criteria, 1, 1, 1, 1, 1)
    )
    assert "You have already scored" in resent.content.decode()
    assert SiftMark.objects.filter(application=application).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d, c: d.pop(f"score_{c[1].pk}"), "Select a score for Values"),
        (lambda d, c: d.__setitem__(f"score_{c[1].pk}", "7"), "Select a score for Values"),
        (
            lambda d, c: d.__setitem__(f"evidence_{c[1].pk}", ""),
            "Enter the evidence for your score for Values",
        ),
        (lambda d, c: d.__setitem__(f"score_{c[0].pk}", "1"), "Select at least one reason"),
    ],
)
def test_bad_input_shows_the_error_and_saves_nothing(sift_world, sign_in, client, change, message):
    application = sift_world["eligible"]()
    criteria = sift_world["criteria"]
    assert criteria[1].name == "Values"
    data = _form_data(criteria, 2, 3, 2, 2, 3)  # 12 until changed
    change(data, criteria)
    sign_in(sift_world["people"]["assessor"])
    response = client.post(f"/selection/sift/{application.reference}/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert "<title>Error: " in html
    assert not SiftMark.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE


def test_other_people_get_not_found_even_for_a_crafted_post(sift_world, sign_in, client):
    application = sift_world["eligible"]()
    data = _form_data(sift_world["criteria"], 4)
    for who in ("other_coordinator", "contractor", "admin", "contractor_assessor"):
        sign_in(sift_world["people"][who])
        assert client.get(f"/selection/sift/{application.reference}/").status_code == 404
        assert client.post(f"/selection/sift/{application.reference}/", data).status_code == 404
        assert client.get(f"/selection/sift/{application.reference}/submitted/").status_code == 404
    sign_in(sift_world["people"]["officer"])
    assert client.get("/selection/sift/").status_code == 403
    assert client.post(f"/selection/sift/{application.reference}/", data).status_code == 403
    assert not SiftMark.objects.exists()


def test_the_candidate_sees_the_outcome_and_reasons_but_no_scores(sift_world, sign_in, client):
    application = sift_world["eligible"]()
    sift_mark_submit(
        actor=sift_world["people"]["assessor"],
        application=application,
        scores=scores_of(sift_world["criteria"], 2),
        reasons=[DecisionReason.objects.get(stage=DecisionStage.SIFT, code="values")],
        detail="Question 3 did not talk about values.",
    )
    html = (
        sign_in(application.candidate)
        .get(f"/applications/{application.reference}/status/")
        .content.decode()
    )
    assert "Not successful this time" in html and "Screened out" not in html
    assert "little evidence of the values social work needs" in html
    assert "Question 3 did not talk about values." in html
    assert sift_world["people"]["assessor"].full_name not in html
    assert "Clear example" not in html  # the evidence notes stay with the sifters


def test_the_moderator_is_told_why_and_sees_both_marks_after(sift_world, sign_in, client):
    """Fixed: moderation was a blind third mark."""
    rules = sift_world["rules"]
    rules.double_sift, rules.sift_tolerance = True, 1
    rules.save()
    people, criteria = sift_world["people"], sift_world["criteria"]
    application = sift_world["eligible"]()
    sift_mark_submit(
        actor=people["coordinator"], application=application, scores=scores_of(criteria, 4)
    )
    sift_mark_submit(
        actor=people["assessor"],
        application=application,
        scores=scores_of(criteria, 2),
        reasons=[DecisionReason.objects.get(stage=DecisionStage.SIFT, code="values")],
    )
    sign_in(people["su_assessor"])
    url = f"/selection/sift/{application.reference}/"
    page = client.get(url).content.decode()
    assert "the first sifter gave 20 and the second sifter gave 10, a gap of 10" in page
    assert "The cohort allows a gap of 1 at most" in page
    assert people["coordinator"].full_name not in page  # no names
    done = client.post(url, _form_data(criteria, 3), follow=True).content.decode()
    assert "The two marks you moderated" in done
    assert "The first sifter: a total of 20" in done and "The second sifter: a total of 10" in done
