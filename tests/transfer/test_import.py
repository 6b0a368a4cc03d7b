"""Importing applications collected elsewhere: every row checked by the form's own rules."""

import datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.utils import timezone

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.models import Application, ApplicationStatus, Experience
from stepup.core.models import AuditEntry
from stepup.programme.models import CohortStatus, Milestone, MilestoneKind
from stepup.selection.models import EligibilityCheck
from tests.factories import ApplicationFactory, CandidateFactory, person_with_role
from tests.transfer.conftest import HEADER, csv_text, good_row

NOW = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _nothing_imported():
    assert Application.objects.count() == 0
    assert Experience.objects.count() == 0
    assert not User.objects.filter(email__startswith="person").exists()


def test_a_good_file_imports_every_row_submitted_and_checked(cohort, run_import, importer):
    existing = CandidateFactory(email="person3@example.net", full_name="Already Registered")
    rows = [
        good_row(1),
        good_row(2, degree_class="overseas", degree_equivalence="Like a UK 2:1"),
        good_row(3, email="Person3@Example.net", gcse_maths_grade="D"),
    ]

    ok, out, err = run_import(csv_text(rows), name="partner-portal.csv")

    assert ok, err
    assert "Imported 3 applications to cohort 6 from partner-portal.csv" in out
    applications = {a.candidate.email: a for a in Application.objects.filter(cohort=cohort)}
    assert set(applications) == {"person1@example.net", "person2@example.net", existing.email}
    first = applications["person1@example.net"]
    assert first.status == ApplicationStatus.ELIGIBLE
    assert first.reference.startswith("SU6-")
    assert first.rules == cohort.current_rules
    assert first.submitted_at == datetime.datetime(2026, 11, 2, tzinfo=datetime.UTC)
    assert first.postcode == "BR1 1AA"  # cleaned as the form cleans it
    assert first.first_choice.code == "SEL" and first.second_choice.code == "LTP"
    assert first.willing_to_move is True and first.has_criminal_record is False
    assert list(first.experiences.values_list("role", "hours_per_week")) == [("Youth worker", 6)]
    assert applications["person2@example.net"].status == ApplicationStatus.ELIGIBILITY_REVIEW
    assert applications[existing.email].status == ApplicationStatus.INELIGIBLE
    assert applications[existing.email].candidate == existing  # the account is reused
    assert EligibilityCheck.objects.filter(application=first).count() == 6
    # A new person gets an account they cannot sign in to until they set a password.
    assert not first.candidate.has_usable_password()
    assert first.candidate.full_name == "Person 1"
    for application in applications.values():
        entry = AuditEntry.objects.filter(
            record_id=str(application.pk), summary="Imported from partner-portal.csv"
        ).get()
        # Finding 7: the person who ran the import is named, not "System".
        assert entry.actor == importer
        assert entry.at == NOW


def test_one_bad_row_imports_nothing_and_names_its_line_and_column(cohort, run_import):
    rows = [good_row(1), good_row(2), good_row(3, degree_class="2:3"), good_row(4)]

    ok, _, err = run_import(csv_text(rows))

    assert not ok
    assert (
        'line 4, column "degree_class": Select the class of your degree: use one of first,' in err
    )
    assert "Nothing was imported: 1 problem in apps.csv" in err
    _nothing_imported()


