"""The statement as rows, for its CSV and XLSX downloads: amounts in pence (integers) and in
pounds, side by side, so a spreadsheet can add them up exactly."""

from stepup.core.exports import xlsx_bytes
from stepup.core.formatting import pounds
from stepup.funding.models import MONEY_IN, EntryKind
from stepup.funding.queries import Statement


def statement_rows(statement: Statement) -> list[list]:
    partnership, grant = statement.partnership, statement.grant
    rows: list[list] = [
        [f"{partnership.name} ({partnership.code}), cohort {partnership.cohort.number}"],
        [],
        ["Grant line", "Working", "Planned (pence)", "Planned", "Actual (pence)", "Actual"],
    ]
    for line in grant.lines:
        rows.append(
            [
                line.label,
                line.working,
                line.planned_pence,
                pounds(line.planned_pence),
                line.actual_pence,
                pounds(line.actual_pence),
            ]
        )
    rows.append(
        [
            "Grant",
            f"{grant.planned_trainees} places",
            grant.planned_pence,
            pounds(grant.planned_pence),
            grant.actual_pence,
            pounds(grant.actual_pence),
        ]
    )
    rows += [[reason] for reason in grant.reasons]
    rows += [
        [],
        ["Instalment", "Milestone", "Year", "Amount (pence)", "Status", "Released (pence)"],
    ]
    for i in statement.instalments:
        rows.append(
            [
                i.number,
                i.get_milestone_display(),
                i.year_label,
                i.amount_pence,
                i.get_status_display(),
                i.released_pence,
            ]
        )
    rows += [
        [],
        [
            "Date",
            "Year",
            "Entry",
            "Authority",
            "Trainee",
            "Description",
            "Amount (pence)",
            "Amount",
        ],
    ]
    for e in statement.entries:
        rows.append(
            [
                e.paid_on.isoformat(),
                e.year,
                e.get_kind_display(),
                str(e.authority),
                e.trainee.application.reference if e.trainee else "",
                e.description,
                e.amount_pence,
                pounds(e.amount_pence),
            ]
        )
    rows += [[], ["Line", "Spent (pence)", "Spent"]]
    for kind, amount in statement.by_kind.items():
        if kind not in MONEY_IN:
            rows.append([EntryKind(kind).label, -amount, pounds(-amount)])
    rows += [[], ["Authority", "Net (pence)", "Net"]]
    for name, amount in statement.by_authority.items():
        rows.append([name, amount, pounds(amount)])
    rows += [
        [],
        [
            "Financial year",
            "In (pence)",
            "Out (pence)",
            "Returned (pence)",
            "Unspent (pence)",
            "To return",
        ],
    ]
    for year in statement.years:
        rows.append(
            [
                year["year"],
                year["in_pence"],
                year["out_pence"],
                year["returned_pence"],
                year["unspent_pence"],
                "Yes" if year["to_return"] else "No",
            ]
        )
    rows += [
        [],
        ["Received (pence)", statement.received_pence, pounds(statement.received_pence)],
        ["Spent (pence)", statement.spent_pence, pounds(statement.spent_pence)],
        ["Balance (pence)", statement.balance_pence, pounds(statement.balance_pence)],
    ]
    return rows


def statement_xlsx(statement: Statement) -> bytes:
    return xlsx_bytes([("Statement", statement_rows(statement))])
