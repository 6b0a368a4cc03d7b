"""The researchers' anonymised file (``export_anonymised``), as a test reads it."""

import csv
from collections import Counter
from io import StringIO

from django.core.management import call_command


def exported_rows(cohort_number: int, tmp_path) -> list[dict]:
    path = tmp_path / f"cohort-{cohort_number}.csv"
    call_command("export_anonymised", "--cohort", str(cohort_number), str(path), stdout=StringIO())
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def rarest_combination(rows: list[dict]) -> int | None:
    """How many rows share the rarest combination of stage and answers (None if no rows)."""
    shared = Counter(tuple(v for k, v in row.items() if k != "candidate_ref") for row in rows)
    return min(shared.values(), default=None)
