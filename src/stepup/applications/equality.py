"""Equality monitoring: the candidate's own answers, and the national analyst's counts.

This module is the only code that reads ``EqualityMonitoring``. It is called from two pages
only: the candidate's questionnaire (their own answers) and the national analyst's report
(counts with small numbers hidden). Nobody who decides on a candidate can reach either, so
no answer can sway a decision (ADR 0005; seed 001 §5.7 found black and minority ethnic
candidates far more likely to be screened out).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from stepup.applications.models import (
    PREFER_NOT_TO_SAY,
    Application,
    ApplicationStatus,
    EqualityMonitoring,
    EqualitySnapshot,
)
from stepup.core.audit import audit_record
from stepup.core.disclosure import SMALL_COUNT, suppression  # noqa: F401 - the report's
from stepup.core.figures import figures_cut_off
from stepup.core.models import AuditEntry, StatusChange
from stepup.programme.models import Cohort

PREFER_NOT_TO_SAY_LABEL = "Prefer not to say"
NO_ANSWER = "No answer"
DESCRIPTION_MAX = 200


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    PREFER_NOT = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


@dataclass(frozen=True)
class EthnicGroup:
    code: str
    label: str
    backgrounds: tuple[tuple[str, str], ...]
    other: str  # the "Any other … background" code, which may carry a description


# The ONS 2021 census categories for England and Wales, in their groups.
ETHNIC_GROUPS: tuple[EthnicGroup, ...] = (
    EthnicGroup(
        "white",
        "White",
        (
            ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
            ("white_irish", "Irish"),
            ("white_gypsy_traveller", "Gypsy or Irish Traveller"),
            ("white_roma", "Roma"),
            ("white_other", "Any other White background"),
        ),
        "white_other",
    ),
    EthnicGroup(
        "mixed",
        "Mixed or multiple ethnic groups",
        (
            ("mixed_white_black_caribbean", "White and Black Caribbean"),
            ("mixed_white_black_african", "White and Black African"),
            ("mixed_white_asian", "White and Asian"),
            ("mixed_other", "Any other Mixed or multiple ethnic background"),
        ),
        "mixed_other",
    ),
    EthnicGroup(
        "asian",
        "Asian or Asian British",
        (
            ("asian_indian", "Indian"),
            ("asian_pakistani", "Pakistani"),
            ("asian_bangladeshi", "Bangladeshi"),
            ("asian_chinese", "Chinese"),
            ("asian_other", "Any other Asian background"),
        ),
        "asian_other",
    ),
    EthnicGroup(
        "black",
        "Black, Black British, Caribbean or African",
        (
            ("black_caribbean", "Caribbean"),
            ("black_african", "African"),
            ("black_other", "Any other Black, Black British or Caribbean background"),
        ),
        "black_other",
    ),
    EthnicGroup(
        "other",
        "Other ethnic group",
        (
            ("other_arab", "Arab"),
            ("other_any", "Any other ethnic group"),
        ),
        "other_any",
    ),
)
GROUP_OF_ETHNICITY = {code: group for group in ETHNIC_GROUPS for code, _ in group.backgrounds}
ETHNICITY_OTHERS = frozenset(group.other for group in ETHNIC_GROUPS)


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


class DisabilityKind(models.TextChoices):
    LEARNING = "learning", "A learning difference, for example dyslexia or dyspraxia"
    NEURODIVERGENT = "neurodivergent", "Autism, ADHD or another neurodivergent condition"
    MENTAL_HEALTH = "mental_health", "A mental health condition"
    PHYSICAL = "physical", "A physical or mobility impairment"
    SENSORY = "sensory", "A sensory impairment, for example of sight or hearing"
    LONG_TERM_ILLNESS = "long_term_illness", "A long-term illness, for example diabetes"
    OTHER = "other", "Another condition"


class Religion(models.TextChoices):
    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion or belief"
    PREFER_NOT = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", "Heterosexual or straight"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Another sexual orientation"
    PREFER_NOT = PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL


ANSWER_KEYS = frozenset(
    {
        "date_of_birth",
        "date_of_birth_declined",
        "sex",
        "ethnicity",
        "ethnicity_description",
        "disability",
        "disability_kinds",
        "disability_description",
        "religion",
        "religion_description",
        "sexual_orientation",
    }
)
ETHNICITY_CODES = frozenset(GROUP_OF_ETHNICITY) | {PREFER_NOT_TO_SAY}


# The candidate's side.


def equality_applications_of(*, candidate) -> QuerySet[Application]:
    """The candidate's own applications: anyone else's is "not found"."""
    if not getattr(candidate, "is_authenticated", False):
        return Application.objects.none()
    return Application.objects.filter(candidate=candidate)


def equality_for_candidate(*, candidate, application: Application) -> EqualityMonitoring | None:
    """The candidate's own answers for one application, if they have given any."""
    return EqualityMonitoring.objects.filter(
        application=application, application__candidate=candidate
    ).first()


