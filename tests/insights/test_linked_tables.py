"""The six fairness tables of a partnership count the same people: protection must hold
across them together. The probe linked the "No answer" rows (the candidates who answered
nothing are "No answer" in every table) and the shared totals, and solved for a hidden
count. Here an attacker's linear programme, given every shown cell of every table, the
shared totals and "No answer" rows, and that counts of stages reached never rise along a
row, must leave every hidden count above nought with at least two whole values possible."""

import math
import random

import numpy as np
import pytest
from scipy.optimize import linprog

from stepup.applications.equality import CHARACTERISTICS, NO_ANSWER
from stepup.core.disclosure import SMALL_COUNT
from stepup.insights.fairness import fairness_reports
from stepup.insights.models import FairnessSnapshot
from stepup.insights.stages import STAGES

# How far candidates get: most not far.
FURTHEST_WEIGHTS = (30, 20, 15, 10, 8, 6, 4, 4, 3)


def _figures(rng: random.Random) -> dict:
    """A partnership's counts by furthest stage, by characteristic and group: some candidates
    answered every question, the others none."""
    figures = {key: {} for key in CHARACTERISTICS}
    for _ in range(rng.randint(6, 45)):
        stage = rng.choices(range(len(STAGES)), weights=FURTHEST_WEIGHTS)[0]
        answered = rng.random() < 0.75
        for key, spec in CHARACTERISTICS.items():
            labels = [label for label in spec.rows if label != NO_ANSWER][:3]
            label = rng.choice(labels) if answered else NO_ANSWER
            figures[key].setdefault(label, [0] * len(STAGES))[stage] += 1
    return figures


def _tables(figures: dict) -> list[tuple[list[str], list[list[int | None]], list[list[int]]]]:
    """Each characteristic's table as a coordinator sees it: labels (the total last), shown
    cells (None hidden) and the true counts."""
    snapshot = FairnessSnapshot(figures={"1": figures})
    found = []
    for report in fairness_reports(snapshot=snapshot, partnership_id=1, protect=True):
        rows = [*report.rows, report.total]
        true = [_reached(figures[report.key][row.label]) for row in report.rows]
        true.append([sum(column) for column in zip(*true, strict=True)])
        found.append(([row.label for row in rows], [row.reached for row in rows], true))
    return found


def _reached(furthest: list[int]) -> list[int]:
    return [sum(furthest[i:]) for i in range(len(furthest))]


def _ranges(tables) -> list[tuple[int, int, int, int, float, float]]:
    """For every hidden cell above nought: its table, row, column, true value, and the least
    and most it can be given everything shown."""
    index, bounds = {}, []
    for t, (_labels, shown, true) in enumerate(tables):
        for r, row in enumerate(shown):
            for c, value in enumerate(row):
                index[t, r, c] = len(bounds)
                if value is not None:
                    bounds.append((value, value))
                elif true[r][c] < SMALL_COUNT:
                    bounds.append((0, SMALL_COUNT - 1))
                else:
                    bounds.append((SMALL_COUNT, None))  # "[c]": 5 or more
    equal, above = [], []

    def same(a, b):
        line = np.zeros(len(bounds))
        line[index[a]], line[index[b]] = 1, -1
        equal.append(line)

    width = len(STAGES)
    for t, (labels, shown, _true) in enumerate(tables):
        last = len(shown) - 1
        for c in range(width):
            line = np.zeros(len(bounds))
            for r in range(last):
                line[index[t, r, c]] = 1
            line[index[t, last, c]] = -1
            equal.append(line)  # the groups add up to the total
            if t:
                same((t, last, c), (0, len(tables[0][1]) - 1, c))  # the same totals
                if NO_ANSWER in labels and NO_ANSWER in tables[0][0]:
                    same((t, labels.index(NO_ANSWER), c), (0, tables[0][0].index(NO_ANSWER), c))
        for r in range(len(shown)):
            for c in range(width - 1):
                line = np.zeros(len(bounds))
                line[index[t, r, c + 1]], line[index[t, r, c]] = 1, -1
                above.append(line)  # reaching a stage means reaching the one before
    found = []
    for (t, r, c), i in index.items():
        _labels, shown, true = tables[t]
        if shown[r][c] is not None or true[r][c] == 0:
            continue
        objective = np.zeros(len(bounds))
        objective[i] = 1
        ends = []
        for sign in (1, -1):
            result = linprog(
                sign * objective,
                A_ub=np.array(above),
                b_ub=np.zeros(len(above)),
                A_eq=np.array(equal),
                b_eq=np.zeros(len(equal)),
                bounds=bounds,
                method="highs",
            )
            assert result.status == 0, result.message
            ends.append(sign * result.fun)
        found.append((t, r, c, true[r][c], ends[0], ends[1]))
    return found


@pytest.mark.parametrize("seed", range(24))
def test_no_hidden_count_is_fixed_by_all_the_tables_together(seed):
    tables = _tables(_figures(random.Random(seed)))
    for t, r, c, value, least, most in _ranges(tables):
        whole_values = math.floor(most + 1e-6) - math.ceil(least - 1e-6) + 1
        labels = tables[t][0]
        assert whole_values >= 2, (
            f"{list(CHARACTERISTICS)[t]}, {labels[r]}, {STAGES[c]}: {value} is the only "
            f"whole value from {least:.2f} to {most:.2f}"
        )
