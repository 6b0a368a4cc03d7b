"""Every insights table as data: shown on the page, and downloaded as CSV or XLSX from the
very same rows, so a download never shows more than the page (hidden counts stay "<5")."""

from dataclasses import dataclass, field

from stepup.core.disclosure import SMALL_COUNT
from stepup.core.exports import csv_text, xlsx_bytes
from stepup.core.formatting import pounds

HIDDEN = f"<{SMALL_COUNT}"
# A count of 5 or more hidden so that a count under 5 cannot be worked out from it.
WITHHELD = "[c]"
NOT_SHOWN = "–"


@dataclass(frozen=True)
class Cell:
    """A count, a rate (0 to 1), a ratio, an amount in pence or text. ``None`` is a hidden
    count, or a rate that cannot be given (nobody to divide by, or resting on a hidden count).
    A hidden count is "<5", or "[c]" where it is 5 or more and hidden to protect another."""

    value: int | float | str | None
    kind: str = "count"  # "count", "rate", "ratio", "pence", "text", "p_value", "number"
    withheld: bool = False

    @property
    def text(self) -> str:
        value = self.value
        if value is None:
            if self.kind == "count":
                return WITHHELD if self.withheld else HIDDEN
            return NOT_SHOWN
        if self.kind == "count":
            return f"{value:,}"
        if self.kind == "rate":
            return f"{value * 100:.1f}%"
        if self.kind == "ratio":
            return f"{value:.2f}"
        if self.kind == "p_value":
            return "under 0.001" if value < 0.001 else f"{value:.3f}"
        if self.kind == "number":
            return f"{value:.2f}"
        if self.kind == "pence":
            return pounds(value)
        return str(value)

    @property
    def numeric(self) -> bool:
        return self.kind != "text"

    @property
    def raw(self):
        """For a spreadsheet: the number itself, or the text where there is none."""
        if self.value is None or self.kind == "text":
            return self.text
        return self.value


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    flagged: bool = False
    total: bool = False


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    heading: str  # the first column's heading
    columns: list[str]
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


def count(value: int | None, counted: int) -> Cell:
    """``value`` as shown (``None`` if hidden), ``counted`` as it is, to say why it is hidden."""
    return Cell(value, withheld=value is None and counted >= SMALL_COUNT)


def counts(values: list[int | None], counted: list[int]) -> list[Cell]:
    return [count(value, true) for value, true in zip(values, counted, strict=True)]


def rates(values: list[float | None]) -> list[Cell]:
    return [Cell(value, "rate") for value in values]


def _lines(tables: list[Table]) -> list[list]:
    lines: list[list] = []
    for table in tables:
        lines += [[table.title], [table.heading, *table.columns]]
        lines += [[row.label, *(cell.raw for cell in row.cells)] for row in table.rows]
        lines += [[note] for note in table.notes]
        lines.append([])
    return lines


def tables_csv(tables: list[Table]) -> str:
    return csv_text(
        [f"{value:.6g}" if isinstance(value, float) else value for value in line]
        for line in _lines(tables)
    )


def tables_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table, numbers as numbers (rates as fractions of one)."""
    sheets: list[tuple[str, list[list]]] = []
    used: set[str] = set()
    for index, table in enumerate(tables, start=1):
        name = table.title[:28].replace("/", " ").replace(":", " ")
        if name in used:
            name = f"{name[:25]} {index}"
        used.add(name)
        rows = [[table.title], [table.heading, *table.columns]]
        rows += [[row.label, *(cell.raw for cell in row.cells)] for row in table.rows]
        rows += [[note] for note in table.notes]
        sheets.append((name, rows))
    return xlsx_bytes(sheets)
