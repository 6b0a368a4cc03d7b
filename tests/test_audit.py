"""``update_and_audit``: a change is saved with its one audit entry, or nothing happens."""

import datetime

import pytest

from stepup.core.audit import history_for, update_and_audit
from stepup.programme.models import Cohort
from tests.factories import CohortFactory

pytestmark = pytest.mark.django_db


def test_a_change_is_saved_with_one_entry_naming_it_for_people_and_machines():
    cohort = CohortFactory(name="2026–27", length_months=18)
    changes = update_and_audit(
        actor=None,
        record=cohort,
        values={"name": "2026 to 2027", "length_months": 18},
        summary="Changed the cohort's details",
    )
    assert changes == [{"field": "Name", "before": "2026–27", "after": "2026 to 2027"}]
    assert Cohort.objects.get(pk=cohort.pk).name == "2026 to 2027"
    entry = history_for(cohort).get()
    assert entry.event == "cohort.changed"
    assert entry.values["name"] == ["2026–27", "2026 to 2027"]


def test_nothing_changed_means_nothing_saved_and_nothing_audited():
    cohort = CohortFactory(name="2026–27")
    changes = update_and_audit(
        actor=None, record=cohort, values={"name": "2026–27"}, summary="Changed"
    )
    assert changes == []
    assert not history_for(cohort).exists()


def test_a_new_record_is_saved_and_its_entry_says_it_was_added_on_the_root():
    cohort = CohortFactory()
    milestone = cohort.milestones.model(cohort=cohort, kind="programme_start")
    update_and_audit(
        actor=None,
        record=milestone,
        values={"starts_on": datetime.date(2027, 9, 1)},
        summary="Added it",
        audit_on=cohort,
        created=True,
    )
    assert milestone.pk is not None
    entry = history_for(cohort).get()
    assert (entry.action, entry.summary) == ("created", "Added it")
    assert entry.values == {"starts_on": [None, "2027-09-01"]}
