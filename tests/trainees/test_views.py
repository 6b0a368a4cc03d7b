"""The trainee pages over HTTP: what each person may see, and forms that say what to fix."""

import datetime
import re

import pytest
from django.urls import reverse

from stepup.accounts.roles import Role
from stepup.trainees import services
from stepup.trainees.models import Placement
from tests.factories import AuthorityFactory, person_with_role

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_trainee_sees_their_own_training_and_not_anothers(world, course, client, sign_in):
    ada, ben = course["ada"], course["ben"]
    services.result_record(actor=course["tutor"], trainee=ada, assessment=course["essay"], mark=64)
    sign_in(ada.offer.application.candidate)

    own = reverse("applications:training", kwargs={"reference": ada.offer.application.reference})
    theirs = reverse("applications:training", kwargs={"reference": ben.offer.application.reference})
    text = _text(client.get(own))
    assert "Law in social work practice, Assignment: passed (64)" in text
    assert client.get(theirs).status_code == 404
    record = reverse("trainees:record", kwargs={"pk": ben.pk})
    assert client.get(record).status_code == 403


def test_an_authority_sees_only_the_trainees_it_hosts(world, course, client, sign_in):
    bromley_officer = person_with_role(Role.AUTHORITY_OFFICER, world.partnership.lead_authority)
    elsewhere = person_with_role(Role.AUTHORITY_OFFICER, AuthorityFactory(name="Far away"))
    sign_in(bromley_officer)
    ada, ben = course["ada"], course["ben"]

    assert client.get(reverse("trainees:record", kwargs={"pk": ada.pk})).status_code == 200
    assert client.get(reverse("trainees:record", kwargs={"pk": ben.pk})).status_code == 404
    client.logout()
    sign_in(elsewhere)
    assert "No trainees of yours" in _text(client.get(reverse("trainees:list")))


def test_a_placement_that_will_not_fit_says_how_to_fix_it(world, course, client, sign_in):
    sign_in(world.coordinator)
    page = reverse("trainees:placement-add", kwargs={"pk": course["ada"].pk})
    form = {
        "setting": "Children's services",
        "authority": str(world.croydon.pk),
        "team": "Team 1",
        "group": "children",
        "statutory": "yes",
        "starts_on-day": "1",
        "starts_on-month": "3",
        "starts_on-year": "2027",
        "ends_on-day": "10",
        "ends_on-month": "3",
        "ends_on-year": "2027",
        "days": "30",
        "practice_educator": "Pat",
        "placement_tutor": "Sam",
    }

    text = _text(client.post(page, form))

    assert "30 days will not fit between the dates: 10 at most" in text
    assert not Placement.objects.exists()
    form["days"] = "10"
    assert "Placement added to the plan" in _text(client.post(page, form, follow=True))
    assert datetime.date(2027, 3, 1) == Placement.objects.get().starts_on


def test_the_outcomes_page_shows_the_shares_and_the_in_post_answers_are_kept(
    world, course, client, sign_in
):
    sign_in(course["tutor"])
    page = reverse("trainees:outcome", kwargs={"pk": course["ada"].pk})
    client.post(
        page,
        {
            "classification": "distinction",
            "award": "ma",
            "employment": "host",
            "in_post_6_months": "yes",
            "in_post_12_months": "no",
        },
    )
    course["ada"].outcome.refresh_from_db()
    assert (course["ada"].outcome.in_post_6_months, course["ada"].outcome.in_post_12_months) == (
        True,
        False,
    )
    assert course["ada"].outcome.in_post_24_months is None
    client.logout()
    sign_in(world.admin)

    text = _text(client.get(reverse("trainees:outcomes", kwargs={"number": 12})))

    # Ada (distinction) of two registered: 50 %.
    words = " ".join(re.sub(r"<[^>]+>", " ", text).split())
    assert "South London 2 0% 0% 0% 50% 0% 0%" in words
