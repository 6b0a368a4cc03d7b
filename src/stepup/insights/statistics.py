"""Fairness by stage: tests of independence, Cramér's V and impact ratios, from counts.

The same functions serve the pages (counts from the database) and ``equality_report`` (counts
from an anonymised file), so a researcher can reproduce what the service shows. SciPy does
the arithmetic; this module decides which test fits a table and what cannot be tested.

Counts come as, for each group, the number of candidates who reached each stage (a candidate
counted at every stage up to their furthest). Groups of people who preferred not to say, or
did not answer, are shown but left out of every test.
"""

import math
from dataclasses import asdict, dataclass

from scipy.stats import chi2_contingency, fisher_exact
from scipy.stats.contingency import association, expected_freq

FOUR_FIFTHS = 0.8
EXPECTED_AT_LEAST = 5  # below this in a 2×2 table, Fisher's exact test instead of chi-square


@dataclass(frozen=True)
class TestResult:
    """One test of independence. ``statistic`` is chi-square for "chi2", and the (sample)
    odds ratio for "fisher"; every field is ``None`` where the table cannot be tested (fewer
    than two groups, or everyone on one side)."""

    test: str | None = None
    statistic: float | None = None
    dof: int | None = None
    p_value: float | None = None
    cramers_v: float | None = None

    @property
    def tested(self) -> bool:
        return self.test is not None

    def as_dict(self) -> dict:
        return asdict(self)


NOT_TESTED = TestResult()


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def independence_test(table: list[list[int]]) -> TestResult:
    """Whether the outcome (columns) depends on the group (rows): Pearson's chi-square
    without continuity correction, or Fisher's exact test for a 2×2 table with an expected
    count under 5. Rows and columns of zeros are left out first (they carry no information
    and have no expected counts)."""
    rows = [list(row) for row in table if sum(row) > 0]
    if len(rows) < 2:
        return NOT_TESTED
    keep = [c for c in range(len(rows[0])) if sum(row[c] for row in rows) > 0]
    if len(keep) < 2:
        return NOT_TESTED
    observed = [[row[c] for c in keep] for row in rows]
    chi2 = chi2_contingency(observed, correction=False)
    cramers_v = _finite(association(observed, method="cramer", correction=False))
    dof = int(chi2.dof)
    if len(observed) == 2 and len(keep) == 2 and expected_freq(observed).min() < EXPECTED_AT_LEAST:
        fisher = fisher_exact(observed)
        return TestResult("fisher", _finite(fisher.statistic), dof, float(fisher.pvalue), cramers_v)
    return TestResult("chi2", float(chi2.statistic), dof, float(chi2.pvalue), cramers_v)


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class Transition:
    """Among those who reached ``source``, whether they reached ``target``, by group."""

    source: str
    target: str
    rates: dict[str, float | None]  # every group's, the unanswered included
    impact_ratios: dict[str, float | None]  # answered groups only
    result: TestResult

    def as_dict(self) -> dict:
        return {"from": self.source, "to": self.target, **self.result.as_dict()}


@dataclass(frozen=True)
class Analysis:
    """One characteristic's fairness by stage."""

    stages: tuple[str, ...]
    groups: dict[str, list[int]]  # answered groups: how many reached each stage
    not_answered: dict[str, list[int]]  # "Prefer not to say", no answer
    overall: TestResult
    transitions: tuple[Transition, ...]
    selection_rates: dict[str, float | None]  # reaching the outcome, of those who started
    impact_ratios: dict[str, float | None]

    @property
    def flagged(self) -> list[str]:
        """Groups whose selection rate is under four fifths of the highest group's."""
        return [g for g, r in self.impact_ratios.items() if r is not None and r < FOUR_FIFTHS]


def impact_ratios(rates: dict[str, float | None]) -> dict[str, float | None]:
    """Each group's rate over the highest group's; ``None`` where either is unknown or the
    highest is nought (nobody to compare with)."""
    known = [r for r in rates.values() if r is not None]
    best = max(known, default=0)
    return {g: (r / best if r is not None and best else None) for g, r in rates.items()}


def fairness_analysis(
    *,
    stages: tuple[str, ...],
    groups: dict[str, list[int]],
    not_answered: dict[str, list[int]],
    outcome: int,
) -> Analysis:
    """Tests overall (reaching stage ``outcome`` or not, among everyone counted at the first
    stage) and for each pair of consecutive stages, among those who reached the first."""
    start = 0
    overall = independence_test(
        [[counts[outcome], counts[start] - counts[outcome]] for counts in groups.values()]
    )
    transitions = []
    for index in range(len(stages) - 1):
        rates = {
            g: rate(counts[index + 1], counts[index])
            for g, counts in {**groups, **not_answered}.items()
        }
        transitions.append(
            Transition(
                source=stages[index],
                target=stages[index + 1],
                rates=rates,
                impact_ratios=impact_ratios({g: rates[g] for g in groups}),
                result=independence_test(
                    [
                        [counts[index + 1], counts[index] - counts[index + 1]]
                        for counts in groups.values()
                    ]
                ),
            )
        )
    selection = {
        g: rate(counts[outcome], counts[start]) for g, counts in {**groups, **not_answered}.items()
    }
    return Analysis(
        stages=stages,
        groups=groups,
        not_answered=not_answered,
        overall=overall,
        transitions=tuple(transitions),
        selection_rates=selection,
        impact_ratios=impact_ratios({g: selection[g] for g in groups}),
    )


def reached_from_furthest(furthest: list[int]) -> list[int]:
    """How many reached each stage, from how many got no further than each: a candidate has
    reached every stage up to their furthest."""
    reached, running = [], 0
    for count in reversed(furthest):
        running += count
        reached.append(running)
    return reached[::-1]
