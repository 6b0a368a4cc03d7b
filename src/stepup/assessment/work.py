"""The assessment centre work waiting for whoever runs the centres: candidates to invite,
adjustments to answer, and days whose attendance is still to record."""

from django.urls import reverse
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.assessment import queries
from stepup.assessment.models import AdjustmentRequest, CentreStatus
from stepup.core.work import Work, plural, work_source

RUNNER_ROLES = (Role.NATIONAL_ADMIN, Role.CONTRACTOR, Role.COORDINATOR)


@work_source
def centre_work(user) -> list[Work]:
    if not user.has_role(*RUNNER_ROLES):
        return []
    centres = queries.centres_runnable_by(user)
    listing = reverse("assessment:centre-list")
    to_invite = sum(row["count"] for row in queries.waiting_for_invitation(user))
    to_answer = AdjustmentRequest.objects.filter(
        invitation__centre__in=centres, answered_at=None
    ).count()
    to_record = (
        centres.filter(
            status__in=(CentreStatus.OPEN, CentreStatus.HELD),
            day__lte=timezone.localdate(),
            bookings__application__status=ApplicationStatus.INVITED,
        )
        .distinct()
        .count()
    )
    return [
        Work(
            plural(to_invite, "screened-in candidate waits", "screened-in candidates wait")
            + " for an invitation to an assessment centre",
            listing,
            to_invite,
        ),
        Work(
            plural(to_answer, "request for an adjustment waits", "requests for adjustments wait")
            + " for your answer",
            listing,
            to_answer,
        ),
        Work(
            plural(to_record, "centre day needs", "centre days need") + " its attendance recorded",
            listing,
            to_record,
        ),
    ]
