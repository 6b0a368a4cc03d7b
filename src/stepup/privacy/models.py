"""What the retention schedule and erasure requests have done, so a run can be repeated."""

from django.db import models
from django.utils import timezone

from stepup.accounts.models import User
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


class DataRequestStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for a second national admin"
    APPROVED = "approved", "Approved"
    REFUSED = "refused", "Refused"
    EXPORTED = "exported", "Downloaded"
    LAPSED = "lapsed", "Lapsed unused"


class DataRequest(models.Model):
    """A national admin's request to export a candidate's special-category data (equality
    answers, health) with the rest of their data; a second national admin decides, and an
    approval allows one download within a few days (ADR 0021)."""

    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    why = models.TextField()
    requested_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=DataRequestStatus.choices, default=DataRequestStatus.WAITING
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return self.audit_label

    @property
    def audit_label(self) -> str:
        # The candidate by account number only, as the audit trail names them.
        return f"Data request {self.pk} about candidate (account {self.person_id})"
