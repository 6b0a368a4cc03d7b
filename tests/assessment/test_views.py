"""The centre pages as their users work through them: the coordinator plans a day (after
errors), opens it and invites; the candidate books, moves and asks for an adjustment; the
coordinator answers, records attendance on the day and records the day as held."""

import datetime
import re

import pytest
from django.utils import timezone

from stepup.applications.models import ApplicationStatus
from stepup.assessment import services
from stepup.assessment.models import Centre, CentreStatus, Invitation
from stepup.programme.models import CohortStatus
from tests.assessment.conftest import TODAY
from tests.assessment.conftest import invite as _invited

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _summary(text: str) -> str:
    start = text.index("govuk-error-summary")
    return text[start : text.index("</ul>", start)]


PLAN = {
    "day-day": "15",
    "day-month": "3",
    "day-year": "2027",
    "venue": "Bromley Civic Centre",
    "address": "Stockwell Close\nBromley BR1 3UH",
    "accessibility": "Step-free entry and accessible toilets",
    "booking_closes-day": "8",
    "booking_closes-month": "3",
    "booking_closes-year": "2027",
    "slot_1_starts": "9am",
    "slot_1_ends": "1pm",
    "slot_1_places": "1",
    "slot_2_starts": "13:30",
    "slot_2_ends": "5.30pm",
    "slot_2_places": "2",
}


@pytest.fixture
def recruiting(centre_world):
    cohort = centre_world["cohort"]
    cohort.status = CohortStatus.RECRUITING
    cohort.save()
    return centre_world


def test_a_coordinator_plans_opens_and_invites_and_the_candidate_books(
    recruiting, sign_in, client, time_machine
):
    world = recruiting
    applications = [world["screened_in"]() for _ in range(2)]
    sign_in(world["people"]["coordinator"])
    listing = _text(client.get("/assessment-centres/"))
    assert "No centre days have been planned yet" in listing
    assert "South East (cohort 7): 2 screened-in candidates not invited yet" in listing

    refused = _text(client.post("/assessment-centres/new/", {"slot_1_starts": "nine"}))
    summary = _summary(refused)
    for message in (
        "Select the partnership the day is for",
        "Enter the date of the centre day",
        "Enter the name of the venue",
        "Enter the start of slot 1 as a time of day, like 9:30am or 14:00",
    ):
        assert message in summary, message
    assert not Centre.objects.exists()

    plan = {**PLAN, "runner": f"p-{world['ours'].pk}"}
    too_late = _text(client.post("/assessment-centres/new/", {**plan, "booking_closes-day": "20"}))
    assert "Booking must close before the centre day" in _summary(too_late)
    response = client.post("/assessment-centres/new/", plan, follow=True)
    centre = Centre.objects.get()
    assert response.redirect_chain[-1][0] == f"/assessment-centres/{centre.pk}/"
    page = _text(response)
    assert "Centre day planned" in page and "9am to 1pm" in page and "1:30pm to 5:30pm" in page
    assert [str(s) for s in centre.slots.order_by("starts_at")] == [
        "9am to 1pm",
        "1:30pm to 5:30pm",
    ]

    _text(client.post(f"/assessment-centres/{centre.pk}/open/", follow=True))
    centre.refresh_from_db()
    assert centre.status == CentreStatus.OPEN
    sent = _text(
        client.post("/assessment-centres/invite/", {"runner": f"p-{world['ours'].pk}"}, follow=True)
    )
    assert "2 candidates invited and emailed" in sent

    first, second = applications
    client.logout()
    sign_in(first.candidate)
    status = _text(client.get(f"/applications/{first.reference}/status/"))
    assert "Choose or change your day and time" in status
    url = f"/applications/{first.reference}/assessment-centre/"
    page = _text(client.get(url))
    assert "You have not chosen a day and time yet" in page
    assert "Monday 15 March 2027, 9am to 1pm, at Bromley Civic Centre" in page
    assert "Choose a day and time" in _summary(_text(client.post(url, {})))
    morning, afternoon = centre.slots.order_by("starts_at")
    booked = _text(client.post(url, {"slot": morning.pk}, follow=True))
    assert "Your assessment centre time is booked" in booked
    assert "Your candidate number" in booked and "Stockwell Close" in booked

    client.post(
        f"/applications/{first.reference}/assessment-centre/adjustment/",
        {"request": "Extra time for the written exercise"},
    )
    client.logout()
    sign_in(second.candidate)
    full = _text(client.get(f"/applications/{second.reference}/assessment-centre/"))
    assert "9am to 1pm" not in full, "a full slot is not offered"
    client.post(f"/applications/{second.reference}/assessment-centre/", {"slot": afternoon.pk})

    client.logout()
    sign_in(world["people"]["coordinator"])
    detail = _text(client.get(f"/assessment-centres/{centre.pk}/"))
    assert "Answer candidate 1’s request" in detail
    adjustment = Invitation.objects.get(application=first).adjustments.get()
    answer_url = f"/assessment-centres/{centre.pk}/adjustments/{adjustment.pk}/"
    assert "Extra time for the written exercise" in _text(client.get(answer_url))
    client.post(answer_url, {"outcome": "agreed", "answer": "You will have 25% more time."})
    assert "Answer candidate 1" not in _text(client.get(f"/assessment-centres/{centre.pk}/"))

    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(TODAY.replace(day=15), datetime.time(18))),
        tick=False,
    )
    sign_in(world["people"]["coordinator"])  # a fortnight later: a new session
    detail = _text(client.get(f"/assessment-centres/{centre.pk}/"))
    links = re.findall(r'href="(/assessment-centres/\d+/attendance/\d+/)"', detail)
    assert len(links) == 2
    refused = _text(client.post(links[1], {"attended": "no"}))
    assert "Enter why the candidate did not attend" in _summary(refused)
    client.post(links[0], {"attended": "yes"})
    client.post(links[1], {"attended": "no", "reason": "Did not arrive"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (
        ApplicationStatus.ATTENDED,
        ApplicationStatus.DID_NOT_ATTEND,
    )
    held = _text(client.post(f"/assessment-centres/{centre.pk}/held/", follow=True))
    assert "The centre day is recorded as held" in held


def test_a_button_refused_by_the_service_says_why(recruiting, sign_in, client):
    world = recruiting
    sign_in(world["people"]["coordinator"])
    response = client.post(
        "/assessment-centres/invite/", {"runner": f"p-{world['ours'].pk}"}, follow=True
    )
    assert "Open a centre day for booking before you invite candidates" in _text(response)


def test_another_partnerships_coordinator_cannot_reach_the_day(recruiting, sign_in, client):
    world = recruiting
    sign_in(world["people"]["coordinator"])
    client.post("/assessment-centres/new/", {**PLAN, "runner": f"p-{world['ours'].pk}"})
    centre = Centre.objects.get()
    client.logout()
    sign_in(world["people"]["other_coordinator"])
    assert client.get(f"/assessment-centres/{centre.pk}/").status_code == 404
    assert client.post(f"/assessment-centres/{centre.pk}/open/").status_code == 404
    assert f"p-{world['ours'].pk}" not in _text(client.get("/assessment-centres/new/"))
    centre.refresh_from_db()
    assert centre.status == CentreStatus.PLANNED


def test_every_error_of_the_plan_shows_at_once_beside_its_slot(recruiting, sign_in, client):
    sign_in(recruiting["people"]["coordinator"])
    plan = {**PLAN, "slot_1_starts": "", "slot_1_ends": "", "slot_1_places": ""}
    plan.update({"slot_2_starts": "3pm", "slot_2_ends": "2pm", "slot_3_places": "70"})
    summary = _summary(_text(client.post("/assessment-centres/new/", plan)))
    assert "Select the partnership the day is for" in summary
    assert 'href="#id_slot_2_starts">Slot 2: the end must be after the start' in summary
    assert "Slot 3 can have at most 60 places" in summary
    summary = _summary(
        _text(client.post("/assessment-centres/new/", {"runner": "", "slot_1_places": ""}))
    )
    assert 'href="#id_slot_1_starts">Add at least one slot' in summary


def test_the_home_page_shows_the_centre_work_waiting(recruiting, sign_in, client, time_machine):
    world = recruiting
    world["screened_in"]()
    centre, (a,) = _invited(world, 1)
    world["screened_in"]()
    services.booking_make(actor=a.candidate, application=a, slot=centre.slots.first())
    services.adjustment_ask(candidate=a.candidate, application=a, request="A quiet room")
    sign_in(world["people"]["coordinator"])
    home = _text(client.get("/"))
    assert "1 screened-in candidate waits for an invitation to an assessment centre" in home
    assert "1 request for an adjustment waits for your answer" in home
    assert "its attendance recorded" not in home
    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(centre.day, datetime.time(17))), tick=False
    )
    sign_in(world["people"]["coordinator"])
    assert "1 centre day needs its attendance recorded" in _text(client.get("/"))
    client.logout()
    sign_in(world["people"]["other_coordinator"])
    assert "adjustment" not in _text(client.get("/"))


