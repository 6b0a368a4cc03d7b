"""Reading cohorts and their rules."""

from django.db.models import QuerySet

from stepup.programme.models import Cohort


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    """Every member of staff may see every cohort's set-up; it is published information."""
    return Cohort.objects.all()
