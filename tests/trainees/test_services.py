"""Enrolment, the placement plan against the cohort's rules, a change of course and who
sees which trainees. The world is the funding tests': South London,
whose programme started on 4 January 2027, with three unconditional offers."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.core.models import AuditEntry
from stepup.partnerships.models import PartnershipUniversity
from stepup.trainees import queries, services
from stepup.trainees.models import PlacementRules, TraineeStatus
from tests.factories import UniversityFactory, person_with_role

START = datetime.date(2027, 1, 4)


@pytest.fixture
def university(world):
    goldsmiths = UniversityFactory(name="Goldsmiths")
    PartnershipUniversity.objects.create(
        partnership=world.partnership, university=goldsmiths, role="both"
    )
    return goldsmiths


def _enrolled(world, trainee_index=0, *, actor=None, consent=True):
    return services.trainee_enrol(
        actor=actor or world.coordinator,
        offer=world.trainees[trainee_index],
        enrolled_on=START,
        consent_to_link=consent,
    )


def _placement(world, trainee, **overrides):
    values = {
        "setting": "Children's services, assessment team",
        "authority": world.croydon,
        "team": "Assessment team 2",
        "group": "child_protection",
        "statutory": True,
        "starts_on": datetime.date(2027, 3, 1),
        "ends_on": datetime.date(2027, 6, 30),
        "days": 70,
        "practice_educator": "Pat Educator",
        "onsite_supervisor": "",
        "placement_tutor": "Sam Tutor",
    }
    return services.placement_add(actor=world.coordinator, trainee=trainee, **(values | overrides))


def test_an_unconditional_candidate_is_enrolled_with_the_university_and_their_host(
    world, university
):
    trainee = _enrolled(world, 1, consent=False)

    assert (trainee.university, trainee.host) == (university, world.croydon)
    assert trainee.status == TraineeStatus.ENROLLED and not trainee.consent_to_link
    entry = AuditEntry.objects.get(event="trainee.enrolled")
    assert "no consent to link outcomes" in entry.summary
    with pytest.raises(ValidationError, match="already enrolled"):
        _enrolled(world, 1)


def test_a_tutor_at_the_university_may_enrol_and_others_may_not(world, university):
    tutor = person_with_role(Role.UNIVERSITY_TUTOR, university)
    elsewhere = person_with_role(Role.UNIVERSITY_TUTOR, UniversityFactory(name="Elsewhere"))

    with pytest.raises(ValidationError, match="coordinator or a tutor"):
        _enrolled(world, 0, actor=elsewhere)
    assert _enrolled(world, 0, actor=tutor).enrolled_by == tutor


def test_the_plan_is_checked_against_the_rules_and_says_what_is_missing(world, university):
    trainee = _enrolled(world)
    _placement(world, trainee)
    _placement(
        world,
        trainee,
        starts_on=datetime.date(2027, 9, 1),
        ends_on=datetime.date(2027, 12, 20),
        days=60,
    )

    check = queries.plan_check(trainee)

    assert check.days == 130
    assert check.problems == [
        "130 days of practice learning planned: 200 are needed, 70 more",
        "1 setting: at least 2 are needed",
        "1 service-user group: at least 2 are needed",
    ]
    _placement(
        world,
        trainee,
        setting="Adult mental health, community team",
        group="mental_health",
        statutory=False,
        starts_on=datetime.date(2028, 1, 10),
        ends_on=datetime.date(2028, 4, 28),
        days=70,
    )
    assert queries.plan_check(trainee).meets_the_rules


def test_a_cohort_may_set_its_own_rules(world, university):
    PlacementRules.objects.create(cohort=world.partnership.cohort, days=100, statutory_needed=False)
    trainee = _enrolled(world)
    _placement(world, trainee, statutory=False, days=100, ends_on=datetime.date(2027, 8, 1))

    assert queries.plan_check(trainee).problems == [
        "1 setting: at least 2 are needed",
        "1 service-user group: at least 2 are needed",
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"ends_on": datetime.date(2027, 2, 1)}, "ends_on", "on or after the start"),
        ({"days": 200}, "days", "200 days will not fit between the dates: 122 at most"),
        ({"authority": "outsider"}, "authority", "one of the partnership's authorities"),
    ],
)
def test_a_placement_that_cannot_be_is_refused(world, university, overrides, field, message):
    trainee = _enrolled(world)
    if overrides.get("authority") == "outsider":
        overrides["authority"] = world.outsider
    with pytest.raises(ValidationError, match=message) as refused:
        _placement(world, trainee, **overrides)
    assert message in " ".join(refused.value.message_dict[field])
    assert not trainee.placements.exists()


def test_a_change_of_course_needs_a_reason_and_someone_of_theirs(world, university):
    trainee = _enrolled(world)
    with pytest.raises(ValidationError, match="reason"):
        services.trainee_change(
            actor=world.coordinator, trainee=trainee, target=TraineeStatus.SUSPENDED
        )
    with pytest.raises(ValidationError, match="You cannot make this change"):
        services.trainee_change(
            actor=world.other_coordinator,
            trainee=trainee,
            target=TraineeStatus.SUSPENDED,
            reason="Not theirs",
        )
    services.trainee_change(
        actor=world.coordinator,
        trainee=trainee,
        target=TraineeStatus.SUSPENDED,
        reason="Long-term illness",
    )
    services.trainee_change(actor=world.coordinator, trainee=trainee, target=TraineeStatus.ENROLLED)
    assert trainee.status == TraineeStatus.ENROLLED


def test_each_sees_only_the_trainees_that_are_theirs(world, university):
    ada, ben = _enrolled(world, 0), _enrolled(world, 1)
    croydon_officer = person_with_role(Role.AUTHORITY_OFFICER, world.croydon)
    tutor = person_with_role(Role.UNIVERSITY_TUTOR, university)

    assert list(queries.trainees_visible_to(croydon_officer)) == [ben]
    assert set(queries.trainees_visible_to(tutor)) == {ada, ben}
    assert set(queries.trainees_visible_to(world.coordinator)) == {ada, ben}
    assert list(queries.trainees_visible_to(world.other_coordinator)) == []
    assert list(queries.trainees_visible_to(ada.offer.application.candidate)) == [ada]
    assert list(queries.trainees_visible_to(ben.offer.application.candidate)) == [ben]


def test_an_extension_needs_a_reason_and_a_date_after_the_programmes_end(world, university):
    trainee = _enrolled(world)
    # Cohort 12 starts on 4 January 2027 and runs 18 months: it ends on 30 June 2028.
    assert queries.programme_end(trainee) == datetime.date(2028, 6, 30)
    with pytest.raises(ValidationError, match="after the programme's end, 30 June 2028"):
        services.trainee_extend(
            actor=world.coordinator,
            trainee=trainee,
            until=datetime.date(2028, 6, 1),
            reason="Illness",
        )

    services.trainee_extend(
        actor=world.coordinator,
        trainee=trainee,
        until=datetime.date(2028, 12, 31),
        reason="Six months' illness",
    )

    assert queries.programme_end(trainee) == datetime.date(2028, 12, 31)