def test_with_skip_invalid_the_other_rows_are_imported(cohort, run_import):
    rows = [good_row(1), good_row(2), good_row(3, degree_class="2:3"), good_row(4)]

    ok, out, err = run_import(csv_text(rows), skip_invalid=True)

    assert ok
    assert 'line 4, column "degree_class"' in err
    assert "Skipped 1 rows, on lines 4" in err
    assert "Imported 3 applications" in out
    assert sorted(Application.objects.values_list("candidate__email", flat=True)) == [
        "person1@example.net",
        "person2@example.net",
        "person4@example.net",
    ]
    assert not User.objects.filter(email="person3@example.net").exists()


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        (
            {"first_choice": "NOPE"},
            "first_choice",
            "There is no partnership with the code NOPE in cohort 6",
        ),
        (
            {"experience_1_started_on": "2021-02-30"},
            "experience_1_started_on",
            "Enter a real date as YYYY-MM-DD, like 2020-01-06",
        ),
        (
            {"experience_1_ended_on": "06/01/2021"},
            "experience_1_ended_on",
            "Enter a real date as YYYY-MM-DD",
        ),
        (
            {"experience_1_ended_on": "2019-01-01"},
            "experience_1_ended_on",
            "The date you finished must be after the date you started",
        ),
        ({"experience_1_hours_per_week": "lots"}, "experience_1_hours_per_week", "a number"),
        ({"experience_2_role": "Mentor"}, "experience_2_kind", "Select whether the role was"),
        ({"answer_q1": "word " * 501}, "answer_q1", "Question 1 must be 500 words or fewer"),
        ({"degree_year": "nineteen"}, "degree_year", "must be a number, like 2019"),
        ({"gcse_maths_grade": "Z"}, "gcse_maths_grade", "use one of A*, A, B"),
        ({"full_name": ""}, "full_name", "Enter your full name"),
        ({"willing_to_move": "perhaps"}, "willing_to_move", "Enter yes or no"),
        ({"declaration_confirmed": "no"}, "declaration_confirmed", "Confirm that"),
        ({"email": "not-an-email"}, "email", "Enter an email address in the correct format"),
        ({"submitted_at": "2027-01-01"}, "submitted_at", "must be in the past"),
        (
            {"has_criminal_record": "yes"},
            "criminal_record_details",
            "Give details of your cautions or convictions",
        ),
    ],
)
def test_each_rule_of_the_form_applies_to_an_import(cohort, run_import, changes, column, message):
    ok, _, err = run_import(csv_text([good_row(1), good_row(2, **changes)]))

    assert not ok
    assert f'line 3, column "{column}": ' in err
    assert message in err.split(f'line 3, column "{column}": ')[1].splitlines()[0]
    _nothing_imported()


def test_a_partnership_whose_bid_was_not_approved_cannot_be_chosen(cohort, run_import):
    from tests.factories import PartnershipFactory

    PartnershipFactory(cohort=cohort, code="DRAFTY", status="draft")

    ok, _, err = run_import(csv_text([good_row(1, second_choice="DRAFTY")]))

    assert not ok
    assert 'line 2, column "second_choice": Select your second choice of partnership' in err
    assert "(LTP, SEL)" in err


def test_every_bad_row_is_reported_not_just_the_first(cohort, run_import):
    rows = [good_row(1, degree_class="2:3", postcode=""), good_row(2), good_row(3, town="")]

    ok, _, err = run_import(csv_text(rows))

    assert not ok
    assert 'line 2, column "postcode": Enter your postcode' in err
    assert 'line 2, column "degree_class"' in err
    assert 'line 4, column "town": Enter your town or city' in err
    assert "3 problems" in err


def test_line_numbers_are_the_files_own_when_an_answer_spans_lines(cohort, run_import):
    rows = [good_row(1, answer_q2="First paragraph.\n\nSecond paragraph."), good_row(2, town="")]

    ok, _, err = run_import(csv_text(rows))

    assert not ok
    assert 'line 5, column "town"' in err  # the header, 3 lines of row 1, then row 2


def test_the_same_email_twice_in_the_file(cohort, run_import):
    rows = [good_row(1), good_row(2, email="PERSON1@example.net")]

    ok, _, err = run_import(csv_text(rows))

    assert not ok
    assert 'line 3, column "email": person1@example.net is also on line 2' in err
    _nothing_imported()


def test_someone_who_has_already_applied_to_the_cohort(cohort, run_import):
    candidate = CandidateFactory(email="person2@example.net")
    existing = ApplicationFactory(cohort=cohort, candidate=candidate, reference="SU6-EXISTING")

    ok, _, err = run_import(csv_text([good_row(1), good_row(2)]))

    assert not ok
    assert (
        'line 3, column "email": person2@example.net has already applied to cohort 6 '
        "(application SU6-EXISTING)"
    ) in err
    assert list(Application.objects.all()) == [existing]


def test_a_member_of_staff_cannot_be_imported_as_a_candidate(cohort, run_import):
    staff = person_with_role(Role.ASSESSOR)

    ok, _, err = run_import(csv_text([good_row(1, email=staff.email)]))

    assert not ok
    assert "belongs to a member of staff" in err
    assert not Application.objects.exists()


