"""Eligibility decisions match the rules: one row a case, with the reason the candidate reads."""

import pytest

from stepup.programme.models import GcseMinimum
from stepup.selection.eligibility import (
    FAIL,
    PASS,
    REFER,
    eligibility_assess,
    eligibility_overall,
)
from tests.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

# (case, application fields, rule changes, overall, {rule: outcome}, words in a reason)
CASES = [
    ("first class degree", {"degree_class": "first"}, {}, PASS, {"degree_class": PASS}, ""),
    ("2:1 awarded", {}, {}, PASS, {"degree_class": PASS}, "Upper second"),
    (
        "2:2 refused",
        {"degree_class": "lower_second"},
        {},
        FAIL,
        {"degree_class": FAIL},
        "Upper second (2:1) or higher",
    ),
    ("third refused", {"degree_class": "third"}, {}, FAIL, {"degree_class": FAIL}, "Third"),
    ("pass degree refused", {"degree_class": "pass"}, {}, FAIL, {"degree_class": FAIL}, "Pass"),
    (
        "2:2 allowed when the cohort accepts 2:2",
        {"degree_class": "lower_second"},
        {"min_degree_class": "lower_second"},
        PASS,
        {"degree_class": PASS},
        "",
    ),
    (
        "predicted 2:1 is checked by a person",
        {"degree_status": "predicted"},
        {},
        REFER,
        {"degree_class": REFER},
        "predicted",
    ),
    (
        "predicted 2:2 is refused",
        {"degree_status": "predicted", "degree_class": "lower_second"},
        {},
        FAIL,
        {"degree_class": FAIL},
        "predicted to be Lower second",
    ),
    (
        "overseas degree is checked by a person",
        {"degree_class": "overseas", "degree_equivalence": "Licenciatura, 16/20"},
        {},
        REFER,
        {"degree_class": REFER},
        "overseas",
    ),
    (
        "social work degree holder refused",
        {"degree_subject": "BA (Hons) Social Work"},
        {},
        FAIL,
        {"degree_subject": FAIL},
        "social work",
    ),
    (
        "social-work spelt with a hyphen refused",
        {"degree_subject": "social-work studies"},
        {},
        FAIL,
        {"degree_subject": FAIL},
        "",
    ),
    (
        "social policy is not social work",
        {"degree_subject": "Social Policy"},
        {},
        PASS,
        {"degree_subject": PASS},
        "",
    ),
    (
        "GCSE letter grade C meets C/4",
        {"gcse_english_grade": "C"},
        {},
        PASS,
        {"gcse_english": PASS},
        "",
    ),
    (
        "GCSE number grade 4 meets C/4",
        {"gcse_maths_grade": "4"},
        {},
        PASS,
        {"gcse_maths": PASS},
        "",
    ),
    (
        "GCSE grade D refused",
        {"gcse_english_grade": "D"},
        {},
        FAIL,
        {"gcse_english": FAIL},
        "grade C or 4",
    ),
    ("GCSE grade 3 refused", {"gcse_maths_grade": "3"}, {}, FAIL, {"gcse_maths": FAIL}, "is 3"),
    ("GCSE U refused", {"gcse_maths_grade": "U"}, {}, FAIL, {"gcse_maths": FAIL}, ""),
    (
        "GCSE 4 refused when the cohort asks for B/5",
        {"gcse_maths_grade": "4"},
        {"gcse_maths_minimum": GcseMinimum.B5},
        FAIL,
        {"gcse_maths": FAIL},
        "grade B or 5",
    ),
    (
        "GCSE A* meets A/7",
        {"gcse_english_grade": "A*"},
        {"gcse_english_minimum": GcseMinimum.A7},
        PASS,
        {"gcse_english": PASS},
        "",
    ),
    (
        "equivalent English qualification checked by a person",
        {"gcse_english_grade": "equivalent", "gcse_english_equivalent": "Functional Skills L2"},
        {},
        REFER,
        {"gcse_english": REFER},
        "equivalent",
    ),
    (
        "no experience refused",
        {"experiences": 0},
        {},
        FAIL,
        {"experience": FAIL},
        "paid or voluntary",
    ),
    (
        "no experience allowed when the cohort does not ask for it",
        {"experiences": 0},
        {"experience_required": False},
        PASS,
        {},
        "",
    ),
    (
        "no right to work refused",
        {"right_to_work": "no"},
        {},
        FAIL,
        {"right_to_work": FAIL},
        "right to study and work",
    ),
    (
        "uncertain right to work checked by a person",
        {"right_to_work": "not_sure"},
        {},
        REFER,
        {"right_to_work": REFER},
        "",
    ),
    (
        "a failure decides even when something else is referred",
        {"right_to_work": "not_sure", "gcse_maths_grade": "2"},
        {},
        FAIL,
        {"right_to_work": REFER, "gcse_maths": FAIL},
        "",
    ),
]


@pytest.mark.parametrize(
    ("fields", "rule_changes", "overall", "outcomes", "reason_words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_eligibility_follows_the_rules(fields, rule_changes, overall, outcomes, reason_words):
    cohort = CohortFactory()
    rules = cohort.current_rules
    for name, value in rule_changes.items():
        setattr(rules, name, value)
    rules.save()
    application = ApplicationFactory(cohort=cohort, **fields)

    results = eligibility_assess(application=application, rules=rules)

    assert eligibility_overall(results) == overall
    by_rule = {result.rule: result for result in results}
    for rule, outcome in outcomes.items():
        assert by_rule[rule].outcome == outcome, by_rule[rule]
    if "experience" not in outcomes and rule_changes.get("experience_required") is False:
        assert "experience" not in by_rule
    if reason_words:
        assert any(
            reason_words.lower() in r.reason.lower()
            for r in results
            if r.outcome != PASS or overall == PASS
        ), results


def test_every_result_gives_a_reason():
    application = ApplicationFactory()
    results = eligibility_assess(application=application, rules=application.cohort.current_rules)
    assert [r.rule for r in results] == [
        "right_to_work",
        "degree_subject",
        "degree_class",
        "gcse_english",
        "gcse_maths",
        "experience",
    ]
    assert all(r.reason for r in results)
