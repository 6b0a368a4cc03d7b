"""Requests for the national analyst role that another national admin must decide."""

from django.db.models import Q
from django.urls import reverse

from stepup.accounts.lifecycle import RoleRequestStatus
from stepup.accounts.models import RoleRequest
from stepup.accounts.roles import Role
from stepup.core.work import Work, plural, work_source


@work_source
def role_request_work(user) -> list[Work]:
    if not user.has_role(Role.NATIONAL_ADMIN):
        return []
    count = (
        RoleRequest.objects.filter(status=RoleRequestStatus.WAITING)
        .exclude(Q(requested_by=user) | Q(user=user) | Q(email__iexact=user.email))
        .count()
    )
    return [
        Work(
            plural(count, "request", "requests")
            + " for the national analyst role "
            + ("waits" if count == 1 else "wait")
            + " for your decision",
            reverse("accounts:role-request-list"),
            count,
        )
    ]
