"""The emails a candidate gets about their application. Plain text: mail clients link URLs."""

from django.conf import settings
from django.urls import reverse

from stepup.applications.models import Application
from stepup.core.formatting import govuk_datetime
from stepup.core.tasks import email_later


def status_link(application: Application) -> str:
    path = reverse("applications:status", kwargs={"reference": application.reference})
    return settings.SERVICE_URL.rstrip("/") + path


def application_submitted(application: Application) -> None:
    candidate = application.candidate
    email_later(
        to=candidate.email,
        subject=f"We have your application to Step Up to Social Work ({application.reference})",
        body=(
            f"Dear {application.full_name or candidate.full_name},\n\n"
            f"We received your application to cohort {application.cohort.number} of Step Up "
            f"to Social Work on {govuk_datetime(application.submitted_at)}. "
            f"Your reference is {application.reference}.\n\n"
            "We check every application against the eligibility rules first. We will email "
            "you when there is news.\n\n"
            f"See where your application stands:\n\n{status_link(application)}"
        ),
    )


def application_withdrawn(application: Application) -> None:
    candidate = application.candidate
    email_later(
        to=candidate.email,
        subject=f"You have withdrawn your application ({application.reference})",
        body=(
            f"Dear {application.full_name or candidate.full_name},\n\n"
            f"You withdrew your application to cohort {application.cohort.number} of Step Up "
            f"to Social Work on {govuk_datetime(application.withdrawn_at)}. We will not "
            "consider it further.\n\n"
            "If you did not mean to do this, contact the national programme team."
        ),
    )
