import importlib

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.db.models.signals import post_migrate
from django.test import Client, override_settings

from stepup.accounts.roles import Role
from tests.factories import person_with_role
from tests.signing_in import sign_in_through_form
from tests.support.demo import DEMO_PASSWORD, demo_command
from tests.support.worlds import built_once

# The fixtures through which a test reaches the database. A test with none of them, and no
# django_db mark, cannot touch it (pytest-django refuses), so running it on a second database
# adds nothing: CI runs such tests once, on SQLite (.ci/run).
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


# A test that needs real commits (transaction=True, live_server) ends by flushing every table,
# rows made by data migrations too, and a flush ends with post_migrate. The decision reasons
# the national team starts with are put back then, so a test that runs after such a test, in
# whatever order pytest-xdist gives it, finds the database as migrations left it.
_REASONS = importlib.import_module("stepup.selection.migrations.0002_default_decision_reasons")


def _reasons_put_back(sender, using="default", **kwargs):
    if sender.label == "selection":
        _REASONS.seed(apps, None)


post_migrate.connect(_reasons_put_back, dispatch_uid="tests.reasons_put_back")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("django_db") is None and not (
            DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
        ):
            item.add_marker(pytest.mark.no_database)


@pytest.fixture
def client():
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def sign_in(client):
    """Signs a person in through the real sign-in form and returns the client."""

    def _sign_in(user):
        response = sign_in_through_form(client, user)
        assert response.status_code == 302, response.content.decode()[:2000]
        return client

    return _sign_in


@pytest.fixture
def national_admin(db):
    return person_with_role(Role.NATIONAL_ADMIN, full_name="Nadia Admin")


@pytest.fixture(scope="module")
def walk_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The permission walk's world (tests/support/permissions.py, imported only when a test
    asks for it), built once for the module, its uploads in a folder of its own."""
    from tests.support.permissions import build_world

    storages = {
        **django_settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("walk-uploads"))},
        },
    }
    with override_settings(STORAGES=storages):
        yield from built_once(django_db_blocker, build_world)


@pytest.fixture
def world(walk_world, db):
    """The permission walk's world: a cohort, two partnerships, a person for each persona."""
    return walk_world


@pytest.fixture
def load_demo(db):
    """Runs ``manage.py load_demo`` as a person would and returns what it printed."""
    return demo_command


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker) -> str:
    """The demonstration data, loaded once for the module (tests/support/worlds.py)."""
    yield from built_once(django_db_blocker, lambda: demo_command(password=DEMO_PASSWORD))


@pytest.fixture
def demo(demo_loaded, db) -> str:
    """The published cohorts and the demonstration round; what ``load_demo`` printed."""
    return demo_loaded
