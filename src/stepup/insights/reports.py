"""The insights pages' content: tables, charts and summaries, for the national analyst
(``protect=False``) or anyone else (small counts hidden, and what rests on them)."""

from dataclasses import dataclass

from stepup.core.disclosure import SMALL_COUNT
from stepup.core.formatting import govuk_date
from stepup.insights import queries
from stepup.insights.charts import Chart, bar_chart
from stepup.insights.fairness import CharacteristicReport, fairness_reports
from stepup.insights.protect import shown
from stepup.insights.stages import ACCEPTED, RANK, SHORT_LABELS, STAGE_LABELS, STAGES
from stepup.insights.statistics import FOUR_FIFTHS, TestResult, impact_ratios, rate
from stepup.insights.tables import Cell, Row, Table, count, counts
from stepup.trainees.models import Classification
from stepup.trainees.queries import outcomes_table


@dataclass(frozen=True)
class Section:
    """A table, with its chart and summary where it has them."""

    table: Table
    chart: Chart | None = None
    summary: str = ""


def _rate(part: int | None, whole: int | None) -> float | None:
    return None if part is None or whole is None else rate(part, whole)


def _percent(value: float | None) -> str:
    return "an unknown share" if value is None else f"{value * 100:.0f}%"


def _count(value: int | None, counted: int) -> str:
    if value is not None:
        return f"{value:,}"
    return "a number we do not show" if counted >= SMALL_COUNT else "fewer than 5"


def funnel_summary(reached: list[int | None], counted: list[int]) -> str:
    """What the funnel says, in a sentence or three (``counted``: only to say why a figure
    is not given)."""
    first = reached[0]
    if not counted[0]:
        return "No applications have been submitted yet."
    parts = [f"Of {_count(first, counted[0])} applications submitted"]
    accepted = reached[ACCEPTED]
    share = _rate(accepted, first)
    parts.append(
        f", {_count(accepted, counted[ACCEPTED])}"
        f"{'' if share is None else f' ({_percent(share)})'} accepted a "
        f"place and {_count(reached[-1], counted[-1])} started training."
    )
    steps = [
        (_rate(reached[i + 1], reached[i]), i)
        for i in range(len(STAGES) - 1)
        if reached[i] and reached[i + 1] is not None
    ]
    steps = [(r, i) for r, i in steps if r is not None]
    if steps:
        lowest, index = min(steps)
        parts.append(
            f" The biggest fall was from {STAGE_LABELS[STAGES[index]].lower()} to "
            f"{STAGE_LABELS[STAGES[index + 1]].lower()}: {_percent(lowest)} went on."
        )
    return "".join(parts)


def _protected_funnel(funnel, sources, *, partnership, protect: bool):
    """The funnel's and the sources' tables as shown: their totals count the same people at
    the same stages, so a total hidden in one is hidden in the other."""
    matrix = (
        [row.reached for row in funnel.rows]
        if partnership
        else [
            *(row.reached for row in funnel.rows),
            funnel.total.reached,
        ]
    )
    source_matrix = [*(row.reached for row in sources.rows), sources.total.reached]
    columns = [RANK[stage] for stage in queries.SOURCE_STAGES]
    hidden = [False] * len(STAGES)
    while True:
        visible = shown(matrix, protect=protect, total_hidden=hidden)
        from_funnel = [visible[-1][c] is None for c in columns]
        source_visible = shown(source_matrix, protect=protect, total_hidden=from_funnel)
        now = [value is None for value in visible[-1]]
        for index, c in enumerate(columns):
            now[c] = now[c] or source_visible[-1][index] is None
        if now == hidden or not protect:
            return matrix, visible, source_matrix, source_visible
        hidden = now


