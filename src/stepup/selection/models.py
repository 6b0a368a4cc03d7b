"""Eligibility and the sift: the decisions taken on an application, each with its reasons."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from stepup.applications.models import Application
from stepup.programme.models import RuleVersion


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
    detail = models.TextField(blank=True)
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return "Eligible" if self.eligible else "Not eligible"
