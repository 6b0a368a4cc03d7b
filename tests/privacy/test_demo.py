"""Acceptance: the retention command's dry run on the demo data lists what it would erase."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from stepup.applications.models import Application
from stepup.privacy.queries import NOT_RECRUITED

pytestmark = pytest.mark.django_db


def test_dry_run_on_the_demo_lists_what_it_would_erase(demo):
    due = list(
        Application.objects.filter(status__in=NOT_RECRUITED).values_list("reference", flat=True)
    )
    assert due, "the demonstration round has candidates not recruited"
    names = set(Application.objects.exclude(full_name="").values_list("full_name", flat=True))
    out = StringIO()
    with time_machine.travel(datetime.datetime(2035, 1, 1, tzinfo=datetime.UTC)):
        call_command("apply_retention", "--dry-run", stdout=out)
    printed = out.getvalue()
    assert "Would erase the personal data of" in printed
    for reference in due:
        assert reference in printed
    assert not any(name in printed for name in names)
