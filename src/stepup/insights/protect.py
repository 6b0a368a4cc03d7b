"""Counts as the viewer may see them: everything for the national analyst, and otherwise
protected by ``core.disclosure`` (hidden counts are ``None``)."""

from stepup.core.disclosure import hidden_reached, suppression


def shown(
    counts: list[list[int]],
    *,
    protect: bool,
    additive: bool = False,
    total_hidden: list[bool] | None = None,
) -> list[list[int | None]]:
    """``counts`` is a table of stages reached with a last row of totals (``total_hidden``:
    totals hidden elsewhere, to hide here too), or, if ``additive``, a table whose last row
    and last column are totals."""
    if not protect:
        return [list(row) for row in counts]
    hidden = suppression(counts) if additive else hidden_reached(counts, total_hidden=total_hidden)
    return [
        [None if hide else value for value, hide in zip(row, hides, strict=True)]
        for row, hides in zip(counts, hidden, strict=True)
    ]


def shown_together(tables: list[list[list[int]]], *, protect: bool) -> list[list[list[int | None]]]:
    """Several tables of the same people (one per characteristic, say) whose last rows are
    the same totals: a total hidden in one is hidden in all, until they agree."""
    if not protect:
        return [shown(table, protect=False) for table in tables]
    width = len(tables[0][-1]) if tables else 0
    total_hidden = [False] * width
    while True:
        found = [shown(table, protect=True, total_hidden=total_hidden) for table in tables]
        union = [any(table[-1][c] is None for table in found) for c in range(width)]
        if union == total_hidden:
            return found
        total_hidden = union
