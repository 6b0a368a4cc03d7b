"""The selection pages in the permission walk: eligibility deciders, and the national admin."""

import datetime

from django.utils import timezone

from stepup.applications.models import ApplicationStatus
from stepup.selection.models import DecisionReason, DecisionStage, EligibilityCheck
from tests.factories import ApplicationFactory, CandidateFactory
from tests.personas import ADMIN, CONTRACTOR, ONLY_ADMIN

DECIDERS = frozenset({ADMIN, CONTRACTOR})

EXPECTED: dict[str, frozenset[str]] = {
    "selection:eligibility-queue": DECIDERS,
    "selection:eligibility-decide": DECIDERS,
    "selection:reason-list": ONLY_ADMIN,
    "selection:reason-add": ONLY_ADMIN,
    "selection:reason-change": ONLY_ADMIN,
    "selection:recruitment-settings": ONLY_ADMIN,
}


def extend_world(world) -> None:
    """A third candidate's application, waiting in the manual eligibility queue."""
    cohort = world["cohort"]
    application = ApplicationFactory(
        cohort=cohort,
        candidate=CandidateFactory(full_name="Third Candidate"),
        status=ApplicationStatus.ELIGIBILITY_REVIEW,
        rules=cohort.current_rules,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
        degree_class="overseas",
        degree_equivalence="Licenciatura: like a UK 2:1",
    )
    EligibilityCheck.objects.create(
        application=application,
        rules=cohort.current_rules,
        rule="degree_class",
        outcome="refer",
        reason="We need to check your overseas degree against its UK equivalent.",
    )
    world["eligibility_review_application"] = application
    reason = DecisionReason.objects.filter(stage=DecisionStage.ELIGIBILITY).first()
    world["kwargs"]["selection"] = {
        "reference": application.reference,
        "pk": reason.pk,
        "number": cohort.number,
    }
