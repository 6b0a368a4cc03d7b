"""Small counts are hidden, and so is any count that would let a hidden one be worked out."""

import random

from stepup.applications.equality import SMALL_COUNT, suppression, table_from_counts


def with_totals(counts):
    full = [[*row, sum(row)] for row in counts]
    full.append([sum(column) for column in zip(*full, strict=True)])
    return full


def lines(grid):
    yield from grid
    yield from (list(column) for column in zip(*grid, strict=True))


def recoverable(full, hidden) -> list[tuple[int, int]]:
    """Hidden counts above zero that an outsider can work out, one row or column at a time.

    The outsider subtracts: a line with one unknown gives it away, and a line whose
    unknowns add up to nothing gives them all away as zeros."""
    known = [[not h for h in row] for row in hidden]
    height, width = len(full), len(full[0])
    progress = True
    while progress:
        progress = False
        for index in range(height + width):
            if index < height:
                cells = [(index, c) for c in range(width - 1)]
                total = (index, width - 1)
            else:
                cells = [(r, index - height) for r in range(height - 1)]
                total = (height - 1, index - height)
            line = [*cells, total]
            unknown = [(r, c) for r, c in line if not known[r][c]]
            if not unknown:
                continue
            if len(unknown) == 1:
                solved = unknown
            elif not known[total[0]][total[1]]:
                continue
            elif full[total[0]][total[1]] == sum(full[r][c] for r, c in cells if known[r][c]):
                solved = unknown  # the unknowns add up to nothing: all zeros
            else:
                continue
            for r, c in solved:
                known[r][c] = True
            progress = True
    return [
        (r, c)
        for r in range(height)
        for c in range(width)
        if hidden[r][c] and known[r][c] and full[r][c] > 0
    ]


def assert_protected(full, hidden):
    for r, row in enumerate(full):
        for c, value in enumerate(row):
            if value < SMALL_COUNT:
                assert hidden[r][c], f"{value} at {(r, c)} is small but shown"
    for values, line in zip(lines(full), lines(hidden), strict=True):
        above_zero = sum(h and v > 0 for v, h in zip(values, line, strict=True))
        assert above_zero != 1, "a line with one hidden count above zero gives it away"
    assert not recoverable(full, hidden)


def test_a_table_with_no_small_counts_hides_nothing():
    full = with_totals([[10, 20], [30, 40]])
    assert suppression(full) == [[False] * 3] * 3


def test_a_lone_small_count_takes_the_next_smallest_in_its_row_and_column_with_it():
    # Rows: 10, 3, 20 (total 33) and 12, 15, 30 (total 57).
    full = with_totals([[10, 3, 20], [12, 15, 30]])
    hidden = suppression(full)
    assert hidden == [
        [True, True, False, False],  # 3 is small; 10 is the next smallest in its row
        [True, True, False, False],  # 12 and 15 protect 10 and 3 in their columns
        [False, False, False, False],  # column totals 22, 18, 50 and the grand total
    ]
    assert_protected(full, hidden)


def test_a_small_row_total_hides_the_whole_row_and_enough_of_the_others():
    full = with_totals([[1, 2, 0], [8, 9, 10], [7, 6, 11]])
    hidden = suppression(full)
    assert hidden[0] == [True, True, True, True]
    assert_protected(full, hidden)
    # The grand total and at least one whole row stay visible.
    assert not hidden[3][3]


def test_zero_counts_are_hidden_too():
    full = with_totals([[0, 12], [9, 14]])
    hidden = suppression(full)
    assert hidden[0][0]
    assert_protected(full, hidden)


def test_hidden_zeros_give_a_small_count_no_cover():
    # Without the rule, the 3 hides among zeros; but the totals row's hidden counts add up
    # to nothing, so those columns are all zeros, and 13 - 10 gives the 3 away.
    full = with_totals([[0, 3, 10, 0], [0, 20, 6, 0]])
    hidden = suppression(full)
    assert hidden[0] == [True, True, True, True, False]
    assert hidden[1] == [True, True, True, True, False]
    assert hidden[2] == [True, False, False, True, False]
    assert_protected(full, hidden)


def test_the_check_itself_catches_a_count_given_away_by_hidden_zeros():
    full = with_totals([[0, 3, 10, 0], [0, 20, 6, 0]])
    naive = [[value < SMALL_COUNT for value in row] for row in full]
    assert recoverable(full, naive) == [(0, 1)]


def test_everything_tiny_hides_everything():
    full = with_totals([[1, 1], [1, 1]])
    assert all(all(row) for row in suppression(full))


def test_random_tables_are_always_protected():
    rng = random.Random(20260301)
    for _ in range(300):
        height, width = rng.randint(1, 7), rng.randint(1, 8)
        counts = [
            [rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 13, 40]) for _ in range(width)]
            for _ in range(height)
        ]
        full = with_totals(counts)
        assert_protected(full, suppression(full))


def test_the_table_holds_no_hidden_count_at_all():
    table = table_from_counts(
        characteristic="sex",
        title="Sex",
        row_labels=("Female", "Male"),
        columns=("Screened in", "Screened out"),
        counts=[[10, 3], [20, 30]],
    )
    assert [c.value for c in table.rows[0].cells] == [None, None]
    assert table.rows[0].total.value == 13
    assert [c.value for c in table.rows[1].cells] == [None, None]
    assert table.rows[1].total.value == 50
    assert [c.value for c in table.totals.cells] == [30, 33]
    assert table.totals.total.value == 63
    assert table.hides_any
