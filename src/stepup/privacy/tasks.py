"""The retention schedule as a background task; deployments run the command daily
(README, "Deploying")."""

from django.tasks import task

from stepup.privacy.services import retention_apply


@task
def apply_retention() -> list[str]:
    return retention_apply(dry_run=False).lines()
