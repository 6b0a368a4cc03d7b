"""What the retention schedule and erasure requests have done, so a run can be repeated."""

from django.db import models
from django.utils import timezone

from stepup.applications.models import Application


class ErasedApplication(models.Model):
    """An application whose personal data has been erased; the row itself stays for the
    statistics and the audit trail's shape (see docs/data-retention.md)."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="+", primary_key=True
    )
    erased_at = models.DateTimeField(default=timezone.now)
    why = models.CharField(max_length=40)

    def __str__(self) -> str:
        return f"Erasure of application {self.application_id}"
