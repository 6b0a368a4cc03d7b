"""The privacy pages in the permission walk: a candidate downloads only their own data;
data requests are the national admins' (ADR 0021)."""

from stepup.privacy.services import data_request_make
from tests.personas import ADMIN, CANDIDATE, CANDIDATES, ONLY_ADMIN

EXPECTED: dict[str, frozenset[str]] = {
    "privacy:my-data": CANDIDATES,
    "privacy:person-data": ONLY_ADMIN,
    "privacy:person-erase": ONLY_ADMIN,
    "privacy:data-request-new": ONLY_ADMIN,
    "privacy:data-request-list": ONLY_ADMIN,
    "privacy:data-request-detail": ONLY_ADMIN,
    "privacy:data-request-download": ONLY_ADMIN,
}

# The download is a button: a GET goes back to the request's page.
REDIRECT_ON_GET = frozenset({"privacy:data-request-download"})


def extend_world(world) -> None:
    """The national team's pages are about the walk's candidate."""
    pk = world["people"][CANDIDATE].pk
    world["per_url"]["privacy:person-data"] = {"pk": pk}
    world["per_url"]["privacy:person-erase"] = {"pk": pk}
    world["per_url"]["privacy:data-request-new"] = {"pk": pk}
    data_request = data_request_make(
        actor=world["people"][ADMIN],
        person=world["people"][CANDIDATE],
        why="Subject access request received by post",
    )
    world["per_url"]["privacy:data-request-detail"] = {"pk": data_request.pk}
    world["per_url"]["privacy:data-request-download"] = {"pk": data_request.pk}
