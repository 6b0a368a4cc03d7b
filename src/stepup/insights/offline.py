"""The analysis of an anonymised file (docs/equality-report.md): the same statistics as the
pages, so that researchers can reproduce them away from the service.

A file has one row per candidate: ``candidate_ref``, ``furthest_stage`` and one column per
characteristic. An empty cell, ``prefer_not_to_say``, ``not_given`` or ``suppressed`` counts
as not answered. ``export_anonymised`` writes broader stages (``offered_or_later`` …): each
counts as its first stage, and a row whose stage is ``suppressed`` is left out.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass

from stepup.core.disclosure import SUPPRESSED
from stepup.insights.stages import ACCEPTED, FILE_STAGE_REACHED, RANK, STAGES
from stepup.insights.statistics import Analysis, fairness_analysis, reached_from_furthest

REQUIRED = ("candidate_ref", "furthest_stage")
CHARACTERISTICS = ("age_band", "sex", "ethnicity", "disability", "religion", "sexual_orientation")
NOT_ANSWERED_VALUES = frozenset({"", "prefer_not_to_say", "not_given", SUPPRESSED})
STAGE_VALUES = {**RANK, **FILE_STAGE_REACHED}
NOT_ANSWERED = "not_answered"


class FileProblem(ValueError):
    """What is wrong with the file, every problem found, each saying how to put it right."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Counts:
    """For each characteristic and group, how many candidates got no further than each stage."""

    characteristics: dict[str, dict[str, list[int]]]


def counts_from_rows(rows: Iterable[dict], *, columns: list[str]) -> Counts:
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise FileProblem(
            [f"The file has no {name} column: add it to the first row" for name in missing]
        )
    characteristics = [name for name in columns if name not in REQUIRED]
    found: dict[str, dict[str, list[int]]] = {name: {} for name in characteristics}
    problems, refs = [], set()
    for line, row in enumerate(rows, start=2):
        stage = (row.get("furthest_stage") or "").strip()
        ref = (row.get("candidate_ref") or "").strip()
        if stage == SUPPRESSED:
            continue
        if stage not in STAGE_VALUES:
            problems.append(
                f"Row {line}: furthest_stage {stage!r} is not a stage; use one of "
                + ", ".join(STAGE_VALUES)
            )
            continue
        if not ref:
            problems.append(f"Row {line}: candidate_ref is empty; give every row a reference")
        elif ref in refs:
            problems.append(f"Row {line}: candidate_ref {ref!r} is on an earlier row too")
        refs.add(ref)
        for name in characteristics:
            value = (row.get(name) or "").strip()
            group = NOT_ANSWERED if value in NOT_ANSWERED_VALUES else value
            found[name].setdefault(group, [0] * len(STAGES))[STAGE_VALUES[stage]] += 1
    if problems:
        raise FileProblem(problems)
    return Counts(found)


def read_counts(path) -> Counts:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        columns = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = columns
        return counts_from_rows(reader, columns=columns)


def analyse(counts: dict[str, list[int]]) -> Analysis:
    """One characteristic's analysis from how many got no further than each stage, by group."""
    reached = {group: reached_from_furthest(furthest) for group, furthest in counts.items()}
    return fairness_analysis(
        stages=STAGES,
        groups={g: c for g, c in sorted(reached.items()) if g != NOT_ANSWERED},
        not_answered={g: c for g, c in reached.items() if g == NOT_ANSWERED},
        outcome=ACCEPTED,
    )


def _by_stage(counts: list[int]) -> dict[str, int]:
    return dict(zip(STAGES, counts, strict=True))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def report_json(counts: Counts) -> dict:
    """The report as documented in docs/equality-report.md."""
    characteristics = {}
    for name, by_group in counts.characteristics.items():
        analysis = analyse(by_group)
        characteristics[name] = {
            "groups": {g: _by_stage(c) for g, c in analysis.groups.items()},
            NOT_ANSWERED: _by_stage(analysis.not_answered.get(NOT_ANSWERED, [0] * len(STAGES))),
            "overall": analysis.overall.as_dict(),
            "transitions": [t.as_dict() for t in analysis.transitions],
            "impact_ratios": {g: _round(r) for g, r in analysis.impact_ratios.items()},
            "below_four_fifths": analysis.flagged,
        }
    return {"stages": list(STAGES), "characteristics": characteristics}
