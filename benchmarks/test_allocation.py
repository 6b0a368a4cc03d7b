"""The allocation (issue 11, part 8): 100,000 candidates with up to 5 preferences over 500
programmes, by score (serial dictatorship) and with every programme's own ranking (general
deferred acceptance); and, beside it on the same instances, the ``matching`` library's
hospital-resident solver at the largest size it finishes in about a minute, with a check
that both give the same allocation. Figures in docs/performance.md."""

import random
import sys
import time

import pytest

from stepup.offers.matching import Candidate, Instance, Programme, allocate

CANDIDATES, PROGRAMMES, MOST_PREFERENCES = 100_000, 500, 5
# At 100,000 the library had not finished after eight minutes, most of them building the
# game (it deep-copies its players): 50,000 is the largest it finishes in about a minute.
LIBRARY_SIZES = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000)
LIBRARY_BUDGET = 60.0  # seconds: no size is tried that would take longer


def _instance(candidates: int, programmes: int, *, ranked: bool, seed: int = 2026) -> Instance:
    rng = random.Random(seed)  # repeatable made-up data, not a secret
    codes = [f"P{n:04d}" for n in range(programmes)]
    # About one place for every candidate, as in the programme's rounds.
    places = {code: max(1, round(rng.gauss(candidates / programmes, 3))) for code in codes}
    people = tuple(
        Candidate(
            f"c{n:06d}",
            round(rng.uniform(0, 100), 1),
            tuple(rng.sample(codes, rng.randint(1, min(MOST_PREFERENCES, programmes)))),
        )
        for n in range(candidates)
    )
    rankings = {}
    if ranked:
        # Each programme ranks those who want it by its own view: the score, give or take.
        for code in codes:
            rankings[code] = []
        for person in sorted(people, key=lambda p: (-(p.score + rng.uniform(-5, 5)), p.id)):
            for code in person.preferences:
                rankings[code].append(person.id)
    return Instance(
        tuple(
            Programme(code, places[code], tuple(rankings[code]) if ranked else None)
            for code in codes
        ),
        people,
    )


def test_100000_candidates_by_score_and_by_each_programmes_ranking(measure):
    by_score = _instance(CANDIDATES, PROGRAMMES, ranked=False)
    measure(
        f"allocation by score (serial dictatorship), {CANDIDATES:,} candidates, "
        f"{PROGRAMMES} programmes",
        lambda: allocate(by_score),
    )
    ranked = _instance(CANDIDATES, PROGRAMMES, ranked=True)
    measure(
        "allocation with each programme's own ranking (deferred acceptance)",
        lambda: allocate(ranked),
        rounds=3,
    )


def test_beside_the_matching_librarys_solver(capsys):
    games = pytest.importorskip("matching.games")
    # The library deep-copies its players, who refer to each other: deep recursion.
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1_000_000))
    for size in LIBRARY_SIZES:
        instance = _instance(size, max(5, size // 200), ranked=True)
        started = time.perf_counter()
        ours = allocate(instance).assignments
        our_seconds = time.perf_counter() - started
        game = games.HospitalResident.create_from_dictionaries(
            {c.id: list(c.preferences) for c in instance.candidates},
            {p.code: list(p.ranking) for p in instance.programmes},
            {p.code: p.places for p in instance.programmes},
        )
        started = time.perf_counter()
        solved = game.solve(optimal="resident")
        their_seconds = time.perf_counter() - started
        theirs = dict.fromkeys(ours)
        for hospital, residents in solved.items():
            for resident in residents:
                theirs[resident.name] = hospital.name
        assert theirs == ours, "the two solvers disagree"
        with capsys.disabled():
            print(
                f"\n{size:,} candidates, {len(instance.programmes)} programmes: ours "
                f"{our_seconds * 1000:.1f} ms, matching {their_seconds * 1000:.0f} ms "
                "(the same allocation)"
            )
        if their_seconds * 2.5 > LIBRARY_BUDGET:
            break
