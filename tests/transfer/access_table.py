"""The staff download of a cohort's applications, in the permission walk (and so in the
equality leak walk): the national admin and the contractor only."""

from tests.personas import ADMIN, CONTRACTOR

EXPECTED: dict[str, frozenset[str]] = {
    "applications:applications-download": frozenset({ADMIN, CONTRACTOR}),
}


def extend_world(world) -> None:
    world["per_url"]["applications:applications-download"] = {"number": world["cohort"].number}
