"""Applications in and out of the service as CSV: one column set, for import and export.

Applications collected elsewhere (a partnership's own portal) come in through the same
rules the candidate's online form applies (``services.section_values`` and
``services.experience_values``): this module only parses cells, as a form would. A file is
checked in full before anything is written, and written in one transaction. The format is
described in ``docs/import-format.md``; equality monitoring answers are never part of it.
"""

import csv
import datetime
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone

from stepup.accounts.models import User
from stepup.accounts.services import (
    INVALID_EMAIL,
    candidate_account_add,
    candidate_account_claim,
)
from stepup.applications.lifecycle import APPLICATION_LIFECYCLE
from stepup.applications.models import (
    GCSE_EQUIVALENT,
    GCSE_LETTER_GRADES,
    GCSE_NUMBER_GRADES,
    Application,
    ApplicationStatus,
    DegreeClassGiven,
    DegreeStatus,
    Experience,
    ExperienceKind,
    HeardAbout,
    RightToWork,
)
from stepup.applications.sections import SECTIONS
from stepup.applications.services import (
    experience_values,
    new_reference,
    section_values,
)
from stepup.core.audit import audit_record
from stepup.core.exports import csv_writer
from stepup.core.models import AuditEntry
from stepup.core.params import whole_number
from stepup.partnerships.models import PartnershipStatus
from stepup.programme.models import Cohort, CohortStatus

# The application's own columns, in the order of the form's sections (from ``sections.py``).
FIELD_SECTIONS: dict[str, str] = {
    name: section.key for section in SECTIONS for name in section.fields
}
COLUMNS: tuple[str, ...] = ("email", *FIELD_SECTIONS, "submitted_at")
OPTIONAL_COLUMNS = frozenset({"submitted_at"})
EXPERIENCE_FIELDS = ("kind", "role", "organisation", "started_on", "ended_on", "hours_per_week")
EXPERIENCE_COLUMN = re.compile(r"^experience_([1-9][0-9]*)_(" + "|".join(EXPERIENCE_FIELDS) + ")$")
EXPORTED_EXPERIENCES = 5  # groups an export always has; more when someone has more

BOOLEAN_COLUMNS = frozenset({"willing_to_move", "has_criminal_record", "declaration_confirmed"})
PARTNERSHIP_COLUMNS = frozenset({"first_choice", "second_choice"})
DATE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
YES, NO = "yes", "no"

# What a cell may hold, added to the rules' own messages (which speak to a person at a form).
_GCSE_VALUES = ", ".join(dict.fromkeys((*GCSE_LETTER_GRADES, *GCSE_NUMBER_GRADES, GCSE_EQUIVALENT)))
ALLOWED_VALUES: dict[str, str] = {
    "right_to_work": ", ".join(RightToWork.values),
    "degree_class": ", ".join(DegreeClassGiven.values),
    "degree_status": ", ".join(DegreeStatus.values),
    "gcse_english_grade": _GCSE_VALUES,
    "gcse_maths_grade": _GCSE_VALUES,
    "heard_about": ", ".join(HeardAbout.values),
    "kind": ", ".join(ExperienceKind.values),
}

# A cell a spreadsheet would run as a formula is written with a leading apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the file; ``line`` as a text editor counts, the header is 1."""

    message: str
    line: int | None = None
    column: str = ""

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        if not self.column:
            return f"line {self.line}: {self.message}"
        return f'line {self.line}, column "{self.column}": {self.message}'


@dataclass
class ImportResult:
    imported: list[Application] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped_lines: list[int] = field(default_factory=list)


@dataclass
class _Row:
    line: int
    email: str = ""
    user: User | None = None
    values: dict = field(default_factory=dict)
    experiences: list[dict] = field(default_factory=list)
    submitted_at: datetime.datetime | None = None


# Reading cells, as a form parses what was typed; the rules are the services'.


