"""Every CSV and XLSX file the service writes goes through stepup.core.exports, which keeps
a cell a person typed from running as a formula (docs/security.md, "Files the service
writes")."""

import ast
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from stepup.core.exports import csv_safe, csv_text, xlsx_bytes

SRC = Path(__file__).resolve().parent.parent / "src" / "stepup"
HELPER = SRC / "core" / "exports.py"
# Reading a CSV (an import) is safe; writing one must go through the helper.
WRITERS = {"writer", "DictWriter"}


def _bypasses(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Attribute) and node.attr in WRITERS:
            if isinstance(node.value, ast.Name) and node.value.id == "csv":
                found.append(f"{path}:{node.lineno} csv.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
            "csv",
            "openpyxl",
            "xlsxwriter",
        ):
            names = {alias.name for alias in node.names}
            if node.module != "csv" or names & WRITERS:
                found.append(f"{path}:{node.lineno} from {node.module} import {names}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in ("openpyxl", "xlsxwriter"):
                    found.append(f"{path}:{node.lineno} import {alias.name}")
    return found


def test_every_csv_and_xlsx_the_service_writes_goes_through_the_helper():
    bypasses = [
        line for path in sorted(SRC.rglob("*.py")) if path != HELPER for line in _bypasses(path)
    ]
    assert bypasses == []


def test_the_check_finds_a_module_that_writes_csv_itself(tmp_path):
    module = tmp_path / "export.py"
    module.write_text("import csv\nfrom openpyxl import Workbook\nw = csv.writer(None)\n")
    assert len(_bypasses(module)) == 2


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-£1,234.50", "-£1,234.50"),
        ("-12", "-12"),
        ("Croydon's share", "Croydon's share"),
        (-12, -12),
        (None, None),
    ],
)
def test_a_text_cell_that_could_be_a_formula_is_quoted_in_a_csv(value, cell):
    assert csv_safe(value) == cell


def test_csv_text_quotes_every_cell():
    assert csv_text([["=1+1", 2]]) == "'=1+1,2\r\n"


def test_text_in_an_xlsx_is_a_string_cell_never_a_formula():
    sheet = load_workbook(io.BytesIO(xlsx_bytes([("Sheet", [["=1+1", 2], [], ["x"]])]))).active
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("=1+1", "s")
    assert (sheet["B1"].value, sheet["B1"].data_type) == (2, "n")
    assert sheet["A3"].value == "x"
