"""Counts safe to publish: small counts hidden, and whatever would let one be worked out.

Two kinds of table. In an additive one (``suppression``), the last row and column are
totals. In a table of stages reached (``hidden_reached``), each row (a group, or a
partnership) counts how many reached each stage, with a last row of totals: the rows add up
to it, and the difference between two stages in a row is how many stopped between them.
Only the national analyst sees counts unhidden (ADR 0012, ADR 0019).
"""

from collections import Counter
from collections.abc import Sequence

SMALL_COUNT = 5
SUPPRESSED = "suppressed"


def suppression(counts: list[list[int]]) -> list[list[bool]]:
    """Which cells to hide in a table whose last row and last column are its totals.

    Every count below ``SMALL_COUNT`` is hidden, zeros included. Then, so that no hidden
    count can be worked out by taking the others from a total, no row or column may have
    exactly one hidden count above zero: where one has, its smallest shown count is hidden
    too, until none has. Hidden zeros give no cover (counts cannot be negative, so a row
    whose hidden counts add up to nothing gives them all away)."""
    hidden = [[value < SMALL_COUNT for value in row] for row in counts]
    height, width = len(counts), len(counts[0]) if counts else 0
    lines = [[(r, c) for c in range(width)] for r in range(height)]
    lines += [[(r, c) for r in range(height)] for c in range(width)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(hidden[r][c] and counts[r][c] > 0 for r, c in line) != 1:
                continue
            shown = [(counts[r][c], i, (r, c)) for i, (r, c) in enumerate(line) if not hidden[r][c]]
            if not shown:  # cannot happen: the line's total would be hidden and above zero
                continue
            _, _, (r, c) = min(shown)
            hidden[r][c] = True
            changed = True
    return hidden


def hidden_reached(
    counts: list[list[int]],
    *,
    total_hidden: list[bool] | None = None,
    forced: list[list[bool]] | None = None,
) -> list[list[bool]]:
    """Which counts to hide in a table of stages reached whose last row is the totals.

    Every count under 5 is hidden; then no column may have exactly one hidden count above
    nought, and no two shown counts in a row may differ by 1 to 4 (nor be equal with hidden
    ones between them); where either would happen, a shown count is hidden too, until
    neither happens. ``total_hidden`` hides totals that another table of the same people
    hides, so that one table's total cannot undo the other's protection; ``forced`` hides
    any other count the caller must (to protect another table of the same people)."""
    hidden = [[value < SMALL_COUNT for value in row] for row in counts]
    for r, row in enumerate(forced or ()):
        hidden[r] = [hide or force for hide, force in zip(hidden[r], row, strict=True)]
    for c, hide in enumerate(total_hidden or ()):
        hidden[-1][c] = hidden[-1][c] or hide
    height = len(counts)
    width = len(counts[0]) if counts else 0
    changed = True
    while changed:
        changed = False
        for c in range(width):
            column = [(counts[r][c], r) for r in range(height)]
            if sum(hidden[r][c] and value > 0 for value, r in column) == 1:
                shown = [(value, r) for value, r in column if not hidden[r][c]]
                if shown:
                    hidden[min(shown)[1]][c] = True
                    changed = True
        for r in range(height):
            changed |= _hide_small_steps(counts[r], hidden[r])
    return hidden


def _hide_small_steps(row: list[int], hidden: list[bool]) -> bool:
    """Hide the later of two shown counts in a row (hidden ones between them or not) whose
    difference is a small count; or that are equal with hidden counts between them, which
    would then be known to be equal too."""
    changed, previous = False, None
    for c, value in enumerate(row):
        if hidden[c]:
            continue
        if previous is not None:
            step = row[previous] - value
            if 0 < step < SMALL_COUNT or (step == 0 and c - previous > 1):
                hidden[c] = True
                changed = True
                continue
        previous = c
    return changed


def k_anonymous(rows: list[dict], *, columns: Sequence[str], k: int = SMALL_COUNT) -> list[dict]:
    """The rows, so that every combination of ``columns`` in them is shared by at least
    ``k`` rows (k-anonymity on those columns).

    Column by column, in the order given, a row whose combination is shared by fewer than
    ``k`` rows has that column's value replaced by ``SUPPRESSED``; rows already in a group of
    ``k`` or more are never touched, and suppressing only moves rows into groups, so no group
    shrinks. Rows still in a group under ``k`` once every column is suppressed (fewer than
    ``k`` of them in all) are left out."""
    found = [dict(row) for row in rows]

    def key(row: dict) -> tuple:
        return tuple(row[column] for column in columns)

    for column in columns:
        sizes = Counter(key(row) for row in found)
        for row in found:
            if sizes[key(row)] < k:
                row[column] = SUPPRESSED
    sizes = Counter(key(row) for row in found)
    return [row for row in found if sizes[key(row)] >= k]