def _clean_answers(answers: dict) -> dict:
    """Every answer checked and tidied; a description is kept only where it belongs."""
    unknown = set(answers) - ANSWER_KEYS
    if unknown:
        raise ValidationError(f"Unknown equality monitoring answers: {', '.join(sorted(unknown))}")
    errors: dict[str, str] = {}

    def choice(key: str, allowed) -> str:
        value = answers.get(key) or ""
        if value and value not in allowed:
            errors[key] = "Select one of the options, or leave the question blank"
        return value

    def description(key: str) -> str:
        text = (answers.get(key) or "").strip()
        if len(text) > DESCRIPTION_MAX:
            errors[key] = f"Description must be {DESCRIPTION_MAX} characters or fewer"
        return text

    born = answers.get("date_of_birth")
    declined = bool(answers.get("date_of_birth_declined"))
    if born is not None and not isinstance(born, datetime.date):
        errors["date_of_birth"] = "Date of birth must be a real date"
    elif born is not None and declined:
        errors["date_of_birth"] = "Enter your date of birth, or select prefer not to say, not both"
    elif born is not None and born >= timezone.localdate():
        errors["date_of_birth"] = "Date of birth must be in the past"

    cleaned = {
        "date_of_birth": None if declined else born,
        "date_of_birth_declined": declined,
        "sex": choice("sex", Sex.values),
        "ethnicity": choice("ethnicity", ETHNICITY_CODES),
        "ethnicity_description": description("ethnicity_description"),
        "disability": choice("disability", Disability.values),
        "disability_description": description("disability_description"),
        "religion": choice("religion", Religion.values),
        "religion_description": description("religion_description"),
        "sexual_orientation": choice("sexual_orientation", SexualOrientation.values),
    }
    kinds = list(answers.get("disability_kinds") or [])
    if any(kind not in DisabilityKind.values for kind in kinds):
        errors["disability_kinds"] = "Select the kinds of disability from the list"
    if errors:
        raise ValidationError(errors)

    cleaned["disability_kinds"] = [k for k in DisabilityKind.values if k in kinds]
    if cleaned["ethnicity"] not in ETHNICITY_OTHERS:
        cleaned["ethnicity_description"] = ""
    if cleaned["disability"] != Disability.YES:
        cleaned["disability_kinds"] = []
    if DisabilityKind.OTHER not in cleaned["disability_kinds"]:
        cleaned["disability_description"] = ""
    if cleaned["religion"] != Religion.OTHER:
        cleaned["religion_description"] = ""
    return cleaned


def equality_save(*, candidate, application: Application, answers: dict) -> EqualityMonitoring:
    """Save the candidate's answers, before or after submission, as often as they like.

    The audit entry says only that the questionnaire was answered: it hangs on the answers
    themselves, not on the application, so no application history shows even that."""
    if application.candidate_id != getattr(candidate, "pk", None):
        raise PermissionDenied("Only the candidate may answer their equality monitoring.")
    cleaned = _clean_answers(answers)
    with transaction.atomic():
        # The application's row is locked first, so two first saves at once (a double
        # click, two tabs) take turns: the second finds the first's answers and changes them.
        Application.objects.select_for_update().filter(pk=application.pk).exists()
        monitoring = (
            EqualityMonitoring.objects.select_for_update().filter(application=application).first()
        )
        created = monitoring is None
        if created:
            monitoring = EqualityMonitoring(application=application)
        for key, value in cleaned.items():
            setattr(monitoring, key, value)
        monitoring.answered_at = timezone.now()
        monitoring.save()
        audit_record(
            actor=candidate,
            record=monitoring,
            action=AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED,
            summary="Equality monitoring answered",
        )
    return monitoring


