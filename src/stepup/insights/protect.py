"""Counts as the viewer may see them: everything for the national analyst on screen, and
otherwise protected by ``core.disclosure`` (hidden counts are ``None``)."""

import math

import numpy as np
from scipy.optimize import linprog

from stepup.core.disclosure import SMALL_COUNT, hidden_reached, suppression


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
    return _apply(counts, hidden)


def _apply(counts: list[list[int]], hidden: list[list[bool]]) -> list[list[int | None]]:
    return [
        [None if hide else value for value, hide in zip(row, hides, strict=True)]
        for row, hides in zip(counts, hidden, strict=True)
    ]


def shown_together(
    tables: list[list[list[int]]],
    *,
    protect: bool,
    linked: list[int | None] | None = None,
) -> list[list[list[int | None]]]:
    """Several tables of stages reached that count the same people (one per characteristic,
    say), whose last rows are the same totals. ``linked`` gives, for each table, the row that
    may count the same people in every table (its "No answer" row: those who answered
    nothing are in it in every table), or None.

    A total, or a count of a linked row, hidden in one table is hidden in all. Then the
    tables are checked together as someone would attack them (ADR 0022): given every shown
    count, the shared totals and linked rows, that "<5" is under 5 and "[c]" is 5 or more,
    and that a row never rises from one stage to the next, each hidden count above nought
    must still have at least two whole values possible; where one has not, the smallest
    shown count beside it is hidden too, and the tables are checked again."""
    if not protect:
        return [shown(table, protect=False) for table in tables]
    linked = linked or [None] * len(tables)
    forced = [[[False] * len(row) for row in table] for table in tables]
    while True:
        hidden = _hidden_alike(tables, forced, linked)
        covers = {
            cover
            for cell in _worked_out(tables, hidden, linked)
            if (cover := _cover(tables, hidden, *cell)) is not None
        }
        if not covers:
            return [_apply(table, hides) for table, hides in zip(tables, hidden, strict=True)]
        for t, r, c in covers:
            forced[t][r][c] = True


def _hidden_alike(tables, forced, linked) -> list[list[list[bool]]]:
    """Each table's hidden counts, totals and linked rows hidden alike in every table."""
    width = len(tables[0][-1]) if tables else 0
    totals, shared = [False] * width, [False] * width
    while True:
        found = []
        for table, force, row in zip(tables, forced, linked, strict=True):
            mask = [list(line) for line in force]
            mask[-1] = [a or b for a, b in zip(mask[-1], totals, strict=True)]
            if row is not None:
                mask[row] = [a or b for a, b in zip(mask[row], shared, strict=True)]
            found.append(hidden_reached(table, forced=mask))
        now_totals = [any(h[-1][c] for h in found) for c in range(width)]
        now_shared = [
            any(h[row][c] for h, row in zip(found, linked, strict=True) if row is not None)
            for c in range(width)
        ]
        if now_totals == totals and now_shared == shared:
            return found
        totals, shared = now_totals, now_shared


def _worked_out(tables, hidden, linked) -> list[tuple[int, int, int]]:
    """The hidden counts above nought that the shown ones pin to a single whole value."""
    index, bounds = {}, []
    for t, (table, hides) in enumerate(zip(tables, hidden, strict=True)):
        for r, (row, row_hides) in enumerate(zip(table, hides, strict=True)):
            for c, (value, hide) in enumerate(zip(row, row_hides, strict=True)):
                index[t, r, c] = len(bounds)
                if not hide:
                    bounds.append((value, value))
                else:
                    bounds.append(
                        (0, SMALL_COUNT - 1) if value < SMALL_COUNT else (SMALL_COUNT, None)
                    )
    size = len(bounds)
    equal, rises = [], []

    def line(*terms) -> np.ndarray:
        found = np.zeros(size)
        for cell, weight in terms:
            found[index[cell]] += weight
        return found

    first = next((t for t, row in enumerate(linked) if row is not None), None)
    for t, table in enumerate(tables):
        last, width = len(table) - 1, len(table[0])
        for c in range(width):
            equal.append(line(*(((t, r, c), 1) for r in range(last)), ((t, last, c), -1)))
            if t:
                equal.append(line(((t, last, c), 1), ((0, len(tables[0]) - 1, c), -1)))
            if linked[t] is not None and t != first:
                equal.append(line(((t, linked[t], c), 1), ((first, linked[first], c), -1)))
        for r in range(len(table)):
            for c in range(width - 1):
                rises.append(line(((t, r, c + 1), 1), ((t, r, c), -1)))
    a_eq, a_ub = np.array(equal), np.array(rises)

    def extreme(objective: np.ndarray):
        result = linprog(
            objective,
            A_ub=a_ub,
            b_ub=np.zeros(len(rises)),
            A_eq=a_eq,
            b_eq=np.zeros(len(equal)),
            bounds=bounds,
            method="highs",
        )
        return result.x if result.status == 0 else None

    asked = [
        (cell, i)
        for cell, i in index.items()
        if hidden[cell[0]][cell[1]][cell[2]] and tables[cell[0]][cell[1]][cell[2]] > 0
    ]
    # A few solutions first: a hidden count they already give two whole values apart is safe,
    # and only the others need their least and most worked out one by one.
    directions = np.random.default_rng(0).choice([-1.0, 1.0], size=(4, size))
    points = [
        x for d in (np.ones(size), -np.ones(size), *directions) if (x := extreme(d)) is not None
    ]
    if not points:
        return []
    found = []
    for cell, i in asked:
        seen = [x[i] for x in points]
        if math.floor(max(seen) + 1e-6) - math.ceil(min(seen) - 1e-6) >= 1:
            continue
        ends = []
        for sign in (1.0, -1.0):
            objective = np.zeros(size)
            objective[i] = sign
            x = extreme(objective)
            ends.append(None if x is None else x[i])
        least, most = ends
        if least is None or most is None:
            continue
        if math.floor(most + 1e-6) - math.ceil(least - 1e-6) < 1:
            found.append(cell)
    return found


def _cover(tables, hidden, t: int, r: int, c: int) -> tuple[int, int, int] | None:
    """A shown count to hide to protect the hidden one at (t, r, c): the smallest above
    nought in its column, else in its row, else anywhere in its table."""
    table, hides = tables[t], hidden[t]
    places = (
        [(rr, c) for rr in range(len(table))],
        [(r, cc) for cc in range(len(table[r]))],
        [(rr, cc) for rr in range(len(table)) for cc in range(len(table[rr]))],
    )
    for cells in places:
        shown_here = [(table[rr][cc], rr, cc) for rr, cc in cells if not hides[rr][cc]]
        shown_here = [item for item in shown_here if item[0] > 0]
        if shown_here:
            _, rr, cc = min(shown_here)
            return t, rr, cc
    return None
