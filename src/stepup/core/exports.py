"""Every CSV and XLSX file the service writes goes through here, so that no cell a person
typed (a payment's description, a partnership's name) can run as a formula in the
spreadsheet that opens it (docs/security.md, "Files the service writes").

- In a CSV, a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
  is prefixed with a single quote, as OWASP advises against CSV injection; a plain amount
  such as ``-£1,234.50`` cannot be a formula and is left as it is.
- In an XLSX, text is always a string cell, never a formula, and keeps its exact text.

``tests/test_exports.py`` fails if a module in ``src/`` writes CSV or XLSX any other way.
"""

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A number as the service writes one (an amount in pounds, a signed count): never a formula.
PLAIN_NUMBER = re.compile(r"-?£?[0-9][0-9,]*(\.[0-9]+)?%?")


def csv_safe(value: Any) -> Any:
    """The value as a CSV cell that no spreadsheet will run as a formula."""
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``csv_safe``."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([csv_safe(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]):
        for row in rows:
            self.writerow(row)


class SafeCsvDictWriter:
    """``csv.DictWriter`` whose every cell goes through ``csv_safe``."""

    def __init__(self, out, *, fieldnames, **options):
        self._writer = csv.DictWriter(out, fieldnames=fieldnames, **options)

    def writeheader(self):
        return self._writer.writeheader()

    def writerow(self, row: Mapping[str, Any]):
        return self._writer.writerow({key: csv_safe(value) for key, value in row.items()})

    def writerows(self, rows: Iterable[Mapping[str, Any]]):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **options) -> SafeCsvWriter:
    return SafeCsvWriter(out, **options)


def csv_dict_writer(out, *, fieldnames, **options) -> SafeCsvDictWriter:
    return SafeCsvDictWriter(out, fieldnames=fieldnames, **options)


def csv_text(rows: Iterable[Iterable[Any]], **options) -> str:
    buffer = io.StringIO()
    csv_writer(buffer, **options).writerows(rows)
    return buffer.getvalue()


def xlsx_bytes(sheets: Iterable[tuple[str, Iterable[Iterable[Any]]]]) -> bytes:
    """A workbook of the named sheets, each a list of rows; text is never a formula."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for number, row in enumerate(rows, start=1):
            for column, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(row=number, column=column, value=value)
                if isinstance(value, str):
                    cell.data_type = TYPE_STRING
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
