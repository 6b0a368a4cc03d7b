"""The memorandum of cooperation (kept in every version) and steering board meetings."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.partnerships.models import Memorandum, SteeringMeeting
from tests.factories import AuthorityFactory, CohortFactory, PartnershipFactory, person_with_role
from tests.partnerships.conftest import PDF_BYTES, PNG_BYTES
from tests.partnerships.helpers import date_post, history_count

LONDON = ZoneInfo("Europe/London")
TODAY = datetime.datetime(2027, 2, 10, 9, 0, tzinfo=LONDON)


def memo_post(content=PDF_BYTES, name="memorandum.pdf", signed=(2027, 2, 1), review=(2028, 2, 1)):
    data = {**date_post("signed_on", datetime.date(*signed))}
    data.update(date_post("review_on", datetime.date(*review)))
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return data


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.django_db
def test_upload_then_download_the_memorandum(frozen, sign_in, partnership, coordinator):
    client = sign_in(coordinator)
    response = client.post(
        f"/partnerships/{partnership.pk}/memorandum/", memo_post(name="SEL memorandum.pdf")
    )
    assert response.status_code == 302
    memorandum = Memorandum.objects.get()
    assert memorandum.uploaded_by == coordinator
    assert memorandum.size_bytes == len(PDF_BYTES)
    [entry] = history_for(partnership)
    assert entry.summary == "Uploaded a memorandum of cooperation"

    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    download_url = f"/partnerships/{partnership.pk}/memorandum/{memorandum.pk}/"
    assert download_url in page
    assert "1 February 2027" in page
    assert "1 February 2028" in page

    download = client.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert "SEL memorandum.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == PDF_BYTES
    download.close()


@pytest.mark.django_db
def test_a_new_upload_becomes_current_and_the_earlier_one_is_kept(
    frozen, sign_in, partnership, coordinator
):
    client = sign_in(coordinator)
    client.post(f"/partnerships/{partnership.pk}/memorandum/", memo_post(signed=(2026, 1, 5)))
    later = datetime.datetime(2027, 2, 10, 9, 5, tzinfo=LONDON)
    with time_machine.travel(later, tick=False):
        client.post(f"/partnerships/{partnership.pk}/memorandum/", memo_post(signed=(2027, 2, 1)))

    first, second = Memorandum.objects.order_by("uploaded_at")
    assert (
        f"/memorandum/{second.pk}/"
        in client.get(f"/partnerships/{partnership.pk}/").content.decode()
    )
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Download the memorandum signed 1 February 2027" in page
    assert "Earlier versions" in page
    assert f"/memorandum/{first.pk}/" in page
    assert history_count(partnership) == 2
    assert "5 January 2026" in history_for(partnership).first().changes[0]["before"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("post", "message"),
    [
        (lambda: memo_post(content=PNG_BYTES, name="x.pdf"), "The selected file must be a PDF"),
        (
            lambda: memo_post(content=b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)),
            "The selected file must be smaller than 10MB",
        ),
        (lambda: memo_post(content=b""), "The selected file is empty"),
        (lambda: memo_post(content=None), "Select the memorandum of cooperation"),
        (
            lambda: memo_post(signed=(2027, 2, 1), review=(2027, 1, 31)),
            "The review date must be the same as or after the date the memorandum was signed",
        ),
        (
            lambda: memo_post(signed=(2027, 2, 11)),
            "The date the memorandum was signed must be today or in the past",
        ),
    ],
)
def test_bad_memoranda_are_refused(frozen, sign_in, partnership, coordinator, post, message):
    response = sign_in(coordinator).post(f"/partnerships/{partnership.pk}/memorandum/", post())
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert message in html
    assert not Memorandum.objects.exists()
    assert history_count(partnership) == 0


@pytest.mark.django_db
def test_download_is_not_found_outside_the_partnership(
    frozen, sign_in, partnership, coordinator, other_coordinator
):
    sign_in(coordinator).post(f"/partnerships/{partnership.pk}/memorandum/", memo_post())
    memorandum = Memorandum.objects.get()
    download_url = f"/partnerships/{partnership.pk}/memorandum/{memorandum.pk}/"

    assert sign_in(other_coordinator).get(download_url).status_code == 404
    unrelated_officer = person_with_role(
        Role.AUTHORITY_OFFICER, organisation=AuthorityFactory(name="Elsewhere")
    )
    assert sign_in(unrelated_officer).get(download_url).status_code == 404
    assert sign_in(person_with_role(Role.CONTRACTOR)).get(download_url).status_code == 403

    # Another partnership's address with this memorandum's number is not found either.
    other = PartnershipFactory(
        cohort=CohortFactory(number=9), lead_authority=partnership.lead_authority
    )
    response = sign_in(coordinator).get(f"/partnerships/{other.pk}/memorandum/{memorandum.pk}/")
    assert response.status_code == 404

    member_officer = person_with_role(
        Role.AUTHORITY_OFFICER,
        organisation=partnership.members.get(authority__name="Croydon").authority,
    )
    allowed = sign_in(member_officer).get(download_url)
    assert allowed.status_code == 200
    allowed.close()


# Steering board meetings


@pytest.mark.django_db
def test_record_a_steering_board_meeting(frozen, sign_in, partnership, coordinator):
    client = sign_in(coordinator)
    response = client.post(
        f"/partnerships/{partnership.pk}/meetings/add/",
        {
            **date_post("held_on", datetime.date(2027, 2, 10)),
            "minutes": "All partners attended.\n\nThe sift timetable was agreed.",
            "decisions": "Croydon hosts 3 trainees.",
        },
    )
    assert response.status_code == 302
    meeting = SteeringMeeting.objects.get()
    assert meeting.recorded_by == coordinator
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Meeting held on 10 February 2027" in page
    assert "The sift timetable was agreed." in page
    assert "Croydon hosts 3 trainees." in page
    assert "Recorded the steering board meeting held on 10 February 2027" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {**date_post("held_on", datetime.date(2027, 2, 11)), "minutes": "Notes"},
            "The date the meeting was held must be today or in the past",
        ),
        (
            {**date_post("held_on", datetime.date(2027, 2, 1)), "minutes": "  "},
            "Enter the minutes of the meeting",
        ),
        ({"minutes": "Notes"}, "Enter the date the meeting was held"),
        (
            {"held_on-day": "31", "held_on-month": "2", "held_on-year": "2027", "minutes": "x"},
            "The date the meeting was held must be a real date",
        ),
    ],
)
def test_bad_meetings_are_refused(frozen, sign_in, partnership, coordinator, data, message):
    response = sign_in(coordinator).post(f"/partnerships/{partnership.pk}/meetings/add/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SteeringMeeting.objects.exists()
