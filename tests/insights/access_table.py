"""The insights pages in the permission walk.

The funnel is for the national team and coordinators (their own partnership's); fairness by
stage for the national analyst, and for a coordinator the page that says their figures open
when recruitment closes (its downloads are "not found" until then); outcomes for the
national team."""

from tests.personas import ADMIN, ANALYST, COORD, OTHER_COORD

FUNNEL = frozenset({ADMIN, ANALYST, COORD, OTHER_COORD})
NATIONAL = frozenset({ADMIN, ANALYST})

EXPECTED: dict[str, frozenset[str]] = {
    "insights:home": FUNNEL,
    "insights:funnel": FUNNEL,
    "insights:funnel-csv": FUNNEL,
    "insights:funnel-xlsx": FUNNEL,
    "insights:fairness": frozenset({ANALYST, COORD, OTHER_COORD}),
    "insights:fairness-csv": frozenset({ANALYST}),
    "insights:fairness-xlsx": frozenset({ANALYST}),
    "insights:outcomes": NATIONAL,
    "insights:outcomes-csv": NATIONAL,
    "insights:outcomes-xlsx": NATIONAL,
}


def extend_world(world) -> None:
    world["kwargs"]["insights"] = {"number": world["cohort"].number}
