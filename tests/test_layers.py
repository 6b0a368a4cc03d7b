"""The layers contract (docs/adr/0007-layers.md) holds, and breaks on a back-import.

``make lint`` runs ``lint-imports`` on the code as it is; this test runs it on a copy, once as
it is and once with a lower layer importing a higher one, so a contract that has stopped
checking anything cannot pass unnoticed.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree / "src")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "src" / "stepup",
        tmp_path / "src" / "stepup",
        ignore=shutil.ignore_patterns("__pycache__", "static", "jinja2", "node_modules"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_layers_hold_and_a_back_import_breaks_them(tmp_path):
    tree = _copy(tmp_path)
    kept = _lint(tree)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    assert "KEPT" in kept.stdout

    (tree / "src" / "stepup" / "programme" / "crafted.py").write_text(
        '"""A lower layer reaching up."""\n\nfrom stepup.selection import queries  # noqa\n'
    )
    broken = _lint(tree)
    assert broken.returncode != 0
    assert "stepup.programme is not allowed to import stepup.selection" in broken.stdout


MAX_LINES = 500


def test_no_services_queries_or_views_module_is_over_500_lines():
    """Past a few hundred lines a module becomes a package by subdomain (ADR 7)."""
    roles = {"services", "queries", "views"}
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "src" / "stepup").rglob("*.py")
        if (path.stem in roles or path.parent.name in roles or path.stem.endswith("_views"))
        and (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not long, f"Split these into packages by subdomain: {long}"
