"""Settings for the test suite: the real databases, with fast hashing and immediate tasks."""

import os

from stepup.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# MAILERS: Django's test runner swaps every mailer for its in-memory backend.
# Each pytest-xdist worker keeps its uploads apart from the others'.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
STORAGES["default"]["OPTIONS"]["location"] = str(  # noqa: F405
    BASE_DIR / "var" / ("test-uploads" + (f"-{_WORKER}" if _WORKER else ""))  # noqa: F405
)
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"]  # noqa: F405
ALLOWED_HOSTS = ["*"]

# Serve static files from the finders, as in development: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# SQLite's test database in memory, as Django makes it, for every pytest-xdist worker (our
# engine's name is not Django's, so pytest-xdist would otherwise name a file from it).
if DATABASES["default"]["ENGINE"] == "stepup.core.sqlite":  # noqa: F405
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"  # noqa: F405
