"""The statistics agree with SciPy, computed here independently, and with the evaluation's
published figures (seed 001 §5.7.4: gender, chi-square 2.14, 1 degree of freedom, p 0.14)."""

import csv
import json
import random

import pytest
from django.core.management import CommandError, call_command
from scipy.stats import chi2_contingency, fisher_exact

from stepup.insights.statistics import fairness_analysis, impact_ratios, independence_test


def _write(path, rows, columns):
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _people(sex: str, accepted: int, total: int, start: int) -> list[dict]:
    return [
        {
            "candidate_ref": f"R{start + i}",
            "furthest_stage": "accepted" if i < accepted else "submitted",
            "sex": sex,
        }
        for i in range(total)
    ]


def _report(path, capsys) -> dict:
    call_command("equality_report", "--input", str(path), "--json")
    return json.loads(capsys.readouterr().out)


def test_the_published_gender_figures_come_out_as_published(tmp_path, capsys):
    """1,413 women of whom 141 accepted a place; 362 men of whom 27 did."""
    path = tmp_path / "gender.csv"
    _write(
        path,
        _people("female", 141, 1413, 0) + _people("male", 27, 362, 2000),
        ["candidate_ref", "furthest_stage", "sex"],
    )
    report = _report(path, capsys)
    overall = report["characteristics"]["sex"]["overall"]
    assert overall["test"] == "chi2"
    assert round(overall["statistic"], 2) == 2.14
    assert overall["dof"] == 1
    assert round(overall["p_value"], 2) == 0.14
    sex = report["characteristics"]["sex"]
    assert sex["groups"]["female"]["submitted"] == 1413
    assert sex["groups"]["female"]["accepted"] == 141
    assert sex["groups"]["female"]["started"] == 0
    # 27/362 = 7.5% against 141/1413 = 10.0%: 0.75 of the highest rate, under four fifths.
    assert sex["impact_ratios"] == {"female": 1.0, "male": pytest.approx(0.7474, abs=1e-4)}
    assert sex["below_four_fifths"] == ["male"]
    assert report["stages"][0] == "submitted" and report["stages"][-1] == "started"


def _random_reached(rng: random.Random, groups: int, stages: int, small: bool) -> list[list[int]]:
    """For each group, how many reached each stage: never more at a later stage."""
    table = []
    for _ in range(groups):
        counts = [rng.randint(1, 12) if small else rng.randint(20, 400)]
        for _ in range(stages - 1):
            counts.append(rng.randint(0, counts[-1]))
        table.append(counts)
    return table


@pytest.mark.parametrize("seed", range(40))
def test_every_transition_agrees_with_scipy(seed):
    rng = random.Random(seed)
    groups = rng.choice([2, 2, 3, 5])
    small = seed % 2 == 0  # half the tables have small counts, so some need Fisher's test
    reached = _random_reached(rng, groups, 5, small)
    stages = ("a", "b", "c", "d", "e")
    analysis = fairness_analysis(
        stages=stages,
        groups={f"g{i}": row for i, row in enumerate(reached)},
        not_answered={"No answer": [9, 5, 3, 1, 0]},
        outcome=4,
    )
    for index, transition in enumerate(analysis.transitions):
        table = [[row[index + 1], row[index] - row[index + 1]] for row in reached]
        table = [row for row in table if sum(row)]
        result = transition.result
        if len(table) < 2 or any(sum(col) == 0 for col in zip(*table, strict=True)):
            assert not result.tested
            continue
        expected = chi2_contingency(table, correction=False)
        n = sum(map(sum, table))
        assert result.cramers_v == pytest.approx((expected.statistic / n) ** 0.5, rel=1e-9)
        assert result.dof == expected.dof
        if len(table) == 2 and expected.expected_freq.min() < 5:
            fisher = fisher_exact(table)
            assert result.test == "fisher"
            assert result.p_value == pytest.approx(fisher.pvalue, rel=1e-9)
        else:
            assert result.test == "chi2"
            assert result.statistic == pytest.approx(expected.statistic, rel=1e-9)
            assert result.p_value == pytest.approx(expected.pvalue, rel=1e-9)


