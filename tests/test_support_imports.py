"""Test modules import shared helpers (functions, constants, fixtures) from tests/support,
never from another test module, so that changing or removing one test module cannot break
another, and a fixture is found by pytest where it belongs rather than re-exported."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _is_test_module(dotted: str) -> bool:
    return dotted.rpartition(".")[2].startswith("test_")


def imports_of_test_modules(source: str) -> list[int]:
    """The lines of ``source`` that import a test module or a name from one."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            # ``from tests.x.test_y import z``, or ``from tests import test_y``
            names = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        else:
            continue
        if any(_is_test_module(name) for name in names):
            lines.append(node.lineno)
    return lines


def test_no_test_module_is_imported_by_another():
    offenders = {}
    for path in sorted(TESTS.rglob("*.py")):
        lines = imports_of_test_modules(path.read_text())
        if lines:
            offenders[path.relative_to(TESTS).as_posix()] = lines
    assert not offenders, f"Move what these import into tests/support: {offenders}"


def test_the_check_finds_every_way_of_importing_a_test_module():
    source = (
        "from tests.browser.test_candidate_journey import button\n"
        "from tests import test_permissions as walk\n"
        "import tests.test_permissions\n"
        "from .test_load_demo import page_text\n"
        "from . import test_round\n"
        "from tests.support.browser import button\n"
        "from tests.factories import person_with_role\n"
        "import pytest\n"
    )
    assert imports_of_test_modules(source) == [1, 2, 3, 4, 5]
