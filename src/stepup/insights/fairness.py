"""Fairness by stage: the day's snapshot of counts by characteristic and furthest stage, and
the analysis of it, for the national analyst (everything) or a partnership (protected).

This is the only module of insights that reads equality figures, and it reads them only
through ``applications.equality`` and only into a ``FairnessSnapshot``: at most one a day
per cohort, so that no one can compare the figures before and after one decision (ADR 0012).
"""

import datetime
import secrets
from dataclasses import dataclass

from stepup.applications.equality import (
    CHARACTERISTICS,
    NO_ANSWER,
    PREFER_NOT_TO_SAY_LABEL,
    equality_counts_by_stage_reached,
    equality_rows_for_research,
)
from stepup.core.disclosure import SMALL_COUNT, k_anonymous
from stepup.core.figures import figures_cut_off
from stepup.insights.models import FairnessSnapshot
from stepup.insights.protect import shown_together
from stepup.insights.reached import reached_sql
from stepup.insights.stages import ACCEPTED, FILE_STAGES, STAGES
from stepup.insights.statistics import (
    FOUR_FIFTHS,
    NOT_TESTED,
    TestResult,
    fairness_analysis,
    reached_from_furthest,
)

NOT_ANSWERED = (PREFER_NOT_TO_SAY_LABEL, NO_ANSWER)


def fairness_snapshot(*, cohort) -> FairnessSnapshot:
    """Today's snapshot of the cohort's figures, taken now if nobody has asked for it today.

    Its figures count only what happened up to the end of yesterday, whenever today it is
    first asked for: the cut-off is the calendar's, not the viewer's (ADR 0022), so no view
    taken before a decision and another after it can differ by that decision."""

    def figures(day: datetime.date) -> dict:
        reached = reached_sql(cohort_id=cohort.pk, until=figures_cut_off(day))
        counts = equality_counts_by_stage_reached(
            cohort=cohort, reached_sql=reached.sql, params=reached.params, stages=len(STAGES)
        )
        return {str(partnership_id): found for partnership_id, found in counts.items()}

    return FairnessSnapshot.of_today(cohort=cohort, figures=figures)


@dataclass(frozen=True)
class GroupRow:
    label: str
    reached: list[int | None]  # by stage; None where hidden
    answered: bool
    withheld: list[bool]  # hidden though 5 or more, to protect a smaller count


@dataclass(frozen=True)
class CharacteristicReport:
    """One characteristic's table, tests and ratios, as the viewer may see them."""

    key: str
    title: str
    rows: list[GroupRow]
    total: GroupRow
    overall: TestResult
    transitions: list[tuple[str, str, TestResult, dict[str, float | None]]]
    impact_ratios: dict[str, float | None]
    hides_any: bool

    @property
    def flagged(self) -> list[str]:
        return [g for g, r in self.impact_ratios.items() if r is not None and r < FOUR_FIFTHS]


def _furthest(snapshot: FairnessSnapshot, partnership_id: int | None) -> dict[str, dict]:
    """Counts by furthest stage, by characteristic and group: the partnership's, or all."""
    scopes = (
        [snapshot.figures.get(str(partnership_id), {})]
        if partnership_id
        else list(snapshot.figures.values())
    )
    merged: dict[str, dict[str, list[int]]] = {key: {} for key in CHARACTERISTICS}
    for scope in scopes:
        for key, groups in scope.items():
            for label, counts in groups.items():
                into = merged[key].setdefault(label, [0] * len(STAGES))
                for i, count in enumerate(counts):
                    into[i] += count
    return merged


def _withheld(shown: list[int | None], counted: list[int]) -> list[bool]:
    return [
        value is None and true >= SMALL_COUNT for value, true in zip(shown, counted, strict=True)
    ]


