"""The candidate's assessment centre: choosing a day and time, moving it while booking is
open, and asking for an adjustment (ADR 0015)."""

from django.shortcuts import redirect, render

from stepup.applications.models import ApplicationStatus
from stepup.assessment import forms, services
from stepup.assessment.models import Invitation
from stepup.assessment.queries import slots_bookable_for
from stepup.candidates.views import own_application
from stepup.core.access import CANDIDATE, access
from stepup.core.form_flow import posted, service_accepted


def _invitation(request, reference: str):
    application = own_application(request, reference)
    invitation = (
        Invitation.objects.select_related("slot", "centre", "application")
        .filter(application=application)
        .first()
    )
    if invitation is None or application.status != ApplicationStatus.INVITED:
        return application, None
    return application, invitation


@access(CANDIDATE)
def centre(request, reference: str):
    application, invitation = _invitation(request, reference)
    if invitation is None:
        return redirect("applications:status", reference=reference)
    slots = list(slots_bookable_for(invitation))
    choices = [slot for slot in slots if slot.pk != invitation.slot_id]
    form = forms.BookingForm(*posted(request), slots=choices)
    if service_accepted(
        request,
        form,
        lambda: services.booking_make(
            actor=request.user, application=application, slot=form.chosen()
        ),
        success="Your assessment centre time is booked. We have emailed you the details.",
    ):
        return redirect("applications:centre", reference=reference)
    return render(
        request,
        "applications/centre.html",
        {
            "application": application,
            "invitation": invitation,
            "form": form,
            "choices": choices,
            "adjustments": list(invitation.adjustments.order_by("asked_at")),
        },
    )


@access(CANDIDATE)
def centre_adjustment(request, reference: str):
    application, invitation = _invitation(request, reference)
    if invitation is None:
        return redirect("applications:status", reference=reference)
    form = forms.AdjustmentAskForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: services.adjustment_ask(
            candidate=request.user, application=application, request=form.cleaned_data["request"]
        ),
        success="We have your request. We will answer it before your day.",
    ):
        return redirect("applications:centre", reference=reference)
    return render(
        request,
        "applications/centre_adjustment.html",
        {"application": application, "form": form},
    )
