"""The audit trail: who did what to which record, when, and why."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, router, transaction
from django.utils import timezone

from stepup.core.chain import GENESIS, entry_content, entry_digest

# The key of the PostgreSQL advisory lock that writers of the audit trail take (ADR 0023).
CHAIN_LOCK = 230023


def chain_end(*, using: str) -> str:
    """The digest to link a new entry to: the newest entry's, read after taking the chain's
    lock (one indexed read, backwards on the primary key)."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
    newest = (
        AuditEntry.objects.using(using).order_by("-pk").values_list("entry_hash", flat=True).first()
    )
    return newest or GENESIS


class AuditEntryManager(models.Manager):
    def bulk_create(self, *args, **kwargs):
        raise ValueError("Audit entries are added one at a time, each linked into the chain.")


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
    # The hash chain (ADR 0023): the digest of the entry before this one (by id), and of
    # this entry's content with that link. Set on saving; ``manage.py verify_audit`` walks it.
    previous_hash = models.CharField(max_length=64, blank=True, default="")
    entry_hash = models.CharField(max_length=64, blank=True, default="")

    objects = AuditEntryManager()
    # The application's database role may only INSERT and SELECT here (ADR 0023).
    append_only = True

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id", "-at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        """By number and code only: labels and summaries can name a candidate."""
        return f"Audit entry {self.pk}: {self.event or self.action}"

    def save(self, *args, **kwargs):
        """Add the entry at the end of the chain, linked to the newest entry there is. On
        PostgreSQL a transaction-level advisory lock, held until the transaction ends, keeps
        a second writer from linking to the same entry; SQLite writes one transaction at a
        time (ADR 0023)."""
        if self.pk is not None:
            raise ValueError("Audit entries cannot be changed.")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):
            self.previous_hash = chain_end(using=using)
            self.entry_hash = self.content_digest()
            super().save(*args, **kwargs)

    def content_digest(self) -> str:
        """What ``entry_hash`` should be, from the entry as it is stored now."""
        return entry_digest(previous_hash=self.previous_hash, content=entry_content(self))

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

    # The application's database role may only INSERT and SELECT here (ADR 0023).
    append_only = True

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id", "target"])]

    def __str__(self) -> str:
        return f"{self.record_type.model} {self.record_id}: {self.source} → {self.target}"
