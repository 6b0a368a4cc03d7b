"""An application's status history, for tests that make applications with a status directly
(``ApplicationFactory(status=...)`` writes no ``StatusChange``): the changes its status
implies, along the lifecycle's shortest path from draft, as reports that count from the
history (the equality report, the fairness figures) read them."""

import datetime
from collections import deque

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import Application, ApplicationStatus
from stepup.core.models import StatusChange


def path_to(status: str) -> list[str]:
    """The statuses an application passes through from draft to ``status``, draft left out:
    the lifecycle's shortest way there."""
    came_from: dict[str, str | None] = {ApplicationStatus.DRAFT: None}
    queue = deque([ApplicationStatus.DRAFT])
    while queue:
        source = queue.popleft()
        for transition in APPLICATION_LIFECYCLE.transitions:
            if transition.source == source and transition.target not in came_from:
                came_from[transition.target] = source
                queue.append(transition.target)
    if status not in came_from:
        raise ValueError(f"No way from draft to {status!r} in the application lifecycle")
    path = []
    while status != ApplicationStatus.DRAFT:
        path.append(status)
        status = came_from[status]
    return path[::-1]


def with_history(application: Application, *, at: datetime.datetime | None = None):
    """Record the status changes that brought ``application`` to its status, every one
    ``at`` that moment (now, unless given). Returns the application."""
    at = at or timezone.now()
    kind = ContentType.objects.get_for_model(Application)
    source = ApplicationStatus.DRAFT
    for target in path_to(application.status):
        StatusChange.objects.create(
            record_type=kind, record_id=application.pk, source=source, target=target, at=at
        )
        source = target
    return application
