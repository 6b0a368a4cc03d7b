"""The funnel, sources of interest, outcomes and funding position: counted in the database.

Nothing here reads equality answers (``fairness`` does, through ``applications.equality``).
Counts are by furthest stage (``reached``); a row's count at a stage is how many reached it.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, Sum

from stepup.applications.models import Application, HeardAbout
from stepup.funding.models import MONEY_IN, LedgerEntry
from stepup.insights.reached import reached_sql, rows
from stepup.insights.stages import RANK, STAGES
from stepup.insights.statistics import reached_from_furthest
from stepup.partnerships.models import Partnership
from stepup.programme.queries import funding_for
from stepup.trainees.models import Employment, Outcome, Trainee, TraineeStatus


@dataclass(frozen=True)
class FunnelRow:
    label: str
    reached: list[int]  # by stage


@dataclass(frozen=True)
class Funnel:
    """Per partnership (first choice) and in all: how many reached each stage."""

    rows: list[FunnelRow]
    total: FunnelRow


# The stages the sources of interest are followed to (seed 001 Figure 5.2).
SOURCE_STAGES = ("submitted", "invited", "offered", "accepted")


def _furthest_counts(*, cohort, partnership: Partnership | None) -> list[tuple]:
    """(partnership id, where they heard of it, furthest stage, how many): one GROUP BY
    over every application's furthest stage, for the funnel and the sources alike."""
    reached = reached_sql(
        cohort_id=cohort.pk, partnership_id=partnership.pk if partnership else None
    )
    application = Application._meta
    heard = connection.ops.quote_name(application.get_field("heard_about").column)
    table = connection.ops.quote_name(application.db_table)
    return rows(
        f"SELECT r.partnership_id, a.{heard}, r.stage, COUNT(*) "  # noqa: S608
        f"FROM ({reached.sql}) r JOIN {table} a ON a.id = r.application_id "
        f"GROUP BY r.partnership_id, a.{heard}, r.stage",
        reached.params,
    )


def _summed(by_key: dict, key, stage: int, count: int) -> None:
    by_key.setdefault(key, [0] * len(STAGES))[stage] += count


def funnel_and_sources(*, cohort, partnership: Partnership | None = None) -> tuple[Funnel, Funnel]:
    """Per partnership (first choice) and in all, how many reached each stage; and where
    candidates heard of the programme, by how far they got (seed 001 Figures 5.1, 5.2)."""
    by_partnership: dict[int, list[int]] = {}
    by_source: dict[str, list[int]] = {}
    for partnership_id, heard, stage, count in _furthest_counts(
        cohort=cohort, partnership=partnership
    ):
        _summed(by_partnership, partnership_id, stage, count)
        _summed(by_source, heard or "", stage, count)
    partnerships = (
        [partnership]
        if partnership
        else list(Partnership.objects.filter(cohort=cohort).order_by("name"))
    )
    none = [0] * len(STAGES)
    listed = [
        FunnelRow(p.name, reached_from_furthest(by_partnership.get(p.pk, none)))
        for p in partnerships
    ]
    if not partnership and by_partnership.get(0):
        listed.append(FunnelRow("No first choice given", reached_from_furthest(by_partnership[0])))
    total = [sum(c) for c in zip(*by_partnership.values(), strict=True)] or none
    funnel = Funnel(rows=listed, total=FunnelRow("All applications", reached_from_furthest(total)))

    labels = {**dict(HeardAbout.choices), "": "Not answered"}
    picked = [RANK[stage] for stage in SOURCE_STAGES]

    def row(label: str, counts: list[int]) -> FunnelRow:
        reached_counts = reached_from_furthest(counts)
        return FunnelRow(label, [reached_counts[i] for i in picked])

    sources = Funnel(
        rows=[row(labels[key], by_source.get(key, none)) for key in labels],
        total=row("All applications", total),
    )
    return funnel, sources


def funnel_of(*, cohort, partnership: Partnership | None = None) -> Funnel:
    return funnel_and_sources(cohort=cohort, partnership=partnership)[0]


def sources_of(*, cohort, partnership: Partnership | None = None) -> Funnel:
    return funnel_and_sources(cohort=cohort, partnership=partnership)[1]


@dataclass(frozen=True)
class EmploymentRow:
    label: str
    counts: list[int]


EMPLOYMENT_COLUMNS = ("Completed", "Registered", *Employment.labels, "In post at 12 months")


def employment_of(*, cohort) -> list[EmploymentRow]:
    """Per partnership: trainees who completed, registered, where they went to work, and who
    was still in post a year on (one query)."""
    partnerships = list(Partnership.objects.filter(cohort=cohort).order_by("name"))
    by_partnership = {
        row["trainee__offer__partnership"]: row
        for row in Outcome.objects.filter(trainee__offer__partnership__cohort=cohort)
        .values("trainee__offer__partnership")
        .annotate(
            completed=Count("pk", filter=Q(trainee__status=TraineeStatus.COMPLETED)),
            registered=Count("pk", filter=Q(registered_on__isnull=False)),
            in_post=Count("pk", filter=Q(in_post_12_months=True)),
            **{
                f"employment_{value}": Count("pk", filter=Q(employment=value))
                for value in Employment.values
            },
        )
    }
    found = []
    for partnership in partnerships:
        row = by_partnership.get(partnership.pk)
        if row is None:
            continue
        found.append(
            EmploymentRow(
                partnership.name,
                [
                    row["completed"],
                    row["registered"],
                    *(row[f"employment_{value}"] for value in Employment.values),
                    row["in_post"],
                ],
            )
        )
    return found


@dataclass(frozen=True)
class FundingRow:
    partnership: Partnership
    trainees: int
    planned_pence: int
    received_pence: int
    spent_pence: int

    @property
    def balance_pence(self) -> int:
        return self.received_pence - self.spent_pence


def funding_position(*, cohort) -> list[FundingRow]:
    """Per approved partnership: the grant planned from its places, what it has received and
    spent by its ledger, and its trainees (five queries)."""
    partnerships = list(
        Partnership.objects.filter(cohort=cohort, status="approved")
        .annotate(places_total=Sum("members__places"))
        .order_by("name")
    )
    money = {}
    for partnership_id, kind, amount in (
        LedgerEntry.objects.filter(partnership__cohort=cohort)
        .values_list("partnership", "kind")
        .annotate(total=Sum("amount_pence"))
    ):
        received, spent = money.get(partnership_id, (0, 0))
        if kind in MONEY_IN:
            money[partnership_id] = (received + amount, spent)
        else:
            money[partnership_id] = (received, spent - amount)
    trainees = dict(
        Trainee.objects.filter(offer__partnership__cohort=cohort)
        .values_list("offer__partnership")
        .annotate(n=Count("pk"))
    )
    rules = cohort.rule_versions.prefetch_related("funding_rates").order_by("-number").first()
    return [
        FundingRow(
            partnership=p,
            trainees=trainees.get(p.pk, 0),
            planned_pence=funding_for(rules=rules, trainees=p.total_places).total_pence
            if rules
            else 0,
            received_pence=money.get(p.pk, (0, 0))[0],
            spent_pence=money.get(p.pk, (0, 0))[1],
        )
        for p in partnerships
    ]
