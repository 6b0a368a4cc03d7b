"""The anonymised file for researchers: no names, references, dates or free text, and the
same analysis as the pages when run through ``equality_report``."""

import csv
import datetime
import json

from django.core.management import call_command

from stepup.applications.models import Application
from stepup.core.models import AuditEntry
from stepup.insights.fairness import fairness_snapshot
from stepup.insights.reports import fairness_sections
from tests.insights.conftest import candidate_at

ANSWERS = {
    "sex": "female",
    "ethnicity": "other_any",
    "ethnicity_description": "Zyxquarian heritage",
    "date_of_birth": datetime.date(1990, 9, 2),  # 36 on 1 September 2027
    "religion": "other",
    "religion_description": "Quillonite",
}


def test_one_row_per_candidate_with_nothing_that_names_them(cohort, big, tmp_path, capsys):
    candidate_at(big, "accepted", answers=ANSWERS)
    candidate_at(
        big,
        "invited",
        answers={**ANSWERS, "sex": "male", "date_of_birth": None, "date_of_birth_declined": True},
    )
    candidate_at(big, "eligible")  # no answers at all
    path = tmp_path / "cohort.csv"
    call_command("export_anonymised", "--cohort", "31", str(path))
    assert "Wrote 3 candidates of cohort 31." in capsys.readouterr().out
    text = path.read_text()
    for application in Application.objects.all():
        assert application.reference not in text
        assert application.full_name not in text
    for secret in ("Zyxquarian", "Quillonite", "1990"):
        assert secret not in text
    rows = sorted(csv.DictReader(text.splitlines()), key=lambda r: r["furthest_stage"])
    assert list(rows[0]) == [
        "candidate_ref",
        "furthest_stage",
        "age_band",
        "sex",
        "ethnicity",
        "disability",
        "religion",
        "sexual_orientation",
    ]
    assert [(r["furthest_stage"], r["age_band"], r["sex"]) for r in rows] == [
        ("accepted", "35_39", "female"),
        ("eligible", "", ""),
        ("invited", "prefer_not_to_say", "male"),
    ]
    assert rows[0]["ethnicity"] == "other_any" and rows[0]["religion"] == "other"
    assert len({r["candidate_ref"] for r in rows}) == 3
    assert AuditEntry.objects.filter(event="fairness_report.exported").count() == 1


def test_researchers_reproduce_the_pages_from_the_file(cohort, big, small, tmp_path, capsys):
    for index in range(30):
        candidate_at(
            (big, small)[index % 2],
            ("eligible", "screened_in", "accepted", "started")[index % 4],
            answers={"sex": ("female", "male", "female")[index % 3]},
        )
    path = tmp_path / "cohort.csv"
    call_command("export_anonymised", "--cohort", "31", str(path))
    capsys.readouterr()
    call_command("equality_report", "--input", str(path), "--json")
    report = json.loads(capsys.readouterr().out)["characteristics"]["sex"]
    page = next(
        s
        for s in fairness_sections(snapshot=fairness_snapshot(cohort=cohort), protect=False)
        if s["key"] == "sex"
    )
    tests = {row.label: [cell.value for cell in row.cells] for row in page["tables"][3].rows}
    overall = tests["Accepting a place (overall)"]
    assert overall[1] == report["overall"]["statistic"]
    assert overall[3] == report["overall"]["p_value"]
    assert report["groups"]["male"]["submitted"] == 10
