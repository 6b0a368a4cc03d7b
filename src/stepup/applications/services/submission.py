"""Submitting (the half this app records: see ``stepup.candidates.services``) and withdrawing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepup.accounts.models import User
from stepup.applications import emails
from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import (
    Application,
    ApplicationStatus,
)
from stepup.applications.queries import (
    application_window,
    word_count,
    word_limits,
)
from stepup.applications.sections import SECTIONS
from stepup.core.formatting import govuk_date
from stepup.programme.models import Cohort, CohortStatus

# Submission and withdrawal


def window_closed_message(cohort: Cohort) -> str:
    window = application_window(cohort)
    today = timezone.localdate()
    if window is None:
        return f"{_applications_for(cohort)} are not open yet"
    if today < window.starts_on:
        return f"{_applications_for(cohort)} open on {govuk_date(window.starts_on)}"
    closes = window.ends_on or window.starts_on
    return f"{_applications_for(cohort)} closed on {govuk_date(closes)}"


def _applications_for(cohort: Cohort) -> str:
    return f"Applications for the programme starting in {cohort.starts_in}"


def window_is_open(cohort: Cohort) -> bool:
    window = application_window(cohort)
    if window is None:
        return False
    today = timezone.localdate()
    return window.starts_on <= today <= (window.ends_on or window.starts_on)


def submission_problems(application: Application) -> list[str]:
    """Why this application cannot be submitted yet; empty when it can."""
    problems = []
    if application.cohort.status != CohortStatus.RECRUITING or not window_is_open(
        application.cohort
    ):
        problems.append(window_closed_message(application.cohort))
    for section in SECTIONS:
        if section.key not in application.sections_completed:
            problems.append(f"Complete the section “{section.title}”")
    if not problems:
        # Sections were checked when completed; the rules may have changed since.
        limits = word_limits(application.cohort)
        for number in (1, 2, 3):
            if word_count(getattr(application, f"answer_q{number}")) > limits[number]:
                problems.append(f"Question {number} must be {limits[number]} words or fewer")
    return problems


def application_submission_record(*, candidate: User, application: Application) -> Application:
    """Record the submission, inside the cohort's window: status, rules and audit entry.

    Only half of submitting: ``stepup.candidates.services.application_submit`` calls it and
    runs the eligibility check in the same transaction, so an application is never left
    submitted and unchecked. Returns the application, locked, as saved."""
    if application.candidate_id != candidate.pk:
        raise ValidationError("This is not your application")
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().select_related("cohort").get(pk=application.pk)
        )
        if application.status != ApplicationStatus.DRAFT:
            raise ValidationError("You have already submitted this application")
        problems = submission_problems(application)
        if problems:
            raise ValidationError(problems)
        APPLICATION_LIFECYCLE.move(
            record=application,
            target=ApplicationStatus.SUBMITTED,
            actor=candidate,
            is_candidate=True,
            summary="Submitted the application",
            fields={"rules": application.cohort.current_rules, "submitted_at": timezone.now()},
        )
    return application


def can_withdraw(application: Application) -> bool:
    return any(
        t.target == ApplicationStatus.WITHDRAWN and t.by_candidate
        for t in APPLICATION_LIFECYCLE.transitions
        if t.source == application.status
    )


def application_withdraw(
    *, candidate: User, application: Application, reason: str = ""
) -> Application:
    if application.candidate_id != candidate.pk:
        raise ValidationError("This is not your application")
    reason = (reason or "").strip()
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status == ApplicationStatus.WITHDRAWN:
            raise ValidationError("You have already withdrawn this application")
        try:
            APPLICATION_LIFECYCLE.move(
                record=application,
                target=ApplicationStatus.WITHDRAWN,
                actor=candidate,
                is_candidate=True,
                summary=(
                    "Withdrew the application, giving a reason"
                    if reason
                    else "Withdrew the application"
                ),
                # A withdrawn application waits for no sift mark.
                fields={
                    "sift_round_needed": "",
                    "sift_assignee": None,
                    "withdrawn_at": timezone.now(),
                },
            )
            # Their words stay with the application, out of the audit trail (see the model).
            application.withdrawal_reason = reason
            application.save(update_fields=["withdrawal_reason"])
        except ValidationError:
            raise ValidationError(
                "This application can no longer be withdrawn: a decision has been made on it"
            ) from None
        emails.application_withdrawn(application)
    return application