def funnel_sections(*, cohort, partnership=None, protect: bool) -> list[Section]:
    funnel, sources = queries.funnel_and_sources(cohort=cohort, partnership=partnership)
    counted, visible, source_counted, source_matrix = _protected_funnel(
        funnel, sources, partnership=partnership, protect=protect
    )
    total, total_counted = visible[-1], counted[-1]
    scope = partnership.name if partnership else f"{cohort.name}, all partnerships"
    stage_rows = [
        Row(
            STAGE_LABELS[stage],
            [
                count(total[i], total_counted[i]),
                Cell(_rate(total[i], total[i - 1]) if i else None, "rate"),
                Cell(_rate(total[i], total[0]), "rate"),
            ],
        )
        for i, stage in enumerate(STAGES)
    ]
    summary = funnel_summary(total, total_counted)
    chart = bar_chart(
        key="funnel",
        title=f"How many reached each stage: {scope}",
        summary=summary,
        bars=[
            (STAGE_LABELS[s], total[i], count(total[i], total_counted[i]).text)
            for i, s in enumerate(STAGES)
        ],
    )
    sections = [
        Section(
            Table(
                key="funnel",
                title=f"The funnel: {scope}",
                heading="Stage",
                columns=["Reached", "Of the stage before", "Of all submitted"],
                rows=stage_rows,
            ),
            chart,
            summary,
        )
    ]
    if not partnership:
        sections.append(
            Section(
                Table(
                    key="by-partnership",
                    title="How many reached each stage, by first-choice partnership",
                    heading="Partnership",
                    columns=[SHORT_LABELS[s] for s in STAGES],
                    rows=[
                        Row(row.label, counts(values, true), total=row is funnel.total)
                        for row, values, true in zip(
                            [*funnel.rows, funnel.total], visible, counted, strict=True
                        )
                    ],
                )
            )
        )
    sections.append(
        Section(
            Table(
                key="sources",
                title="Where candidates heard about the programme, and how far they got",
                heading="Heard about it from",
                columns=[
                    *(SHORT_LABELS[s] for s in queries.SOURCE_STAGES),
                    "Accepted, of submitted",
                ],
                rows=[
                    Row(
                        row.label,
                        [*counts(values, true), Cell(_rate(values[-1], values[0]), "rate")],
                        total=row is sources.total,
                    )
                    for row, values, true in zip(
                        [*sources.rows, sources.total], source_matrix, source_counted, strict=True
                    )
                ],
            )
        )
    )
    return sections


# Fairness by stage.


def _test_cells(result: TestResult) -> list[Cell]:
    return [
        Cell(
            {"chi2": "Chi-square", "fisher": "Fisher's exact"}.get(result.test, "Not tested"),
            "text",
        ),
        Cell(result.statistic, "number"),
        Cell(result.dof, "text") if result.dof is not None else Cell(None, "number"),
        Cell(result.p_value, "p_value"),
        Cell(result.cramers_v, "number"),
    ]


def _significance(result: TestResult) -> str:
    if not result.tested:
        return "The difference between groups cannot be tested here."
    name = "chi-square" if result.test == "chi2" else "Fisher's exact test"
    p = Cell(result.p_value, "p_value").text
    p = p if p.startswith("under") else f"= {p}"
    if result.p_value < 0.05:
        return f"The difference between groups is statistically significant ({name}, p {p})."
    return f"The difference between groups could be chance ({name}, p {p})."


def fairness_summary(report: CharacteristicReport) -> str:
    rates = {
        row.label: _rate(row.reached[ACCEPTED], row.reached[0])
        for row in report.rows
        if row.answered
    }
    known = {g: r for g, r in rates.items() if r is not None}
    if not known:
        return "Too few candidates answered this question to compare groups."
    best = max(known, key=known.get)
    text = f"{best} had the highest rate of accepting a place: {_percent(known[best])}."
    if report.flagged:
        text += (
            " Under four fifths of it: "
            + ", ".join(
                f"{g} ({_percent(known.get(g))}, {report.impact_ratios[g]:.2f} of the highest)"
                for g in report.flagged
            )
            + "."
        )
    return text + " " + _significance(report.overall)


