"""Settings for the test suite: the real databases, with fast hashing and immediate tasks."""

from stepup.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# MAILERS: Django's test runner swaps every mailer for its in-memory backend.
STORAGES["default"]["OPTIONS"]["location"] = str(BASE_DIR / "var" / "test-uploads")  # noqa: F405
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"]  # noqa: F405
ALLOWED_HOSTS = ["*"]

# Serve static files from the finders, as in development: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
