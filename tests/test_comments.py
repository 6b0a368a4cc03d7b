"""Comments point to what a reader of the repository can open: an ADR (``docs/adr``) or a
page in ``docs/``, never the number of an issue in a tracker they may not see."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "stepup"
ISSUE = re.compile(r"\bissues?\s+#?\d", re.IGNORECASE)
TEXT = {".py", ".html", ".txt", ".js", ".scss", ".md"}


def issue_mentions(text: str) -> list[int]:
    """The line numbers that name an issue by its number."""
    return [number for number, line in enumerate(text.splitlines(), 1) if ISSUE.search(line)]


def test_issue_mentions_are_found():
    assert issue_mentions("ok\n# As issue 9 found.\n(Issue 14, finding 3)\nissues 3 and 8") == [
        2,
        3,
        4,
    ]
    assert issue_mentions("Key issues, recommendations and next steps\nissued 3 times") == []


def test_no_source_file_points_to_an_issue_number():
    offenders = {
        str(path.relative_to(SRC)): lines
        for path in sorted(SRC.rglob("*"))
        if path.suffix in TEXT and "__pycache__" not in path.parts
        if (lines := issue_mentions(path.read_text(encoding="utf-8")))
    }
    assert not offenders, (
        "Point to the ADR or the page in docs/ that holds the decision instead of an issue "
        f"number (file: lines): {offenders}"
    )
