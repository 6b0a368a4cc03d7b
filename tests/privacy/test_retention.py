"""The retention schedule: what is erased, when, and what is kept."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.equality import equality_by_stage
from stepup.applications.models import (
    Application,
    ApplicationStatus,
    Document,
    DocumentKind,
    EqualityMonitoring,
    Experience,
    ExperienceKind,
)
from stepup.core.models import AuditEntry
from stepup.privacy.services import (
    ERASED_NAME,
    ErasureRefused,
    erasure_on_request,
    retention_apply,
)
from tests.factories import ApplicationFactory, CohortFactory, person_with_role
from tests.support.history import with_history

pytestmark = pytest.mark.django_db

# The factory cohort starts on 2027-01-04; twelve months later the schedule is due.
BEFORE_DUE = datetime.datetime(2028, 1, 3, 12, tzinfo=datetime.UTC)
AFTER_DUE = datetime.datetime(2028, 1, 5, 12, tzinfo=datetime.UTC)


def _application(status=ApplicationStatus.SCREENED_OUT, **fields) -> Application:
    application = ApplicationFactory(status=status, **fields)
    Experience.objects.create(
        application=application,
        kind=ExperienceKind.values[0],
        role="Youth worker at St Mary's",
        organisation="St Mary's",
        started_on=datetime.date(2020, 1, 1),
        hours_per_week=10,
    )
    Document.objects.create(
        application=application,
        kind=DocumentKind.values[0],
        file=SimpleUploadedFile("my-passport.pdf", b"%PDF-1.4 passport"),
        original_name="my-passport.pdf",
        content_type="application/pdf",
        size_bytes=17,
    )
    EqualityMonitoring.objects.create(
        application=application,
        sex="female",
        ethnicity="white_other",
        ethnicity_description="Cornish",
    )
    return application


def _run(*args) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_nothing_is_erased_before_the_schedule_says():
    application = _application()
    with time_machine.travel(BEFORE_DUE):
        retention_apply(dry_run=False)
    application.refresh_from_db()
    assert application.answer_q1
    assert application.candidate.full_name != ERASED_NAME


def test_dry_run_lists_references_and_changes_nothing():
    application = _application()
    name = application.candidate.full_name
    with time_machine.travel(AFTER_DUE):
        printed = _run("--dry-run")
    assert application.reference in printed
    assert "Would erase the personal data of 1 applications" in printed
    assert "Would erase 1 uploaded documents" in printed
    assert name not in printed
    application.refresh_from_db()
    assert application.full_name == name
    assert Document.objects.count() == 1


def test_erasure_keeps_the_row_but_not_the_person(django_capture_on_commit_callbacks):
    application = _application(withdrawal_reason="My partner is ill")
    candidate = application.candidate
    stored = Document.objects.get().file
    storage, stored_name = stored.storage, stored.name
    entries_before = list(AuditEntry.objects.values_list("pk", "summary"))
    with time_machine.travel(AFTER_DUE), django_capture_on_commit_callbacks(execute=True):
        printed = _run()
    assert "Erased the personal data of 1 applications" in printed
    application.refresh_from_db()
    candidate.refresh_from_db()
    assert application.reference and application.status == ApplicationStatus.SCREENED_OUT
    assert application.full_name == application.answer_q1 == application.postcode == ""
    assert application.withdrawal_reason == ""
    assert not Experience.objects.filter(application=application).exists()
    assert not Document.objects.filter(application=application).exists()
    assert not storage.exists(stored_name)
    assert EqualityMonitoring.objects.get(application=application).ethnicity_description == ""
    assert candidate.full_name == ERASED_NAME
    assert candidate.email == f"erased-{candidate.pk}@erased.invalid"
    assert not candidate.is_active and not candidate.has_usable_password()
    assert candidate.email_verified_at is None
    # Old entries are left as they were; new ones say what was erased, not who.
    assert set(entries_before) <= set(AuditEntry.objects.values_list("pk", "summary"))
    events = set(AuditEntry.objects.values_list("event", flat=True))
    assert {"privacy.application_erased", "privacy.person_erased"} <= events


def test_a_second_run_erases_nothing_more():
    _application()
    with time_machine.travel(AFTER_DUE):
        _run()
        entries = AuditEntry.objects.count()
        printed = _run()
    assert "Erased the personal data of 0 applications" in printed
    assert AuditEntry.objects.count() == entries


def test_candidates_still_in_the_running_and_staff_are_kept():
    kept = _application(status=ApplicationStatus.SCREENED_IN)
    staff = person_with_role(Role.values[0])
    staffs = _application(candidate=staff)
    with time_machine.travel(AFTER_DUE):
        retention_apply(dry_run=False)
    kept.refresh_from_db()
    staff.refresh_from_db()
    staffs.refresh_from_db()
    assert kept.answer_q1 and kept.candidate.full_name != ERASED_NAME
    assert staffs.answer_q1 == ""  # the application's personal data goes
    assert staff.full_name != ERASED_NAME and staff.is_active  # the staff account stays


def test_drafts_are_erased_after_their_cohort_closes():
    draft = _application(status=ApplicationStatus.DRAFT)
    with time_machine.travel(AFTER_DUE):
        retention_apply(dry_run=False)
    draft.refresh_from_db()
    assert draft.answer_q1 == ""


def test_the_equality_statistics_do_not_change():
    cohort = CohortFactory()
    for status in (ApplicationStatus.SCREENED_OUT, ApplicationStatus.SCREENED_IN):
        # Decided yesterday, so counted in today's figures (ADR 0022).
        with_history(
            _application(status=status, cohort=cohort),
            at=timezone.now() - datetime.timedelta(days=1),
        )
    before = {c: equality_by_stage(cohort=cohort, characteristic=c) for c in ("sex", "ethnicity")}
    assert not before["sex"].is_empty
    with time_machine.travel(AFTER_DUE):
        retention_apply(dry_run=False)
    assert Application.objects.filter(answer_q1="").count() == 1
    after = {c: equality_by_stage(cohort=cohort, characteristic=c) for c in ("sex", "ethnicity")}
    assert before == after


def test_finished_task_results_are_pruned_after_seven_days():
    now = datetime.datetime(2026, 11, 28, 12, tzinfo=datetime.UTC)

    def result(finished_days_ago):
        return DBTaskResult.objects.create(
            status="SUCCESSFUL",
            args_kwargs={"args": [], "kwargs": {"body": "https://example/invite/secret"}},
            task_path="stepup.core.tasks.send_email",
            backend_name="default",
            run_after=now,
            queue_name="default",
            finished_at=now - datetime.timedelta(days=finished_days_ago),
        )

    old, recent = result(8), result(6)
    with time_machine.travel(now):
        report = retention_apply(dry_run=False)
    assert report.task_results == 1
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk not in set(DBTaskResult.objects.values_list("pk", flat=True))


def test_erasure_on_request_is_refused_while_an_application_is_in_progress():
    application = _application(status=ApplicationStatus.SUBMITTED)
    with pytest.raises(ErasureRefused, match="withdrawn first"):
        erasure_on_request(person=application.candidate, actor=None, why="Asked by email")
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    erasure_on_request(person=application.candidate, actor=None, why="Asked by email")
    assert User.objects.get(pk=application.candidate.pk).full_name == ERASED_NAME


def test_erasure_on_request_is_refused_for_staff():
    staff = person_with_role(Role.values[0])
    with pytest.raises(ErasureRefused, match="staff roles"):
        erasure_on_request(person=staff, actor=None, why="Asked")
