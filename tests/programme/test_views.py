"""Cohort pages: what each person can see and do, and what bad input shows."""

import datetime

import pytest

from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.programme import services
from stepup.programme.models import (
    Cohort,
    CohortStatus,
    FundingBasis,
    GcseMinimum,
    Milestone,
    MilestoneKind,
)
from tests.factories import CohortFactory, PartnershipFactory, person_with_role
from tests.programme.conftest import add_cohort_5_rates

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def error_summary(response) -> str:
    """The error summary's text, or "" when the page has none."""
    page = html(response)
    if "govuk-error-summary" not in page:
        return ""
    start = page.index("govuk-error-summary")
    return page[start : page.index("</ul>", start)]


def date_fields(prefix: str, value: datetime.date | None) -> dict[str, str]:
    if value is None:
        return {f"{prefix}-day": "", f"{prefix}-month": "", f"{prefix}-year": ""}
    return {
        f"{prefix}-day": str(value.day),
        f"{prefix}-month": str(value.month),
        f"{prefix}-year": str(value.year),
    }


@pytest.fixture
def as_admin(sign_in, admin):
    return sign_in(admin)


# Who may do what


VIEW_PAGES = [
    "/cohorts/",
    "/cohorts/6/",
    "/cohorts/6/timetable/",
    "/cohorts/6/funding/",
    "/cohorts/6/eligibility/",
    "/cohorts/6/framework/",
    "/cohorts/6/rules/",
    "/cohorts/6/history/",
]

EDIT_PAGES = [
    "/cohorts/new/",
    "/cohorts/6/change/",
    "/cohorts/6/status/open_for_bids/",
    "/cohorts/6/timetable/application_window/",
    "/cohorts/6/funding/add/",
    "/cohorts/6/eligibility/change/",
    "/cohorts/6/framework/standard/",
    "/cohorts/6/framework/criteria/add/",
    "/cohorts/6/framework/exercises/add/",
    "/cohorts/6/framework/matrix/",
    "/cohorts/6/framework/scale/",
]


def test_anonymous_people_are_sent_to_sign_in(client, draft_cohort):
    for url in [*VIEW_PAGES, *EDIT_PAGES]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/sign-in/"), url


@pytest.mark.parametrize(
    "role",
    [Role.NATIONAL_ANALYST, Role.COORDINATOR, Role.UNIVERSITY_TUTOR, Role.ASSESSOR],
)
def test_other_staff_can_view_cohort_pages_but_not_change_them(sign_in, draft_cohort, role):
    client = sign_in(person_with_role(role))
    for url in VIEW_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Create a cohort" not in html(response)
        assert "/change/" not in html(response), url
    for url in EDIT_PAGES:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "Hacked", "reason": "x"}).status_code == 403, url
    draft_cohort.refresh_from_db()
    assert draft_cohort.status == CohortStatus.DRAFT
    assert not history_for(draft_cohort).exists()


def test_an_unknown_cohort_is_not_found(as_admin):
    assert as_admin.get("/cohorts/99/").status_code == 404
    assert as_admin.get("/cohorts/99/change/").status_code == 404


def test_the_cohort_page_lists_its_partnerships_with_their_places(sign_in, draft_cohort):
    PartnershipFactory(
        cohort=draft_cohort, name="Surrey and South London", places=[("Sutton", 4), ("Merton", 5)]
    )
    client = sign_in(person_with_role(Role.NATIONAL_ANALYST))

    page = html(client.get("/cohorts/6/"))

    assert "Surrey and South London" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">9</td>' in page


# A national admin sets up cohort 6 through the pages


