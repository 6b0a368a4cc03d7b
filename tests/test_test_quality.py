"""Tests that can fail: a refusal is checked by what the person is told.

`pytest.raises(ValidationError)` passes for any refusal, so a test of one rule still passes
when another rule (or a typo in the test's own data) refuses first. Each one names the
message it expects with `match=`.
"""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent


def _names_validation_error(node):
    if isinstance(node, ast.Name):
        return node.id.endswith("ValidationError")
    if isinstance(node, ast.Attribute):
        return node.attr.endswith("ValidationError")
    if isinstance(node, ast.Tuple):
        return any(_names_validation_error(element) for element in node.elts)
    return False


def _is_raises(func):
    if isinstance(func, ast.Attribute):
        return (
            func.attr == "raises" and isinstance(func.value, ast.Name) and func.value.id == "pytest"
        )
    return isinstance(func, ast.Name) and func.id == "raises"


def validation_raises_without_match(source, filename="<source>"):
    """The line of each `pytest.raises(ValidationError...)` in `source` with no `match=`."""
    lines = []
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Call) and _is_raises(node.func)):
            continue
        keywords = {keyword.arg: keyword.value for keyword in node.keywords}
        expected = node.args[0] if node.args else keywords.get("expected_exception")
        if expected is not None and _names_validation_error(expected) and "match" not in keywords:
            lines.append(node.lineno)
    return sorted(lines)


def test_every_validation_error_a_test_expects_names_its_message():
    unmatched = [
        f"{path.relative_to(TESTS.parent)}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in validation_raises_without_match(path.read_text(), str(path))
    ]
    assert unmatched == [], "Give each pytest.raises(ValidationError) a match= for the message"


BARE = """
import pytest
from django import forms
from django.core.exceptions import ValidationError
from pytest import raises

def test_refused():
    with pytest.raises(ValidationError):  # reported
        pass
    with pytest.raises(ValidationError) as refused:  # reported
        pass
    with pytest.raises(  # reported
        forms.ValidationError
    ):
        pass
    with pytest.raises((ValidationError, PermissionError)):  # reported
        pass
    with raises(ValidationError):  # reported
        pass
    with pytest.raises(expected_exception=ValidationError):  # reported
        pass
"""

MATCHED = """
import pytest
from django.core.exceptions import ValidationError

def test_refused():
    with pytest.raises(ValidationError, match="20 or less") as refused:
        pass
    with pytest.raises((ValidationError, PermissionError), match="cannot"):
        pass
    with pytest.raises(PermissionError):
        pass
    assert raises_nothing(ValidationError)
"""


@pytest.mark.parametrize("source", [BARE, MATCHED], ids=["bare", "matched"])
def test_the_check_reports_each_validation_error_without_a_match(source):
    marked = [n for n, line in enumerate(source.splitlines(), 1) if line.endswith("# reported")]
    assert validation_raises_without_match(source) == marked
    assert bool(marked) == (source is BARE)
