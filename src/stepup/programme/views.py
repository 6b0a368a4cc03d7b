"""Cohorts: their timetable, funding rates, eligibility rules and assessment framework."""

from django.shortcuts import render

from stepup.core.access import SIGNED_IN, access
from stepup.programme.queries import cohorts_visible_to


@access(SIGNED_IN)
def cohort_list(request):
    cohorts = cohorts_visible_to(request.user)
    return render(request, "programme/cohort_list.html", {"cohorts": cohorts})
