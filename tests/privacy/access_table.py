"""The privacy pages in the permission walk: a candidate downloads only their own data."""

from tests.personas import CANDIDATE, CANDIDATES, ONLY_ADMIN

EXPECTED: dict[str, frozenset[str]] = {
    "privacy:my-data": CANDIDATES,
    "privacy:person-data": ONLY_ADMIN,
    "privacy:person-erase": ONLY_ADMIN,
}


def extend_world(world) -> None:
    """The national team's pages are about the walk's candidate."""
    pk = world["people"][CANDIDATE].pk
    world["per_url"]["privacy:person-data"] = {"pk": pk}
    world["per_url"]["privacy:person-erase"] = {"pk": pk}