def test_a_missing_column_is_named(cohort, run_import):
    header = [name for name in HEADER if name != "degree_class"]

    ok, _, err = run_import(csv_text([good_row(1)], header=header))

    assert not ok
    assert "line 1: The file has no column called degree_class" in err
    _nothing_imported()


def test_an_unknown_column_and_half_an_experience_group_are_refused(cohort, run_import):
    header = [*HEADER, "degre_class", "experience_3_role"]

    ok, _, err = run_import(csv_text([good_row(1)], header=header))

    assert not ok
    assert 'line 1, column "degre_class": The file has a column called “degre_class”' in err
    assert "line 1: The file has no column called experience_3_kind" in err


def test_optional_columns_may_be_left_out(cohort, run_import):
    header = [name for name in HEADER if name == "email" or not name.startswith(("exp", "sub"))]

    ok, _, err = run_import(csv_text([good_row(1)], header=header))

    assert ok, err
    application = Application.objects.get()
    assert application.submitted_at == NOW
    # No experience: the rules decide, as they would for the online form.
    assert application.status == ApplicationStatus.INELIGIBLE


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"\n\n", "The file is empty"),
        (csv_text([]).encode(), "line 1: The file has a header row but no applications"),
        ("email,full_name\n".encode("utf-16"), "The file is not UTF-8 text"),
    ],
)
def test_files_with_nothing_to_import(cohort, run_import, content, message):
    ok, _, err = run_import(content)

    assert not ok
    assert message in err
    assert not Application.objects.exists()


def test_a_row_with_too_few_cells(cohort, run_import):
    content = csv_text([good_row(1)]) + "someone@example.net,Some One\n"

    ok, _, err = run_import(content)

    assert not ok
    assert f"line 3: The row has 2 cells but the header has {len(HEADER)}" in err


def test_a_byte_order_mark_and_blank_lines_are_fine(cohort, run_import):
    content = "\ufeff" + csv_text([good_row(1)]) + "\n,,,\n"

    ok, _, err = run_import(content.encode("utf-8"))

    assert ok, err
    assert Application.objects.count() == 1


def test_the_application_window_does_not_apply_to_imports(cohort, run_import):
    Milestone.objects.create(
        cohort=cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=datetime.date(2026, 9, 1),
        ends_on=datetime.date(2026, 10, 1),
    )

    ok, _, err = run_import(csv_text([good_row(1)]))

    assert ok, err
    assert Application.objects.get().submitted_at < timezone.now()


def test_a_cohort_that_is_not_recruiting_takes_no_imports(cohort, run_import):
    cohort.status = CohortStatus.IN_TRAINING
    cohort.save()

    ok, _, err = run_import(csv_text([good_row(1)]))

    assert not ok
    assert "Cohort 6 is not taking applications" in err
    assert not Application.objects.exists()


def test_an_unknown_cohort(cohort, run_import):
    ok, _, err = run_import(csv_text([good_row(1)]), cohort=99)

    assert not ok
    assert "There is no cohort 99" in err


def test_an_import_must_name_who_runs_it(cohort, tmp_path):
    """Run as the command line runs it: without --by, nothing happens and the exit status is 2."""
    import subprocess
    import sys

    path = tmp_path / "apps.csv"
    path.write_text(csv_text([good_row(1)]))
    done = subprocess.run(
        [sys.executable, "manage.py", "import_applications", str(path), "--cohort", "6"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "the following arguments are required: --by" in done.stderr


def test_an_import_by_someone_who_may_not_import_is_refused(cohort, run_import, tmp_path):
    coordinator = person_with_role(Role.COORDINATOR)
    path = tmp_path / "apps.csv"
    path.write_text(csv_text([good_row(1)]))
    with pytest.raises(
        CommandError, match="no active national admin or contractor with this email address"
    ) as refused:
        call_command("import_applications", str(path), "--cohort", "6", "--by", coordinator.email)
    assert refused.value.returncode == 2
    assert "no active national admin or contractor" in str(refused.value)
    assert not Application.objects.exists()
