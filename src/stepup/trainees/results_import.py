"""Results uploaded by a university as CSV: every row checked first, and nothing recorded
from a file with a bad row unless asked to skip the bad rows (docs/results-import.md).

Columns: ``reference`` (the trainee's application reference), ``module``, ``assessment``
(as the programme names them), and ``mark`` (0 to 100, for a marked assessment) or
``result`` (``pass`` or ``fail``, for a pass-or-fail one). Each row is a new attempt.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from stepup.applications.transfer import Problem
from stepup.trainees import queries
from stepup.trainees.models import Assessment, Result
from stepup.trainees.services.progress import result_record

COLUMNS = ("reference", "module", "assessment", "mark", "result")
REQUIRED = ("reference", "module", "assessment")


@dataclass
class ResultsImport:
    recorded: list[Result] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_lines: list[int] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    trainee: object
    assessment: Assessment
    mark: int | None
    passed: bool | None


def _read(content: bytes, result: ResultsImport) -> list[tuple[int, dict]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.problems.append(Problem("The file is not UTF-8 text. Save it as “CSV UTF-8”"))
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        rows = list(reader)
    except csv.Error as error:
        result.problems.append(Problem(f"The file cannot be read as CSV: {error}"))
        return []
    missing = [name for name in REQUIRED if name not in header]
    if not header or missing:
        result.problems.append(
            Problem(
                "The header row must name the columns reference, module, assessment, and mark "
                "or result" + (f": {', '.join(missing)} missing" if header else ""),
                1,
            )
        )
        return []
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        result.problems.append(
            Problem(f"Unknown column: {', '.join(unknown)}. Allowed: {', '.join(COLUMNS)}", 1)
        )
        return []
    found = []
    for index, cells in enumerate(rows, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            result.problems.append(
                Problem(f"The row has {len(cells)} cells but the header has {len(header)}", index)
            )
            continue
        found.append(
            (index, {name: cell.strip() for name, cell in zip(header, cells, strict=True)})
        )
    if not found and not result.problems:
        result.problems.append(Problem("The file has a header row but no results", 1))
    return found


def _check(line: int, cells: dict, trainees: dict, assessments: dict, result: ResultsImport):
    trainee = trainees.get(cells["reference"].upper())
    if trainee is None:
        result.problems.append(
            Problem("No student of yours has this application reference", line, "reference")
        )
        return None
    key = (
        trainee.university_id,
        trainee.offer.partnership.cohort_id,
        cells["module"].lower(),
        cells["assessment"].lower(),
    )
    assessment = assessments.get(key)
    if assessment is None:
        result.problems.append(
            Problem("The trainee's programme has no such module and assessment", line, "assessment")
        )
        return None
    mark, passed = None, None
    if assessment.pass_fail:
        answer = cells.get("result", "").lower()
        if answer not in ("pass", "fail"):
            result.problems.append(Problem("Write pass or fail", line, "result"))
            return None
        passed = answer == "pass"
    else:
        text = cells.get("mark", "")
        if not text.isdigit() or not 0 <= int(text) <= 100:
            result.problems.append(Problem("Write a whole mark from 0 to 100", line, "mark"))
            return None
        mark = int(text)
    return _Row(line, trainee, assessment, mark, passed)


def results_import(*, actor, content: bytes, skip_invalid: bool = False) -> ResultsImport:
    """Check every row; record them all, or (with ``skip_invalid``) the good ones, in one
    transaction. Each recorded fail raises its early warning, as typing it in does."""
    result = ResultsImport()
    rows = _read(content, result)
    trainees = {
        t.offer.application.reference.upper(): t
        for t in queries.trainees_visible_to(actor)
        if queries.may_record(actor, t)
    }
    assessments = {
        (a.module.university_id, a.module.cohort_id, a.module.name.lower(), a.name.lower()): a
        for a in Assessment.objects.select_related("module")
    }
    checked = []
    for line, cells in rows:
        row = _check(line, cells, trainees, assessments, result)
        if row is not None:
            checked.append(row)
    file_level = [p for p in result.problems if not p.line or p.line == 1]
    bad_lines = sorted({p.line for p in result.problems if p.line and p.line > 1})
    if file_level or (bad_lines and not skip_invalid):
        return result
    result.skipped_lines = bad_lines
    try:
        with transaction.atomic():
            for row in checked:
                result.recorded.append(
                    result_record(
                        actor=actor,
                        trainee=row.trainee,
                        assessment=row.assessment,
                        mark=row.mark,
                        passed=row.passed,
                    )
                )
    except ValidationError as error:
        result.recorded = []
        result.problems.append(Problem("; ".join(error.messages)))
    return result
