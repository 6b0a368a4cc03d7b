"""Word limits and how the sift runs: part of the versioned rules."""

import pytest
from django.core.exceptions import ValidationError

from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.programme.models import CohortStatus, RuleVersion
from stepup.programme.services import framework_load_standard, recruitment_settings_update
from tests.factories import person_with_role

pytestmark = pytest.mark.django_db

GOOD = {
    "q1_word_limit": "400",
    "q2_word_limit": "500",
    "q3_word_limit": "600",
    "sift_by": "national",
    "double_sift": "yes",
    "sift_tolerance": "3",
    "sift_pass_mark": "12",
    "centres_run_by": "partnership",
    "centre_benchmark": "24",
    "centre_criterion_minimum": "2",
}


def url(cohort) -> str:
    return f"/selection/cohorts/{cohort.number}/settings/"


def test_changing_the_settings_while_setting_up_edits_the_current_version(
    national_admin, sign_in, cohort
):
    response = sign_in(national_admin).post(url(cohort), GOOD, follow=True)

    assert "Recruitment settings saved" in response.content.decode()
    rules = cohort.current_rules
    assert rules.number == 1
    assert (rules.q1_word_limit, rules.q3_word_limit) == (400, 600)
    assert rules.sift_by == "national" and rules.double_sift is True
    assert (rules.sift_tolerance, rules.sift_pass_mark) == (3, 12)
    assert (rules.centre_benchmark, rules.centre_criterion_minimum) == (24, 2)
    [entry] = history_for(cohort)
    assert entry.actor == national_admin
    assert entry.summary.startswith("Rules version 1 changed: changed word limit for question 1")
    assert {
        "field": "Who sifts applications",
        "before": "By the candidate's first-choice partnership",
        "after": "Nationally, by the recruitment contractor",
    } in entry.changes


def test_locked_rules_need_a_reason_and_make_a_new_version(national_admin, sign_in, cohort):
    cohort.status = CohortStatus.RECRUITING
    cohort.save()
    client = sign_in(national_admin)

    response = client.post(url(cohort), GOOD)
    assert response.status_code == 200
    assert "Enter why you are changing the rules" in response.content.decode()
    assert RuleVersion.objects.filter(cohort=cohort).count() == 1
    assert not history_for(cohort).exists()

    response = client.post(
        url(cohort), {**GOOD, "reason": "Board agreed a national sift"}, follow=True
    )

    assert "saved as rules version 2" in response.content.decode()
    old, new = RuleVersion.objects.filter(cohort=cohort).order_by("number")
    assert old.sift_by == "partnership" and old.q1_word_limit == 500
    assert new.sift_by == "national" and new.q1_word_limit == 400
    assert new.min_degree_class == old.min_degree_class
    [entry] = history_for(cohort)
    assert entry.summary.startswith("Rules version 2 created")
    assert entry.reason == "Board agreed a national sift"


@pytest.mark.parametrize(
    "change, field_message",
    [
        ({"q1_word_limit": "0"}, "The word limit for question 1 must be between 1 and 2000"),
        ({"q2_word_limit": "2001"}, "The word limit for question 2 must be between 1 and 2000"),
        ({"q3_word_limit": "lots"}, "Enter the word limit for question 3 using digits, like 500"),
        ({"q1_word_limit": ""}, "Enter the word limit for question 1, like 500"),
        ({"sift_by": "anyone"}, "Select who sifts applications"),
        ({"centres_run_by": "anyone"}, "Select who runs the assessment centres"),
        ({"double_sift": ""}, "Select yes if two sifters score each application"),
        ({"sift_tolerance": "21"}, "The largest gap must be between 0 and 20"),
        ({"sift_tolerance": "-1"}, "The largest gap must be between 0 and 20"),
        ({"sift_pass_mark": "-1"}, "The pass mark must be 0 or more"),
        ({"sift_pass_mark": "1.5"}, "Enter the pass mark as a whole number, like 12"),
        ({"centre_benchmark": "lots"}, "Enter the benchmark as a whole number, like 24"),
        ({"centre_benchmark": "-3"}, "Enter the benchmark as 0 or more"),
        (
            {"centre_criterion_minimum": "2.5"},
            "Enter the lowest average as a whole number, like 2",
        ),
    ],
)
def test_bad_settings_show_an_error_and_save_nothing(
    national_admin, sign_in, cohort, change, field_message
):
    response = sign_in(national_admin).post(url(cohort), {**GOOD, **change})

    assert response.status_code == 200
    assert field_message in response.content.decode()
    rules = RuleVersion.objects.get(cohort=cohort)
    assert rules.q1_word_limit == 500 and rules.sift_by == "partnership"
    assert not history_for(cohort).exists()


