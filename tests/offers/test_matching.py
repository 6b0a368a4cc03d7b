"""The allocation algorithm: stable, applicant-optimal (the same
as a brute-force search over every allocation on small instances), deterministic; and the
offline ``allocate`` command with its refusals."""

import itertools
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stepup.offers.matching import InstanceError, allocate, instance_from


def _rank(instance_data, code):
    """The programme's order of acceptable candidates, best first."""
    programme = next(p for p in instance_data["programmes"] if p["code"] == code)
    if "ranking" in programme:
        return programme["ranking"]
    by_score = sorted(instance_data["candidates"], key=lambda c: (-c["score"], c["id"]))
    return [c["id"] for c in by_score]


def _blocking_pairs(data, assignments):
    """(candidate, programme) pairs who both prefer each other to what they have."""
    places = {p["code"]: p["places"] for p in data["programmes"]}
    holders = {code: [c for c, got in assignments.items() if got == code] for code in places}
    pairs = []
    for candidate in data["candidates"]:
        ident, prefs = candidate["id"], candidate["preferences"]
        got = assignments[ident]
        better = prefs if got is None else prefs[: prefs.index(got)]
        for code in better:
            order = _rank(data, code)
            if ident not in order:
                continue
            has_room = len(holders[code]) < places[code]
            if has_room or any(order.index(ident) < order.index(h) for h in holders[code]):
                pairs.append((ident, code))
    return pairs


def _feasible(data, assignments):
    places = {p["code"]: p["places"] for p in data["programmes"]}
    for candidate in data["candidates"]:
        got = assignments[candidate["id"]]
        if got is not None and (
            got not in candidate["preferences"] or candidate["id"] not in _rank(data, got)
        ):
            return False
    return all(
        sum(1 for got in assignments.values() if got == code) <= n for code, n in places.items()
    )


@st.composite
def instances(draw, max_candidates=7, max_programmes=3, rankings=True):
    codes = [f"P{n}" for n in range(draw(st.integers(1, max_programmes)))]
    ids = [f"c{n}" for n in range(draw(st.integers(0, max_candidates)))]
    candidates = [
        {
            "id": ident,
            "score": draw(st.integers(0, 4)),  # few values: ties
            "preferences": draw(
                st.permutations(codes).flatmap(
                    lambda p: st.integers(0, len(p)).map(lambda k, p=p: list(p[:k]))
                )
            ),
        }
        for ident in ids
    ]
    programmes = []
    for code in codes:
        programme = {"code": code, "places": draw(st.integers(0, 3))}
        if rankings and draw(st.booleans()):
            acceptable = draw(st.permutations(ids))
            programme["ranking"] = list(acceptable[: draw(st.integers(0, len(acceptable)))])
        programmes.append(programme)
    return {"programmes": programmes, "candidates": candidates}


@given(instances(max_candidates=30, max_programmes=6))
@settings(max_examples=200, deadline=None)
def test_every_allocation_is_feasible_and_stable(data):
    result = allocate(instance_from(data))
    assert set(result.assignments) == {c["id"] for c in data["candidates"]}
    assert _feasible(data, result.assignments)
    assert _blocking_pairs(data, result.assignments) == []
    for programme in data["programmes"]:
        taken = sum(1 for got in result.assignments.values() if got == programme["code"])
        assert result.unfilled[programme["code"]] == programme["places"] - taken


@given(instances())
@settings(max_examples=150, deadline=None)
def test_each_candidate_gets_their_best_of_every_stable_allocation(data):
    """A brute-force search over every allocation: of the stable ones, nobody does better
    than in ours (ours is applicant-optimal)."""
    result = allocate(instance_from(data)).assignments
    options = [[None, *c["preferences"]] for c in data["candidates"]]
    ids = [c["id"] for c in data["candidates"]]
    for choice in itertools.product(*options):
        other = dict(zip(ids, choice, strict=True))
        if not _feasible(data, other) or _blocking_pairs(data, other):
            continue
        for candidate in data["candidates"]:
            prefs = [*candidate["preferences"], None]
            ours, theirs = result[candidate["id"]], other[candidate["id"]]
            assert prefs.index(ours) <= prefs.index(theirs)


