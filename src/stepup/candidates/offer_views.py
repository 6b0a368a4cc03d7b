"""The candidate's offer of a place: reading it, accepting or declining by the deadline,
the checks still to be done, and their agreement (ADR 0016)."""

from django.shortcuts import redirect, render
from django.utils import timezone

from stepup.candidates.views import own_application
from stepup.core.access import CANDIDATE, access
from stepup.core.form_flow import posted, service_accepted
from stepup.offers import forms, queries, services
from stepup.offers.models import ConditionStatus, OfferStatus
from stepup.partnerships.models import PartnershipUniversity
from stepup.trainees.models import Trainee


@access(CANDIDATE)
def offer(request, reference: str):
    application = own_application(request, reference)
    found = queries.candidate_offer(application)
    if found is None:
        return redirect("applications:status", reference=reference)
    if (
        found.status == OfferStatus.MADE
        and request.method != "POST"
        and found.respond_by < timezone.now()
    ):
        services.offer_lapse(offer=found)
        found.refresh_from_db()
    form = forms.AnswerForm(*posted(request))

    def answer():
        service = (
            services.offer_accept
            if form.cleaned_data["answer"] == "accept"
            else services.offer_decline
        )
        service(actor=request.user, offer=found)

    if found.status == OfferStatus.MADE and service_accepted(
        request,
        form,
        answer,
        success=(
            "You have accepted the place. We will now make the checks listed below."
            if form.data.get("answer") == "accept"
            else "You have declined the place."
        ),
    ):
        return redirect("applications:offer", reference=reference)
    university = (
        PartnershipUniversity.objects.filter(partnership=found.partnership)
        .select_related("university")
        .first()
    )
    return render(
        request,
        "applications/offer.html",
        {
            "application": application,
            "offer": found,
            "form": form,
            "university": university.university if university else None,
            "conditions": list(found.conditions.order_by("pk")),
            "met": ConditionStatus.MET,
            "agreement": getattr(found, "agreement", None),
            "terms": queries.terms_for(found.partnership),
            "enrolled": Trainee.objects.filter(offer=found).exists(),
        },
    )
