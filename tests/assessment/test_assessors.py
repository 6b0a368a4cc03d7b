"""The day's assessors: the pool with each kind of assessor, conflicts of
interest, who observes whom, and the refusal to confirm while any candidate has a criterion
seen by fewer than two different assessors."""

import pytest
from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.assessment import services
from stepup.assessment.models import Assignment
from stepup.assessment.queries import centre_exercises, coverage_gaps
from tests.assessment.conftest import assign_everywhere
from tests.factories import person_with_role

pytestmark = pytest.mark.django_db


def test_the_pool_takes_each_kind_with_the_right_role(centre_day):
    day = centre_day
    coordinator = day["people"]["coordinator"]
    with pytest.raises(
        ValidationError, match="Give them the service user assessor role first"
    ) as excinfo:
        services.assessor_add(
            actor=coordinator,
            centre=day["centre"],
            person=person_with_role(Role.ASSESSOR, organisation=day["ours"].lead_authority),
            kind="service_user",
        )
    assert "service user assessor role" in excinfo.value.message_dict["kind"][0]
    with pytest.raises(ValidationError, match="They are already in this day’s pool") as excinfo:
        services.assessor_add(
            actor=coordinator,
            centre=day["centre"],
            person=day["people"]["assessor"],
            kind="authority",
        )
    assert excinfo.value.message_dict["person"] == ["They are already in this day’s pool"]
    with pytest.raises(ValidationError, match="cannot run"):
        services.assessor_add(
            actor=day["people"]["other_coordinator"],
            centre=day["centre"],
            person=day["people"]["coordinator"],
            kind="authority",
        )


def test_confirming_is_refused_while_a_criterion_is_seen_by_one_assessor(centre_day):
    day = centre_day
    coordinator, centre = day["people"]["coordinator"], day["centre"]
    assign_everywhere(day, day["staff"], day["invitations"])
    with pytest.raises(
        ValidationError, match="Candidate 1: Child-centred approach is seen by one assessor only"
    ) as excinfo:
        services.assignments_confirm(actor=coordinator, centre=centre)
    messages = excinfo.value.messages
    assert "Candidate 1: Child-centred approach is seen by one assessor only" in messages
    assert "Candidate 2: Values is seen by one assessor only" in messages
    assert len(messages) == 2 * 9, "every centre criterion of each candidate"
    assign_everywhere(day, day["young"], day["invitations"])
    assert coverage_gaps(centre) == []
    services.assignments_confirm(actor=coordinator, centre=centre)
    with pytest.raises(ValidationError, match="can no longer change"):
        assign_everywhere(day, day["young"], day["invitations"][:1])


def test_a_conflict_takes_the_assessor_off_the_candidate_and_keeps_them_off(centre_day):
    day = centre_day
    first, second = day["invitations"]
    assign_everywhere(day, day["staff"], day["invitations"])
    assign_everywhere(day, day["young"], day["invitations"])
    services.conflict_declare(actor=day["young"].person, assessor=day["young"], invitation=first)
    assert not Assignment.objects.filter(assessor=day["young"], invitation=first).exists()
    assert Assignment.objects.filter(assessor=day["young"], invitation=second).exists()
    exercise = centre_exercises(day["centre"])[0]
    with pytest.raises(
        ValidationError, match="has a conflict of interest with candidate 1"
    ) as excinfo:
        services.assignments_set(
            actor=day["people"]["coordinator"],
            assessor=day["young"],
            exercise=exercise,
            invitations=[first, second],
        )
    assert "conflict of interest with candidate 1" in excinfo.value.message_dict["invitations"][0]
    gaps = coverage_gaps(day["centre"])
    assert {gap.candidate_number for gap in gaps} == {1}
    with pytest.raises(ValidationError, match="Only the assessor or whoever runs the day"):
        services.conflict_declare(
            actor=day["people"]["assessor"], assessor=day["young"], invitation=second
        )


