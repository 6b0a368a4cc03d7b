"""Data requests that a second national admin must decide (ADR 0021)."""

from django.urls import reverse

from stepup.accounts.roles import Role
from stepup.core.work import Work, plural, work_source
from stepup.privacy.queries import data_requests_waiting_for


@work_source
def data_request_work(user) -> list[Work]:
    if not user.has_role(Role.NATIONAL_ADMIN):
        return []
    count = data_requests_waiting_for(user=user).count()
    return [
        Work(
            plural(count, "request", "requests")
            + " to export special-category data "
            + ("waits" if count == 1 else "wait")
            + " for your decision",
            reverse("privacy:data-request-list"),
            count,
        )
    ]
