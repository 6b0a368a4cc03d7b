"""The funnel counts where each application has been, not where it is now."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepup.applications.models import ApplicationStatus, HeardAbout
from stepup.insights.queries import funnel_of, sources_of
from stepup.insights.reports import funnel_sections
from tests.insights.conftest import candidate_at


def test_each_candidate_counts_at_every_stage_they_reached(cohort, big, small):
    candidate_at(big, "submitted")
    candidate_at(big, "eligible")
    candidate_at(big, "screened_in", then=ApplicationStatus.WITHDRAWN)  # withdrew later
    candidate_at(big, "attended")
    candidate_at(big, "offered")
    candidate_at(big, "accepted")
    candidate_at(small, "started")
    funnel = funnel_of(cohort=cohort)
    #              sub elig scr inv att met off acc start
    assert funnel.total.reached == [7, 6, 5, 4, 4, 3, 3, 2, 1]
    by_name = {row.label: row.reached for row in funnel.rows}
    assert by_name["Big Partnership"] == [6, 5, 4, 3, 3, 2, 2, 1, 0]
    assert by_name["Small Partnership"] == [1, 1, 1, 1, 1, 1, 1, 1, 1]
    assert funnel_of(cohort=cohort, partnership=small).total.reached == [1] * 9


def test_drafts_and_other_cohorts_are_not_counted(cohort, big):
    from tests.factories import ApplicationFactory, PartnershipFactory

    ApplicationFactory(cohort=cohort, first_choice=big)  # a draft: no status change
    candidate_at(PartnershipFactory(), "eligible")  # another cohort
    candidate_at(big, "eligible")
    assert funnel_of(cohort=cohort).total.reached[:2] == [1, 1]


def test_sources_of_interest_follow_candidates_to_their_outcome(cohort, big):
    for _ in range(3):
        candidate_at(big, "accepted")
    friend = candidate_at(big, "invited")
    friend.heard_about = HeardAbout.FRIEND
    friend.save()
    rows = {row.label: row.reached for row in sources_of(cohort=cohort).rows}
    assert rows["Search engine"] == [3, 3, 3, 3]  # submitted, invited, offered, accepted
    assert rows["Friend, family or colleague"] == [1, 1, 0, 0]


def test_the_funnel_takes_the_same_queries_however_many_applications(cohort, big, small):
    candidate_at(big, "eligible")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            funnel_sections(cohort=cohort, protect=True)
        return len(captured)

    few = queries()
    for stage in ("submitted", "invited", "offered", "accepted", "started"):
        candidate_at(big, stage)
        candidate_at(small, stage)
    assert queries() == few


def test_each_status_shows_the_stage_it_reached():
    """From the application lifecycle's table: an outcome counts at the stage it ended."""
    from stepup.insights.stages import RANK, STATUS_REACHED

    S = ApplicationStatus
    assert {
        S.SUBMITTED: RANK["submitted"],
        S.ELIGIBILITY_REVIEW: RANK["submitted"],
        S.INELIGIBLE: RANK["submitted"],
        S.ELIGIBLE: RANK["eligible"],
        S.SCREENED_OUT: RANK["eligible"],
        S.SCREENED_IN: RANK["screened_in"],
        S.INVITED: RANK["invited"],
        S.DID_NOT_ATTEND: RANK["invited"],
        S.ATTENDED: RANK["attended"],
        S.BENCHMARK_NOT_MET: RANK["attended"],
        S.MET_BENCHMARK: RANK["met_benchmark"],
    } == STATUS_REACHED
