from io import StringIO

import pytest
from django.core.management import call_command

DEMO_PASSWORD = "a-different-demo-password-42"
# Enough fictitious candidates for one at every stage of the demonstration round, and quick.
ROUND_CANDIDATES = 60


@pytest.fixture
def load_demo(db):
    """Runs the command as a person would and returns what it printed."""

    def _load(**options) -> str:
        options.setdefault("round_candidates", ROUND_CANDIDATES)
        out = StringIO()
        call_command("load_demo", stdout=out, **options)
        return out.getvalue()

    return _load


@pytest.fixture
def demo(load_demo) -> str:
    return load_demo(password=DEMO_PASSWORD)