def test_the_coordinator_gives_a_candidate_who_has_not_booked_a_time(
    recruiting, sign_in, client, django_capture_on_commit_callbacks
):
    world = recruiting
    centre, (late, booked) = _invited(world, 2)
    first, second = centre.slots.order_by("starts_at")
    services.booking_make(actor=booked.candidate, application=booked, slot=first)
    sign_in(world["people"]["coordinator"])
    detail = _text(client.get(f"/assessment-centres/{centre.pk}/"))
    assert "Give a candidate a time on this day" in detail
    url = f"/assessment-centres/{centre.pk}/book/"
    page = _text(client.get(url))
    assert f"{late.full_name} ({late.reference}): not booked yet" in page
    assert booked.reference not in page  # already on this day
    refused = _text(client.post(url, {}))
    assert "Select the candidate" in _summary(refused) and "Select the time" in _summary(refused)
    invitation = Invitation.objects.get(application=late)
    # The first slot takes 2 and has one left; choosing a slot not offered is refused.
    assert _text(client.post(url, {"invitation": invitation.pk, "slot": 999999})).count(
        "Select one of the times shown"
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"invitation": invitation.pk, "slot": second.pk}, follow=True)
    assert "Time given. The candidate has been emailed" in _text(done)
    invitation.refresh_from_db()
    assert invitation.slot == second and invitation.candidate_number == 2


def test_the_plan_says_how_many_assessors_the_day_needs(recruiting, sign_in, client):
    world = recruiting
    sign_in(world["people"]["coordinator"])
    runner = f"p-{world['ours'].pk}"
    for given, message in (
        ("one", "Enter the number of assessors using digits, like 6"),
        ("1", "The day needs between 2 and 100 assessors: each criterion is seen by two"),
    ):
        plan = {**PLAN, "runner": runner, "assessors_needed": given}
        assert message in _summary(_text(client.post("/assessment-centres/new/", plan)))
    assert not Centre.objects.exists()
    client.post("/assessment-centres/new/", {**PLAN, "runner": runner, "assessors_needed": "6"})
    centre = Centre.objects.get()
    assert centre.assessors_needed == 6
    pool = _text(client.get(f"/assessment-centres/{centre.pk}/assessors/"))
    assert "Nobody is in the pool yet: the day needs 6 assessors." in pool
