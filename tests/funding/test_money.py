"""Money is never a float anywhere in the funding code: no float literal, no
``float()``, no true division (``/``, which gives a float even of two integers), no
``FloatField`` and no ``round()``. Pence are integers; shares use ``//``."""

import ast
from pathlib import Path

FUNDING = Path(__file__).resolve().parents[2] / "src" / "stepup" / "funding"


def _float_uses(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, float):
            found.append(f"line {node.lineno}: the float {node.value!r}")
        elif isinstance(node, ast.BinOp | ast.AugAssign) and isinstance(node.op, ast.Div):
            found.append(f"line {node.lineno}: true division")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in {"float", "round", "FloatField"}:
                found.append(f"line {node.lineno}: {name}()")
    return found


def test_the_funding_code_never_makes_a_float():
    offenders = {
        str(path.relative_to(FUNDING)): uses
        for path in sorted(FUNDING.rglob("*.py"))
        if (uses := _float_uses(ast.parse(path.read_text(), filename=str(path))))
    }
    assert offenders == {}


def test_the_check_would_catch_a_float():
    assert _float_uses(ast.parse("share = amount / 3\nrate = 0.5\nx = float(y)\nz = round(w)")) == [
        "line 1: true division",
        "line 2: the float 0.5",
        "line 3: float()",
        "line 4: round()",
    ]