# The national analyst's report.

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("Under 25", 0, 24),
    ("25 to 29", 25, 29),
    ("30 to 34", 30, 34),
    ("35 to 39", 35, 39),
    ("40 to 44", 40, 44),
    ("45 to 49", 45, 49),
    ("50 to 54", 50, 54),
    ("55 and over", 55, None),
)
# The stages an application can be at once it is submitted, in the order it moves through them.
STAGES: tuple[str, ...] = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.ELIGIBILITY_REVIEW,
    ApplicationStatus.INELIGIBLE,
    ApplicationStatus.ELIGIBLE,
    ApplicationStatus.SCREENED_IN,
    ApplicationStatus.SCREENED_OUT,
    ApplicationStatus.INVITED,
    ApplicationStatus.ATTENDED,
    ApplicationStatus.DID_NOT_ATTEND,
    ApplicationStatus.MET_BENCHMARK,
    ApplicationStatus.BENCHMARK_NOT_MET,
    ApplicationStatus.WITHDRAWN,
)
STAGE_LABELS = {
    ApplicationStatus.SUBMITTED: "Submitted",
    ApplicationStatus.ELIGIBILITY_REVIEW: "Eligibility being checked",
    ApplicationStatus.INELIGIBLE: "Not eligible",
    ApplicationStatus.ELIGIBLE: "Eligible, waiting for the sift",
    ApplicationStatus.SCREENED_IN: "Screened in",
    ApplicationStatus.SCREENED_OUT: "Screened out",
    ApplicationStatus.INVITED: "Invited to an assessment centre",
    ApplicationStatus.ATTENDED: "Attended an assessment centre",
    ApplicationStatus.DID_NOT_ATTEND: "Did not attend",
    ApplicationStatus.MET_BENCHMARK: "Met the benchmark",
    ApplicationStatus.BENCHMARK_NOT_MET: "Did not meet the benchmark",
    ApplicationStatus.WITHDRAWN: "Withdrawn",
}


def equality_answers_load(
    *, answers: dict[int, dict], insert: Callable[[type, list[dict]], object] | None = None
) -> int:
    """Fictitious candidates' answers, for measuring (``manage.py load_volume``): each checked
    as ``equality_save`` checks a candidate's, all written at once by ``insert(model, rows)``
    (the loader's fast insert) or ``bulk_create``. No audit entry each: the volume loader
    writes a scratch database and no audit trail (ADR 0023). Returns how many were written."""
    rows = [
        {"application_id": application_id, **_clean_answers(given)}
        for application_id, given in answers.items()
    ]
    if insert is not None:
        insert(EqualityMonitoring, rows)
    else:
        EqualityMonitoring.objects.bulk_create(
            [EqualityMonitoring(**row) for row in rows], batch_size=1_000
        )
    return len(rows)


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(born: datetime.date, day: datetime.date) -> str:
    age = age_on(born, day)
    for label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return AGE_BANDS[0][0]


def _age_row(m: dict, cohort: Cohort) -> str:
    if m["date_of_birth"] is not None:
        return age_band(m["date_of_birth"], cohort.start_date)
    return PREFER_NOT_TO_SAY_LABEL if m["date_of_birth_declined"] else NO_ANSWER


def _choice_row(choices, field: str):
    labels = dict(choices)

    def row(m: dict, cohort: Cohort) -> str:
        return labels.get(m[field], NO_ANSWER)

    return row


def _ethnicity_row(m: dict, cohort: Cohort) -> str:
    if m["ethnicity"] == PREFER_NOT_TO_SAY:
        return PREFER_NOT_TO_SAY_LABEL
    group = GROUP_OF_ETHNICITY.get(m["ethnicity"])
    return group.label if group else NO_ANSWER


@dataclass(frozen=True)
class Characteristic:
    key: str
    title: str
    rows: tuple[str, ...]
    row_of: Callable[[dict, Cohort], str]  # one application's answers -> its row's label


def _with_declines(labels) -> tuple[str, ...]:
    labels = tuple(label for label in labels if label != PREFER_NOT_TO_SAY_LABEL)
    return (*labels, PREFER_NOT_TO_SAY_LABEL, NO_ANSWER)


