"""Reading a partnership's grant, instalments and ledger, and the statement that puts them
together. Every amount is integer pence."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils import timezone

from stepup.accounts.roles import NATIONAL_TEAM, Role
from stepup.core.formatting import pounds
from stepup.funding.models import (
    MONEY_IN,
    EntryKind,
    Instalment,
    LedgerEntry,
    Repayment,
    financial_year_end,
    financial_year_label,
)
from stepup.offers.models import Offer, OfferStatus
from stepup.partnerships.models import Partnership
from stepup.partnerships.queries import partnerships_changeable_by
from stepup.programme.queries import funding_for

# The trainees.


def trainees_of(partnership: Partnership) -> list[Offer]:
    """The partnership's trainees: the candidates whose offers are unconditional."""
    return list(
        Offer.objects.filter(partnership=partnership, status=OfferStatus.UNCONDITIONAL)
        .select_related("application", "host")
        .order_by("application__full_name", "pk")
    )


def withdrawn_ids(partnership: Partnership) -> set[int]:
    return set(
        Repayment.objects.filter(partnership=partnership).values_list("trainee_id", flat=True)
    )


def has_started(partnership: Partnership, today: datetime.date | None = None) -> bool:
    return partnership.cohort.start_date <= (today or timezone.localdate())


# The grant.


@dataclass
class GrantLine:
    label: str
    working: str
    planned_pence: int
    actual_pence: int | None


@dataclass
class Grant:
    """Planned from the partnership's places; actual from its trainees once the programme
    has started (for a partnership that made its offers through the service), less those
    who withdrew; and why the two differ."""

    partnership: Partnership
    planned_trainees: int
    actual_trainees: int | None
    lines: list[GrantLine]
    planned_pence: int
    actual_pence: int | None
    reasons: list[str] = field(default_factory=list)

    @property
    def current_pence(self) -> int:
        """The grant as it stands: the actual once known, else the planned."""
        return self.planned_pence if self.actual_pence is None else self.actual_pence

    @property
    def difference_pence(self) -> int | None:
        return None if self.actual_pence is None else self.actual_pence - self.planned_pence


def grant_of(partnership: Partnership, *, today: datetime.date | None = None) -> Grant:
    rules = partnership.cohort.current_rules
    places = partnership.total_places
    planned = funding_for(rules=rules, trainees=places)
    actual = None
    reasons: list[str] = []
    # A partnership recruited outside the service (the published cohorts) has no record of
    # who started: its actual grant is not known here.
    if has_started(partnership, today) and Offer.objects.filter(partnership=partnership).exists():
        started = trainees_of(partnership)
        left = withdrawn_ids(partnership)
        count = len(started) - len([t for t in started if t.pk in left])
        actual = funding_for(rules=rules, trainees=count)
        if len(started) < places:
            missing = places - len(started)
            reasons.append(
                f"{missing} of the {places} places {'was' if missing == 1 else 'were'} not filled"
            )
        for repayment in Repayment.objects.filter(partnership=partnership).select_related(
            "trainee__application"
        ):
            reasons.append(
                f"{repayment.trainee.application.full_name} withdrew on "
                f"{repayment.withdrawn_on:%-d %B %Y}: {repayment.withdrawal_reason}"
            )
    actual_lines = {line.label: line for line in actual.lines} if actual else {}
    lines = [
        GrantLine(
            line.label,
            line.working,
            line.amount_pence,
            actual_lines[line.label].amount_pence
            if line.label in actual_lines
            else (0 if actual else None),
        )
        for line in planned.lines
    ]
    for label, line in actual_lines.items():
        if label not in {planned_line.label for planned_line in planned.lines}:
            lines.append(GrantLine(label, line.working, 0, line.amount_pence))
    return Grant(
        partnership=partnership,
        planned_trainees=places,
        actual_trainees=actual.trainees if actual else None,
        lines=lines,
        planned_pence=planned.total_pence,
        actual_pence=actual.total_pence if actual else None,
        reasons=reasons,
    )


# Instalments and the ledger.


def instalments_of(partnership: Partnership) -> list[Instalment]:
    return list(
        Instalment.objects.filter(partnership=partnership).select_related(
            "submitted_by", "accepted_by"
        )
    )


def released_pence(partnership: Partnership) -> int:
    return (
        Instalment.objects.filter(partnership=partnership).aggregate(total=Sum("released_pence"))[
            "total"
        ]
        or 0
    )


def scheduled_pence(partnership: Partnership, *, excluding: Instalment | None = None) -> int:
    qs = Instalment.objects.filter(partnership=partnership)
    if excluding is not None:
        qs = qs.exclude(pk=excluding.pk)
    return qs.aggregate(total=Sum("amount_pence"))["total"] or 0


def entries_of(partnership: Partnership, *, authority_ids: set[int] | None = None):
    """The ledger, oldest first; only the lines of ``authority_ids`` when given."""
    qs = LedgerEntry.objects.filter(partnership=partnership).select_related(
        "authority", "trainee__application", "posted_by", "reverses"
    )
    if authority_ids is not None:
        qs = qs.filter(authority_id__in=authority_ids)
    return list(qs.order_by("paid_on", "pk"))


def bursary_received(offer: Offer) -> int:
    """What a trainee has been paid in bursary, net of reversals (positive pence)."""
    total = LedgerEntry.objects.filter(trainee=offer, kind=EntryKind.BURSARY).aggregate(
        total=Sum("amount_pence")
    )["total"]
    return -(total or 0)