def test_a_national_admin_sets_up_cohort_6_and_starts_recruiting(as_admin, admin):
    response = as_admin.post(
        "/cohorts/new/",
        {
            "number": "6",
            "name": "Step Up cohort 6",
            **date_fields("start_date", datetime.date(2019, 1, 7)),
            "length_months": "18",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/cohorts/6/"
    cohort = Cohort.objects.get(number=6)
    assert cohort.current_rules.number == 1

    response = as_admin.post(
        "/cohorts/6/timetable/application_window/",
        {
            **date_fields("starts_on", datetime.date(2017, 8, 7)),
            **date_fields("ends_on", datetime.date(2017, 9, 22)),
            "note": "Early-mid August 2017",
        },
    )
    assert response.status_code == 302
    as_admin.post(
        "/cohorts/6/timetable/bids_deadline/",
        {**date_fields("starts_on", datetime.date(2017, 3, 1)), **date_fields("ends_on", None)},
    )
    page = html(as_admin.get("/cohorts/6/timetable/"))
    table = page[page.index("<table") :]
    assert table.index("Deadline for partnerships to bid") < table.index("Application window")
    assert "7 August 2017 to 22 September 2017" in page
    assert "Early-mid August 2017" in page

    rates = [
        ("Administration", "per_partnership", "48,000", "", ""),
        ("Bursary", "per_trainee", "£19,833", "", ""),
        ("University fees", "per_trainee", "11667", "", ""),
        ("Placement supervision", "per_trainee", "1750.00", "", ""),
        ("One-off for a large partnership", "size_band", "2500", "26", "35"),
    ]
    for label, basis, amount, band_min, band_max in rates:
        response = as_admin.post(
            "/cohorts/6/funding/add/",
            {
                "label": label,
                "basis": basis,
                "amount": amount,
                "band_min": band_min,
                "band_max": band_max,
            },
        )
        assert response.status_code == 302, error_summary(response)
    page = html(as_admin.get("/cohorts/6/funding/"))
    assert "For a partnership of 26 trainees" in page
    assert "£915,000" in page
    page = html(as_admin.get("/cohorts/6/funding/?trainees=25"))
    assert "For a partnership of 25 trainees" in page
    assert "£879,250" in page

    page = html(as_admin.get("/cohorts/6/framework/"))
    assert "Use the standard framework" in page
    response = as_admin.post("/cohorts/6/framework/standard/", {"interview_format": "joint"})
    assert response.status_code == 302
    page = html(as_admin.get("/cohorts/6/framework/"))
    assert "Use the standard framework" not in page
    assert "Self-awareness &amp; self-development" in page
    assert "cannot be used to recruit" not in page

    settings = {
        "q1_word_limit": "500",
        "q2_word_limit": "500",
        "q3_word_limit": "500",
        "sift_by": "partnership",
        "double_sift": "yes",
        "sift_tolerance": "2",
        "sift_pass_mark": "15",
        "centres_run_by": "partnership",
    }
    response = as_admin.post("/selection/cohorts/6/settings/", settings)
    assert response.status_code == 302, error_summary(response)
    assert as_admin.post("/cohorts/6/status/open_for_bids/").status_code == 302
    PartnershipFactory(cohort=cohort)  # a bid approved: candidates need one to choose
    response = as_admin.post("/cohorts/6/status/recruiting/", {"reason": "Timetable agreed"})
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.status == CohortStatus.RECRUITING
    page = html(as_admin.get("/cohorts/6/"))
    assert "Recruiting" in page
    assert "Version 1 (locked)" in page

    history = html(as_admin.get("/cohorts/6/history/"))
    assert history.index("Status changed from Open for bids to Recruiting") < history.index(
        "Cohort 6 created"
    )
    assert "Timetable agreed" in history
    assert "Nadia Admin" in history


def test_moving_to_recruiting_lists_what_is_missing(as_admin, draft_cohort):
    services.cohort_transition(actor=None, cohort=draft_cohort, to_status="open_for_bids")

    response = as_admin.post("/cohorts/6/status/recruiting/")

    assert response.status_code == 200
    summary = error_summary(response)
    assert "Add the application window to the timetable" in summary
    assert "Add at least one funding rate" in summary
    assert "Add the criteria that candidates are assessed against" in summary
    assert html(response).startswith("<!DOCTYPE html>")
    assert "<title>Error: " in html(response)
    draft_cohort.refresh_from_db()
    assert draft_cohort.status == CohortStatus.OPEN_FOR_BIDS


def test_start_recruiting_links_each_missing_thing_to_where_it_is_fixed(as_admin, draft_cohort):
    """Fixed: a cohort started recruiting with no approved partnership."""
    services.cohort_transition(actor=None, cohort=draft_cohort, to_status="open_for_bids")
    PartnershipFactory(cohort=draft_cohort, status="submitted")  # a bid, not yet approved
    page = html(as_admin.get("/cohorts/6/status/recruiting/"))
    for text, href in [
        ("Add the application window to the timetable", "/cohorts/6/timetable/"),
        ("Add at least one funding rate", "/cohorts/6/funding/"),
        ("Add the criteria that candidates are assessed against", "/cohorts/6/framework/"),
        (
            "Set the pass mark for the sift in the recruitment settings",
            "/selection/cohorts/6/settings/",
        ),
        ("Approve at least one partnership&#39;s bid", "/partnerships/?cohort=6"),
    ]:
        assert f'href="{href}">{text}' in page, text
    assert 'type="submit"' not in page.split("govuk-main-wrapper")[1]


def test_a_status_change_the_lifecycle_does_not_allow_is_not_found(as_admin, draft_cohort):
    assert as_admin.post("/cohorts/6/status/closed/").status_code == 404
    assert as_admin.get("/cohorts/6/status/nonsense/").status_code == 404


# Bad input shows an error summary and saves nothing


def test_a_duplicate_cohort_number_is_refused(as_admin, draft_cohort):
    response = as_admin.post(
        "/cohorts/new/",
        {
            "number": "6",
            "name": "Again",
            **date_fields("start_date", datetime.date(2027, 1, 4)),
            "length_months": "18",
        },
    )
    assert response.status_code == 200
    assert "Cohort 6 already exists. Enter a different number" in error_summary(response)
    assert Cohort.objects.count() == 1


def test_a_new_cohort_with_missing_and_impossible_details_is_refused(as_admin):
    response = as_admin.post(
        "/cohorts/new/",
        {
            "number": "",
            "name": "",
            "start_date-day": "31",
            "start_date-month": "2",
            "start_date-year": "2027",
            "length_months": "40",
        },
    )
    summary = error_summary(response)
    assert "Enter the cohort number, like 6" in summary
    assert "Enter the cohort&#39;s name" in summary
    assert "must be a real date" in summary
    assert "The length must be between 6 and 36 months" in summary
    assert not Cohort.objects.exists()


def test_a_window_that_closes_before_it_opens_is_refused(as_admin, draft_cohort):
    page = html(as_admin.get("/cohorts/6/timetable/application_window/"))
    assert "Date the application window opens" in page
    assert "Date the application window closes" in page

    response = as_admin.post(
        "/cohorts/6/timetable/application_window/",
        {
            **date_fields("starts_on", datetime.date(2017, 8, 7)),
            **date_fields("ends_on", datetime.date(2017, 8, 1)),
        },
    )

    assert response.status_code == 200
    assert "The application window must close on or after the day it opens" in error_summary(
        response
    )
    assert 'href="#id_ends_on-day"' in error_summary(response)
    assert not Milestone.objects.exists()
    assert not history_for(draft_cohort).exists()


def test_a_negative_amount_is_refused(as_admin, draft_cohort):
    response = as_admin.post(
        "/cohorts/6/funding/add/",
        {"label": "Bursary", "basis": "per_trainee", "amount": "-19833"},
    )
    assert response.status_code == 200
    assert "The amount must be £0 or more" in error_summary(response)
    assert not draft_cohort.current_rules.funding_rates.exists()


def test_a_size_band_needs_its_sizes(as_admin, draft_cohort):
    response = as_admin.post(
        "/cohorts/6/funding/add/",
        {"label": "One-off", "basis": "size_band", "amount": "2500", "band_min": "26"},
    )
    assert "Enter the largest partnership size the amount is for, like 35" in error_summary(
        response
    )
    assert not draft_cohort.current_rules.funding_rates.exists()


def test_a_matrix_with_a_criterion_assessed_once_is_refused_naming_it(as_admin, draft_cohort):
    rules = services.framework_load_standard(actor=None, cohort=draft_cohort)
    form = {
        f"assessed_{e.pk}_{c.pk}": "on"
        for e in rules.exercises.all()
        for c in e.criteria.all()
        if not (e.name == "Interview" and c.name == "Resilience")
    }
    page = html(as_admin.get("/cohorts/6/framework/matrix/"))
    assert "Group exercise assesses Values</span>" in page

    response = as_admin.post("/cohorts/6/framework/matrix/", form)

    assert response.status_code == 200
    assert (
        "Resilience is assessed in 1 exercise. Each criterion must be assessed in at least "
        "2 exercises"
    ) in error_summary(response)
    assert rules.exercises.get(name="Interview").criteria.filter(name="Resilience").exists()
    assert history_for(draft_cohort).count() == 1  # loading the framework only


def test_a_new_criterion_ticked_for_one_exercise_is_refused(as_admin, draft_cohort):
    rules = services.framework_load_standard(actor=None, cohort=draft_cohort)
    group = rules.exercises.get(name="Group exercise")

    response = as_admin.post(
        "/cohorts/6/framework/criteria/add/",
        {"name": "Curiosity", "definition": "Asks why.", "exercise_ids": [str(group.pk)]},
    )

    assert "Curiosity is assessed in 1 exercise" in error_summary(response)
    assert 'href="#id_exercise_ids"' in error_summary(response)
    assert not rules.criteria.filter(name="Curiosity").exists()


def test_an_exercise_can_be_added_and_a_criterion_added_with_two_exercises(as_admin, draft_cohort):
    for name in ("Group exercise", "Interview"):
        response = as_admin.post(
            "/cohorts/6/framework/exercises/add/",
            {"name": name, "stage": "assessment_centre", "description": ""},
        )
        assert response.status_code == 302, error_summary(response)
    rules = draft_cohort.current_rules
    ids = [str(pk) for pk in rules.exercises.values_list("pk", flat=True)]

    response = as_admin.post(
        "/cohorts/6/framework/criteria/add/",
        {"name": "Values", "definition": "Social work values.", "exercise_ids": ids},
    )

    assert response.status_code == 302, error_summary(response)
    assert rules.criteria.get().exercises.count() == 2


def test_removing_an_exercise_that_leaves_a_criterion_under_assessed_is_refused(
    as_admin, draft_cohort
):
    rules = services.framework_load_standard(actor=None, cohort=draft_cohort)
    interview = rules.exercises.get(name="Interview")

    response = as_admin.post(f"/cohorts/6/framework/exercises/{interview.pk}/remove/")

    assert response.status_code == 200
    assert "Resilience is assessed in 1 exercise" in error_summary(response)
    assert rules.exercises.filter(pk=interview.pk).exists()


def test_the_scale_form_adds_rows_without_javascript_and_saves(as_admin, draft_cohort):
    page = html(as_admin.get("/cohorts/6/framework/scale/"))
    assert 'name="scale-TOTAL_FORMS" value="4"' in page

    response = as_admin.post(
        "/cohorts/6/framework/scale/",
        {
            "scale-TOTAL_FORMS": "4",
            "scale-INITIAL_FORMS": "0",
            "scale-0-score": "1",
            "scale-0-label": "Little or no evidence",
            "add_row": "1",
        },
    )
    page = html(response)
    assert 'name="scale-TOTAL_FORMS" value="5"' in page
    assert 'value="Little or no evidence"' in page
    assert not error_summary(response)

    response = as_admin.post(
        "/cohorts/6/framework/scale/",
        {
            "scale-TOTAL_FORMS": "3",
            "scale-INITIAL_FORMS": "0",
            "scale-0-score": "1",
            "scale-0-label": "Little or no evidence",
            "scale-1-score": "2",
            "scale-1-label": "",
        },
    )
    assert "Enter a label for the score" in error_summary(response)
    assert not draft_cohort.current_rules.scale.exists()

    response = as_admin.post(
        "/cohorts/6/framework/scale/",
        {
            "scale-TOTAL_FORMS": "3",
            "scale-INITIAL_FORMS": "0",
            "scale-0-score": "1",
            "scale-0-label": "Little or no evidence",
            "scale-1-score": "2",
            "scale-1-label": "Strong evidence",
        },
    )
    assert response.status_code == 302
    assert list(draft_cohort.current_rules.scale.values_list("score", flat=True)) == [1, 2]


# Locked rules


def test_a_locked_rule_change_asks_why_and_makes_a_new_version(as_admin, recruiting_cohort):
    url = "/cohorts/5/eligibility/change/"
    form = {
        "min_degree_class": "upper_second",
        "excluded_degree_subject": "Social work",
        "gcse_english_minimum": "C4",
        "gcse_maths_minimum": "B5",
        "experience_required": "yes",
        "right_to_work_required": "yes",
    }
    assert "Why are you changing the rules?" in html(as_admin.get(url))

    response = as_admin.post(url, form)
    assert response.status_code == 200
    assert "Enter why you are changing the rules" in error_summary(response)
    assert recruiting_cohort.rule_versions.count() == 1

    response = as_admin.post(url, {**form, "reason": "Numeracy matters in court reports"})
    assert response.status_code == 302
    assert recruiting_cohort.current_rules.number == 2
    assert recruiting_cohort.current_rules.gcse_maths_minimum == GcseMinimum.B5

    history = html(as_admin.get("/cohorts/5/history/"))
    assert "Rules version 2 created: changed GCSE Maths minimum grade" in history
    assert "GCSE Maths minimum grade: Grade C or 4" in history
    assert "Grade B or 5" in history
    assert "Numeracy matters in court reports" in history
    versions = html(as_admin.get("/cohorts/5/rules/"))
    assert "2 (current)" in versions
    old = html(as_admin.get("/cohorts/5/eligibility/?version=1"))
    assert "no longer in force" in old
    assert "Grade C or 4" in old


def test_a_locked_funding_change_needs_a_reason_on_the_page(as_admin, recruiting_cohort):
    rate = recruiting_cohort.current_rules.funding_rates.get(label="Bursary")
    url = f"/cohorts/5/funding/{rate.pk}/change/"
    form = {"label": "Bursary", "basis": "per_trainee", "amount": "20000"}

    response = as_admin.post(url, form)
    assert "Enter why you are changing the rules" in error_summary(response)

    response = as_admin.post(url, {**form, "reason": "Uplift"})
    assert response.status_code == 302
    rate.refresh_from_db()
    assert rate.amount_pence == 19_833_00
    assert recruiting_cohort.current_rules.funding_rates.get(label="Bursary").amount_pence == (
        20_000_00
    )
    # The old version's row is not found any more, even by a crafted post.
    assert as_admin.post(url, {**form, "reason": "Again"}).status_code == 404


def test_an_older_version_is_shown_without_change_links(as_admin, recruiting_cohort):
    services.funding_rate_add(
        actor=None,
        cohort=recruiting_cohort,
        label="Travel",
        basis=FundingBasis.PER_TRAINEE,
        amount_pence=100_00,
        reason="Travel costs",
    )

    old = html(as_admin.get("/cohorts/5/funding/?version=1"))
    new = html(as_admin.get("/cohorts/5/funding/"))

    assert "Travel" not in old
    assert "/change/" not in old
    assert "Travel" in new
    assert "/change/" in new
    assert as_admin.get("/cohorts/5/funding/?version=9").status_code == 404


def test_the_timetable_moves_while_recruiting_with_no_reason_needed(as_admin, recruiting_cohort):
    response = as_admin.post(
        "/cohorts/5/timetable/application_window/",
        {
            **date_fields("starts_on", datetime.date(2017, 8, 14)),
            **date_fields("ends_on", datetime.date(2017, 9, 29)),
            "note": "",
        },
    )
    assert response.status_code == 302
    window = recruiting_cohort.milestones.get(kind=MilestoneKind.APPLICATION_WINDOW)
    assert window.ends_on == datetime.date(2017, 9, 29)
    assert recruiting_cohort.current_rules.number == 1


def test_cohort_5_rates_load_through_services_for_the_funding_page(sign_in, draft_cohort):
    add_cohort_5_rates(draft_cohort)
    client = sign_in(person_with_role(Role.COORDINATOR))

    page = html(client.get("/cohorts/6/funding/?trainees=abc"))

    assert "Enter the number of trainees using digits, like 26" in error_summary(
        client.get("/cohorts/6/funding/?trainees=abc")
    )
    assert "<title>Error: " in page


def test_rows_of_another_cohort_are_not_found_even_by_a_crafted_post(as_admin, draft_cohort):
    other = CohortFactory(number=7)
    rules = services.framework_load_standard(actor=None, cohort=other)
    criterion = rules.criteria.get(name="Values")
    exercise_ids = [str(pk) for pk in rules.exercises.values_list("pk", flat=True)]
    services.framework_load_standard(actor=None, cohort=draft_cohort)

    url = f"/cohorts/6/framework/criteria/{criterion.pk}/change/"
    assert as_admin.get(url).status_code == 404
    response = as_admin.post(
        url, {"name": "Hacked", "definition": "x", "exercise_ids": exercise_ids}
    )
    assert response.status_code == 404
    response = as_admin.post(
        "/cohorts/6/framework/criteria/add/",
        {"name": "Curiosity", "definition": "Asks why.", "exercise_ids": exercise_ids},
    )
    assert "Select exercises from the list" in error_summary(response)
    criterion.refresh_from_db()
    assert criterion.name == "Values"
    assert not draft_cohort.current_rules.criteria.filter(name="Curiosity").exists()


def test_copying_an_earlier_cohort_on_the_page(as_admin, draft_cohort):
    page = html(as_admin.get("/cohorts/copy/"))
    assert "Copy an earlier cohort" in page and "(cohort 6)" in page
    response = as_admin.post("/cohorts/copy/", {"source": "", "number": "", "name": ""})
    summary = error_summary(response)
    assert "Select the cohort to copy" in summary
    assert "Enter the cohort number, like 6" in summary
    response = as_admin.post(
        "/cohorts/copy/",
        {
            "source": "6",
            "number": "8",
            "name": "Cohort 8",
            **date_fields("start_date", datetime.date(2029, 1, 8)),
        },
    )
    assert response.status_code == 302 and response["Location"] == "/cohorts/8/"
    assert Cohort.objects.get(number=8).status == CohortStatus.DRAFT


def test_an_interview_panel_and_a_criterion_weight_are_set_on_the_framework(as_admin, draft_cohort):
    response = as_admin.post(
        "/cohorts/6/framework/standard/", {"interview_format": "separate"}, follow=True
    )
    page = html(response)
    assert "Observed by university staff" in page
    assert "Observed by local authority staff" in page
    rules = draft_cohort.current_rules
    group = rules.exercises.get(name="Group exercise")
    refused = as_admin.post(
        f"/cohorts/6/framework/exercises/{group.pk}/change/",
        {"name": group.name, "stage": "application", "panel": "joint"},
    )
    assert "Only an exercise at the assessment centre has a panel" in error_summary(refused)
    values = rules.criteria.get(name="Values")
    ids = [str(pk) for pk in values.exercises.values_list("pk", flat=True)]
    refused = as_admin.post(
        f"/cohorts/6/framework/criteria/{values.pk}/change/",
        {"name": "Values", "definition": values.definition, "exercise_ids": ids, "weight": "11"},
    )
    assert "Enter a weight between 1 and 10, like 1" in error_summary(refused)
    as_admin.post(
        f"/cohorts/6/framework/criteria/{values.pk}/change/",
        {"name": "Values", "definition": values.definition, "exercise_ids": ids, "weight": "2"},
    )
    values.refresh_from_db()
    assert values.weight == 2
