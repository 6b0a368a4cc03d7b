"""What a candidate does that crosses the stages: submitting is also the eligibility check;
withdrawing also gives up any offer.

This layer sits above the domain apps (docs/adr/0007-layers.md), so that ``applications``
never reaches up into ``selection``.
"""

from django.db import transaction

from stepup.accounts.models import User
from stepup.applications import emails
from stepup.applications import services as applying
from stepup.applications.models import Application
from stepup.applications.services import application_submission_record
from stepup.offers import services as offers
from stepup.selection.services import eligibility_run


def application_submit(*, candidate: User, application: Application) -> Application:
    """Submit, inside the cohort's window, then run the eligibility rules at once, in one
    transaction: if the check fails, the submission is not saved either."""
    with transaction.atomic():
        application = application_submission_record(candidate=candidate, application=application)
        eligibility_run(application=application)
        emails.application_submitted(application)
    application.refresh_from_db()
    return application


def application_withdraw(*, candidate: User, application: Application, reason: str = ""):
    """Withdrawing also withdraws any offer the candidate holds, so that its place goes to
    the next reserve at once rather than waiting for the partnership to notice."""
    with transaction.atomic():
        withdrawn = applying.application_withdraw(
            candidate=candidate, application=application, reason=reason
        )
        offers.offers_withdraw_with_application(application=application, candidate=candidate)
    return withdrawn
