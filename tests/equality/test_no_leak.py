"""Equality answers never reach anyone who decides on a candidate: on any page, for anyone.

The permission walk's world is built, every application in it is given equality answers
with distinctive values, and every page each person may use is fetched and searched for
them. New pages join the walk's table, so they are searched too. Only the candidate's own
questionnaire may show the answers; the analyst's report shows counts alone.
"""

import ast
import datetime
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.utils import timezone

from stepup.applications.equality import equality_save
from stepup.applications.models import Application, ApplicationStatus, EqualityMonitoring
from tests.equality.conftest import DISTINCTIVE, DISTINCTIVE_TEXTS
from tests.factories import ApplicationFactory
from tests.personas import ANALYST, CANDIDATE, PERSONAS
from tests.support.history import with_history
from tests.support.permissions import EXPECTED, client_for, url_for

SRC = Path(__file__).resolve().parents[2] / "src" / "stepup"


@pytest.fixture
def answered_world(world):
    """The walk's world, with applications at the stages decision makers work on."""
    cohort, ours = world["cohort"], world["partnership"]
    for status in (
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.ELIGIBILITY_REVIEW,
        ApplicationStatus.ELIGIBLE,
        ApplicationStatus.SCREENED_OUT,
    ):
        application = ApplicationFactory(
            cohort=cohort,
            status=status,
            first_choice=ours,
            second_choice=world["other_partnership"],
            rules=cohort.current_rules,
            submitted_at=timezone.now(),
        )
        # Decided yesterday, so in today's equality figures (ADR 0022).
        with_history(application, at=timezone.now() - datetime.timedelta(days=1))
    for application in Application.objects.all():
        equality_save(candidate=application.candidate, application=application, answers=DISTINCTIVE)
    return world


def _body(response) -> str:
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    return content.decode("utf-8", errors="replace")


def test_the_answers_are_really_there_to_be_found(answered_world):
    """Without this, the search below could pass by finding nothing anywhere."""
    client = client_for(answered_world, CANDIDATE)
    page = _body(client.get(url_for(answered_world, "applications:equality")))
    assert 'value="Zyxquarian heritage"' in page
    assert 'value="Quillonite"' in page
    assert 'value="Vexillary condition"' in page
    assert EqualityMonitoring.objects.count() == Application.objects.count() >= 5


@pytest.mark.parametrize("persona", sorted(set(PERSONAS) - {CANDIDATE}))
def test_no_page_shows_any_equality_answer(answered_world, persona):
    client = client_for(answered_world, persona)
    searched, leaks = 0, []
    for name, allowed in EXPECTED.items():
        if persona not in allowed:
            continue
        url = url_for(answered_world, name)
        body = _body(client.get(url))
        searched += 1
        leaks += [f"{name} {url}: {text!r}" for text in DISTINCTIVE_TEXTS if text in body]
    assert searched, f"{persona} may use no page at all?"
    assert not leaks, f"{persona} can see equality answers on:\n" + "\n".join(leaks)


def test_the_analysts_report_shows_only_counts(answered_world):
    client = client_for(answered_world, ANALYST)
    url = url_for(answered_world, "applications:equality-report")
    page = _body(client.get(url, {"cohort": answered_world["cohort"].number}))
    assert "Ethnic group, cohort 7</caption>" in page
    for text in (*DISTINCTIVE_TEXTS, "heritage", "condition</td>"):
        assert text not in page
    for application in Application.objects.all():
        assert application.reference not in page
        assert application.full_name not in page


def test_equality_monitoring_is_not_in_the_support_admin():
    assert EqualityMonitoring not in admin.site._registry
    for model_admin in admin.site._registry.values():
        for inline in getattr(model_admin, "inlines", ()):
            assert inline.model is not EqualityMonitoring, model_admin


def _source_files():
    for path in sorted(SRC.rglob("*")):
        if path.suffix in {".py", ".html", ".txt", ".csv", ".json"} and path.is_file():
            yield path, path.relative_to(SRC).as_posix()


def test_only_the_equality_modules_touch_the_model():
    allowed = re.compile(r"^applications/(equality[a-z_]*\.py|models\.py|migrations/.*)$")
    offenders = [
        name
        for path, name in _source_files()
        if not allowed.match(name) and "equalitymonitoring" in path.read_text().lower()
    ]
    assert not offenders, f"These read equality monitoring directly: {offenders}"


def test_only_the_equality_pages_call_the_equality_queries():
    """The questionnaire and the analyst's report are the only way in."""
    pattern = re.compile(
        r"^\s*(from\s+(stepup\.applications|\.)\.?equality\s+import"
        r"|import\s+stepup\.applications\.equality\b(?!_)"
        r"|from\s+(stepup\.applications|\.)\s+import\s+[^\n]*\bequality\b(?!_))",
        re.MULTILINE,
    )
    allowed = {
        "applications/equality_views.py",
        "applications/equality_forms.py",
        DEMO_ROUND,  # writes answers only: see the next test
        VOLUME,  # writes made-up answers only, for measuring: likewise
        FAIRNESS,  # counts only, into the daily snapshot: see below
    }
    offenders = [
        name
        for path, name in _source_files()
        if path.suffix == ".py" and name not in allowed and pattern.search(path.read_text())
    ]
    assert not offenders, f"These use the equality queries: {offenders}"


DEMO_ROUND = "demo/round.py"
VOLUME = "demo/volume.py"
FAIRNESS = "insights/fairness.py"


def _imported_from(module_path: str, module: str) -> set[str]:
    tree = ast.parse((SRC / module_path).read_text())
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == module
        for alias in node.names
    }


def test_the_fairness_report_reads_only_counts():
    """Insights reads equality figures only as counts by stage, or as the researchers'
    anonymised rows (ADR 0019), and only the insights pages and the export read insights'
    fairness module."""
    assert _imported_from(FAIRNESS, "stepup.applications.equality") <= {
        "CHARACTERISTICS",
        "NO_ANSWER",
        "PREFER_NOT_TO_SAY_LABEL",
        "equality_counts_by_stage_reached",
        "equality_rows_for_research",
    }
    readers = [
        name
        for path, name in _source_files()
        if path.suffix == ".py"
        and name != FAIRNESS
        and re.search(
            r"stepup\.insights(\.fairness\b| import [^\n]*\bfairness\b)", path.read_text()
        )
    ]
    assert readers == [
        "insights/management/commands/export_anonymised.py",
        "insights/reports.py",
        "insights/views.py",
    ], readers


def test_the_volume_loader_only_writes_answers():
    """Its made-up candidates' answers go in through the equality module, checked; it reads
    none."""
    assert not _imported_from(VOLUME, "stepup.applications.equality")
    assert "equality" in _imported_from(VOLUME, "stepup.applications")
    text = (SRC / VOLUME).read_text()
    used = set(re.findall(r"\bequality\.([A-Za-z_]+)", text))
    assert "equality_answers_load" in used
    assert used <= {
        "equality_answers_load",
        "ETHNICITY_CODES",
        "Sex",
        "Disability",
        "Religion",
        "SexualOrientation",
    }, used


def test_the_demonstration_round_only_writes_answers():
    """Its fictitious candidates answer the questionnaire as candidates do; it reads none."""
    imported = _imported_from(DEMO_ROUND, "stepup.applications.equality")
    assert "equality_save" in imported
    assert imported <= {
        "equality_save",
        "Sex",
        "Disability",
        "DisabilityKind",
        "Religion",
        "SexualOrientation",
    }