def test_the_random_tables_include_some_that_need_fishers_test():
    """Without this, the test above could pass without ever taking the Fisher branch."""
    tests = set()
    for seed in range(40):
        rng = random.Random(seed)
        groups = rng.choice([2, 2, 3, 5])
        reached = _random_reached(rng, groups, 5, seed % 2 == 0)
        for index in range(4):
            table = [[row[index + 1], row[index] - row[index + 1]] for row in reached]
            tests.add(independence_test(table).test)
    assert {"chi2", "fisher"} <= tests


def test_a_table_that_cannot_be_tested_says_so():
    assert not independence_test([[5, 10]]).tested  # one group
    assert not independence_test([[0, 10], [0, 30]]).tested  # nobody went on
    assert not independence_test([[0, 0], [4, 6]]).tested  # one group is empty
    result = independence_test([[0, 0], [4, 6], [10, 2]])  # the empty group is left out
    assert result.tested and result.dof == 1


def test_those_who_did_not_answer_are_shown_but_not_tested():
    groups = {"A": [100, 50], "B": [100, 20]}
    with_them = fairness_analysis(
        stages=("x", "y"), groups=groups, not_answered={"No answer": [50, 1]}, outcome=1
    )
    without = fairness_analysis(stages=("x", "y"), groups=groups, not_answered={}, outcome=1)
    assert with_them.overall == without.overall
    assert with_them.selection_rates["No answer"] == 0.02
    assert "No answer" not in with_them.impact_ratios


def test_impact_ratios_compare_with_the_highest_rate():
    assert impact_ratios({"a": 0.5, "b": 0.25, "c": None}) == {"a": 1.0, "b": 0.5, "c": None}
    assert impact_ratios({"a": 0.0, "b": 0.0}) == {"a": None, "b": None}


def test_a_bad_file_is_refused_with_every_problem_and_how_to_fix_it(tmp_path):
    path = tmp_path / "bad.csv"
    _write(
        path,
        [
            {"candidate_ref": "A", "furthest_stage": "offered", "sex": "female"},
            {"candidate_ref": "A", "furthest_stage": "hired", "sex": "male"},
            {"candidate_ref": "", "furthest_stage": "eligible", "sex": ""},
        ],
        ["candidate_ref", "furthest_stage", "sex"],
    )
    with pytest.raises(CommandError, match="Nothing was analysed") as error:
        call_command("equality_report", "--input", str(path), "--json")
    message = str(error.value)
    assert "Nothing was analysed" in message
    assert "Row 3: furthest_stage 'hired' is not a stage; use one of submitted, eligible" in message
    assert "Row 4: candidate_ref is empty" in message
    missing = tmp_path / "missing.csv"
    _write(missing, [], ["ref", "sex"])
    with pytest.raises(CommandError, match="no candidate_ref column"):
        call_command("equality_report", "--input", str(missing), "--json")
    with pytest.raises(CommandError, match="no file"):
        call_command("equality_report", "--input", str(tmp_path / "nowhere.csv"))


def test_unanswered_and_extra_columns(tmp_path, capsys):
    """An empty cell or prefer_not_to_say is not answered; any other column is a
    characteristic too."""
    path = tmp_path / "extra.csv"
    rows = [
        {"candidate_ref": f"R{i}", "furthest_stage": stage, "sex": sex, "region": region}
        for i, (stage, sex, region) in enumerate(
            [("started", "female", "north")] * 6
            + [("eligible", "male", "south")] * 7
            + [("submitted", "", "north")] * 2
            + [("invited", "prefer_not_to_say", "south")] * 3
        )
    ]
    _write(path, rows, ["candidate_ref", "furthest_stage", "sex", "region"])
    report = _report(path, capsys)
    sex = report["characteristics"]["sex"]
    assert set(sex["groups"]) == {"female", "male"}
    assert sex["not_answered"]["submitted"] == 5 and sex["not_answered"]["invited"] == 3
    assert sex["groups"]["female"]["accepted"] == 6  # reached every stage up to started
    assert "region" in report["characteristics"]
    transitions = sex["transitions"]
    assert [t["from"] for t in transitions][:2] == ["submitted", "eligible"]
    last = transitions[-1]
    assert last["from"] == "accepted" and last["to"] == "started"
    assert last["test"] is None and last["p_value"] is None  # everyone who accepted started
