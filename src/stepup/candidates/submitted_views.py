"""The candidate's pages once an application is submitted: the confirmation, the application
read back, where it is and what happens next, and withdrawing."""

from django.shortcuts import redirect, render

from stepup.applications import forms, queries, services
from stepup.applications.models import ApplicationStatus
from stepup.assessment.queries import centre_reasons
from stepup.candidates import services as candidate_services
from stepup.candidates.views import equality_url, own_application
from stepup.core.access import CANDIDATE, access
from stepup.core.form_flow import posted, service_accepted
from stepup.offers import queries as offer_queries
from stepup.programme.queries import candidate_timetable
from stepup.selection import queries as selection_queries
from stepup.selection.queries import sift_outcome


@access(CANDIDATE)
def submitted(request, reference: str):
    """The confirmation after submitting: a panel, then what happens next and when."""
    application = own_application(request, reference)
    if application.status == ApplicationStatus.DRAFT:
        return redirect("applications:application", reference=application.reference)
    return render(
        request,
        "applications/submitted.html",
        {
            "application": application,
            "next_step": queries.next_step(application),
            "milestones": candidate_timetable(cohort=application.cohort),
        },
    )


@access(CANDIDATE)
def your_answers(request, reference: str):
    """The application as it was submitted, to read back; no changes once it has gone."""
    application = own_application(request, reference)
    if queries.is_changeable(application):
        return redirect("applications:check", reference=application.reference)
    return render(
        request,
        "applications/your_answers.html",
        {
            "application": application,
            "summary": queries.answers_summary(application),
            "experiences": queries.experiences_of(application),
            "documents": queries.documents_of(application),
        },
    )


@access(CANDIDATE)
def status(request, reference: str):
    application = own_application(request, reference)
    outcome = None
    if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED):
        outcome = selection_queries.eligibility_outcome(application)
    return render(
        request,
        "applications/status.html",
        {
            "application": application,
            "outcome": outcome,
            "referred": (
                selection_queries.checks_needing_a_person(application)
                if application.status == ApplicationStatus.ELIGIBILITY_REVIEW
                else []
            ),
            "can_withdraw": services.can_withdraw(application),
            "equality_url": equality_url(application),
            "sift": sift_outcome(application),
            "centre_reasons": centre_reasons(application),
            "status_text": queries.status_for_candidate(application),
            "next_step": queries.next_step(application),
            "offer": offer_queries.candidate_offer(application)
            if application.status == ApplicationStatus.MET_BENCHMARK
            else None,
        },
    )


@access(CANDIDATE)
def withdraw(request, reference: str):
    application = own_application(request, reference)
    if not services.can_withdraw(application):
        return render(
            request, "applications/withdraw_unavailable.html", {"application": application}
        )
    form = forms.WithdrawForm(*posted(request))
    if service_accepted(
        request,
        form,
        lambda: candidate_services.application_withdraw(
            candidate=request.user, application=application, reason=form.cleaned_data["reason"]
        ),
        success="Your application has been withdrawn",
    ):
        return redirect("applications:status", reference=application.reference)
    return render(request, "applications/withdraw.html", {"application": application, "form": form})