CHARACTERISTICS: dict[str, Characteristic] = {
    c.key: c
    for c in (
        Characteristic(
            "age", "Age band", _with_declines(label for label, *_ in AGE_BANDS), _age_row
        ),
        Characteristic("sex", "Sex", _with_declines(Sex.labels), _choice_row(Sex.choices, "sex")),
        Characteristic(
            "ethnicity",
            "Ethnic group",
            _with_declines(group.label for group in ETHNIC_GROUPS),
            _ethnicity_row,
        ),
        Characteristic(
            "disability",
            "Disability",
            _with_declines(Disability.labels),
            _choice_row(Disability.choices, "disability"),
        ),
        Characteristic(
            "religion",
            "Religion or belief",
            _with_declines(Religion.labels),
            _choice_row(Religion.choices, "religion"),
        ),
        Characteristic(
            "sexual_orientation",
            "Sexual orientation",
            _with_declines(SexualOrientation.labels),
            _choice_row(SexualOrientation.choices, "sexual_orientation"),
        ),
    )
}


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown: ``None`` when it is hidden to protect people."""

    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    total: Cell


@dataclass(frozen=True)
class Table:
    """Counts by one characteristic against the application's stage, safe to publish."""

    characteristic: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    totals: Row
    is_empty: bool = False

    @property
    def hides_any(self) -> bool:
        return any(c.hidden for row in (*self.rows, self.totals) for c in (*row.cells, row.total))


def table_from_counts(
    *,
    characteristic: str,
    title: str,
    row_labels: tuple[str, ...],
    columns: tuple[str, ...],
    counts: list[list[int]],
) -> Table:
    """The table with totals added and small counts hidden; hidden counts are dropped."""
    full = [[*row, sum(row)] for row in counts]
    full.append([sum(col) for col in zip(*full, strict=True)] if full else [0] * (len(columns) + 1))
    hidden = suppression(full)

    def row(index: int, label: str) -> Row:
        cells = tuple(
            Cell(None if hidden[index][c] else full[index][c]) for c in range(len(columns) + 1)
        )
        return Row(label=label, cells=cells[:-1], total=cells[-1])

    return Table(
        characteristic=characteristic,
        title=title,
        columns=columns,
        rows=tuple(row(i, label) for i, label in enumerate(row_labels)),
        totals=row(len(row_labels), "All applications"),
        is_empty=full[-1][-1] == 0,
    )


def equality_by_stage(
    *, cohort: Cohort, characteristic: str, until: datetime.datetime | None = None
) -> Table:
    """Submitted applications to a cohort, counted by one characteristic and by the stage
    each was at ``until`` (by default, the start of today: the end of yesterday).

    Applications not submitted by then are left out, and so are stages no application was
    at (their zeros would only hide other counts); an application with no answer to the
    question (or no questionnaire at all) counts under "No answer". The report shows a
    day's snapshot of these counts instead (``equality_snapshot``)."""
    until = until or figures_cut_off(timezone.localdate())
    figures = _counts_by_stage(cohort=cohort, characteristics=(characteristic,), until=until)
    return _table(characteristic, figures[characteristic])


def _table(characteristic: str, figures: dict) -> Table:
    spec = CHARACTERISTICS[characteristic]
    return table_from_counts(
        characteristic=characteristic,
        title=spec.title,
        row_labels=spec.rows,
        columns=tuple(figures["columns"]),
        counts=figures["counts"],
    )


def _statuses_at(*, cohort: Cohort, until: datetime.datetime) -> dict[int, str]:
    """The cohort's applications that were at a submitted stage at ``until``, each with that
    stage, in one query: the target of its last status change before then, from the history
    (``StatusChange``), never its status now. One with no change before then is left out."""
    then = (
        StatusChange.objects.filter(
            record_type_id=ContentType.objects.get_for_model(Application).pk,
            record_id=OuterRef("pk"),
            at__lt=until,
        )
        .order_by("-at", "-id")
        .values("target")[:1]
    )
    return dict(
        Application.objects.filter(cohort=cohort)
        .annotate(status_then=Subquery(then))
        .filter(status_then__in=STAGES)
        .values_list("id", "status_then")
    )


