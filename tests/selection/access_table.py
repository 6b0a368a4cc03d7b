"""The selection pages in the permission walk: eligibility deciders, and the national admin."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from stepup.applications.models import ApplicationStatus, Document, DocumentKind
from stepup.selection.models import (
    DecisionReason,
    DecisionStage,
    EligibilityCheck,
    SiftMark,
    SiftRound,
)
from tests.factories import ApplicationFactory, CandidateFactory
from tests.personas import (
    ADMIN,
    ASSESSOR,
    CONTRACTOR,
    COORD,
    OFFICER,
    ONLY_ADMIN,
    OTHER_COORD,
    SU_ASSESSOR,
)

DECIDERS = frozenset({ADMIN, CONTRACTOR})
SIFTERS = frozenset({ADMIN, CONTRACTOR, COORD, OTHER_COORD, ASSESSOR, SU_ASSESSOR})
# The walk's cohort sifts by partnership: "Ours" sifts its first-choice candidates. The
# coordinator is at its lead authority; the assessors at a member authority.
OURS_SIFTERS = frozenset({COORD, ASSESSOR, SU_ASSESSOR})
# The staff list of applications: everyone's for the national admin and the contractor, their
# partnerships' for a coordinator or authority officer. The walk's application chose "Ours".
LISTERS = frozenset({ADMIN, CONTRACTOR, COORD, OTHER_COORD, OFFICER})
SEES_OURS = frozenset({ADMIN, CONTRACTOR, COORD, OFFICER})

EXPECTED: dict[str, frozenset[str]] = {
    "selection:eligibility-queue": DECIDERS,
    "selection:eligibility-decide": DECIDERS,
    "selection:evidence-download": DECIDERS,
    "selection:application-list": LISTERS,
    "selection:round-progress": LISTERS,
    "selection:application-detail": SEES_OURS,
    "selection:application-document": SEES_OURS,
    "selection:application-note-add": SEES_OURS,
    # Whoever runs Ours' sift: the national admin and Ours' coordinator.
    "selection:sift-assign": frozenset({ADMIN, COORD}),
    "selection:reason-list": ONLY_ADMIN,
    "selection:reason-add": ONLY_ADMIN,
    "selection:reason-change": ONLY_ADMIN,
    "selection:recruitment-settings": ONLY_ADMIN,
    "selection:sift-queue": SIFTERS,
    "selection:sift-mark": OURS_SIFTERS,
    "selection:sift-submitted": OURS_SIFTERS,
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
        first_choice=world["partnership"],
    )
    EligibilityCheck.objects.create(
        application=application,
        rules=cohort.current_rules,
        rule="degree_class",
        outcome="refer",
        reason="We need to check your overseas degree against its UK equivalent.",
    )
    world["eligibility_review_application"] = application
    document = Document.objects.create(
        application=application,
        kind=DocumentKind.values[0],
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="degree.pdf"),
        original_name="degree.pdf",
        content_type="application/pdf",
        size_bytes=15,
    )
    for name in ("selection:evidence-download", "selection:application-document"):
        world["per_url"][name] = {"reference": application.reference, "pk": document.pk}
    reason = DecisionReason.objects.filter(stage=DecisionStage.ELIGIBILITY).first()
    world["kwargs"]["selection"] = {
        "reference": application.reference,
        "pk": reason.pk,
        "number": cohort.number,
    }
    _sift_world(world)


def _sift_world(world) -> None:
    """An eligible application waiting for its first mark from "Ours", and another that each
    of Ours' sifters has already marked (first, second and moderation)."""
    cohort, ours, people = world["cohort"], world["partnership"], world["people"]
    rules = cohort.current_rules
    rules.sift_pass_mark = 12
    rules.save(update_fields=["sift_pass_mark"])

    def eligible(name):
        return ApplicationFactory(
            cohort=cohort,
            candidate=CandidateFactory(full_name=name),
            status=ApplicationStatus.ELIGIBLE,
            rules=rules,
            first_choice=ours,
            submitted_at=timezone.now() - datetime.timedelta(days=3),
        )

    waiting = eligible("Fourth Candidate")
    marked = eligible("Fifth Candidate")
    for round_, persona, total in (
        (SiftRound.FIRST, COORD, 20),
        (SiftRound.SECOND, ASSESSOR, 5),
        (SiftRound.MODERATION, SU_ASSESSOR, 12),
    ):
        SiftMark.objects.create(
            application=marked, rules=rules, sifter=people[persona], round=round_, total=total
        )
    world["per_url"]["selection:sift-mark"] = {"reference": waiting.reference}
    world["per_url"]["selection:sift-assign"] = {"reference": waiting.reference}
    world["per_url"]["selection:sift-submitted"] = {"reference": marked.reference}
