"""The eligibility decisions and sift marks waiting for a person, so that signing in lands
on the work, not on a list of links."""

from django.urls import reverse

from stepup.applications.models import ApplicationStatus
from stepup.core.work import Work, plural, work_source
from stepup.selection import queries


@work_source
def selection_work(user) -> list[Work]:
    work = []
    if queries.may_decide_eligibility(user):
        count = (
            queries.applications_decidable_by(user)
            .filter(status=ApplicationStatus.ELIGIBILITY_REVIEW)
            .count()
        )
        work.append(
            Work(
                plural(count, "application waits", "applications wait")
                + " for an eligibility decision",
                reverse("selection:eligibility-queue"),
                count,
            )
        )
    if queries.may_sift(user):
        waiting = queries.applications_siftable_by(user)
        count = waiting.count()
        kept = waiting.filter(sift_assignee=user).count() if count else 0
        work.append(
            Work(
                plural(count, "application waits", "applications wait")
                + " for your sift mark"
                + (f", {kept} of them kept for you alone" if kept else ""),
                reverse("selection:sift-queue"),
                count,
            )
        )
    return work
