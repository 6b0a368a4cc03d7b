"""The day's timetable and its printable packs: the coordinator
times each exercise (after errors); the day sheet lists the timetable, the candidates by
number with their agreed adjustments, who observes whom and the assessors; the blank
scoring sheets have each exercise's criteria and the scale."""

import pytest
from markupsafe import escape

from stepup.assessment.models import AdjustmentRequest, TimetableItem
from stepup.assessment.queries import centre_exercises
from tests.assessment.conftest import assign_everywhere

pytestmark = pytest.mark.django_db


def test_the_coordinator_times_the_exercises_after_errors(centre_day, sign_in, client):
    day = centre_day
    centre = day["centre"]
    group, written = centre_exercises(centre)[:2]
    sign_in(day["people"]["coordinator"])
    url = f"/assessment-centres/{centre.pk}/timetable/"
    refused = client.post(
        url,
        {
            f"exercise_{group.pk}_starts": "10am",
            f"exercise_{group.pk}_ends": "9:30am",
            f"exercise_{written.pk}_starts": "11",
            f"exercise_{written.pk}_ends": "",
        },
    ).content.decode()
    assert f"{group.name}: the end must be after the start" in refused
    assert f"Enter both the start and the end of {written.name}, or neither" in refused
    refused = client.post(url, {f"exercise_{group.pk}_starts": "teatime"}).content.decode()
    assert f"Enter the start of {group.name} as a time of day, like 9:30am or 14:00" in refused
    assert not TimetableItem.objects.exists()
    done = client.post(
        url,
        {
            f"exercise_{group.pk}_starts": "9:30am",
            f"exercise_{group.pk}_ends": "10:30",
            f"exercise_{written.pk}_starts": "11am",
            f"exercise_{written.pk}_ends": "12pm",
        },
        follow=True,
    ).content.decode()
    assert "Timetable saved" in done
    assert f"9:30am to 10:30am: {group.name}" in done
    assert f"11am to 12pm: {written.name}" in done or f"11am to midday: {written.name}" in done
    again = client.get(url).content.decode()
    assert 'value="09:30"' in again


def test_the_day_sheet_and_scoring_sheets_are_there_to_print(centre_day, sign_in, client):
    day = centre_day
    centre = day["centre"]
    first, second = day["invitations"]
    assign_everywhere(day, day["staff"], day["invitations"])
    AdjustmentRequest.objects.create(
        invitation=first, request="Large print", outcome="agreed", answer="Papers in 18 point"
    )
    AdjustmentRequest.objects.create(
        invitation=second, request="A taxi", outcome="not_possible", answer="We cannot pay"
    )
    sign_in(day["people"]["coordinator"])
    detail = client.get(f"/assessment-centres/{centre.pk}/").content.decode()
    assert "Day sheet to print" in detail and "Blank scoring sheets to print" in detail
    sheet = client.get(f"/assessment-centres/{centre.pk}/day-sheet/").content.decode()
    assert first.application.full_name in sheet and second.application.full_name in sheet
    assert "Papers in 18 point" in sheet and "We cannot pay" not in sheet
    assert sheet.count(day["staff"].person.full_name) >= len(centre_exercises(centre)) * 2
    assert f"{day['young']}: young person" in sheet
    blank = client.get(f"/assessment-centres/{centre.pk}/scoring-sheets/").content.decode()
    for exercise in centre_exercises(centre):
        assert exercise.name in blank
        for criterion in exercise.criteria.all():
            assert str(escape(criterion.definition))[:40] in blank
    assert blank.count('class="stepup-sheet"') == len(centre_exercises(centre))
    assert first.application.full_name not in blank
