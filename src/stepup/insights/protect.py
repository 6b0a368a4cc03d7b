"""Counts as the viewer may see them: everything for the national analyst, and otherwise
protected by ``core.disclosure`` (hidden counts are ``None``)."""

from stepup.core.disclosure import hidden_reached, suppression


def shown(
    counts: list[list[int]], *, protect: bool, additive: bool = False
) -> list[list[int | None]]:
    """``counts`` is a table of stages reached with a last row of totals, or, if
    ``additive``, a table whose last row and last column are totals."""
    if not protect:
        return [list(row) for row in counts]
    hidden = suppression(counts) if additive else hidden_reached(counts)
    return [
        [None if hide else value for value, hide in zip(row, hides, strict=True)]
        for row, hides in zip(counts, hidden, strict=True)
    ]