def test_the_service_may_clear_the_pass_mark_while_setting_up(national_admin, cohort):
    """Recruiting cannot start without one (tested in programme), so it may be unset until then."""
    recruitment_settings_update(actor=national_admin, cohort=cohort, sift_pass_mark=12)
    recruitment_settings_update(actor=national_admin, cohort=cohort, sift_pass_mark=None)
    assert cohort.current_rules.sift_pass_mark is None


def test_the_form_needs_a_pass_mark(national_admin, sign_in, cohort):
    """Fixed: the field said "(optional)" but recruiting cannot start without it."""
    client = sign_in(national_admin)
    assert (
        "Pass mark at sift (total score) (optional)" not in client.get(url(cohort)).content.decode()
    )
    response = client.post(url(cohort), {**GOOD, "sift_pass_mark": ""})
    assert "Enter the pass mark for the sift, like 12" in response.content.decode()
    assert cohort.current_rules.sift_pass_mark is None


def test_the_pass_mark_cannot_be_above_the_highest_total(national_admin, sign_in, cohort):
    """Fixed: 25 was accepted when the maximum is 20 (five criteria, 1 to 4)."""
    framework_load_standard(actor=None, cohort=cohort)
    client = sign_in(national_admin)
    assert "The highest total a sifter can give is 20" in client.get(url(cohort)).content.decode()
    response = client.post(url(cohort), {**GOOD, "sift_pass_mark": "25"})
    assert response.status_code == 200
    assert "The pass mark must be 20 or less" in response.content.decode()
    assert cohort.current_rules.sift_pass_mark is None
    with pytest.raises(ValidationError, match="20 or less"):
        recruitment_settings_update(actor=national_admin, cohort=cohort, sift_pass_mark=21)
    assert client.post(url(cohort), {**GOOD, "sift_pass_mark": "20"}).status_code == 302
    assert cohort.current_rules.sift_pass_mark == 20


def test_the_service_refuses_fields_that_are_not_settings(national_admin, cohort):
    with pytest.raises(TypeError, match="Not recruitment settings: min_degree_class"):
        recruitment_settings_update(actor=national_admin, cohort=cohort, min_degree_class="first")
    with pytest.raises(ValidationError, match="Select whether two sifters score each application"):
        recruitment_settings_update(actor=national_admin, cohort=cohort, double_sift="yes")


def test_an_unchanged_form_records_nothing(national_admin, sign_in, cohort):
    RuleVersion.objects.filter(cohort=cohort).update(sift_pass_mark=12)
    sign_in(national_admin).post(
        url(cohort),
        {
            **GOOD,
            "q1_word_limit": "500",
            "q2_word_limit": "500",
            "q3_word_limit": "500",
            "sift_by": "partnership",
            "double_sift": "no",
            "sift_tolerance": "2",
            "sift_pass_mark": "12",
            "centre_benchmark": "",
            "centre_criterion_minimum": "",
        },
    )
    assert not history_for(cohort).exists()


def test_only_the_national_admin_may_change_the_settings(sign_in, cohort):
    client = sign_in(person_with_role(Role.CONTRACTOR))
    assert client.get(url(cohort)).status_code == 403
    assert client.post(url(cohort), GOOD).status_code == 403
    assert cohort.current_rules.sift_by == "partnership"


def test_an_unknown_cohort_is_not_found(national_admin, sign_in):
    assert sign_in(national_admin).get("/selection/cohorts/999/settings/").status_code == 404