def bursary_paid_for(partnership: Partnership, month: datetime.date) -> set[int]:
    """The trainees paid a bursary for this month, not since reversed."""
    return set(
        LedgerEntry.objects.filter(
            partnership=partnership,
            kind=EntryKind.BURSARY,
            period=month,
            reversed_by__isnull=True,
            reverses__isnull=True,
        ).values_list("trainee_id", flat=True)
    )


@dataclass
class Statement:
    """Everything about a partnership's money, as the statement page, its downloads and
    ``manage.py funding_statement`` show it."""

    partnership: Partnership
    grant: Grant
    instalments: list[Instalment]
    entries: list[LedgerEntry]
    by_kind: dict[str, int]
    by_authority: dict[str, int]
    years: list[dict]
    repayments: list[Repayment]
    received_pence: int
    spent_pence: int
    balance_pence: int


def statement_of(
    partnership: Partnership,
    *,
    today: datetime.date | None = None,
    authority_ids: set[int] | None = None,
) -> Statement:
    today = today or timezone.localdate()
    entries = entries_of(partnership, authority_ids=authority_ids)
    by_kind: dict[str, int] = {}
    by_authority: dict[str, int] = {}
    years: dict[int, dict] = {}
    for entry in entries:
        by_kind[entry.kind] = by_kind.get(entry.kind, 0) + entry.amount_pence
        name = str(entry.authority)
        by_authority[name] = by_authority.get(name, 0) + entry.amount_pence
        year = years.setdefault(entry.year, {"in": 0, "out": 0, "returned": 0})
        if entry.kind == EntryKind.RETURN:
            year["returned"] += -entry.amount_pence
        elif entry.kind in MONEY_IN:
            year["in"] += entry.amount_pence
        else:
            year["out"] += -entry.amount_pence
    year_rows = []
    for start in sorted(years):
        figures = years[start]
        unspent = figures["in"] - figures["out"] - figures["returned"]
        ended = financial_year_end(start) < today
        year_rows.append(
            {
                "year": financial_year_label(start),
                "in_pence": figures["in"],
                "out_pence": figures["out"],
                "returned_pence": figures["returned"],
                "unspent_pence": unspent,
                "ended": ended,
                "to_return": ended and unspent > 0,
            }
        )
    received = sum(amount for kind, amount in by_kind.items() if kind in MONEY_IN)
    spent = -sum(amount for kind, amount in by_kind.items() if kind not in MONEY_IN)
    return Statement(
        partnership=partnership,
        grant=grant_of(partnership, today=today),
        instalments=instalments_of(partnership),
        entries=entries,
        by_kind=by_kind,
        by_authority=by_authority,
        years=year_rows,
        repayments=list(
            Repayment.objects.filter(partnership=partnership).select_related("trainee__application")
        ),
        received_pence=received,
        spent_pence=spent,
        balance_pence=received - spent,
    )


def money(pence: int | None) -> dict | None:
    """An amount as the JSON statement gives it: pence, and pounds to read."""
    return None if pence is None else {"pence": pence, "pounds": pounds(pence)}


def statement_json(statement: Statement) -> dict:
    grant = statement.grant
    return {
        "cohort": statement.partnership.cohort.number,
        "partnership": statement.partnership.code,
        "grant": {
            "planned_trainees": grant.planned_trainees,
            "actual_trainees": grant.actual_trainees,
            "lines": [
                {
                    "label": line.label,
                    "working": line.working,
                    "planned": money(line.planned_pence),
                    "actual": money(line.actual_pence),
                }
                for line in grant.lines
            ],
            "planned": money(grant.planned_pence),
            "actual": money(grant.actual_pence),
            "reasons": grant.reasons,
        },
        "instalments": [
            {
                "number": i.number,
                "milestone": i.get_milestone_display(),
                "year": i.year_label,
                "amount": money(i.amount_pence),
                "status": i.get_status_display(),
                "released": money(i.released_pence),
            }
            for i in statement.instalments
        ],
        "received": money(statement.received_pence),
        "spent_by_line": {
            EntryKind(kind).label: money(-amount)
            for kind, amount in statement.by_kind.items()
            if kind not in MONEY_IN
        },
        "by_authority": {name: money(amount) for name, amount in statement.by_authority.items()},
        "years": [
            {
                **{k: v for k, v in row.items() if not k.endswith("_pence")},
                **{
                    k.removesuffix("_pence"): money(v)
                    for k, v in row.items()
                    if k.endswith("_pence")
                },
            }
            for row in statement.years
        ],
        "repayments": [
            {
                "trainee": r.trainee.application.reference,
                "due": money(r.due_pence),
                "status": r.get_status_display(),
            }
            for r in statement.repayments
        ],
        "balance": money(statement.balance_pence),
    }


def _year_json(row: dict) -> dict:
    return {
        key.removesuffix("_pence"): money(value) if key.endswith("_pence") else value
        for key, value in row.items()
    }


# Who sees what.


def authority_lines_only(user, partnership: Partnership) -> set[int] | None:
    """``None`` when the person sees the whole ledger (the national team, the partnership's
    coordinator); otherwise the authorities whose lines they may see (an officer's own)."""
    if user.has_role(*NATIONAL_TEAM):
        return None
    if partnerships_changeable_by(user).filter(pk=partnership.pk).exists():
        return None
    return user.organisation_ids_with_role(Role.AUTHORITY_OFFICER)
