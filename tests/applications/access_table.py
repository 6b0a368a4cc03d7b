"""The public pages and the candidate's own application in the permission walk.

Public pages are for everyone; the candidate pages of the walk's application are for its
candidate alone: the other candidate gets "not found", staff are refused.
"""

import datetime

from django.core.files.base import ContentFile

from stepup.applications.models import Application, Document, DocumentKind
from stepup.programme.models import CohortStatus, Milestone, MilestoneKind
from tests.factories import ApplicationFactory, CohortFactory, PartnershipFactory
from tests.personas import CANDIDATE, CANDIDATES, EVERYONE

OWNER = frozenset({CANDIDATE})

EXPECTED: dict[str, frozenset[str]] = {
    "applications:apply": EVERYONE,
    "applications:apply-cohort": EVERYONE,
    "applications:create-account": EVERYONE,
    "applications:start": CANDIDATES,
    "applications:home": CANDIDATES,
    "applications:application": OWNER,
    "applications:section": OWNER,
    "applications:experience": OWNER,
    "applications:experience-add": OWNER,
    "applications:experience-change": OWNER,
    "applications:experience-remove": OWNER,
    "applications:documents": OWNER,
    "applications:document-upload": OWNER,
    "applications:document-download": OWNER,
    "applications:document-remove": OWNER,
    "applications:check": OWNER,
    "applications:status": OWNER,
    "applications:submitted": OWNER,
    "applications:your-answers": OWNER,
    "applications:withdraw": OWNER,
}

# The walk's application is a draft: nothing is submitted yet, so these send its candidate
# back to where they are.
REDIRECT_ON_GET = frozenset({"applications:submitted", "applications:your-answers"})


def extend_world(world) -> None:
    """A recruiting cohort for the public pages, and the walk's candidate's application."""
    recruiting = CohortFactory(number=8, name="Cohort 8", status=CohortStatus.RECRUITING)
    Milestone.objects.create(
        cohort=recruiting,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 4, 1),
    )
    PartnershipFactory(cohort=recruiting, name="Recruiting partnership", code="REC")

    candidate = world["people"][CANDIDATE]
    application = world.get("application") or (
        Application.objects.filter(cohort=world["cohort"], candidate=candidate).first()
    )
    if application is None:
        application = ApplicationFactory(cohort=world["cohort"], candidate=candidate)
    world["application"] = application
    document = Document(
        application=application,
        kind=DocumentKind.DEGREE,
        original_name="degree.pdf",
        content_type="application/pdf",
        size_bytes=15,
    )
    document.file.save("degree.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)

    world["kwargs"].setdefault("applications", {})["reference"] = application.reference
    number = {"number": recruiting.number}
    experience = {"pk": application.experiences.first().pk}
    world["per_url"].update(
        {
            "applications:apply-cohort": number,
            "applications:create-account": number,
            "applications:start": number,
            "applications:section": {"section": "personal-details"},
            "applications:experience-change": experience,
            "applications:experience-remove": experience,
            "applications:document-download": {"pk": document.pk},
            "applications:document-remove": {"pk": document.pk},
        }
    )
