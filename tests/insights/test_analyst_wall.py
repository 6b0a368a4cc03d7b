"""The national analyst sees fairness counts exact on screen, so the analyst may open no page
that names a candidate or trainee, and every download hides small counts whoever takes it:
a "Started = 1" can no longer be put beside a named trainee's record (ADR 0022)."""

from django.test import Client

from stepup.trainees.models import Trainee
from tests.insights.conftest import NEXT_DAY, candidate_at
from tests.personas import ANALYST
from tests.signing_in import force_login_with_code
from tests.support.permissions import EXPECTED

# Every page the analyst may open: none names a candidate or a trainee. A page added here
# must show only counts, or names of staff and organisations.
NAMES_NOBODY = frozenset(
    {
        *(f"accounts:{name}" for name in ("account", "check-email", "email-change")),
        *(f"accounts:{name}" for name in ("email-confirm-needed", "email-link")),
        *(f"accounts:{name}" for name in ("invitation-accept", "password-change")),
        *(f"accounts:{name}" for name in ("password-forgotten", "recovery-codes")),
        *(f"accounts:{name}" for name in ("recovery-codes-new", "sign-in", "sign-in-code")),
        *(f"accounts:{name}" for name in ("sign-in-recovery", "sign-in-set-up", "sign-out")),
        "applications:apply",
        "applications:apply-cohort",
        "applications:create-account",
        "applications:equality-report",
        "assessment:national-progress",
        "core:accessibility",
        "core:home",
        *(f"insights:{name}" for name in ("home", "fairness", "fairness-csv", "fairness-xlsx")),
        *(f"insights:{name}" for name in ("funnel", "funnel-csv", "funnel-xlsx", "outcomes")),
        "insights:outcomes-csv",
        "insights:outcomes-xlsx",
        "partnerships:memorandum-download",
        "partnerships:partnership-detail",
        "partnerships:partnership-list",
        "partnerships:variation-detail",
        *(f"programme:{name}" for name in ("cohort-detail", "cohort-history", "cohort-list")),
        *(f"programme:{name}" for name in ("eligibility", "framework", "funding")),
        *(f"programme:{name}" for name in ("rule-versions", "timetable")),
        "trainees:outcomes",
    }
)


def test_the_analyst_may_open_no_page_that_names_a_candidate_or_trainee():
    """The permission walk (tests/test_permissions.py) checks each page lets in exactly the
    people its row names; this checks no row lets the analyst into a named record."""
    reachable = {name for name, people in EXPECTED.items() if ANALYST in people}
    assert reachable <= NAMES_NOBODY, sorted(reachable - NAMES_NOBODY)
    for named in ("trainees:record", "trainees:list", "offers:offer-detail", "funding:statement"):
        assert ANALYST not in EXPECTED[named], named


def test_the_started_trainee_cannot_be_named_beside_their_figures(
    cohort, big, analyst, time_machine
):
    """The probe: the analyst opened /trainees/N/ (with her dyslexia), then the fairness
    CSV, where "Started" was 1 for her age band, sex, ethnicity and the rest."""
    application = candidate_at(
        big,
        "started",
        answers={"sex": "female", "ethnicity": "white_british", "disability": "yes"},
    )
    for _ in range(6):
        candidate_at(big, "eligible", answers={"sex": "female", "disability": "no"})
    time_machine.move_to(NEXT_DAY, tick=False)  # today's figures count yesterday's
    trainee = Trainee.objects.get(offer__application=application)
    client = Client(HTTP_HOST="127.0.0.1")
    force_login_with_code(client, analyst)
    record = client.get(f"/trainees/{trainee.pk}/")
    assert record.status_code in (403, 404)
    assert application.full_name not in record.content.decode()
    csv_text = client.get("/insights/cohorts/31/fairness.csv").content.decode()
    started = next(line for line in csv_text.splitlines() if line.startswith("Yes,"))
    assert started.split(",")[-1] == "<5"  # disabled, started: hidden in the download too