def fairness_reports(
    *, snapshot: FairnessSnapshot, partnership_id: int | None = None, protect: bool
) -> list[CharacteristicReport]:
    """Every characteristic's report. With ``protect``, counts under 5 and whatever would
    give them away are hidden, and a rate, ratio or test is shown only where every count it
    rests on is shown."""
    furthest = _furthest(snapshot, partnership_id)
    by_characteristic = {}
    for key, spec in CHARACTERISTICS.items():
        labels = [label for label in spec.rows if label in furthest[key]] or [NO_ANSWER]
        by_characteristic[key] = {
            label: reached_from_furthest(furthest[key].get(label, [0] * len(STAGES)))
            for label in labels
        }
    # Every table counts the same candidates, so they share their totals, and those who
    # answered nothing are "No answer" in each: protected across the tables together.
    tables = shown_together(
        [
            [*reached.values(), [sum(c) for c in zip(*reached.values(), strict=True)]]
            for reached in by_characteristic.values()
        ],
        protect=protect,
        linked=[
            list(reached).index(NO_ANSWER) if NO_ANSWER in reached else None
            for reached in by_characteristic.values()
        ],
    )
    reports = []
    for (key, reached), table in zip(by_characteristic.items(), tables, strict=True):
        total = [sum(c) for c in zip(*reached.values(), strict=True)]
        spec, labels = CHARACTERISTICS[key], list(reached)
        answered = {g: c for g, c in reached.items() if g not in NOT_ANSWERED}
        analysis = fairness_analysis(
            stages=STAGES,
            groups=answered,
            not_answered={g: c for g, c in reached.items() if g in NOT_ANSWERED},
            outcome=ACCEPTED,
        )
        visible = dict(zip(labels, table, strict=False))

        def all_shown(*columns: int, visible=visible, answered=answered) -> bool:
            return all(visible[g][c] is not None for g in answered for c in columns)

        transitions = []
        for index, transition in enumerate(analysis.transitions):
            ok = all_shown(index, index + 1)
            transitions.append(
                (
                    transition.source,
                    transition.target,
                    transition.result if ok else NOT_TESTED,
                    {
                        g: r
                        for g, r in transition.rates.items()
                        if visible[g][index] is not None and visible[g][index + 1] is not None
                    },
                )
            )
        ratios = {g: r for g, r in analysis.impact_ratios.items() if all_shown(0, ACCEPTED)}
        reports.append(
            CharacteristicReport(
                key=key,
                title=spec.title,
                rows=[
                    GroupRow(
                        g, visible[g], g not in NOT_ANSWERED, _withheld(visible[g], reached[g])
                    )
                    for g in labels
                ],
                total=GroupRow("All candidates", table[-1], True, _withheld(table[-1], total)),
                overall=analysis.overall if all_shown(0, ACCEPTED) else NOT_TESTED,
                transitions=transitions,
                impact_ratios=ratios,
                hides_any=any(v is None for row in table for v in row),
            )
        )
    return reports


# Research files: one row per candidate, anonymised (docs/equality-report.md).

FILE_COLUMNS = {"age": "age_band"}  # the file's name for a characteristic, where it differs
RESEARCH_COLUMNS = (
    "candidate_ref",
    "furthest_stage",
    *(FILE_COLUMNS.get(key, key) for key in CHARACTERISTICS),
)
# Suppressed first where a combination is rare: the answers least used in the analysis
# first, the stage last.
SUPPRESSION_ORDER = (
    "sexual_orientation",
    "religion",
    "disability",
    "age_band",
    "ethnicity",
    "sex",
    "furthest_stage",
)


def anonymised_rows(*, cohort) -> list[dict]:
    """Every candidate who submitted an application to the cohort: a random reference, the
    furthest stage reached and their answers in broader groups, shuffled so that the order
    of rows says nothing of the order of applications, and k-anonymous: every combination of
    stage and answers is shared by at least 5 rows, rarer ones suppressed (ADR 0022)."""
    reached = reached_sql(cohort_id=cohort.pk)
    found = [
        {
            "furthest_stage": FILE_STAGES[STAGES[stage]],
            **{FILE_COLUMNS.get(key, key): value for key, value in answers.items()},
        }
        for stage, answers in equality_rows_for_research(
            cohort=cohort, reached_sql=reached.sql, params=reached.params
        )
    ]
    found = k_anonymous(found, columns=SUPPRESSION_ORDER, k=SMALL_COUNT)
    secrets.SystemRandom().shuffle(found)
    refs = set()
    while len(refs) < len(found):
        refs.add(secrets.token_hex(6))
    return [{"candidate_ref": ref, **row} for ref, row in zip(sorted(refs), found, strict=True)]