def fairness_sections(*, snapshot, partnership_id=None, protect: bool) -> list[dict]:
    """For each characteristic: its counts, its rates by stage, its tests and its ratios."""
    found = []
    for report in fairness_reports(
        snapshot=snapshot, partnership_id=partnership_id, protect=protect
    ):
        rows = [*report.rows, report.total]
        reached = Table(
            key=f"{report.key}-reached",
            title=f"{report.title}: how many reached each stage",
            heading=report.title,
            columns=[SHORT_LABELS[s] for s in STAGES],
            rows=[
                Row(
                    r.label,
                    [Cell(v, withheld=w) for v, w in zip(r.reached, r.withheld, strict=True)],
                    total=r is report.total,
                )
                for r in rows
            ],
        )
        rate_table = Table(
            key=f"{report.key}-rates",
            title=f"{report.title}: the rate of going on from each stage",
            heading=report.title,
            columns=[
                f"{SHORT_LABELS[a]} to {SHORT_LABELS[b].lower()}"
                for a, b, _, _ in report.transitions
            ],
            rows=[
                Row(
                    r.label,
                    [Cell(rates.get(r.label), "rate") for _, _, _, rates in report.transitions],
                )
                for r in report.rows
            ],
            notes=["“–” means the rate rests on a hidden count, or nobody reached the stage."],
        )
        tests = Table(
            key=f"{report.key}-tests",
            title=f"{report.title}: tests of independence",
            heading="Between groups, at",
            columns=["Test", "Statistic", "Degrees of freedom", "p value", "Cramér's V"],
            rows=[
                Row("Accepting a place (overall)", _test_cells(report.overall)),
                *(
                    Row(f"{STAGE_LABELS[a]} to {STAGE_LABELS[b].lower()}", _test_cells(result))
                    for a, b, result, _ in report.transitions
                ),
            ],
            notes=[
                "Pearson's chi-square without continuity correction; Fisher's exact test for "
                "two groups where an expected count is under 5 (its statistic is the odds "
                "ratio). “Prefer not to say” and “No answer” are left out of the tests.",
                f"Figures to the end of {govuk_date(snapshot.figures_to)} (UK time).",
            ],
        )
        accept_rates = {r.label: _rate(r.reached[ACCEPTED], r.reached[0]) for r in report.rows}
        ratios = Table(
            key=f"{report.key}-ratios",
            title=f"{report.title}: selection rates and impact ratios",
            heading=report.title,
            columns=["Accepted a place, of submitted", "Of the highest rate", "Under four fifths"],
            rows=[
                Row(
                    r.label,
                    [
                        Cell(accept_rates[r.label], "rate"),
                        Cell(report.impact_ratios.get(r.label), "ratio"),
                        Cell(
                            "Yes"
                            if r.label in report.flagged
                            else ("No" if report.impact_ratios.get(r.label) is not None else "–"),
                            "text",
                        ),
                    ],
                    flagged=r.label in report.flagged,
                )
                for r in report.rows
            ],
        )
        summary = fairness_summary(report)
        chart = bar_chart(
            key=f"{report.key}-chart",
            title=f"{report.title}: accepted a place, of those who applied",
            summary=summary,
            bars=[
                (r.label, accept_rates[r.label], Cell(accept_rates[r.label], "rate").text)
                for r in report.rows
            ],
            highlighted=set(report.flagged),
        )
        charts = [(chart, ratios.key)]
        gap = widest_gap(report)
        if gap is not None:
            charts.append((gap, rate_table.key))
        found.append(
            {
                "key": report.key,
                "title": report.title,
                "summary": summary,
                "charts": charts,
                "tables": [reached, rate_table, ratios, tests],
                "hides_any": report.hides_any,
                "four_fifths": FOUR_FIFTHS,
            }
        )
    return found


