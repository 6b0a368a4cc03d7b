"""Results, reviews, early warnings and outcomes, on the started South
London partnership of the funding tests, whose clock stands at 1 June 2027."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from stepup.trainees import queries, services
from stepup.trainees.models import EarlyWarning, TraineeStatus, WarningKind


def test_a_failed_assessment_warns_the_tutor_and_coordinator_at_once(
    world, course, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.result_record(
            actor=course["tutor"], trainee=course["ada"], assessment=course["essay"], mark=38
        )

    [warning] = EarlyWarning.objects.all()
    assert (warning.kind, warning.detail) == (
        WarningKind.FAILED,
        "Failed Assignment (Law in social work practice) with 38",
    )
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [course["tutor"].email, world.coordinator.email]
    )
    assert list(queries.warnings_visible_to(world.coordinator)) == [warning]
    assert list(queries.warnings_visible_to(course["tutor"])) == [warning]
    assert list(queries.warnings_visible_to(course["ada"].offer.application.candidate)) == []


def test_a_resubmission_counts_at_most_the_cap(world, course):
    services.result_record(
        actor=course["tutor"], trainee=course["ada"], assessment=course["essay"], mark=38
    )

    second = services.result_record(
        actor=course["tutor"], trainee=course["ada"], assessment=course["essay"], mark=72
    )

    assert (second.attempt, second.mark, second.counted_mark, second.passed) == (2, 72, 50, True)


@pytest.mark.parametrize(
    ("which", "values", "message"),
    [
        ("essay", {"mark": 101}, "Enter a mark from 0 to 100"),
        ("essay", {}, "Enter a mark from 0 to 100"),
        ("portfolio", {}, "Select pass or fail"),
    ],
)
def test_a_result_that_cannot_be_is_refused(world, course, which, values, message):
    with pytest.raises(ValidationError, match=message):
        services.result_record(
            actor=course["tutor"], trainee=course["ada"], assessment=course[which], **values
        )


def test_the_daily_sweep_warns_of_missed_hand_ins_once_and_the_work_clears_it(world, course):
    assert services.warnings_raise_missed() == 2  # Ada's and Ben's essays
    assert services.warnings_raise_missed() == 0

    services.result_record(
        actor=course["tutor"], trainee=course["ben"], assessment=course["essay"], mark=64
    )

    assert [w.trainee for w in queries.warnings_visible_to(world.coordinator)] == [course["ada"]]
    cleared = EarlyWarning.objects.get(trainee=course["ben"])
    assert cleared.resolution == "The work was handed in"


def test_a_red_review_and_a_placement_at_risk_raise_warnings(world, course):
    services.review_record(
        actor=course["tutor"],
        trainee=course["ben"],
        held_on=datetime.date(2027, 5, 20),
        rag="red",
        notes="Behind on two pieces of work and struggling on placement",
    )
    placement = services.placement_add(
        actor=world.coordinator,
        trainee=course["ben"],
        setting="Children in need team",
        authority=world.croydon,
        team="CIN 3",
        group="children",
        statutory=True,
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 7, 1),
        days=80,
        practice_educator="Pat Educator",
        onsite_supervisor="",
        placement_tutor="Sam Tutor",
    )
    services.placement_flag(
        actor=world.coordinator, placement=placement, reason="The practice educator is off sick"
    )

    kinds = set(EarlyWarning.objects.values_list("kind", flat=True))
    assert kinds == {WarningKind.RED_REVIEW, WarningKind.PLACEMENT_AT_RISK}


def test_a_warning_is_resolved_with_what_was_done(world, course):
    services.result_record(
        actor=course["tutor"], trainee=course["ada"], assessment=course["portfolio"], passed=False
    )
    warning = EarlyWarning.objects.get()
    with pytest.raises(ValidationError, match="what has been done"):
        services.warning_resolve(actor=course["tutor"], warning=warning, resolution=" ")
    services.warning_resolve(
        actor=course["tutor"], warning=warning, resolution="Extra tutorials; resubmission set"
    )
    assert list(queries.warnings_visible_to(course["tutor"])) == []


def test_an_outcome_with_a_pass_completes_the_trainee(world, course):
    with pytest.raises(ValidationError, match="Select the award: the MA or the diploma") as refused:
        services.outcome_record(
            actor=course["tutor"],
            trainee=course["ada"],
            classification="merit",
            registered_on=datetime.date(2027, 5, 1),
        )
    assert set(refused.value.message_dict) == {"award", "registration_number"}

    outcome = services.outcome_record(
        actor=course["tutor"],
        trainee=course["ada"],
        award="ma",
        classification="merit",
        awarded_on=datetime.date(2027, 5, 1),
        registered_on=datetime.date(2027, 5, 20),
        registration_number="SW123456",
        employment="host",
        asye_started_on=datetime.date(2027, 6, 1),
    )

    course["ada"].refresh_from_db()
    assert course["ada"].status == TraineeStatus.COMPLETED
    assert outcome.get_employment_display() == "A post with their host authority"


def test_the_outcomes_table_gives_table_8_1s_shares_rounded_half_up(world, course):
    services.outcome_record(
        actor=course["tutor"], trainee=course["ada"], award="ma", classification="distinction"
    )
    services.trainee_change(
        actor=course["tutor"],
        trainee=course["ben"],
        target=TraineeStatus.WITHDRAWN,
        reason="Moved away",
    )

    [row] = queries.outcomes_table(cohort=world.partnership.cohort)

    assert (row.registered, row.withdrawn, row.counts) == (2, 1, {"distinction": 1})
    assert (row.share(row.withdrawn), row.share(1)) == (50, 50)
    # As the evaluation rounded: 1 of 16 is 6 %, 9 of 16 is 56 %, 2 of 16 (12.5 %) is 13 %.
    assert [queries.percent(n, 16) for n in (1, 9, 4, 2)] == [6, 56, 25, 13]


def test_the_daily_command_raises_the_missed_hand_ins(course):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("early_warnings", stdout=out)
    assert out.getvalue().strip() == "2 warnings raised"


def test_a_trainee_leaving_starts_their_repayment_in_the_funding(world, course):
    from stepup.funding import services as funding
    from stepup.funding.models import Repayment

    funding.bursary_month_post(
        actor=world.coordinator,
        partnership=world.partnership,
        month=datetime.date(2027, 1, 1),
        paid_on=datetime.date(2027, 1, 28),
    )

    services.trainee_change(
        actor=course["tutor"],
        trainee=course["ben"],
        target=TraineeStatus.WITHDRAWN,
        reason="Moved abroad",
    )

    repayment = Repayment.objects.get()
    assert (repayment.trainee, repayment.due_pence, repayment.withdrawal_reason) == (
        course["ben"].offer,
        100_000,
        "Moved abroad",
    )


def test_supported_and_recruited_trainees_in_the_shape_of_the_councils_table(world, course):
    lead = world.partnership.lead_authority
    # Ada (hosted by the lead, Bromley) takes a post there; Ben (at Croydon) goes elsewhere.
    services.outcome_record(
        actor=course["tutor"],
        trainee=course["ada"],
        award="ma",
        classification="pass",
        employment="host",
    )
    services.outcome_record(
        actor=course["tutor"],
        trainee=course["ben"],
        award="ma",
        classification="merit",
        employment="elsewhere",
        employer="An agency",
    )

    [row] = queries.supported_and_recruited(authority=lead)

    assert (
        row.cohort,
        row.supported,
        row.recruited,
        row.supported_by_authority,
        row.recruited_by_authority,
    ) == (world.partnership.cohort, 2, 1, 1, 1)
