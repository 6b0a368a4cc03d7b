"""Eligibility and the sift: the decisions taken on an application, each with its reasons."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from stepup.applications.models import Application
from stepup.programme.models import Criterion, RuleVersion


class DecisionStage(models.TextChoices):
    ELIGIBILITY = "eligibility", "Eligibility"
    SIFT = "sift", "Sift"


class DecisionReason(models.Model):
    """A structured reason for a negative decision, from a list the national team keeps."""

    stage = models.CharField(max_length=20, choices=DecisionStage.choices)
    code = models.SlugField(max_length=50)
    text = models.CharField(max_length=300, help_text="As the candidate will read it.")
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["stage", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["stage", "code"], name="decision_reason_unique")
        ]

    def __str__(self) -> str:
        return self.text


class RuleOutcome(models.TextChoices):
    PASS = "pass", "Meets the rule"
    FAIL = "fail", "Does not meet the rule"
    REFER = "refer", "Needs a person to decide"


class EligibilityCheck(models.Model):
    """The result of one eligibility rule for one application, with its reason."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="eligibility_checks"
    )
    rules = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    rule = models.CharField(max_length=40)
    outcome = models.CharField(max_length=10, choices=RuleOutcome.choices)
    reason = models.CharField(max_length=400)
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return f"{self.rule}: {self.outcome}"


class EligibilityDecision(models.Model):
    """The eligibility outcome: automatic (no person) or decided by the national team."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="eligibility_decision"
    )
    eligible = models.BooleanField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reasons = models.ManyToManyField(DecisionReason, blank=True, related_name="+")
    # What the candidate is told, beside the reasons: written for them.
    detail = models.TextField(blank=True)
    # Why the decision was made, for staff only: never shown or sent to the candidate.
    staff_note = models.TextField(blank=True)
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return "Eligible" if self.eligible else "Not eligible"


class SiftRound(models.TextChoices):
    FIRST = "first", "First sifter"
    SECOND = "second", "Second sifter"
    MODERATION = "moderation", "Moderator"


class SiftMark(models.Model):
    """One sifter's scores for one application: first, second (double sift) or moderation.

    Its reasons are kept in ``SiftMarkReason`` rather than a many-to-many field, so that
    ``reason_counts`` counts only the decision's reasons, once per application.
    """

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="sift_marks"
    )
    rules = models.ForeignKey(RuleVersion, on_delete=models.PROTECT, related_name="+")
    sifter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    round = models.CharField(max_length=20, choices=SiftRound.choices)
    total = models.PositiveSmallIntegerField()
    detail = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["application", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "round"], name="sift_mark_one_a_round"),
            models.UniqueConstraint(
                fields=["application", "sifter"], name="sift_mark_one_a_sifter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_round_display()}: {self.total}"


class SiftScore(models.Model):
    """The score for one criterion, with the evidence the sifter found for it."""

    mark = models.ForeignKey(SiftMark, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    evidence = models.TextField()

    class Meta:
        ordering = ["mark", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["mark", "criterion"], name="sift_score_one_a_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class SiftMarkReason(models.Model):
    """A reason a sifter gave with a total below the pass mark."""

    mark = models.ForeignKey(SiftMark, on_delete=models.CASCADE, related_name="mark_reasons")
    reason = models.ForeignKey(DecisionReason, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mark", "reason"], name="sift_mark_reason_unique")
        ]


class SiftDecision(models.Model):
    """The sift's outcome: worked out by the service once every mark it needs is in."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="sift_decision"
    )
    screened_in = models.BooleanField()
    total = models.DecimalField(max_digits=5, decimal_places=1)
    reasons = models.ManyToManyField(DecisionReason, blank=True, related_name="+")
    detail = models.TextField(blank=True)
    decided_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Blank when the service decided from the marks.",
    )

    def __str__(self) -> str:
        return "Screened in" if self.screened_in else "Screened out"


class ApplicationNote(models.Model):
    """A note staff keep on an application, for each other: never shown or sent to the
    candidate. Notes are not changed or deleted, only blanked when the application's
    personal data is erased; the audit trail records that one was written, not its words."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="staff_notes"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"Note {self.pk} on application {self.application_id}"