def _cell(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        value = value[1:]
    return value.strip()


def _boolean(value: str):
    return {YES: True, NO: False, "": None}.get(value.lower(), value)


def _date(value: str) -> datetime.date:
    if not DATE_FORMAT.match(value):
        raise ValueError
    return datetime.date.fromisoformat(value)


def _datetime(value: str) -> datetime.datetime:
    if DATE_FORMAT.match(value):
        moment = datetime.datetime.combine(_date(value), datetime.time())
    else:
        moment = datetime.datetime.fromisoformat(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _number(value: str):
    number = whole_number(value)
    return value if number is None else number


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            key: [m for e in errors for m in e.messages] for key, errors in error.error_dict.items()
        }
    return {"": error.messages}


def _with_allowed(key: str, message: str) -> str:
    allowed = ALLOWED_VALUES.get(key)
    return f"{message}: use one of {allowed}" if allowed else message


class _Reader:
    """Checks one file's rows against a cohort; collects every problem before any writing."""

    def __init__(self, cohort: Cohort):
        self.cohort = cohort
        self.partnerships = {p.code.upper(): p for p in cohort.partnerships.all()}
        self.approved_codes = ", ".join(
            sorted(
                p.code for p in self.partnerships.values() if p.status == PartnershipStatus.APPROVED
            )
        )
        self.problems: list[Problem] = []
        self.seen_emails: dict[str, int] = {}

    def problem(self, line: int, column: str, message: str) -> None:
        self.problems.append(Problem(message, line, column))

    def header(self, header: list[str]) -> tuple[list[str], list[int]] | None:
        names = [_cell(name).lower() for name in header]
        groups: dict[int, set[str]] = defaultdict(set)
        ok = True
        for name in names:
            matched = EXPERIENCE_COLUMN.match(name)
            if matched:
                groups[int(matched.group(1))].add(matched.group(2))
            elif name not in COLUMNS:
                ok = False
                self.problem(
                    1,
                    name,
                    f"The file has a column called “{name}”, which is not in the import "
                    "format. Remove it, or correct its name",
                )
        for name in sorted({n for n in names if names.count(n) > 1}):
            ok = False
            self.problem(1, name, f"The file has more than one column called {name}")
        required = [c for c in COLUMNS if c not in OPTIONAL_COLUMNS]
        required += [f"experience_{n}_{f}" for n in sorted(groups) for f in EXPERIENCE_FIELDS]
        for name in required:
            if name not in names:
                ok = False
                self.problems.append(Problem(f"The file has no column called {name}", 1))
        return (names, sorted(groups)) if ok else None

    def row(self, line: int, cells: dict[str, str], groups: list[int]) -> _Row | None:
        before = len(self.problems)
        row = _Row(line=line)
        self._email(row, cells)
        draft = Application(cohort=self.cohort)
        parsed: dict[str, str] = {}  # columns whose cell could not be read at all
        data = {}
        for name in FIELD_SECTIONS:
            value = cells[name]
            if name in BOOLEAN_COLUMNS:
                value = _boolean(value)
                if isinstance(value, str):
                    parsed[name] = "Enter yes or no, or leave it blank"
            elif name in PARTNERSHIP_COLUMNS:
                if value:
                    partnership = self.partnerships.get(value.upper())
                    if partnership is None:
                        parsed[name] = (
                            f"There is no partnership with the code {value} in cohort "
                            f"{self.cohort.number}. Use the code of a partnership whose bid was "
                            f"approved ({self.approved_codes or 'none yet'})"
                        )
                    value = partnership
                else:
                    value = None
            elif name == "degree_year":
                value = _number(value)
            data[name] = value
        for name, message in parsed.items():
            self.problem(line, name, message)
        for section in dict.fromkeys(FIELD_SECTIONS.values()):
            try:
                row.values.update(section_values(application=draft, section=section, data=data))
            except ValidationError as error:
                for key, messages in _messages(error).items():
                    if key in parsed:
                        continue
                    for message in messages:
                        if key in PARTNERSHIP_COLUMNS and message.startswith("Select"):
                            message = (
                                f"{message}: use the code of a partnership whose bid was "
                                f"approved ({self.approved_codes or 'none yet'})"
                            )
                        self.problem(line, key, _with_allowed(key, message))
        for number in groups:
            self._experience(row, number, cells)
        if cells.get("submitted_at"):
            try:
                row.submitted_at = _datetime(cells["submitted_at"])
            except ValueError:
                self.problem(
                    line,
                    "submitted_at",
                    "Enter the date submitted as YYYY-MM-DD, like 2027-03-15, or as a date "
                    "and time like 2027-03-15T10:30:00+00:00",
                )
            else:
                if row.submitted_at > timezone.now():
                    self.problem(line, "submitted_at", "The date submitted must be in the past")
        return row if len(self.problems) == before else None

    def _email(self, row: _Row, cells: dict[str, str]) -> None:
        email = cells["email"].lower()
        row.email = email
        if not email:
            self.problem(row.line, "email", "Enter the candidate's email address")
            return
        try:
            validate_email(email)
        except ValidationError:
            self.problem(row.line, "email", INVALID_EMAIL)
            return
        if email in self.seen_emails:
            self.problem(
                row.line,
                "email",
                f"{email} is also on line {self.seen_emails[email]}. A person may make one "
                f"application to each cohort",
            )
            return
        self.seen_emails[email] = row.line

    def _experience(self, row: _Row, number: int, cells: dict[str, str]) -> None:
        prefix = f"experience_{number}_"
        raw = {name: cells[prefix + name] for name in EXPERIENCE_FIELDS}
        if not any(raw.values()):
            return
        data: dict = {
            "kind": raw["kind"],
            "role": raw["role"],
            "organisation": raw["organisation"],
            "hours_per_week": _number(raw["hours_per_week"]),
            "ongoing": not raw["ended_on"],
        }
        unreadable = set()
        for name in ("started_on", "ended_on"):
            if not raw[name]:
                continue
            try:
                data[name] = _date(raw[name])
            except ValueError:
                unreadable.add(name)
                self.problem(
                    row.line,
                    prefix + name,
                    "Enter a real date as YYYY-MM-DD, like 2020-01-06",
                )
        try:
            values = experience_values(data)
        except ValidationError as error:
            for key, messages in _messages(error).items():
                if key in unreadable:
                    continue
                for message in messages:
                    self.problem(row.line, prefix + key, _with_allowed(key, message))
        else:
            row.experiences.append(values)

    def accounts(self, rows: list[_Row]) -> list[_Row]:
        """Existing accounts: reused, unless staff or already applied to this cohort."""
        users = {
            user.email_lower: user
            for user in User.objects.annotate(email_lower=Lower("email")).filter(
                email_lower__in=[row.email for row in rows]
            )
        }
        applied = dict(
            Application.objects.filter(
                cohort=self.cohort, candidate__in=users.values()
            ).values_list("candidate_id", "reference")
        )
        kept = []
        for row in rows:
            user = users.get(row.email)
            if user is not None and user.pk in applied:
                self.problem(
                    row.line,
                    "email",
                    f"{row.email} has already applied to cohort {self.cohort.number} "
                    f"(application {applied[user.pk]}). A person may make one application to "
                    "each cohort",
                )
            elif user is not None and user.role_set:
                self.problem(
                    row.line,
                    "email",
                    f"{row.email} belongs to a member of staff. Staff accounts cannot apply",
                )
            else:
                row.user = user
                kept.append(row)
        return kept


def _rows(content: bytes, reader: _Reader):
    """The header's names and experience groups, then each row's line and cells."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        reader.problems.append(
            Problem("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again")
        )
        return None, []
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        reader.problems.append(
            Problem(
                f"Line {line} has a character that cannot be read (a null byte). Save the file "
                "as “CSV UTF-8” and try again",
                line,
            )
        )
        return None, []
    lines = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(lines, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(lines, None)
    except csv.Error as error:
        reader.problems.append(Problem(f"The header row cannot be read: {error}", 1))
        return None, []
    if header is None:
        reader.problems.append(
            Problem("The file is empty. It needs a header row and a row for each application")
        )
        return None, []
    names = reader.header(header)
    if names is None:
        return None, []
    columns, groups = names
    rows = []
    previous = lines.line_num
    try:
        for cells in lines:
            line, previous = previous + 1, lines.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(columns):
                reader.problem(
                    line,
                    "",
                    f"The row has {len(cells)} cells but the header has {len(columns)}. "
                    "Check for a missing or extra comma, or a quote that is not closed",
                )
                continue
            rows.append((line, dict(zip(columns, (_cell(c) for c in cells), strict=True))))
    except csv.Error as error:
        reader.problem(previous + 1, "", f"The row cannot be read: {error}")
    if not rows and not reader.problems:
        reader.problems.append(Problem("The file has a header row but no applications", 1))
    return groups, rows


def _account_create(row: _Row, file_name: str, actor: User) -> User:
    return candidate_account_add(
        actor=actor,
        full_name=row.values["full_name"],
        email=row.email,
        summary=f"Account created for an application imported from {file_name}",
    )


def _write(cohort: Cohort, row: _Row, file_name: str, actor: User):
    candidate = row.user or _account_create(row, file_name, actor)
    # Only the owner of the address may see it: anyone else holding an unconfirmed account
    # for it is shut out, and the address is sent a link to set a password.
    candidate_account_claim(
        actor=actor,
        user=candidate,
        summary=f"An application from {file_name} was added: the account must be claimed by "
        "the owner of its email address",
    )
    application = Application.objects.create(
        cohort=cohort,
        candidate=candidate,
        reference=new_reference(cohort),
        sections_completed=[section.key for section in SECTIONS],
        **row.values,
    )
    Experience.objects.bulk_create(
        Experience(application=application, **values) for values in row.experiences
    )
    # The candidate submitted it, in the portal the file comes from; the service records it.
    APPLICATION_LIFECYCLE.move(
        record=application,
        target=ApplicationStatus.SUBMITTED,
        actor=None,
        caused_by=actor,
        summary=f"Imported from {file_name}"[:300],
        fields={
            "rules": cohort.current_rules,
            "submitted_at": row.submitted_at or timezone.now(),
        },
    )
    return application


def applications_import_unchecked(
    *, cohort: Cohort, file_name: str, content: bytes, actor: User, skip_invalid: bool = False
) -> ImportResult:
    """Check every row of a CSV file, then import it: all of it, or, with ``skip_invalid``,
    the rows without problems. The application window does not apply: the applications were
    made elsewhere, and are submitted as they arrive.

    Only half of importing: ``stepup.selection.intake.applications_import`` calls it and
    checks each application's eligibility in the same transaction."""
    result = ImportResult()
    if cohort.status != CohortStatus.RECRUITING:
        result.problems.append(Problem(f"Cohort {cohort.number} is not taking applications"))
        return result
    if cohort.current_rules is None:
        result.problems.append(Problem(f"Cohort {cohort.number} has no eligibility rules yet"))
        return result
    reader = _Reader(cohort)
    groups, cells = _rows(content, reader)
    if groups is None:
        result.problems = reader.problems
        return result
    checked = [row for line, values in cells if (row := reader.row(line, values, groups))]
    valid = reader.accounts(checked)
    result.problems = sorted(reader.problems, key=lambda p: p.line or 0)
    bad_lines = sorted({p.line for p in result.problems if p.line})
    if result.problems and (not skip_invalid or any(p.line in (None, 1) for p in result.problems)):
        return result
    result.skipped_lines = bad_lines
    try:
        with transaction.atomic():
            result.imported = [_write(cohort, row, file_name, actor) for row in valid]
    except IntegrityError:
        result.imported = []
        result.problems.append(
            Problem(
                "Someone applied at the same moment as one of the file's candidates. Nothing "
                "was imported: try again"
            )
        )
    return result


# Export


def applications_for_export(cohort: Cohort) -> QuerySet[Application]:
    """Submitted applications that are still in, whatever their outcome so far."""
    return (
        Application.objects.filter(cohort=cohort, submitted_at__isnull=False)
        .exclude(status__in=[ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN])
        .select_related("candidate", "first_choice", "second_choice")
        .prefetch_related(
            Prefetch("experiences", queryset=Experience.objects.order_by("started_on", "id"))
        )
        .order_by("submitted_at", "reference")
    )


def _safe(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _export_row(application: Application, groups: int) -> list[str]:
    values = {
        "email": application.candidate.email,
        "submitted_at": application.submitted_at,
        **{name: getattr(application, name) for name in FIELD_SECTIONS},
    }
    for name in PARTNERSHIP_COLUMNS:
        values[name] = values[name].code if values[name] is not None else ""
    row = [_safe(values[name]) for name in COLUMNS]
    experiences = list(application.experiences.all())
    for index in range(groups):
        if index < len(experiences):
            row += [_safe(getattr(experiences[index], name)) for name in EXPERIENCE_FIELDS]
        else:
            row += [""] * len(EXPERIENCE_FIELDS)
    return row


def applications_export(*, cohort: Cohort, out, actor: User) -> int:
    """Write the cohort's submitted applications to ``out`` (a text file) in the import
    format, so that they can be imported elsewhere; returns how many were written.

    Everyone's personal data leaves the service here, so the audit trail records who took
    it, from which cohort, and how many applications it held."""
    applications = list(applications_for_export(cohort))
    groups = max([EXPORTED_EXPERIENCES, *(len(a.experiences.all()) for a in applications)])
    writer = csv_writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            *COLUMNS,
            *(f"experience_{n}_{f}" for n in range(1, groups + 1) for f in EXPERIENCE_FIELDS),
        ]
    )
    for application in applications:
        writer.writerow(_export_row(application, groups))
    audit_record(
        actor=actor,
        record=cohort,
        action=AuditEntry.Action.EXPORTED,
        summary=f"Exported {len(applications)} applications with candidates' personal data (CSV)",
        event="applications.exported",
        values={"applications": len(applications), "format": "csv"},
    )
    return len(applications)
