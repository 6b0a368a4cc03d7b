"""Allocating candidates to partnerships' places (ADR 0016): applicant-proposing deferred
acceptance with capacities, which is stable (no candidate and partnership both prefer each
other to what they got) and strategy-proof for candidates (nobody gains by misstating their
preferences). Pure Python, no database: the service and ``manage.py allocate`` both call it.

When every partnership ranks candidates the same way (by score, highest first, ties by id:
the programme's usual case), deferred acceptance gives exactly what serial dictatorship
gives, candidates choosing in that order: one pass, no proposals rejected. Otherwise the
general algorithm runs, each partnership holding its admitted candidates in a heap keyed by
its rank of them.
"""

import heapq
import math
from dataclasses import dataclass, field
from operator import attrgetter


class InstanceError(ValueError):
    """What is wrong with an allocation's input, in words a planner can act on."""


@dataclass(frozen=True)
class Programme:
    code: str
    places: int
    # Candidate ids, best first; ``None`` ranks every candidate by score.
    ranking: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Candidate:
    id: str
    score: float
    preferences: tuple[str, ...]


@dataclass(frozen=True)
class Instance:
    programmes: tuple[Programme, ...]
    candidates: tuple[Candidate, ...]


@dataclass
class Allocation:
    assignments: dict[str, str | None]
    unfilled: dict[str, int] = field(default_factory=dict)


def _text(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InstanceError(f"{what} must be a non-empty string")
    return value


def instance_from(data) -> Instance:
    """Read and check an instance in the documented format (docs/allocation-input.md)."""
    if not isinstance(data, dict):
        raise InstanceError("The input must be an object with programmes and candidates")
    raw_programmes, raw_candidates = data.get("programmes"), data.get("candidates")
    if not isinstance(raw_programmes, list) or not isinstance(raw_candidates, list):
        raise InstanceError("The input needs a list of programmes and a list of candidates")
    programmes, codes = [], set()
    for index, raw in enumerate(raw_programmes):
        if not isinstance(raw, dict):
            raise InstanceError(f"Programme {index + 1} must be an object")
        code = _text(raw.get("code"), f"Programme {index + 1}'s code")
        if code in codes:
            raise InstanceError(f"Programme {code} appears more than once")
        codes.add(code)
        places = raw.get("places")
        if not isinstance(places, int) or isinstance(places, bool) or places < 0:
            raise InstanceError(f"Programme {code}'s places must be a whole number, 0 or more")
        ranking = raw.get("ranking")
        if ranking is not None:
            if not isinstance(ranking, list):
                raise InstanceError(f"Programme {code}'s ranking must be a list of candidate ids")
            if len(set(ranking)) != len(ranking):
                raise InstanceError(f"Programme {code}'s ranking names a candidate twice")
            ranking = tuple(_text(c, f"A candidate id in {code}'s ranking") for c in ranking)
        programmes.append(Programme(code, places, ranking))
    candidates, ids = [], set()
    for index, raw in enumerate(raw_candidates):
        if not isinstance(raw, dict):
            raise InstanceError(f"Candidate {index + 1} must be an object")
        ident = _text(raw.get("id"), f"Candidate {index + 1}'s id")
        if ident in ids:
            raise InstanceError(f"Candidate {ident} appears more than once")
        ids.add(ident)
        score = raw.get("score")
        if (
            not isinstance(score, (int, float))
            or isinstance(score, bool)
            or not math.isfinite(score)
        ):
            raise InstanceError(f"Candidate {ident}'s score must be a number")
        preferences = raw.get("preferences")
        if not isinstance(preferences, list):
            raise InstanceError(f"Candidate {ident}'s preferences must be a list of codes")
        for code in preferences:
            if code not in codes:
                raise InstanceError(f"Candidate {ident} prefers {code!r}, which is no programme")
        if len(set(preferences)) != len(preferences):
            raise InstanceError(f"Candidate {ident} names a programme twice")
        candidates.append(Candidate(ident, float(score), tuple(preferences)))
    for programme in programmes:
        unknown = set(programme.ranking or ()) - ids
        if unknown:
            raise InstanceError(
                f"Programme {programme.code}'s ranking names {sorted(unknown)[0]!r}, "
                "who is no candidate"
            )
    return Instance(tuple(programmes), tuple(candidates))


def allocate(instance: Instance) -> Allocation:
    """The applicant-optimal stable allocation; the same instance always gives the same."""
    places = {p.code: p.places for p in instance.programmes}
    if all(p.ranking is None for p in instance.programmes):
        assignments = _serial_dictatorship(instance.candidates, places)
    else:
        assignments = _deferred_acceptance(instance, places)
    taken: dict[str, int] = {}
    for code in assignments.values():
        if code is not None:
            taken[code] = taken.get(code, 0) + 1
    return Allocation(
        assignments=assignments,
        unfilled={code: n - taken.get(code, 0) for code, n in places.items()},
    )


def _by_score(candidates) -> list:
    """Highest score first, ties by id: the order every partnership ranks by by default. Two
    stable sorts with C-level keys (``reverse`` keeps equal scores in id order) rather than
    one with a tuple key built in Python for every candidate: a third of the time."""
    ordered = sorted(candidates, key=attrgetter("id"))
    ordered.sort(key=attrgetter("score"), reverse=True)
    return ordered


def _serial_dictatorship(candidates, places: dict[str, int]) -> dict[str, str | None]:
    left = dict(places)
    assignments: dict[str, str | None] = {}
    for candidate in _by_score(candidates):
        choice = None
        for code in candidate.preferences:
            if left[code] > 0:
                left[code] -= 1
                choice = code
                break
        assignments[candidate.id] = choice
    return {c.id: assignments[c.id] for c in candidates}


def _deferred_acceptance(instance: Instance, places: dict[str, int]) -> dict[str, str | None]:
    """Candidates are numbered by their place in the score order, so that a programme
    without its own ranking ranks them by that number, with no table to look up; those with
    one look each candidate up in a table of their ranks."""
    order = _by_score(instance.candidates)
    ids = [c.id for c in order]
    preferences = [c.preferences for c in order]
    # Each programme's rank of each acceptable candidate (lower is better), by id; ``None``
    # for a programme that ranks by score.
    rank_of: dict[str, dict[str, int] | None] = {
        p.code: None if p.ranking is None else {c: r for r, c in enumerate(p.ranking)}
        for p in instance.programmes
    }
    next_choice = [0] * len(order)
    # Admitted candidates as a max-heap of (-rank, number): the worst on top, to be bumped.
    held: dict[str, list[tuple[int, int]]] = {code: [] for code in places}
    free = list(range(len(order) - 1, -1, -1))
    push, replace = heapq.heappush, heapq.heapreplace
    while free:
        number = free.pop()
        prefs = preferences[number]
        while next_choice[number] < len(prefs):
            code = prefs[next_choice[number]]
            next_choice[number] += 1
            ranks = rank_of[code]
            rank = number if ranks is None else ranks.get(ids[number])
            capacity = places[code]
            if rank is None or capacity == 0:
                continue
            heap = held[code]
            if len(heap) < capacity:
                push(heap, (-rank, number))
                break
            if rank < -heap[0][0]:
                free.append(replace(heap, (-rank, number))[1])
                break
        # Out of choices: stays unplaced.
    assignments: dict[str, str | None] = dict.fromkeys(ids)
    for code, heap in held.items():
        for _, number in heap:
            assignments[ids[number]] = code
    return {c.id: assignments[c.id] for c in instance.candidates}
