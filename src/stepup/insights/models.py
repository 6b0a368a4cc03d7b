"""The fairness figures as they stood when first asked for on a day (ADR 0012, ADR 0019)."""

from django.db import models
from django.utils import timezone


class FairnessSnapshot(models.Model):
    """A cohort's counts by characteristic and furthest stage, taken at most once a day, so
    that comparing the figures before and after one decision cannot reveal that candidate's
    answers. Pages and downloads read the day's snapshot, never live counts."""

    cohort = models.ForeignKey("programme.Cohort", on_delete=models.CASCADE, related_name="+")
    taken_on = models.DateField()
    taken_at = models.DateTimeField(default=timezone.now)
    # {partnership id (0: none): {characteristic: {group: [count by furthest stage]}}}
    figures = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "taken_on"], name="fairness_one_a_day")
        ]

    def __str__(self) -> str:
        return f"Fairness figures taken {self.taken_on}"
