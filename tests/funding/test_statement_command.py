"""``manage.py funding_statement`` on the published cohort 5 (seed 003 Table 2)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def _statement(*args) -> str:
    out = StringIO()
    call_command("funding_statement", *args, stdout=out)
    return out.getvalue()


def test_cohort_5_ssl_has_a_planned_grant_of_exactly_915000_pounds_line_by_line(demo):
    data = json.loads(_statement("--cohort", "5", "--partnership", "SSL", "--json"))

    grant = data["grant"]
    assert grant["planned_trainees"] == 26
    assert grant["planned"] == {"pence": 91_500_000, "pounds": "£915,000"}
    assert [(line["label"], line["planned"]["pence"]) for line in grant["lines"]] == [
        ("Administration and management of the programme", 4_800_000),
        ("Bursary", 26 * 1_983_300),
        ("Training costs (university fees)", 26 * 1_166_700),
        ("Placement supervision", 26 * 175_000),
        ("Additional one-off funding for a partnership supporting 26 to 35 trainees", 250_000),
    ]
    assert [line["planned"]["pounds"] for line in grant["lines"]] == [
        "£48,000",
        "£515,658",
        "£303,342",
        "£45,500",
        "£2,500",
    ]
    # Cohort 5 recruited before the service: who started is not recorded here.
    assert grant["actual"] is None and grant["reasons"] == []


def test_an_unknown_partnership_is_refused(db):
    with pytest.raises(CommandError, match="Cohort 5 has no partnership NOPE"):
        _statement("--cohort", "5", "--partnership", "NOPE")
