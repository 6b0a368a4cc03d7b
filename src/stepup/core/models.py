"""The audit trail: who did what to which record, when, and why."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    """One decision or change. Entries are only ever added, never changed or removed."""

    class Action(models.TextChoices):
        CREATED = "created", "Created"
        CHANGED = "changed", "Changed"
        TRANSITION = "transition", "Status changed"
        REMOVED = "removed", "Removed"
        VERSIONED = "versioned", "New version"
        EXPORTED = "exported", "Personal data exported"
        VIEWED = "viewed", "Viewed"

    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    record_id = models.CharField(max_length=64)
    record_label = models.CharField(max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=300, help_text="Who, as they were known then.")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=list, blank=True)
    reason = models.TextField(blank=True)
    # For machines: what happened, as a code like "application.submitted", and the raw
    # values of the fields that changed, by key ({"status": ["draft", "submitted"]}), so that
    # reports never read the prose in ``summary`` and ``changes``.
    event = models.CharField(max_length=80, blank=True, db_index=True)
    values = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id", "-at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        """By number and code only: labels and summaries can name a candidate."""
        return f"Audit entry {self.pk}: {self.event or self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries cannot be removed.")


class StatusChange(models.Model):
    """Every status a record has moved to, in order: the history of its lifecycle as data.

    Written by ``Lifecycle.move`` (and ``record_as_published``) beside the audit entry, so
    that where a record has been, not only where it is now, is one query: for instance the
    furthest stage of the funnel an application reached before it was withdrawn.
    """

    record_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    record_id = models.PositiveBigIntegerField()
    source = models.CharField(max_length=40)
    target = models.CharField(max_length=40)
    at = models.DateTimeField(default=timezone.now)
    audit_entry = models.ForeignKey(
        AuditEntry, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id", "target"])]

    def __str__(self) -> str:
        return f"{self.record_type.model} {self.record_id}: {self.source} → {self.target}"
