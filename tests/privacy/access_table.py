"""The privacy pages in the permission walk: a candidate downloads only their own data."""

from tests.personas import CANDIDATES

EXPECTED: dict[str, frozenset[str]] = {
    "privacy:my-data": CANDIDATES,
}


def extend_world(world) -> None:
    """Nothing more is needed: each candidate downloads their own data."""
