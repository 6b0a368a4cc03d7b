"""State diagrams drawn from the lifecycle tables, so that the pictures in
``docs/lifecycles.md`` cannot drift from the code.

``lifecycle_mermaid`` draws one ``Lifecycle`` as a Mermaid ``stateDiagram-v2``: every state,
the initial one, and each transition labelled with its action and who may make it.
``lifecycles_document`` puts them all on one page; ``manage.py lifecycle_diagrams`` writes
that page, and ``--check`` says whether it is up to date. ADR 0008 says why every status
changes through a lifecycle.
"""

import importlib
import pkgutil
import re
import types
from collections.abc import Iterable

import stepup
from stepup.core.lifecycle import Lifecycle, Transition

HEADING = "# Lifecycles"
INTRO = """\
Every status in the service changes through a lifecycle: a table of the moves allowed, who
may make each one, and `Lifecycle.move`, the one way to make it
([ADR 0008](adr/0008-one-way-to-change-status.md)). These diagrams are drawn from those
tables. Each arrow is labelled with its action and who may make it: staff roles by name,
"the candidate" for the candidate the record belongs to, and "the service" for a move the
service makes itself. A record starts in the state the black dot points to.

Do not edit this page by hand. After changing a lifecycle, run
`.venv/bin/python manage.py lifecycle_diagrams`; a test fails until the page matches the
tables."""


def stepup_modules() -> list[types.ModuleType]:
    """Every module of the service, imported, but for migrations (which define no lifecycle)."""
    return [stepup] + [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(stepup.__path__, "stepup.")
        if "migrations" not in info.name.split(".")
    ]


def lifecycles_in(modules) -> dict[str, Lifecycle]:
    """Every module-level name bound to a ``Lifecycle`` in these modules, as "module.NAME",
    wherever it was defined: a new lifecycle is found without being listed anywhere."""
    return {
        f"{module.__name__}.{name}": value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, Lifecycle)
    }


def stepup_lifecycles() -> list[Lifecycle]:
    """Every ``Lifecycle`` in the service, once each, however many modules import it."""
    found = lifecycles_in(stepup_modules())
    return list({id(value): value for value in found.values()}.values())


def _state_id(value: str) -> str:
    # A prefix keeps states clear of Mermaid's own words, such as "end" and "state".
    return "s_" + re.sub(r"\W", "_", str(value))


def _text(value: str) -> str:
    # Mermaid reads a colon, a semicolon, a hash or a double quote as its own syntax.
    text = re.sub(r"\s*[:;]", ",", str(value)).replace('"', "'").replace("#", "number ")
    return " ".join(text.split())


def who_may(transition: Transition) -> list[str]:
    """Who may make this move, in words: staff roles by their labels, then the candidate and
    the service."""
    # Roles are choices with a label; a plain string names itself.
    who = sorted(getattr(role, "label", str(role)) for role in transition.roles)
    if transition.by_candidate:
        who.append("the candidate")
    if transition.by_system:
        who.append("the service")
    return who


def initial_state(lifecycle: Lifecycle) -> str:
    """The state a new record starts in: the first of the lifecycle's states, as each
    model's status field has it by default."""
    return lifecycle.states.values[0]


def lifecycle_mermaid(lifecycle: Lifecycle) -> str:
    """One lifecycle as a Mermaid ``stateDiagram-v2``."""
    lines = ["stateDiagram-v2"]
    for value, label in lifecycle.states.choices:
        lines.append(f'    state "{_text(label)}" as {_state_id(value)}')
    lines.append(f"    [*] --> {_state_id(initial_state(lifecycle))}")
    for transition in lifecycle.transitions:
        label = _text(transition.action)
        who = ", ".join(_text(name) for name in who_may(transition))
        if who:
            label = f"{label} ({who})"
        lines.append(
            f"    {_state_id(transition.source)} --> {_state_id(transition.target)} : {label}"
        )
    return "\n".join(lines)


def lifecycles_document(lifecycles: Iterable[Lifecycle]) -> str:
    """The page of every lifecycle's diagram, in order of name, as Markdown."""
    parts = [HEADING, "", INTRO]
    for lifecycle in sorted(lifecycles, key=lambda lifecycle: lifecycle.name):
        parts += [
            "",
            f"## {lifecycle.name[0].upper()}{lifecycle.name[1:]}",
            "",
            f"Each move is recorded as the event `{lifecycle.code}.<new status>`.",
            "",
            "```mermaid",
            lifecycle_mermaid(lifecycle),
            "```",
        ]
    return "\n".join(parts) + "\n"