def test_the_pool_page_adds_a_partnership_person_and_says_what_is_wrong(
    centre_day, sign_in, client
):
    day = centre_day
    centre = day["centre"]
    other = person_with_role(Role.ASSESSOR, organisation=day["theirs"].lead_authority)
    newcomer = person_with_role(
        Role.ASSESSOR, organisation=day["ours"].lead_authority, full_name="Nia Newcomer"
    )
    sign_in(day["people"]["coordinator"])
    url = f"/assessment-centres/{centre.pk}/assessors/"
    page = client.get(url).content.decode()
    assert day["staff"].person.full_name in page and "Local authority staff" in page
    assert "Nia Newcomer" in page and other.email not in page
    refused = client.post(url, {}).content.decode()
    assert "Select the person to add" in refused
    assert "Select what kind of assessor they are" in refused
    done = client.post(
        url, {"person": newcomer.pk, "kind": "authority", "specialism": "Fostering"}, follow=True
    ).content.decode()
    assert "Added to the day’s assessors" in done and "Local authority staff, fostering" in done
    assert centre.assessors.filter(person=newcomer).exists()


def test_the_coordinator_chooses_whom_each_assessor_observes_and_confirms(
    centre_day, sign_in, client
):
    day = centre_day
    centre, staff, young = day["centre"], day["staff"], day["young"]
    first, second = day["invitations"]
    exercises = centre_exercises(centre)
    sign_in(day["people"]["coordinator"])
    pool = client.get(f"/assessment-centres/{centre.pk}/assessors/").content.decode()
    assert "Not yet:" in pool and "Candidate 1: Values is seen by nobody" in pool
    url = f"/assessment-centres/{centre.pk}/assessors/{young.pk}/"
    page = client.get(url).content.decode()
    assert f"Candidate 1: {first.application.full_name}" in page

    # A conflict takes the candidate off the choices; choosing them anyway is refused.
    done = client.post(f"{url}conflict/", {"invitation": second.pk}, follow=True)
    assert "Conflict of interest recorded" in done.content.decode()
    page = client.get(url).content.decode()
    assert f"Candidate 2: {second.application.full_name}" in page.split("Declare")[0]
    refused = client.post(url, {f"exercise_{exercises[0].pk}": [second.pk]}).content.decode()
    assert "Select candidates from the list" in refused
    assert not Assignment.objects.filter(assessor=young).exists()

    everything = {f"exercise_{e.pk}": [first.pk] for e in exercises}
    client.post(url, everything, follow=True)
    client.post(
        f"/assessment-centres/{centre.pk}/assessors/{staff.pk}/",
        {f"exercise_{e.pk}": [first.pk, second.pk] for e in exercises},
    )
    assert Assignment.objects.filter(assessor=young).count() == len(exercises)
    pool = client.get(f"/assessment-centres/{centre.pk}/assessors/").content.decode()
    assert f"1 candidate in {len(exercises)} exercises" in pool
    assert f"2 candidates in {len(exercises)} exercises" in pool
    # Candidate 2 has only one assessor (the young person declared a conflict).
    refused = client.post(
        f"/assessment-centres/{centre.pk}/assessors/confirm/", follow=True
    ).content.decode()
    assert "Candidate 2: Values is seen by one assessor only" in refused
    centre.refresh_from_db()
    assert centre.assignments_confirmed_at is None

    third = services.assessor_add(
        actor=day["people"]["coordinator"],
        centre=centre,
        person=person_with_role(Role.UNIVERSITY_TUTOR, organisation=day["ours"].lead_authority),
        kind="university",
    )
    client.post(
        f"/assessment-centres/{centre.pk}/assessors/{third.pk}/",
        {f"exercise_{e.pk}": [second.pk] for e in exercises},
    )
    confirmed = client.post(
        f"/assessment-centres/{centre.pk}/assessors/confirm/", follow=True
    ).content.decode()
    assert "Confirmed: assessors can score once the day starts" in confirmed
    locked = client.get(url).content.decode()
    assert "can no longer change" in locked and "<form" not in locked.split("<main")[1]


def test_the_pool_of_a_day_whose_scores_are_confirmed_cannot_change(washed_up, sign_in, client):
    day = washed_up
    newcomer = person_with_role(Role.ASSESSOR, organisation=day["ours"].lead_authority)
    with pytest.raises(ValidationError, match="can no longer change"):
        services.assessor_add(
            actor=day["people"]["coordinator"],
            centre=day["centre"],
            person=newcomer,
            kind="authority",
        )
    sign_in(day["people"]["coordinator"])
    page = client.get(f"/assessment-centres/{day['centre'].pk}/assessors/").content.decode()
    assert "Add an assessor" not in page
