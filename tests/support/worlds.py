"""Worlds built once per module and shared by its tests.

A world that takes seconds to build (the demonstration data, the permission walk's cohort and
people) is built inside a transaction opened for the module; each test then runs inside a
savepoint of it (pytest-django's ``db``), rolled back after the test, and the module's
transaction is rolled back at the end. This is Django's ``setUpTestData`` for pytest: every
test still starts from the same rows, and no test sees another's changes.

A test that needs real commits (``transactional_db``, ``live_server``) cannot share such a
world: it would see nothing, or flush it. Keep such tests in modules of their own.
"""

from collections.abc import Callable, Generator
from typing import Any

from django.db import transaction


def built_once[T](django_db_blocker: Any, build: Callable[[], T]) -> Generator[T]:
    """For a module-scoped fixture: ``yield from built_once(django_db_blocker, build)``."""
    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            world = build()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
