"""The fairness figures as they stood when first asked for on a day (ADR 0012, ADR 0019)."""

from django.db import models

from stepup.applications.models import DailyFigures


class FairnessSnapshot(DailyFigures):
    """A cohort's counts by characteristic and furthest stage: {partnership id (0: none):
    {characteristic: {group: [count by furthest stage]}}}, counting what happened up to the
    end of the day before ``taken_on``. Pages and downloads read the day's, never live
    counts."""

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "taken_on"], name="fairness_one_a_day")
        ]
