"""Saving a candidate's own answers: checked, tidied, and audited without any value."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from stepup.applications.equality import equality_for_candidate, equality_save
from stepup.applications.models import EqualityMonitoring
from stepup.core.audit import history_for
from stepup.core.models import AuditEntry
from tests.equality.conftest import DISTINCTIVE, DISTINCTIVE_TEXTS
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-11-02 10:00:00+00:00", tick=False)
def test_saving_records_the_answers_and_an_audit_entry_with_no_values(application):
    candidate = application.candidate
    saved = equality_save(candidate=candidate, application=application, answers=DISTINCTIVE)

    saved.refresh_from_db()
    assert saved.date_of_birth == datetime.date(1988, 2, 29)
    assert saved.ethnicity == "other_any"
    assert saved.ethnicity_description == "Zyxquarian heritage"
    assert saved.disability_kinds == ["learning", "other"]
    assert saved.disability_description == "Vexillary condition"
    assert saved.religion_description == "Quillonite"
    assert equality_for_candidate(candidate=candidate, application=application) == saved

    entry = AuditEntry.objects.get()
    assert entry.actor == candidate
    assert entry.summary == "Equality monitoring answered"
    assert entry.at == datetime.datetime(2026, 11, 2, 10, 0, tzinfo=datetime.UTC)
    assert entry.changes == []
    stored = f"{entry.summary} {entry.record_label} {entry.changes} {entry.reason}"
    for text in (*DISTINCTIVE_TEXTS, "female", "bisexual", "other_any"):
        assert text not in stored
    # Not even the fact of answering shows in the application's history.
    assert not history_for(application).exists()


def test_the_candidate_can_change_their_answers(application):
    candidate = application.candidate
    equality_save(candidate=candidate, application=application, answers=DISTINCTIVE)
    equality_save(
        candidate=candidate,
        application=application,
        answers={"date_of_birth_declined": True, "religion": "prefer_not_to_say"},
    )
    saved = EqualityMonitoring.objects.get()
    assert saved.date_of_birth is None
    assert saved.date_of_birth_declined is True
    assert saved.religion == "prefer_not_to_say"
    assert saved.religion_description == ""
    assert saved.ethnicity == ""
    assert saved.disability_kinds == []
    assert list(AuditEntry.objects.values_list("action", flat=True)) == ["changed", "created"]


def test_descriptions_are_kept_only_with_an_answer_they_describe(application):
    saved = equality_save(
        candidate=application.candidate,
        application=application,
        answers={
            "ethnicity": "white_british",
            "ethnicity_description": "Zyxquarian heritage",
            "disability": "no",
            "disability_kinds": ["other"],
            "disability_description": "Vexillary condition",
            "religion": "sikh",
            "religion_description": "Quillonite",
        },
    )
    assert saved.ethnicity_description == ""
    assert saved.disability_kinds == []
    assert saved.disability_description == ""
    assert saved.religion_description == ""


def test_nobody_else_may_answer_for_a_candidate(application):
    with pytest.raises(
        PermissionDenied, match="Only the candidate may answer their equality monitoring"
    ):
        equality_save(candidate=CandidateFactory(), application=application, answers=DISTINCTIVE)
    assert not EqualityMonitoring.objects.exists()
    assert equality_for_candidate(candidate=CandidateFactory(), application=application) is None


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({"sex": "unicorn"}, "sex", "Select one of the options"),
        ({"ethnicity": "white"}, "ethnicity", "Select one of the options"),
        ({"disability_kinds": ["telepathy"]}, "disability_kinds", "Select the kinds"),
        ({"religion_description": "x" * 201}, "religion_description", "200 characters"),
        (
            {"date_of_birth": datetime.date(1990, 1, 1), "date_of_birth_declined": True},
            "date_of_birth",
            "not both",
        ),
        ({"date_of_birth": datetime.date(2030, 1, 1)}, "date_of_birth", "in the past"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(application, answers, field, message):
    with pytest.raises(ValidationError, match=message) as refused:
        equality_save(candidate=application.candidate, application=application, answers=answers)
    assert message in " ".join(refused.value.message_dict[field])
    assert not EqualityMonitoring.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_four_first_saves_at_once_make_one_set_of_answers(application):
    """Fixed: concurrent first saves took turns badly and three failed."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time; the race needs PostgreSQL")

    def save(_):
        try:
            equality_save(
                candidate=application.candidate, application=application, answers=DISTINCTIVE
            )
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(save, range(4)))
    assert EqualityMonitoring.objects.filter(application=application).count() == 1
