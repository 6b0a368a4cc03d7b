"""Cohort set-up rules: what the national team may do, and what the service refuses."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.core.models import AuditEntry
from stepup.programme import services, standard_framework
from stepup.programme.models import (
    Cohort,
    CohortStatus,
    Criterion,
    Exercise,
    FundingBasis,
    GcseMinimum,
    Milestone,
    MilestoneKind,
    RuleVersion,
)
from stepup.programme.queries import framework_problems, funding_for, transition_problems
from tests.factories import person_with_role
from tests.programme.conftest import add_cohort_5_rates, ready_to_recruit

pytestmark = pytest.mark.django_db


def pairs(rules: RuleVersion) -> set[tuple[str, str]]:
    """The matrix by name, so versions can be compared."""
    return {(e.name, c.name) for e in rules.exercises.all() for c in e.criteria.all()}


# Cohorts


@time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_creating_a_cohort_makes_rules_version_1_with_default_eligibility_and_audits_it(admin):
    cohort = services.cohort_create(
        actor=admin,
        number=6,
        name="Cohort 6",
        start_date=datetime.date(2027, 1, 4),
        length_months=18,
    )

    assert cohort.status == CohortStatus.DRAFT
    rules = cohort.current_rules
    assert rules.number == 1
    assert rules.created_by == admin
    assert rules.min_degree_class == "upper_second"
    assert rules.excluded_degree_subject == "Social work"
    assert rules.gcse_maths_minimum == GcseMinimum.C4
    [entry] = history_for(cohort)
    assert entry.action == AuditEntry.Action.CREATED
    assert entry.actor == admin
    assert entry.at == datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
    assert {"field": "Start date", "before": "(blank)", "after": "4 January 2027"} in (
        entry.changes
    )


def test_a_cohort_number_can_be_used_only_once(admin, draft_cohort):
    with pytest.raises(ValidationError, match="Cohort 6 already exists") as refused:
        services.cohort_create(
            actor=admin,
            number=6,
            name="Another",
            start_date=datetime.date(2027, 1, 4),
            length_months=18,
        )
    assert refused.value.message_dict == {
        "number": ["Cohort 6 already exists. Enter a different number"]
    }
    assert Cohort.objects.count() == 1


@pytest.mark.parametrize("months", [5, 37])
def test_a_cohort_lasts_between_6_and_36_months(admin, months):
    with pytest.raises(
        ValidationError, match="The length must be between 6 and 36 months"
    ) as refused:
        services.cohort_create(
            actor=admin,
            number=7,
            name="Cohort 7",
            start_date=datetime.date(2027, 1, 4),
            length_months=months,
        )
    assert "between 6 and 36 months" in str(refused.value)
    assert not Cohort.objects.exists()


def test_changing_a_cohort_records_before_and_after(admin, draft_cohort):
    services.cohort_update(
        actor=admin,
        cohort=draft_cohort,
        name="Cohort 6 (2027)",
        start_date=datetime.date(2027, 1, 4),
        length_months=24,
    )

    entry = history_for(draft_cohort).first()
    assert entry.summary == "Changed the cohort's details"
    assert entry.changes == [
        {"field": "Name", "before": "Cohort 6", "after": "Cohort 6 (2027)"},
        {"field": "Length in months", "before": "18", "after": "24"},
    ]


def test_a_loader_with_no_person_is_recorded_as_system(draft_cohort):
    services.milestone_save(
        actor=None,
        cohort=draft_cohort,
        kind=MilestoneKind.BIDS_DEADLINE,
        starts_on=datetime.date(2026, 11, 1),
    )
    assert history_for(draft_cohort).first().actor_label == "System"


# Status


def test_a_cohort_opens_for_bids_and_can_go_back_to_draft(admin, draft_cohort):
    services.cohort_transition(
        actor=admin, cohort=draft_cohort, to_status=CohortStatus.OPEN_FOR_BIDS
    )
    services.cohort_transition(
        actor=admin, cohort=draft_cohort, to_status=CohortStatus.DRAFT, reason="Dates moved"
    )

    draft_cohort.refresh_from_db()
    assert draft_cohort.status == CohortStatus.DRAFT
    entry = history_for(draft_cohort).first()
    assert entry.action == AuditEntry.Action.TRANSITION
    assert entry.summary == "Status changed from Open for bids to Draft"
    assert entry.changes == [{"field": "Status", "before": "Open for bids", "after": "Draft"}]
    assert entry.reason == "Dates moved"


def test_a_cohort_cannot_skip_statuses(admin, draft_cohort):
    with pytest.raises(ValidationError, match="cannot move from draft to closed"):
        services.cohort_transition(actor=admin, cohort=draft_cohort, to_status="closed")
    draft_cohort.refresh_from_db()
    assert draft_cohort.status == CohortStatus.DRAFT


@pytest.mark.parametrize("role", [Role.NATIONAL_ANALYST, Role.COORDINATOR])
def test_only_national_admins_change_a_cohorts_status(role, draft_cohort):
    with pytest.raises(ValidationError, match="You cannot make this change"):
        services.cohort_transition(
            actor=person_with_role(role),
            cohort=draft_cohort,
            to_status=CohortStatus.OPEN_FOR_BIDS,
        )
    draft_cohort.refresh_from_db()
    assert draft_cohort.status == CohortStatus.DRAFT


def test_recruiting_needs_a_framework_a_window_funding_and_a_pass_mark(admin, draft_cohort):
    services.cohort_transition(
        actor=admin, cohort=draft_cohort, to_status=CohortStatus.OPEN_FOR_BIDS
    )

    with pytest.raises(
        ValidationError, match="Add the criteria that candidates are assessed against"
    ) as refused:
        services.cohort_transition(
            actor=admin, cohort=draft_cohort, to_status=CohortStatus.RECRUITING
        )

    assert refused.value.messages == [
        "Add the criteria that candidates are assessed against",
        "Add the exercises that assess the criteria",
        "Add at least 2 points to the scoring scale",
        "Add the application window to the timetable",
        "Add at least one funding rate",
        "Set the pass mark for the sift in the recruitment settings",
        "Approve at least one partnership's bid: candidates choose from approved partnerships",
    ]
    draft_cohort.refresh_from_db()
    assert draft_cohort.status == CohortStatus.OPEN_FOR_BIDS


def test_a_ready_cohort_starts_recruiting_and_its_rules_lock(admin, draft_cohort):
    cohort = ready_to_recruit(draft_cohort, admin)
    assert transition_problems(cohort=cohort, to_status=CohortStatus.RECRUITING) == []

    services.cohort_transition(actor=admin, cohort=cohort, to_status=CohortStatus.RECRUITING)

    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.RECRUITING
    assert cohort.rules_locked


def test_recruiting_is_refused_while_a_criterion_is_assessed_once(admin, draft_cohort):
    cohort = ready_to_recruit(draft_cohort, admin)
    resilience = cohort.current_rules.criteria.get(name="Resilience")
    # Set up outside the services, as an old record might be.
    cohort.current_rules.exercises.get(name="Interview").criteria.remove(resilience)

    with pytest.raises(ValidationError, match="Resilience is assessed in 1 exercise") as refused:
        services.cohort_transition(actor=admin, cohort=cohort, to_status=CohortStatus.RECRUITING)
    assert refused.value.messages == [
        "Resilience is assessed in 1 exercise. Each criterion must be assessed in at least "
        "2 exercises"
    ]


# Timetable


def test_a_milestone_is_added_then_changed_with_before_and_after(admin, draft_cohort):
    services.milestone_save(
        actor=admin,
        cohort=draft_cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=datetime.date(2017, 8, 7),
        note="Early-mid August 2017",
    )
    services.milestone_save(
        actor=admin,
        cohort=draft_cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=datetime.date(2017, 8, 14),
        ends_on=datetime.date(2017, 9, 22),
        note="Early-mid August 2017",
    )

    milestone = draft_cohort.milestones.get()
    assert (milestone.starts_on, milestone.ends_on) == (
        datetime.date(2017, 8, 14),
        datetime.date(2017, 9, 22),
    )
    changed, added = history_for(draft_cohort)[:2]
    assert added.summary == "Added “Application window” to the timetable"
    assert changed.summary == "Changed “Application window” in the timetable"
    assert changed.changes == [
        {"field": "Starts", "before": "7 August 2017", "after": "14 August 2017"},
        {"field": "Ends", "before": "(blank)", "after": "22 September 2017"},
    ]


def test_an_application_window_cannot_close_before_it_opens(admin, draft_cohort):
    with pytest.raises(
        ValidationError, match="The application window must close on or after the day it opens"
    ) as refused:
        services.milestone_save(
            actor=admin,
            cohort=draft_cohort,
            kind=MilestoneKind.APPLICATION_WINDOW,
            starts_on=datetime.date(2017, 8, 7),
            ends_on=datetime.date(2017, 8, 6),
        )
    assert refused.value.message_dict == {
        "ends_on": ["The application window must close on or after the day it opens"]
    }
    with pytest.raises(ValidationError, match="The end date must be the same as or after"):
        services.milestone_save(
            actor=admin,
            cohort=draft_cohort,
            kind=MilestoneKind.ASSESSMENT_CENTRES,
            starts_on=datetime.date(2017, 10, 7),
            ends_on=datetime.date(2017, 10, 6),
        )
    assert not Milestone.objects.exists()
    assert not history_for(draft_cohort).exists()


def test_the_timetable_can_move_while_recruiting_without_a_new_rules_version(
    admin, recruiting_cohort
):
    services.milestone_save(
        actor=admin,
        cohort=recruiting_cohort,
        kind=MilestoneKind.ASSESSMENT_CENTRES,
        starts_on=datetime.date(2017, 11, 1),
    )
    services.milestone_remove(
        actor=admin, cohort=recruiting_cohort, kind=MilestoneKind.ASSESSMENT_CENTRES
    )

    assert recruiting_cohort.current_rules.number == 1
    entry = history_for(recruiting_cohort).first()
    assert entry.action == AuditEntry.Action.REMOVED
    assert entry.changes[0] == {"field": "Starts", "before": "1 November 2017", "after": "(blank)"}


# Funding


def test_cohort_5_rates_give_915000_for_26_trainees(draft_cohort):
    add_cohort_5_rates(draft_cohort)

    estimate = funding_for(rules=draft_cohort.current_rules, trainees=26)

    assert estimate.total_pence == 915_000_00
    assert [line.amount_pence for line in estimate.lines] == [
        48_000_00,
        26 * 19_833_00,
        26 * 11_667_00,
        26 * 1_750_00,
        2_500_00,
    ]


def test_the_one_off_amount_is_not_paid_to_a_partnership_of_25(draft_cohort):
    add_cohort_5_rates(draft_cohort)

    estimate = funding_for(rules=draft_cohort.current_rules, trainees=25)

    assert 2_500_00 not in [line.amount_pence for line in estimate.lines]
    assert estimate.total_pence == 48_000_00 + 25 * 33_250_00


def test_a_negative_amount_or_an_incomplete_band_is_refused(admin, draft_cohort):
    with pytest.raises(ValidationError, match="The amount must be £0 or more") as refused:
        services.funding_rate_add(
            actor=admin,
            cohort=draft_cohort,
            label="Bursary",
            basis=FundingBasis.PER_TRAINEE,
            amount_pence=-1,
        )
    assert refused.value.message_dict == {"amount_pence": ["The amount must be £0 or more"]}
    with pytest.raises(
        ValidationError,
        match="The largest partnership size must be the same as or more than the smallest",
    ) as refused:
        services.funding_rate_add(
            actor=admin,
            cohort=draft_cohort,
            label="One-off",
            basis=FundingBasis.SIZE_BAND,
            amount_pence=2_500_00,
            band_min=36,
            band_max=26,
        )
    assert "band_max" in refused.value.message_dict
    assert not draft_cohort.current_rules.funding_rates.exists()


def test_changing_a_rate_while_in_draft_edits_version_1_in_place(admin, draft_cohort):
    add_cohort_5_rates(draft_cohort)
    bursary = draft_cohort.current_rules.funding_rates.get(label="Bursary")

    services.funding_rate_update(
        actor=admin,
        cohort=draft_cohort,
        rate=bursary,
        label="Bursary",
        basis=FundingBasis.PER_TRAINEE,
        amount_pence=20_000_00,
    )

    assert draft_cohort.rule_versions.count() == 1
    bursary.refresh_from_db()
    assert bursary.amount_pence == 20_000_00
    entry = history_for(draft_cohort).first()
    assert entry.action == AuditEntry.Action.CHANGED
    assert entry.summary == "Rules version 1 changed: changed funding line “Bursary”"
    assert entry.changes == [{"field": "Amount", "before": "£19,833", "after": "£20,000"}]


# Versions once locked


def test_a_locked_rule_change_needs_a_reason_and_saves_nothing_without_one(
    admin, recruiting_cohort
):
    with pytest.raises(ValidationError, match="Enter why you are changing the rules") as refused:
        services.eligibility_update(
            actor=admin, cohort=recruiting_cohort, gcse_maths_minimum=GcseMinimum.B5
        )
    assert refused.value.message_dict == {"reason": ["Enter why you are changing the rules"]}
    assert recruiting_cohort.rule_versions.count() == 1
    assert recruiting_cohort.current_rules.gcse_maths_minimum == GcseMinimum.C4


@time_machine.travel(datetime.datetime(2031, 9, 1, 9, 30, tzinfo=datetime.UTC), tick=False)
def test_a_locked_rule_change_makes_version_2_and_leaves_version_1_untouched(
    admin, recruiting_cohort
):
    version_1 = recruiting_cohort.current_rules
    matrix_before = pairs(version_1)

    services.eligibility_update(
        actor=admin,
        cohort=recruiting_cohort,
        gcse_maths_minimum=GcseMinimum.B5,
        reason="Partnerships asked for stronger numeracy",
    )

    version_2 = recruiting_cohort.current_rules
    assert version_2.number == 2
    assert version_2.gcse_maths_minimum == GcseMinimum.B5
    assert version_2.reason == "Partnerships asked for stronger numeracy"
    assert version_2.created_by == admin
    version_1.refresh_from_db()
    assert version_1.gcse_maths_minimum == GcseMinimum.C4
    # Everything else is copied, and the old version keeps its own rows.
    assert pairs(version_2) == matrix_before == pairs(version_1)
    assert [c.name for c in version_2.criteria.all()] == [
        name for name, _ in standard_framework.CRITERIA
    ]
    assert [(p.score, p.label) for p in version_2.scale.all()] == [
        (s, label) for s, label, _ in standard_framework.SCALE
    ]
    assert funding_for(rules=version_2, trainees=26).total_pence == 915_000_00
    assert not set(version_2.criteria.values_list("pk", flat=True)) & set(
        version_1.criteria.values_list("pk", flat=True)
    )
    entry = history_for(recruiting_cohort).first()
    assert entry.action == AuditEntry.Action.VERSIONED
    assert entry.actor == admin
    assert entry.at == datetime.datetime(2031, 9, 1, 9, 30, tzinfo=datetime.UTC)
    assert entry.summary == "Rules version 2 created: changed GCSE Maths minimum grade"
    assert entry.changes == [
        {"field": "GCSE Maths minimum grade", "before": "Grade C or 4", "after": "Grade B or 5"}
    ]
    assert entry.reason == "Partnerships asked for stronger numeracy"


def test_each_locked_change_to_the_framework_or_funding_makes_its_own_version(
    admin, recruiting_cohort
):
    version_1 = recruiting_cohort.current_rules
    interview = version_1.exercises.get(name="Interview")
    values = version_1.criteria.get(name="Values")
    assessed = {(e.pk, c.pk) for e in version_1.exercises.all() for c in e.criteria.all()} - {
        (interview.pk, values.pk)
    }

    services.matrix_update(
        actor=admin, cohort=recruiting_cohort, assessed=assessed, reason="Interview too long"
    )
    bursary = recruiting_cohort.current_rules.funding_rates.get(label="Bursary")
    services.funding_rate_update(
        actor=admin,
        cohort=recruiting_cohort,
        rate=bursary,
        label="Bursary",
        basis=FundingBasis.PER_TRAINEE,
        amount_pence=20_000_00,
        reason="Bursary uplift",
    )

    assert list(recruiting_cohort.rule_versions.values_list("number", flat=True)) == [3, 2, 1]
    version_2 = recruiting_cohort.rule_versions.get(number=2)
    version_3 = recruiting_cohort.current_rules
    assert ("Interview", "Values") in pairs(version_1)
    assert ("Interview", "Values") not in pairs(version_2)
    assert ("Interview", "Values") not in pairs(version_3)
    assert version_2.funding_rates.get(label="Bursary").amount_pence == 19_833_00
    assert version_3.funding_rates.get(label="Bursary").amount_pence == 20_000_00
    bursary.refresh_from_db()
    assert bursary.amount_pence == 19_833_00
    matrix_entry = history_for(recruiting_cohort)[1]
    assert matrix_entry.summary == (
        "Rules version 2 created: changed which exercises assess which criteria"
    )
    assert matrix_entry.changes[0]["field"] == "Interview assesses"


def test_a_rate_of_an_old_version_cannot_be_changed(admin, recruiting_cohort):
    old_rate = recruiting_cohort.current_rules.funding_rates.get(label="Bursary")
    services.eligibility_update(
        actor=admin, cohort=recruiting_cohort, experience_required=False, reason="Pilot"
    )

    with pytest.raises(ValidationError, match="Only the current version"):
        services.funding_rate_remove(
            actor=admin, cohort=recruiting_cohort, rate=old_rate, reason="Mistake"
        )
    assert recruiting_cohort.rule_versions.count() == 2


# The assessment framework


def test_the_standard_framework_is_valid(draft_cohort):
    rules = services.framework_load_standard(actor=None, cohort=draft_cohort)

    assert rules.criteria.count() == 9
    assert rules.exercises.count() == 6
    assert rules.scale.count() == 4
    assert framework_problems(rules=rules) == []


def test_the_framework_as_published_is_refused_because_resilience_is_assessed_once(
    admin, draft_cohort
):
    with pytest.raises(ValidationError, match="Resilience is assessed in 1 exercise") as refused:
        services.framework_load(
            actor=admin,
            cohort=draft_cohort,
            criteria=standard_framework.CRITERIA,
            exercises=standard_framework.PUBLISHED_EXERCISES,
            scale=standard_framework.SCALE,
        )
    assert refused.value.messages == [
        "Resilience is assessed in 1 exercise. Each criterion must be assessed in at least "
        "2 exercises"
    ]
    assert not Criterion.objects.exists()
    assert not Exercise.objects.exists()
    assert not history_for(draft_cohort).exists()

    services.framework_load(
        actor=admin,
        cohort=draft_cohort,
        criteria=standard_framework.CRITERIA,
        exercises=standard_framework.EXERCISES,
        scale=standard_framework.SCALE,
    )
    assert draft_cohort.current_rules.criteria.count() == 9


def test_the_standard_framework_can_only_fill_an_empty_framework(admin, draft_cohort):
    services.framework_load_standard(actor=admin, cohort=draft_cohort)
    with pytest.raises(ValidationError, match="already has criteria"):
        services.framework_load_standard(actor=admin, cohort=draft_cohort)
    assert draft_cohort.current_rules.criteria.count() == 9


def test_a_matrix_that_leaves_criteria_under_assessed_is_refused_naming_each(admin, draft_cohort):
    rules = services.framework_load_standard(actor=admin, cohort=draft_cohort)
    before = pairs(rules)
    interview = rules.exercises.get(name="Interview")
    telephone = rules.exercises.get(name="Telephone simulation")
    assessed = {(e.pk, c.pk) for e in rules.exercises.all() for c in e.criteria.all()} - {
        (interview.pk, c.pk) for c in interview.criteria.all()
    }
    assessed -= {(telephone.pk, rules.criteria.get(name="Verbal communication").pk)}

    with pytest.raises(
        ValidationError, match="Verbal communication is assessed in 1 exercise"
    ) as refused:
        services.matrix_update(actor=admin, cohort=draft_cohort, assessed=assessed)

    assert [message.split(" is assessed")[0] for message in refused.value.messages] == [
        "Verbal communication",
        "Resilience",
        "Analysis & decision-making",
        "Planning & organising",
    ]
    assert refused.value.messages[0] == (
        "Verbal communication is assessed in 1 exercise. Each criterion must be assessed in "
        "at least 2 exercises"
    )
    assert pairs(rules) == before


def test_removing_an_exercise_that_would_leave_a_criterion_under_assessed_is_refused(
    admin, draft_cohort
):
    rules = services.framework_load_standard(actor=admin, cohort=draft_cohort)

    with pytest.raises(ValidationError, match="Resilience is assessed in 1 exercise"):
        services.exercise_remove(
            actor=admin, cohort=draft_cohort, exercise=rules.exercises.get(name="Interview")
        )
    assert rules.exercises.filter(name="Interview").exists()

    services.exercise_remove(
        actor=admin,
        cohort=draft_cohort,
        exercise=rules.exercises.get(name="Written self-evaluation of the group exercise"),
    )
    assert rules.exercises.count() == 5


def test_a_new_criterion_needs_two_exercises_that_assess_it(admin, draft_cohort):
    rules = services.framework_load_standard(actor=admin, cohort=draft_cohort)
    group, interview = (
        rules.exercises.get(name="Group exercise"),
        rules.exercises.get(name="Interview"),
    )

    with pytest.raises(ValidationError, match="Curiosity is assessed in 1 exercise") as refused:
        services.criterion_add(
            actor=admin,
            cohort=draft_cohort,
            name="Curiosity",
            definition="Asks why.",
            exercise_ids={group.pk},
        )
    assert refused.value.message_dict == {
        "exercise_ids": [
            "Curiosity is assessed in 1 exercise. Each criterion must be assessed in at "
            "least 2 exercises"
        ]
    }
    assert not rules.criteria.filter(name="Curiosity").exists()

    criterion = services.criterion_add(
        actor=admin,
        cohort=draft_cohort,
        name="Curiosity",
        definition="Asks why.",
        exercise_ids={group.pk, interview.pk},
    )
    assert set(criterion.exercises.values_list("name", flat=True)) == {
        "Group exercise",
        "Interview",
    }


def test_a_criterion_name_is_used_once_per_framework(admin, draft_cohort):
    rules = services.framework_load_standard(actor=admin, cohort=draft_cohort)
    with pytest.raises(ValidationError, match="There is already a criterion called Values"):
        services.criterion_add(
            actor=admin,
            cohort=draft_cohort,
            name="values",
            definition="Again.",
            exercise_ids=set(rules.exercises.values_list("pk", flat=True)),
        )


def test_the_scale_needs_two_points_with_different_scores(admin, draft_cohort):
    with pytest.raises(ValidationError, match="at least 2 points"):
        services.scale_update(actor=admin, cohort=draft_cohort, points=[(1, "Low", "")])
    with pytest.raises(ValidationError, match="different score"):
        services.scale_update(
            actor=admin, cohort=draft_cohort, points=[(1, "Low", ""), (1, "High", "")]
        )
    services.scale_update(
        actor=admin, cohort=draft_cohort, points=[(2, "High", ""), (1, "Low", "")]
    )
    assert [(p.score, p.label) for p in draft_cohort.current_rules.scale.all()] == [
        (1, "Low"),
        (2, "High"),
    ]


def test_recruiting_needs_a_pass_mark_a_sifter_can_reach(admin, draft_cohort):
    """A pass mark set before the framework shrank stops recruiting until it is lowered."""
    cohort = ready_to_recruit(draft_cohort, admin)
    RuleVersion.objects.filter(pk=cohort.current_rules.pk).update(sift_pass_mark=25)
    assert transition_problems(cohort=cohort, to_status=CohortStatus.RECRUITING) == [
        "Lower the pass mark for the sift to 20 or less in the recruitment settings"
    ]


def test_the_start_date_and_the_timetables_programme_start_are_one_fact(admin, draft_cohort):
    """Fixed: "Trainees start" moved to 1 February 2028 while the timetable's
    "Programme starts" stayed 4 January 2028, and the candidate's page showed both."""
    services.milestone_save(
        actor=admin,
        cohort=draft_cohort,
        kind=MilestoneKind.PROGRAMME_START,
        starts_on=datetime.date(2028, 1, 4),
    )
    draft_cohort.refresh_from_db()
    assert draft_cohort.start_date == datetime.date(2028, 1, 4)

    services.cohort_update(
        actor=admin,
        cohort=draft_cohort,
        name=draft_cohort.name,
        start_date=datetime.date(2028, 2, 1),
        length_months=18,
    )
    start = draft_cohort.milestones.get(kind=MilestoneKind.PROGRAMME_START)
    assert start.starts_on == datetime.date(2028, 2, 1)
    summaries = list(history_for(draft_cohort).values_list("summary", flat=True))
    assert "Moved “Programme starts” in the timetable to the cohort's start date" in summaries


