"""The researchers' file of the demonstration round: no candidate can be picked out by their
stage and answers (k-anonymity 5, docs/equality-report.md)."""

from stepup.core.disclosure import SMALL_COUNT
from stepup.programme.models import Cohort
from tests.support.research_file import exported_rows, rarest_combination


def test_the_demonstration_round_cannot_be_picked_out(demo, tmp_path):
    cohorts = Cohort.objects.filter(applications__isnull=False).distinct()
    assert cohorts
    for cohort in cohorts:
        rows = exported_rows(cohort.number, tmp_path)
        assert rows, cohort
        assert rarest_combination(rows) >= SMALL_COUNT, cohort
