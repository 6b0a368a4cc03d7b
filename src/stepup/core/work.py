"""What is waiting for a person, for the home page they land on after signing in.

Each stage of the journey knows its own work: it registers a function with ``work_source``
in its app's ``ready()``, so this lowest layer imports none of them (ADR 0007)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Work:
    """Like "3 applications wait for an eligibility decision", linking to where it is done."""

    text: str
    href: str
    count: int


_SOURCES: list[Callable] = []


def work_source(source: Callable) -> Callable:
    """Register ``source(user) -> list[Work]``; only work with a count above 0 is shown."""
    _SOURCES.append(source)
    return source


def work_for(user) -> list[Work]:
    if not user.is_authenticated:
        return []
    return [item for source in _SOURCES for item in source(user) if item.count]


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
