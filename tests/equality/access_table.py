"""The equality monitoring pages in the permission walk.

The candidate's own questionnaire is theirs alone (anyone else gets "not found" or is
refused); the report is for the national analyst only, not even the national admin.
"""

from stepup.applications.models import Application
from tests.factories import ApplicationFactory
from tests.personas import ANALYST, CANDIDATE

EXPECTED: dict[str, frozenset[str]] = {
    "applications:equality": frozenset({CANDIDATE}),
    "applications:equality-report": frozenset({ANALYST}),
}


def extend_world(world) -> None:
    """The walk's candidate's application, shared with the other "applications" tables."""
    candidate = world["people"][CANDIDATE]
    application = world.get("application") or (
        Application.objects.filter(cohort=world["cohort"], candidate=candidate).first()
    )
    if application is None:
        application = ApplicationFactory(cohort=world["cohort"], candidate=candidate)
    world["application"] = application
    world["kwargs"].setdefault("applications", {})["reference"] = application.reference
