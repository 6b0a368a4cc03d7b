"""An assessor's own day: once the day's scores are confirmed, what
became of the candidates they scored, with nobody named; and for service users and young
people, their time and expenses, which the partnership pays back."""

import pytest
from django.core.exceptions import ValidationError

from stepup.assessment import services
from stepup.assessment.models import TimeAndExpenses
from tests.factories import person_with_role

pytestmark = pytest.mark.django_db


def _page(client, assessor) -> str:
    response = client.get(f"/assessment-centres/scoring/days/{assessor.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_service_user_sees_anonymised_outcomes_only_after_confirmation(
    scoring_day, sign_in, client
):
    day = scoring_day
    young = day["young"]
    sign_in(young.person)
    listing = client.get("/assessment-centres/scoring/").content.decode()
    assert f"/assessment-centres/scoring/days/{young.pk}/" in listing
    assert "We will tell you here once" in _page(client, young)


def test_after_the_wash_up_they_read_how_many_met_the_standard_and_nothing_else(
    washed_up, sign_in, client
):
    day = washed_up
    young = day["young"]
    sign_in(young.person)
    page = _page(client, young)
    assert "You scored 2 candidates." in page
    assert "2 of them met the standard" in page and "0 of them did not" in page
    # Who the candidates were is not on the page: no name, reference or number.
    for invitation in day["invitations"]:
        application = invitation.application
        assert application.full_name not in page and application.reference not in page
    assert "Candidate 1" not in page and "Candidate 2" not in page
    # Another assessor's day is not theirs to see.
    assert client.get(f"/assessment-centres/scoring/days/{day['staff'].pk}/").status_code == 404


def test_a_young_person_records_time_and_expenses_and_the_coordinator_pays(
    scoring_day, sign_in, client
):
    day = scoring_day
    young, centre = day["young"], day["centre"]
    url = f"/assessment-centres/scoring/days/{young.pk}/"
    sign_in(young.person)
    refused = client.post(
        url, {"hours": "20", "minutes": "", "travel_pence": "12.50", "other_pence": "6"}
    ).content.decode()
    assert "Enter the hours you gave, between 0 and 16" in refused
    refused = client.post(
        url, {"hours": "6", "minutes": "30", "travel_pence": "£12.50", "other_pence": "6"}
    ).content.decode()
    assert "Say what the other costs were for, like lunch or childcare" in refused
    assert not TimeAndExpenses.objects.exists()
    done = client.post(
        url,
        {
            "hours": "6",
            "minutes": "30",
            "travel_pence": "£12.50",
            "other_pence": "6",
            "other_detail": "Lunch",
        },
        follow=True,
    ).content.decode()
    assert "Your time and expenses are recorded" in done
    assert "6 hours 30 minutes" in done and "£12.50" in done
    record = TimeAndExpenses.objects.get(assessor=young)
    assert (record.minutes, record.travel_pence, record.other_pence) == (390, 1250, 600)

    sign_in(day["people"]["coordinator"])
    pool = client.get(f"/assessment-centres/{centre.pk}/assessors/").content.decode()
    assert "6 hours 30 minutes, £18.50 to pay back" in pool
    assert "Paid by their employer" in pool  # the authority assessor
    paid = client.post(
        f"/assessment-centres/{centre.pk}/assessors/{young.pk}/paid/", follow=True
    ).content.decode()
    assert "Recorded as paid" in paid
    record.refresh_from_db()
    assert record.paid_at is not None and record.paid_by == day["people"]["coordinator"]

    sign_in(young.person)
    page = _page(client, young)
    assert "Yes, on" in page and "<form" not in page.split("<main")[1]
    with pytest.raises(ValidationError, match="can no longer change"):
        services.time_and_expenses_record(actor=young.person, assessor=young, minutes=60)


def test_staff_and_strangers_cannot_record_a_service_users_expenses(scoring_day):
    day = scoring_day
    with pytest.raises(ValidationError, match="from their employer"):
        services.time_and_expenses_record(
            actor=day["staff"].person, assessor=day["staff"], minutes=60
        )
    stranger = person_with_role("assessor", organisation=day["ours"].lead_authority)
    with pytest.raises(ValidationError, match="Only the assessor"):
        services.time_and_expenses_record(actor=stranger, assessor=day["young"], minutes=60)