def _counts_by_stage(
    *, cohort: Cohort, characteristics, until: datetime.datetime
) -> dict[str, dict]:
    """Unsuppressed counts, by characteristic: the columns used and a row per label, of the
    applications by the stage each was at ``until``."""
    statuses = _statuses_at(cohort=cohort, until=until)
    blank = {
        "date_of_birth": None,
        "date_of_birth_declined": False,
        "sex": "",
        "ethnicity": "",
        "disability": "",
        "religion": "",
        "sexual_orientation": "",
    }
    answers = {
        m["application_id"]: m
        for m in EqualityMonitoring.objects.filter(application__cohort=cohort).values(
            "application_id", *blank
        )
        if m["application_id"] in statuses
    }
    column_index = {stage: i for i, stage in enumerate(STAGES)}
    figures = {}
    for characteristic in characteristics:
        spec = CHARACTERISTICS[characteristic]
        row_index = {label: i for i, label in enumerate(spec.rows)}
        counts = [[0] * len(STAGES) for _ in spec.rows]
        for application_id, status in statuses.items():
            label = spec.row_of(answers.get(application_id, blank), cohort)
            counts[row_index[label]][column_index[status]] += 1
        used = [i for i in range(len(STAGES)) if any(row[i] for row in counts)] or list(
            range(len(STAGES))
        )
        figures[characteristic] = {
            "columns": [STAGE_LABELS[STAGES[i]] for i in used],
            "counts": [[row[i] for i in used] for row in counts],
        }
    return figures


def equality_snapshot(*, cohort: Cohort) -> EqualitySnapshot:
    """Today's snapshot of the cohort's counts, taken now if nobody has asked for it today.

    Its figures count each application by its status at the end of yesterday (Europe/London),
    from the status history, whenever today it is first asked for: the cut-off is the
    calendar's, not the viewer's (ADR 0022), so no view taken before a decision and another
    after it can differ by that decision, which shows only in tomorrow's figures among
    everything else decided today (ADR 0012)."""
    return EqualitySnapshot.of_today(
        cohort=cohort,
        figures=lambda day: _counts_by_stage(
            cohort=cohort, characteristics=CHARACTERISTICS, until=figures_cut_off(day)
        ),
    )


def equality_snapshot_tables(*, snapshot: EqualitySnapshot) -> list[Table]:
    """The snapshot's tables, small counts hidden, in the order of ``CHARACTERISTICS``."""
    return [_table(key, snapshot.figures[key]) for key in CHARACTERISTICS]


# The fairness report (stepup.insights): counts by the furthest stage each application reached.

_DECLINED_AGE = "declined"


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def _age_label(answer: str) -> str:
    return PREFER_NOT_TO_SAY_LABEL if answer == _DECLINED_AGE else (answer or NO_ANSWER)


def _answered_sql(*, cohort: Cohort, reached_sql: str, params: list) -> tuple[str, list]:
    """The start of a query: ``answered`` has, for each application ``reached_sql`` selects,
    its ``partnership_id``, ``stage``, ``age`` band (its label, "declined" or blank) and its
    answer to each other question (blank if none)."""
    quote = connection.ops.quote_name
    column = {f.name: quote(f.column) for f in EqualityMonitoring._meta.concrete_fields}
    born, declined = f"m.{column['date_of_birth']}", f"m.{column['date_of_birth_declined']}"
    age_cases, age_params = [], []
    for label, low, _ in AGE_BANDS[:0:-1]:  # oldest first: born on or before the day
        age_cases.append(f"WHEN {born} <= %s THEN %s")
        age_params += [_years_before(cohort.start_date, low), label]
    age = (
        f"CASE WHEN {born} IS NULL THEN (CASE WHEN {declined} THEN %s ELSE '' END) "
        f"{' '.join(age_cases)} ELSE %s END"
    )
    picked = ", ".join(
        f"COALESCE(m.{column[key]}, '') AS {key}" for key in CHARACTERISTICS if key != "age"
    )
    sql = (
        # Identifiers from the models only: every value is a parameter.
        f"WITH reached AS ({reached_sql}), answered AS ("  # noqa: S608
        f"SELECT r.partnership_id, r.stage, {age} AS age, {picked} "
        f"FROM reached r LEFT JOIN {quote(EqualityMonitoring._meta.db_table)} m "
        f"ON m.{column['application']} = r.application_id) "
    )
    return sql, [*params, _DECLINED_AGE, *age_params, AGE_BANDS[0][0]]


