"""Reaching a stage through the services: an application as a candidate leaves it after
filling in every section in the browser (tests/browser/test_candidate_journey.py does that
once), submitted through the same service the Submit button calls."""

from stepup.applications.models import Application
from stepup.applications.sections import SECTIONS
from stepup.candidates.services import application_submit
from tests.factories import ApplicationFactory, CandidateFactory


def application_submitted(*, cohort, first_choice, candidate=None, **fields) -> Application:
    """Complete, submitted inside the cohort's window, and checked for eligibility."""
    candidate = candidate or CandidateFactory()
    application = ApplicationFactory(
        cohort=cohort,
        candidate=candidate,
        first_choice=first_choice,
        sections_completed=[section.key for section in SECTIONS],
        **fields,
    )
    return application_submit(candidate=candidate, application=application)
