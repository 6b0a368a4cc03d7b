"""The trainee's own record, in their words: where they work and study, their placements,
results, the adjustments agreed for them, and their award (ADR 0018)."""

from django.shortcuts import redirect, render

from stepup.candidates.views import own_application
from stepup.core.access import CANDIDATE, access
from stepup.trainees.models import Trainee
from stepup.trainees.queries import plan_check


@access(CANDIDATE)
def training(request, reference: str):
    application = own_application(request, reference)
    trainee = (
        Trainee.objects.filter(offer__application=application)
        .select_related("offer__partnership__cohort", "university", "host")
        .first()
    )
    if trainee is None:
        return redirect("applications:status", reference=reference)
    placements = list(trainee.placements.select_related("authority"))
    return render(
        request,
        "applications/training.html",
        {
            "application": application,
            "trainee": trainee,
            "placements": placements,
            "plan": plan_check(trainee, placements),
            "results": list(
                trainee.results.select_related("assessment__module").order_by(
                    "assessment__hand_in_on", "attempt"
                )
            ),
            "needs": list(trainee.needs.all()),
            "outcome": getattr(trainee, "outcome", None),
        },
    )
