"""Results uploaded as CSV: every row checked, nothing recorded from a bad file unless the
bad rows are to be skipped."""

import pytest

from stepup.accounts.roles import Role
from stepup.trainees.models import EarlyWarning, Result
from stepup.trainees.results_import import results_import
from tests.factories import UniversityFactory, person_with_role


def _csv(course, *rows) -> bytes:
    lines = ["reference,module,assessment,mark,result"]
    lines += [",".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _ref(course, who):
    return course[who].offer.application.reference


@pytest.fixture
def good_and_bad(course):
    return _csv(
        course,
        (_ref(course, "ada"), "Law in social work practice", "Assignment", "64", ""),
        (_ref(course, "ben"), "Law in social work practice", "Assignment", "high", ""),
        (_ref(course, "ben"), "Law in social work practice", "Portfolio", "", "fail"),
        ("SU-NOBODY", "Law in social work practice", "Portfolio", "", "pass"),
    )


def test_a_file_with_bad_rows_records_nothing_and_says_what_to_fix(course, good_and_bad):
    result = results_import(actor=course["tutor"], content=good_and_bad)

    assert [str(p) for p in result.problems] == [
        'line 3, column "mark": Write a whole mark from 0 to 100',
        'line 5, column "reference": No student of yours has this application reference',
    ]
    assert not Result.objects.exists()


def test_asked_to_skip_it_records_the_good_rows_and_their_warnings(course, good_and_bad):
    result = results_import(actor=course["tutor"], content=good_and_bad, skip_invalid=True)

    assert result.skipped_lines == [3, 5]
    assert [(r.trainee, r.passed) for r in result.recorded] == [
        (course["ada"], True),
        (course["ben"], False),
    ]
    assert EarlyWarning.objects.get().trainee == course["ben"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The header row must name the columns"),
        (b"reference,module\n", "assessment missing"),
        (b"reference,module,assessment,grade\n", "Unknown column: grade"),
        (b"\xff\xfe", "not UTF-8"),
        (b"reference,module,assessment,mark\n", "no results"),
    ],
)
def test_a_file_that_is_not_a_results_file_is_refused(course, content, message):
    result = results_import(actor=course["tutor"], content=content, skip_invalid=True)
    assert message in str(result.problems[0])
    assert not Result.objects.exists()


def test_a_tutor_cannot_record_results_for_another_universitys_students(world, course):
    stranger = person_with_role(Role.UNIVERSITY_TUTOR, UniversityFactory(name="Elsewhere"))
    content = _csv(
        course, (_ref(course, "ada"), "Law in social work practice", "Assignment", "64", "")
    )

    result = results_import(actor=stranger, content=content)

    assert "No student of yours" in str(result.problems[0])
