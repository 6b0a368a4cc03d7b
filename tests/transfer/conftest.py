import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from stepup.accounts.roles import Role
from stepup.applications.transfer import COLUMNS, EXPERIENCE_FIELDS
from stepup.programme.models import CohortStatus
from tests.factories import CohortFactory, PartnershipFactory, person_with_role

HEADER = [
    *COLUMNS,
    *(f"experience_{n}_{f}" for n in (1, 2) for f in EXPERIENCE_FIELDS),
]


@pytest.fixture
def cohort(db):
    cohort = CohortFactory(number=6, name="Cohort 6", status=CohortStatus.RECRUITING)
    PartnershipFactory(cohort=cohort, name="South East London", code="SEL")
    PartnershipFactory(cohort=cohort, name="Learn Together", code="LTP")
    return cohort


def good_row(n: int, **changes) -> dict:
    """A complete application that meets the default rules."""
    row = {
        "email": f"person{n}@example.net",
        "full_name": f"Person {n}",
        "phone": "020 7946 0000",
        "address_line_1": f"{n} High Street",
        "address_line_2": "",
        "town": "Bromley",
        "postcode": "br1 1aa",
        "right_to_work": "yes",
        "right_to_work_details": "",
        "degree_subject": "History",
        "degree_class": "upper_second",
        "degree_equivalence": "",
        "degree_institution": "University of Kent",
        "degree_year": "2019",
        "degree_status": "awarded",
        "gcse_english_grade": "B",
        "gcse_english_equivalent": "",
        "gcse_maths_grade": "5",
        "gcse_maths_equivalent": "",
        "answer_q1": "I ran a youth club for three years.",
        "answer_q2": "I want to help children stay safe with their families.",
        "answer_q3": "Respect, honesty and putting the child first.",
        "first_choice": "SEL",
        "second_choice": "LTP",
        "willing_to_move": "yes",
        "heard_about": "search",
        "has_criminal_record": "no",
        "criminal_record_details": "",
        "declaration_confirmed": "yes",
        "submitted_at": "2026-11-02",
        "experience_1_kind": "voluntary",
        "experience_1_role": "Youth worker",
        "experience_1_organisation": "Bromley Youth Club",
        "experience_1_started_on": "2020-01-06",
        "experience_1_ended_on": "2021-01-06",
        "experience_1_hours_per_week": "6",
        "experience_2_kind": "",
        "experience_2_role": "",
        "experience_2_organisation": "",
        "experience_2_started_on": "",
        "experience_2_ended_on": "",
        "experience_2_hours_per_week": "",
    }
    row.update(changes)
    return row


def csv_text(rows: list[dict], header=None) -> str:
    header = HEADER if header is None else header
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return out.getvalue()


@pytest.fixture
def importer(db):
    """The national admin who runs imports (``--by``)."""
    return person_with_role(Role.NATIONAL_ADMIN, email="importer@stepup.example")


@pytest.fixture
def run_import(tmp_path, importer):
    """Runs the command on a file as ``importer``; gives (succeeded, stdout, stderr)."""

    def _run(content: str | bytes, *, cohort: int = 6, skip_invalid=False, name="apps.csv"):
        path = Path(tmp_path) / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        out, err = io.StringIO(), io.StringIO()
        args = [str(path), "--cohort", str(cohort), "--by", importer.email]
        args += ["--skip-invalid"] if skip_invalid else []
        try:
            call_command("import_applications", *args, stdout=out, stderr=err)
        except CommandError as error:
            err.write(str(error))
            return False, out.getvalue(), err.getvalue()
        return True, out.getvalue(), err.getvalue()

    return _run