def widest_gap(report: CharacteristicReport) -> Chart | None:
    """The stage where groups differ most (the lowest impact ratio of going on, among groups
    at least 5 of whom reached the stage), charted: where a "cliff edge" such as the
    evaluation found at the sift would show."""
    base = {row.label: row.reached for row in report.rows if row.answered}
    widest = None
    for index, (source, target, _, rates) in enumerate(report.transitions):
        known = {
            g: rates[g]
            for g, reached in base.items()
            if rates.get(g) is not None and (reached[index] or 0) >= SMALL_COUNT
        }
        if len(known) < 2 or not max(known.values()):
            continue
        ratios = impact_ratios(known)
        lowest = min(r for r in ratios.values() if r is not None)
        if widest is None or lowest < widest[0]:
            widest = (lowest, source, target, rates, ratios)
    if widest is None:
        return None
    lowest, source, target, rates, ratios = widest  # ratios: the groups compared
    step = f"{STAGE_LABELS[source].lower()} to {STAGE_LABELS[target].lower()}"
    best = max((g for g in ratios if ratios[g] is not None), key=lambda g: rates[g])
    worst = min((g for g in ratios if ratios[g] is not None), key=lambda g: rates[g])
    summary = (
        f"Groups differ most from {step}: {_percent(rates[best])} of {best} went on, against "
        f"{_percent(rates[worst])} of {worst} ({lowest:.2f} of the highest rate)."
    )
    return bar_chart(
        key=f"{report.key}-gap",
        title=f"{report.title}: went on from {step}",
        summary=summary,
        bars=[
            (row.label, rates.get(row.label), Cell(rates.get(row.label), "rate").text)
            for row in report.rows
        ],
        highlighted={g for g, r in ratios.items() if r is not None and r < FOUR_FIFTHS},
    )


# Outcomes and money.

OUTCOME_COLUMNS = ("pass", "merit", "distinction", "continuing", "fail")


def outcome_sections(*, cohort, protect: bool) -> list[Section]:
    rows = outcomes_table(cohort=cohort)
    matrix = [
        [row.registered, row.withdrawn, *(row.counts.get(k, 0) for k in OUTCOME_COLUMNS)]
        for row in rows
    ]
    matrix.append([sum(column) for column in zip(*matrix, strict=True)] or [0] * 7)
    visible = shown(matrix, protect=protect, additive=True)
    labels = [row.partnership.name for row in rows] + ["All partnerships"]
    academic = Table(
        key="academic",
        title="Academic outcomes, by partnership",
        heading="Partnership",
        columns=["Registered", "Withdrawn", *(Classification(k).label for k in OUTCOME_COLUMNS)],
        rows=[
            Row(label, counts(values, true), total=label == labels[-1])
            for label, values, true in zip(labels, visible, matrix, strict=True)
        ],
    )
    employment = queries.employment_of(cohort=cohort)
    matrix = [row.counts for row in employment]
    matrix.append(
        [sum(column) for column in zip(*matrix, strict=True)]
        or [0] * len(queries.EMPLOYMENT_COLUMNS)
    )
    visible = shown(matrix, protect=protect, additive=True)
    labels = [row.label for row in employment] + ["All partnerships"]
    jobs = Table(
        key="employment",
        title="Registration and employment, by partnership",
        heading="Partnership",
        columns=list(queries.EMPLOYMENT_COLUMNS),
        rows=[
            Row(label, counts(values, true), total=label == labels[-1])
            for label, values, true in zip(labels, visible, matrix, strict=True)
        ],
    )
    money = queries.funding_position(cohort=cohort)
    funding = Table(
        key="funding",
        title="Funding position, by partnership",
        heading="Partnership",
        columns=["Trainees", "Grant planned", "Received", "Spent", "Balance"],
        rows=[
            Row(
                row.partnership.name,
                [
                    Cell(row.trainees)
                    if not protect or row.trainees >= 5 or row.trainees == 0
                    else Cell(None),
                    Cell(row.planned_pence, "pence"),
                    Cell(row.received_pence, "pence"),
                    Cell(row.spent_pence, "pence"),
                    Cell(row.balance_pence, "pence"),
                ],
            )
            for row in money
        ],
    )
    return [Section(academic), Section(jobs), Section(funding)]
