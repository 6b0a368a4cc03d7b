"""Tables of stages reached, protected: on any table, no hidden count can be worked out from
the total of its column or from its neighbours in its row."""

import itertools
import random

import pytest

from stepup.core.disclosure import SMALL_COUNT, hidden_reached


def _table(rng: random.Random) -> list[list[int]]:
    rows = []
    for _ in range(rng.randint(1, 6)):
        row = [rng.choice([rng.randint(0, 8), rng.randint(0, 60)])]
        for _ in range(rng.randint(1, 8)):
            row.append(max(0, row[-1] - rng.choice([0, 1, 2, 3, 5, 9, 20])))
        rows.append(row)
    width = min(len(row) for row in rows)
    rows = [row[:width] for row in rows]
    rows.append([sum(column) for column in zip(*rows, strict=True)])
    return rows


@pytest.mark.parametrize("seed", range(300))
def test_no_hidden_count_can_be_worked_out(seed):
    counts = _table(random.Random(seed))
    hidden = hidden_reached(counts)
    for row, hides in zip(counts, hidden, strict=True):
        assert all(hide for value, hide in zip(row, hides, strict=True) if value < SMALL_COUNT)
        shown = [
            (c, value) for c, (value, hide) in enumerate(zip(row, hides, strict=True)) if not hide
        ]
        for (c1, earlier), (c2, later) in itertools.pairwise(shown):
            step = earlier - later
            assert not 0 < step < SMALL_COUNT
            assert not (step == 0 and c2 - c1 > 1)  # equal, with hidden ones between
    for c in range(len(counts[0])):
        hidden_above_nought = [r for r in range(len(counts)) if hidden[r][c] and counts[r][c] > 0]
        assert len(hidden_above_nought) != 1


def test_large_counts_far_apart_are_all_shown():
    counts = [[50, 30, 20], [40, 25, 10], [90, 55, 30]]
    assert hidden_reached(counts) == [[False] * 3] * 3