def test_a_cohort_is_set_up_as_a_copy_of_an_earlier_one(admin, draft_cohort):
    """Fixed: a new cohort started from nothing."""
    source = ready_to_recruit(draft_cohort, admin)
    services.milestone_save(
        actor=admin,
        cohort=source,
        kind=MilestoneKind.PROGRAMME_START,
        starts_on=datetime.date(2027, 1, 4),
    )
    source.refresh_from_db()
    copy = services.cohort_copy(
        actor=admin,
        source=source,
        number=7,
        name="Cohort 7",
        start_date=datetime.date(2028, 1, 10),
    )
    assert copy.status == CohortStatus.DRAFT and copy.length_months == source.length_months
    window = copy.milestones.get(kind=MilestoneKind.APPLICATION_WINDOW)
    # The source starts in 2027 and the copy in 2028: every date moves by one year.
    assert (window.starts_on, window.ends_on) == (
        datetime.date(2018, 8, 7),
        datetime.date(2018, 9, 22),
    )
    assert window.note == ""
    assert copy.milestones.get(kind=MilestoneKind.PROGRAMME_START).starts_on == copy.start_date
    old, new = source.current_rules, copy.current_rules
    assert new.sift_pass_mark == old.sift_pass_mark == 15
    assert list(new.criteria.values_list("name", flat=True)) == list(
        old.criteria.values_list("name", flat=True)
    )
    assert new.exercises.count() == old.exercises.count()
    assert sum(e.criteria.count() for e in new.exercises.all()) == sum(
        e.criteria.count() for e in old.exercises.all()
    )
    assert list(new.funding_rates.values_list("label", "amount_pence")) == list(
        old.funding_rates.values_list("label", "amount_pence")
    )
    assert not new.criteria.filter(rules=old).exists()  # copies, not the same rows
    assert "Set up as a copy of cohort 6" in history_for(copy).first().summary
    # Nothing half-made when the number is taken.
    with pytest.raises(ValidationError, match="Cohort 7 already exists"):
        services.cohort_copy(
            actor=admin, source=source, number=7, name="Again", start_date=datetime.date(2029, 1, 1)
        )
