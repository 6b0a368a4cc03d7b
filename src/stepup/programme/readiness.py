"""What a cohort still needs before it may start recruiting, each with the page that fixes it.

The programme checks its own set-up. Later stages of the journey add their own checks with
``recruiting_check`` (partnerships: at least one approved), so this layer never imports them
(ADR 0007)."""

from collections.abc import Callable

from django.urls import reverse


class Problem(str):
    """A missing thing in plain English, like "Add at least one funding rate", that is also
    the text of the link (``href``) to the page where it is put right."""

    href: str

    def __new__(cls, text: str, href: str = ""):
        problem = super().__new__(cls, text)
        problem.href = href
        return problem


_RECRUITING_CHECKS: list[Callable] = []


def recruiting_check(check: Callable) -> Callable:
    """Register ``check(cohort) -> list[Problem]``, run whenever recruiting is to start."""
    _RECRUITING_CHECKS.append(check)
    return check


def recruiting_checks() -> tuple[Callable, ...]:
    return tuple(_RECRUITING_CHECKS)


def page(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)
