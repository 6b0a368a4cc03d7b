"""The anonymised file for researchers: no names, references, dates or free text, and the
same analysis as the pages when run through ``equality_report``."""

import csv
import datetime
import json
from io import StringIO

from django.core.management import call_command

from stepup.applications.models import Application
from stepup.core.disclosure import SMALL_COUNT
from stepup.core.models import AuditEntry
from stepup.demo.volume import NATIONAL_COHORT, PARTNERSHIP_COHORT
from stepup.insights.fairness import fairness_snapshot
from stepup.insights.reports import fairness_sections
from tests.insights.conftest import NEXT_DAY, candidate_at
from tests.support.research_file import exported_rows, rarest_combination

ANSWERS = {
    "sex": "female",
    "ethnicity": "other_any",
    "ethnicity_description": "Zyxquarian heritage",
    "date_of_birth": datetime.date(1990, 9, 2),  # 36 on 1 September 2027
    "religion": "other",
    "religion_description": "Quillonite",
}


def test_one_row_per_candidate_with_nothing_that_names_them(cohort, big, tmp_path, capsys):
    for _ in range(5):
        candidate_at(big, "accepted", answers=ANSWERS)
        candidate_at(
            big,
            "invited",
            answers={
                **ANSWERS,
                "sex": "male",
                "date_of_birth": None,
                "date_of_birth_declined": True,
            },
        )
        candidate_at(big, "eligible")  # no answers at all
    path = tmp_path / "cohort.csv"
    call_command("export_anonymised", "--cohort", "31", str(path))
    assert "Wrote 15 candidates of cohort 31." in capsys.readouterr().out
    text = path.read_text()
    for application in Application.objects.all():
        assert application.reference not in text
        assert application.full_name not in text
    for secret in ("Zyxquarian", "Quillonite", "1990", "other_any"):
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
    assert sorted(
        {(r["furthest_stage"], r["age_band"], r["sex"], r["ethnicity"]) for r in rows}
    ) == [
        ("eligible", "not_given", "not_given", "not_given"),
        ("offered_or_later", "30_39", "female", "other"),
        ("screened_in", "not_given", "male", "other"),
    ]
    assert len({r["candidate_ref"] for r in rows}) == 15
    assert AuditEntry.objects.filter(event="fairness_report.exported").count() == 1


def test_the_one_trainee_who_started_cannot_be_picked_out(cohort, big, tmp_path):
    """Finding: the only candidate who started training had a row of their own, with every
    answer they gave. Now every combination of stage and answers is shared by 5 rows."""
    candidate_at(big, "started", answers={**ANSWERS, "disability": "yes"})
    for index in range(24):
        candidate_at(
            big,
            ("eligible", "screened_in", "attended")[index % 3],
            answers={**ANSWERS, "sex": ("female", "male")[index % 2]},
        )
    rows = exported_rows(31, tmp_path)
    assert rarest_combination(rows) >= SMALL_COUNT
    assert not any(r["disability"] == "yes" for r in rows)


def test_a_volume_cohort_cannot_be_picked_out(db, tmp_path):
    call_command("load_volume", applications=2_000, partnerships=3, stdout=StringIO())
    for number in (NATIONAL_COHORT, PARTNERSHIP_COHORT):
        rows = exported_rows(number, tmp_path)
        assert rows, number
        assert rarest_combination(rows) >= SMALL_COUNT, number
        # load_volume's candidates answer the questions varied enough that it took
        # suppression, not only broader groups, to get there.
        assert any(value == "suppressed" for row in rows for value in row.values()), number


def test_researchers_reproduce_the_pages_from_the_file(
    cohort, big, small, tmp_path, capsys, time_machine
):
    for index in range(60):
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
    time_machine.move_to(NEXT_DAY, tick=False)  # the page's figures are yesterday's
    page = next(
        s
        for s in fairness_sections(snapshot=fairness_snapshot(cohort=cohort), protect=False)
        if s["key"] == "sex"
    )
    tests = {row.label: [cell.value for cell in row.cells] for row in page["tables"][3].rows}
    sift = tests["Eligible to screened in"]
    in_file = next(t for t in report["transitions"] if t["from"] == "eligible")
    assert sift[1] == in_file["statistic"]
    assert sift[3] == in_file["p_value"]
    assert report["groups"]["male"]["submitted"] == 20