@given(instances(max_candidates=20, max_programmes=5))
@settings(max_examples=100, deadline=None)
def test_the_same_instance_gives_the_same_allocation_in_any_order(data):
    first = allocate(instance_from(data)).assignments
    shuffled = {
        "programmes": list(reversed(data["programmes"])),
        "candidates": list(reversed(data["candidates"])),
    }
    assert allocate(instance_from(shuffled)).assignments == first


def test_by_score_the_best_candidate_chooses_first_and_ties_go_by_id():
    data = {
        "programmes": [{"code": "EAST", "places": 1}, {"code": "EM", "places": 1}],
        "candidates": [
            {"id": "c2", "score": 70, "preferences": ["EAST", "EM"]},
            {"id": "c1", "score": 70, "preferences": ["EAST"]},
            {"id": "c9", "score": 71.5, "preferences": ["EM", "EAST"]},
        ],
    }
    # c9 chooses first; c1 and c2 tie, and c1 comes first by id.
    assert allocate(instance_from(data)).assignments == {"c2": None, "c1": "EAST", "c9": "EM"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "must be an object"),
        ({"programmes": [], "candidates": {}}, "a list of programmes and a list of candidates"),
        (
            {"programmes": [{"code": "E", "places": -1}], "candidates": []},
            "Programme E's places must be a whole number, 0 or more",
        ),
        (
            {
                "programmes": [{"code": "E", "places": 1}, {"code": "E", "places": 1}],
                "candidates": [],
            },
            "Programme E appears more than once",
        ),
        (
            {
                "programmes": [{"code": "E", "places": 1}],
                "candidates": [{"id": "a", "score": 1, "preferences": ["W"]}],
            },
            "Candidate a prefers 'W', which is no programme",
        ),
        (
            {
                "programmes": [{"code": "E", "places": 1}],
                "candidates": [
                    {"id": "a", "score": 1, "preferences": []},
                    {"id": "a", "score": 2, "preferences": []},
                ],
            },
            "Candidate a appears more than once",
        ),
        (
            {"programmes": [{"code": "E", "places": 1, "ranking": ["z"]}], "candidates": []},
            "names 'z', who is no candidate",
        ),
        (
            {
                "programmes": [{"code": "E", "places": 1}],
                "candidates": [{"id": "a", "score": "high", "preferences": []}],
            },
            "Candidate a's score must be a number",
        ),
    ],
)
def test_a_bad_instance_is_refused_saying_why(data, message):
    with pytest.raises(InstanceError, match=message.replace("(", r"\(").replace(")", r"\)")):
        instance_from(data)


def _run(path, *extra):
    return subprocess.run(
        [sys.executable, "manage.py", "allocate", "--input", str(path), *extra],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_command_prints_every_candidates_programme_as_json(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(
        json.dumps(
            {
                "programmes": [
                    {"code": "EAST", "places": 1, "ranking": ["c7", "c2"]},
                    {"code": "EM", "places": 2},
                ],
                "candidates": [
                    {"id": "c2", "score": 71.5, "preferences": ["EAST", "EM"]},
                    {"id": "c7", "score": 60, "preferences": ["EAST"]},
                    {"id": "c9", "score": 50, "preferences": ["EAST"]},
                ],
            }
        )
    )
    done = _run(path, "--json")
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    assert output["assignments"] == {"c2": "EM", "c7": "EAST", "c9": None}
    assert output["unfilled"] == {"EAST": 0, "EM": 1}


def test_the_command_refuses_a_bad_file_with_status_2(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"programmes": [{"code": "E", "places": -3}], "candidates": []}')
    done = _run(path, "--json")
    assert done.returncode == 2
    assert "Programme E's places must be a whole number, 0 or more" in done.stderr
    path.write_text("{not json")
    assert _run(path).returncode == 2
    assert _run(tmp_path / "missing.json").returncode == 2
