"""The demonstration data in tests: the command run as a person runs it, and helpers for
reading its pages."""

import re
from io import StringIO

from django.core.management import call_command

from stepup.accounts.models import User
from tests.signing_in import sign_in_through_form

DEMO_PASSWORD = "a-different-demo-password-42"
# Enough fictitious candidates for one at every stage of the demonstration round, and quick.
ROUND_CANDIDATES = 60


def demo_command(**options) -> str:
    """Runs ``manage.py load_demo`` and returns what it printed."""
    options.setdefault("round_candidates", ROUND_CANDIDATES)
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def page_text(response) -> str:
    """The page's words, without markup, as a person reads them."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def sign_in(client, email: str, password: str):
    """Both steps, the code from the demonstration person's app."""
    return sign_in_through_form(client, User.objects.get(email=email), password=password)
