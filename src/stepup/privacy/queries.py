"""Which applications the retention schedule says are due for erasure."""

import datetime

from django.conf import settings
from django.db.models import QuerySet

from stepup.applications.models import Application, ApplicationStatus
from stepup.privacy.models import DataRequest, DataRequestStatus, ErasedApplication
from stepup.programme.models import Cohort, Milestone, MilestoneKind

# Not recruited: the application ended without a place.
NOT_RECRUITED = (
    ApplicationStatus.INELIGIBLE,
    ApplicationStatus.SCREENED_OUT,
    ApplicationStatus.WITHDRAWN,
)


def months_after(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def cohort_recruitment_closes(*, cohort: Cohort) -> datetime.date:
    """Recruitment closes when the programme starts: the timetable's "Programme starts"
    milestone, or the cohort's start date if the timetable has none."""
    start = Milestone.objects.filter(cohort=cohort, kind=MilestoneKind.PROGRAMME_START).first()
    return start.starts_on if start else cohort.start_date


def retention_due(*, today: datetime.date) -> QuerySet[Application]:
    """Applications not yet erased whose time is up, oldest cohort first."""
    due_cohorts = []
    draft_cohorts = []
    for cohort in Cohort.objects.all():
        closes = cohort_recruitment_closes(cohort=cohort)
        if months_after(closes, settings.RETENTION_UNSUCCESSFUL_MONTHS) <= today:
            due_cohorts.append(cohort.pk)
        if months_after(closes, settings.RETENTION_DRAFT_MONTHS) <= today:
            draft_cohorts.append(cohort.pk)
    erased = ErasedApplication.objects.values("application")
    not_recruited = Application.objects.filter(cohort__in=due_cohorts, status__in=NOT_RECRUITED)
    drafts = Application.objects.filter(cohort__in=draft_cohorts, status=ApplicationStatus.DRAFT)
    return (
        (not_recruited | drafts)
        .exclude(pk__in=erased)
        .select_related("candidate")
        .order_by("cohort__number", "reference")
    )


def data_requests_recent() -> QuerySet[DataRequest]:
    """Data requests, newest first, with the people they name."""
    return DataRequest.objects.select_related("person", "requested_by", "decided_by")


def data_requests_waiting_for(*, user) -> QuerySet[DataRequest]:
    """Requests waiting for a second national admin that this person may decide: not their
    own."""
    return (
        data_requests_recent().filter(status=DataRequestStatus.WAITING).exclude(requested_by=user)
    )
