"""Exporting a cohort's applications, in the format the import reads."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stepup.accounts.roles import Role
from stepup.applications.models import Application, ApplicationStatus
from stepup.applications.transfer import applications_export
from stepup.core.models import AuditEntry
from stepup.programme.models import CohortStatus
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    CohortFactory,
    PartnershipFactory,
    person_with_role,
)
from tests.transfer.conftest import csv_text, good_row

NOW = datetime.datetime(2026, 11, 20, 10, 0, tzinfo=datetime.UTC)
COMPARED = [
    f.name
    for f in Application._meta.concrete_fields
    if f.name
    not in {"id", "cohort", "reference", "status", "rules", "created_at", "updated_at"}
    | {"sections_completed", "withdrawn_at", "first_choice", "second_choice"}
]


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _submitted(cohort, **fields):
    return ApplicationFactory(
        cohort=cohort,
        status=fields.pop("status", ApplicationStatus.ELIGIBLE),
        rules=cohort.current_rules,
        submitted_at=fields.pop("submitted_at", timezone.now()),
        **fields,
    )


def _export(cohort) -> list[dict]:
    out = io.StringIO()
    applications_export(cohort=cohort, out=out, actor=None)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


def test_only_submitted_applications_still_in_are_exported(cohort):
    eligible = _submitted(cohort)
    screened_out = _submitted(cohort, status=ApplicationStatus.SCREENED_OUT)
    _submitted(cohort, status=ApplicationStatus.WITHDRAWN)
    ApplicationFactory(cohort=cohort)  # a draft

    rows = _export(cohort)

    assert sorted(row["email"] for row in rows) == sorted(
        [eligible.candidate.email, screened_out.candidate.email]
    )
    row = rows[0]
    assert row["degree_class"] == "upper_second"
    assert row["willing_to_move"] == "yes" and row["has_criminal_record"] == "no"
    assert row["experience_1_started_on"] == "2020-01-06"
    assert row["experience_5_kind"] == ""  # five groups, always
    assert "experience_6_kind" not in row


def test_someone_with_more_experience_than_five_gets_more_columns(cohort):
    _submitted(cohort, experiences=7)

    row = _export(cohort)[0]

    assert row["experience_7_role"] == "Youth worker 7"


def test_a_cell_a_spreadsheet_would_run_is_defused(cohort):
    _submitted(cohort, answer_q1='=HYPERLINK("http://evil.example")', phone="+44 808 157 0192")

    row = _export(cohort)[0]

    assert row["answer_q1"] == '\'=HYPERLINK("http://evil.example")'
    assert row["phone"] == "'+44 808 157 0192"


def test_the_export_makes_the_same_queries_however_many_applications(cohort):
    _submitted(cohort, experiences=2)
    # The first audit entry about a cohort in a process also looks up its content type, which
    # Django then keeps: export once first, so that what follows does not depend on test order.
    applications_export(cohort=cohort, out=io.StringIO(), actor=None)
    with CaptureQueriesContext(connection) as few:
        applications_export(cohort=cohort, out=io.StringIO(), actor=None)
    for _ in range(15):
        _submitted(cohort, experiences=3)
    with CaptureQueriesContext(connection) as many:
        applications_export(cohort=cohort, out=io.StringIO(), actor=None)

    # The applications, their experience, the audit entry and its link to the one before. On
    # PostgreSQL an audit entry also takes the chain's lock
    # (docs/adr/0023-database-roles-and-a-tamper-evident-audit.md): not counted here.
    def counted(captured):
        return [q for q in captured.captured_queries if "pg_advisory_xact_lock" not in q["sql"]]

    assert len(counted(many)) == len(counted(few)) == 4


def test_an_export_imported_into_another_cohort_gives_the_same_applications(
    cohort, run_import, tmp_path, importer
):
    rows = [
        good_row(1, answer_q2="First paragraph.\n\nSecond, “quoted”, paragraph."),
        good_row(
            2,
            degree_class="overseas",
            degree_equivalence="Licenciatura: like a UK 2:1",
            phone="+44 808 157 0192",
            answer_q3="- a list\n- of values",
            second_choice="",
            willing_to_move="no",
            has_criminal_record="yes",
            criminal_record_details="A caution in 2015",
            experience_2_kind="paid",
            experience_2_role="Teaching assistant",
            experience_2_organisation="St Mary's, Lewisham",
            experience_2_started_on="2022-09-01",
            experience_2_hours_per_week="30",
        ),
    ]
    assert run_import(csv_text(rows))[0]
    other = CohortFactory(number=8, status=CohortStatus.RECRUITING)
    for code in ("SEL", "LTP"):
        PartnershipFactory(cohort=other, code=code)
    output = tmp_path / "cohort-6.csv"

    call_command(
        "export_applications",
        "--cohort",
        "6",
        "--output",
        str(output),
        "--by",
        importer.email,
        stdout=io.StringIO(),
    )
    ok, _, err = run_import(output.read_bytes(), cohort=8, name="cohort-6.csv")

    assert ok, err
    for original in Application.objects.filter(cohort=cohort):
        copy = Application.objects.get(cohort=other, candidate=original.candidate)
        assert {n: getattr(copy, n) for n in COMPARED} == {
            n: getattr(original, n) for n in COMPARED
        }
        assert copy.status == original.status
        assert (copy.first_choice.code, getattr(copy.second_choice, "code", None)) == (
            original.first_choice.code,
            getattr(original.second_choice, "code", None),
        )
        fields = ("kind", "role", "organisation", "started_on", "ended_on", "hours_per_week")
        assert list(copy.experiences.order_by("started_on").values_list(*fields)) == list(
            original.experiences.order_by("started_on").values_list(*fields)
        )


def test_the_export_command_writes_to_standard_output(cohort, importer):
    application = _submitted(cohort)
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "export_applications", "--cohort", "6", "--by", importer.email, stdout=out, stderr=err
    )

    assert out.getvalue().startswith("email,full_name,")
    assert application.candidate.email in out.getvalue()
    assert "Exported 1 applications from cohort 6" in err.getvalue()


# The staff download


@pytest.mark.parametrize("role", [Role.NATIONAL_ADMIN, Role.CONTRACTOR])
def test_the_national_team_and_contractor_download_a_csv(cohort, client, sign_in, role):
    application = _submitted(cohort)
    person = person_with_role(role)
    sign_in(person)

    response = client.get("/cohorts/6/applications.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="cohort-6-applications.csv"'
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(response.content.decode(), newline="")))
    assert [row["email"] for row in rows] == [application.candidate.email]
    assert AuditEntry.objects.get(event="applications.exported").actor == person


@pytest.mark.parametrize(
    "role",
    [Role.NATIONAL_ANALYST, Role.COORDINATOR, Role.ASSESSOR, Role.AUTHORITY_OFFICER],
)
def test_nobody_else_may_download(cohort, client, sign_in, role):
    _submitted(cohort)
    sign_in(person_with_role(role))

    assert client.get("/cohorts/6/applications.csv").status_code == 403


def test_a_candidate_may_not_download_and_anyone_signed_out_is_sent_to_sign_in(
    cohort, client, sign_in
):
    response = client.get("/cohorts/6/applications.csv")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
    sign_in(CandidateFactory())
    assert client.get("/cohorts/6/applications.csv").status_code == 403


def test_an_unknown_cohort_is_not_found(db, client, sign_in):
    sign_in(person_with_role(Role.NATIONAL_ADMIN))

    assert client.get("/cohorts/99/applications.csv").status_code == 404


def test_every_export_is_in_the_audit_trail_with_who_and_how_many(cohort, importer):
    """Finding 7: the export of every candidate's personal data wrote nothing."""
    _submitted(cohort)
    _submitted(cohort)
    call_command(
        "export_applications", "--cohort", "6", "--by", importer.email, stdout=io.StringIO()
    )
    entry = AuditEntry.objects.get(event="applications.exported")
    assert entry.actor == importer
    assert entry.values == {"applications": 2, "format": "csv"}
    assert entry.record_id == str(cohort.pk)
