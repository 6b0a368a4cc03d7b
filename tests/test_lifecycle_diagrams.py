"""The state diagrams in ``docs/lifecycles.md`` are drawn from the lifecycle tables, and a
table changed without drawing its diagram again fails here."""

import dataclasses
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from stepup.core.lifecycle import Lifecycle
from stepup.core.lifecycle_diagrams import (
    initial_state,
    lifecycle_mermaid,
    lifecycles_document,
    stepup_lifecycles,
)
from stepup.partnerships.lifecycle import BID_LIFECYCLE

DOCUMENT = Path(__file__).resolve().parents[1] / "docs" / "lifecycles.md"


def test_every_lifecycle_diagram_is_current():
    written = DOCUMENT.read_text(encoding="utf-8")
    assert lifecycles_document(stepup_lifecycles()) == written, (
        "docs/lifecycles.md does not match the lifecycle tables: run "
        "`.venv/bin/python manage.py lifecycle_diagrams` and commit the page"
    )


def test_the_page_has_a_diagram_for_every_lifecycle():
    # tests/test_lifecycles.py checks that the discovery finds every known lifecycle.
    written = DOCUMENT.read_text(encoding="utf-8")
    for lifecycle in stepup_lifecycles():
        assert f"## {lifecycle.name[0].upper()}{lifecycle.name[1:]}\n" in written


def test_a_changed_table_draws_a_different_diagram():
    first = BID_LIFECYCLE.transitions[0]
    changed = Lifecycle(
        BID_LIFECYCLE.name,
        [dataclasses.replace(first, by_system=False), *BID_LIFECYCLE.transitions[1:]],
        code=BID_LIFECYCLE.code,
        states=BID_LIFECYCLE.states,
        field_label=BID_LIFECYCLE.field_label,
    )
    assert lifecycle_mermaid(changed) != lifecycle_mermaid(BID_LIFECYCLE)
    others = [lifecycle for lifecycle in stepup_lifecycles() if lifecycle is not BID_LIFECYCLE]
    assert lifecycles_document([*others, changed]) != DOCUMENT.read_text(encoding="utf-8")


def test_the_diagram_shows_the_start_and_who_may_move():
    diagram = lifecycle_mermaid(BID_LIFECYCLE)
    assert diagram.startswith("stateDiagram-v2\n")
    assert "    [*] --> s_draft\n" in diagram
    assert (
        "    s_draft --> s_submitted : Submit bid "
        "(National admin, Partnership coordinator, the service)"
    ) in diagram
    assert "    s_submitted --> s_approved : Approve bid (National admin, the service)" in diagram


def test_check_fails_on_a_stale_page_and_writing_mends_it(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "lifecycles.md"
    page.write_text("# Lifecycles\n\nOut of date.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="does not match the lifecycle tables") as failed:
        call_command("lifecycle_diagrams", "--check")
    assert failed.value.returncode == 1
    call_command("lifecycle_diagrams")
    assert page.read_text(encoding="utf-8") == DOCUMENT.read_text(encoding="utf-8")
    call_command("lifecycle_diagrams", "--check")


@pytest.mark.parametrize("lifecycle", stepup_lifecycles(), ids=lambda lifecycle: lifecycle.code)
def test_the_diagram_starts_where_the_model_does(lifecycle):
    """A status field with a default starts where the diagram's black dot points."""
    defaults = {
        field.default
        for model in apps.get_models()
        for field in model._meta.fields
        if field.choices and list(field.choices) == list(lifecycle.states.choices)
        if field.has_default()
    }
    assert defaults <= {initial_state(lifecycle)}