def equality_counts_by_stage_reached(
    *, cohort: Cohort, reached_sql: str, params: list, stages: int
) -> dict[int, dict[str, dict[str, list[int]]]]:
    """By partnership, characteristic and group: how many applications got no further than
    each of ``stages`` stages, counted in the database.

    ``reached_sql`` (from ``stepup.insights.reached``) selects ``application_id``,
    ``partnership_id`` and ``stage`` (an index into the stages); each characteristic is one
    GROUP BY over it joined to the answers, so no application's answers leave the database.
    Groups are the report's labels (``CHARACTERISTICS``), with "Prefer not to say" and "No
    answer" as groups of their own. The age band is the age on the cohort's first day."""
    start, all_params = _answered_sql(cohort=cohort, reached_sql=reached_sql, params=params)
    sql = start + " UNION ALL ".join(
        f"SELECT '{key}', partnership_id, stage, {key}, COUNT(*) FROM answered "  # noqa: S608
        f"GROUP BY partnership_id, stage, {key}"
        for key in CHARACTERISTICS
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, all_params)
        found = cursor.fetchall()
    result: dict[int, dict[str, dict[str, list[int]]]] = {}
    for key, partnership_id, stage, answer, count in found:
        if key == "age":
            label = _age_label(answer)
        else:
            label = CHARACTERISTICS[key].row_of({key: answer}, cohort)
        groups = result.setdefault(partnership_id, {k: {} for k in CHARACTERISTICS})[key]
        groups.setdefault(label, [0] * stages)[stage] += count
    return result


NOT_GIVEN = "not_given"
# The researchers' file's broader groups (docs/equality-report.md): each answer's code, or
# "not_given" for no answer or "prefer not to say", so that fewer rows stand alone.
_AGE_GROUPS = {
    "under_25": "under_30",
    "25_29": "under_30",
    "30_34": "30_39",
    "35_39": "30_39",
    "40_44": "40_49",
    "45_49": "40_49",
    "50_54": "50_and_over",
    "55_and_over": "50_and_over",
}
_BROADER: dict[str, Callable[[str], str]] = {
    "age": lambda code: _AGE_GROUPS.get(code, NOT_GIVEN),
    "sex": lambda code: code if code in (Sex.FEMALE, Sex.MALE) else NOT_GIVEN,
    "ethnicity": lambda code: (
        GROUP_OF_ETHNICITY[code].code if code in GROUP_OF_ETHNICITY else NOT_GIVEN
    ),
    "disability": lambda code: code if code in (Disability.YES, Disability.NO) else NOT_GIVEN,
    "religion": lambda code: (
        code
        if code in (Religion.NONE, Religion.CHRISTIAN, Religion.MUSLIM)
        else ("other" if code in Religion.values and code != PREFER_NOT_TO_SAY else NOT_GIVEN)
    ),
    "sexual_orientation": lambda code: (
        "heterosexual"
        if code == SexualOrientation.HETEROSEXUAL
        else (
            "lgb_or_other"
            if code in SexualOrientation.values and code != PREFER_NOT_TO_SAY
            else NOT_GIVEN
        )
    ),
}


def _age_code(answer: str) -> str:
    """An age band as a code: "under_25", "25_29" … "55_and_over"."""
    if answer == _DECLINED_AGE:
        return PREFER_NOT_TO_SAY
    return answer.lower().replace(" to ", "_").replace(" ", "_")


def equality_rows_for_research(*, cohort: Cohort, reached_sql: str, params: list):
    """For each application ``reached_sql`` selects, in no particular order and without any
    reference to it: its stage and its answers in broader groups (the age band in ten years
    instead of the date of birth, the ethnic group instead of the background, no free text;
    "not_given" where the question was not answered). For ``export_anonymised``, which
    suppresses what would still single someone out (docs/equality-report.md)."""
    start, all_params = _answered_sql(cohort=cohort, reached_sql=reached_sql, params=params)
    keys = list(CHARACTERISTICS)
    with connection.cursor() as cursor:
        select = f"SELECT stage, {', '.join(keys)} FROM answered"  # noqa: S608
        cursor.execute(start + select, all_params)
        for stage, *answers in cursor.fetchall():
            row = dict(zip(keys, answers, strict=True))
            row["age"] = _age_code(row["age"])
            yield stage, {key: _BROADER[key](value) for key, value in row.items()}
