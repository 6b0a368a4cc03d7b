"""The demonstration round: cohort 6 recruiting now, with fictitious candidates at every stage."""

import datetime
from collections import Counter
from dataclasses import dataclass

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from stepup.accounts.models import User
from stepup.applications.lifecycle import STAGE_REACHED
from stepup.applications.models import Application, ApplicationStatus, Document
from stepup.assessment.models import (
    AdjustmentRequest,
    Assignment,
    Centre,
    CentreStatus,
    TimeAndExpenses,
)
from stepup.assessment.queries import centre_exercises, centre_progress, days_of, outcomes_of
from stepup.core.models import AuditEntry
from stepup.demo import round as demo_round
from stepup.demo.data import CANDIDATE_EMAIL
from stepup.funding.models import InstalmentStatus, LedgerEntry
from stepup.funding.queries import grant_of, statement_of
from stepup.insights.reached import reached_sql, rows
from stepup.insights.stages import RANK, STATUS_REACHED
from stepup.offers.models import (
    AllocationRun,
    ConditionKind,
    ConditionStatus,
    Offer,
    OfferStatus,
    Route,
    RunStatus,
)
from stepup.partnerships.models import PartnershipStatus
from stepup.programme.models import Cohort, CohortStatus, MilestoneKind
from stepup.selection.models import EligibilityDecision, SiftDecision, SiftMark
from stepup.trainees.models import Trainee
from stepup.trainees.queries import plan_check, warnings_visible_to
from tests.support.demo import DEMO_PASSWORD, ROUND_CANDIDATES, demo_command, page_text, sign_in
from tests.support.worlds import built_once

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)
# The round's candidates, and the first wave that came to the first centre day.
ALL_CANDIDATES = ROUND_CANDIDATES + demo_round.FIRST_WAVE


@dataclass(frozen=True)
class Loaded:
    emails: list


@pytest.fixture(scope="module")
def round_world(django_db_setup, django_db_blocker):
    """The demo loaded once for the module, on 28 November 2026, with what it emailed."""

    def build() -> Loaded:
        mail.outbox = []
        with time_machine.travel(datetime.datetime(2026, 11, 28, 15, 30, tzinfo=datetime.UTC)):
            demo_command(password=DEMO_PASSWORD)
        return Loaded(emails=list(mail.outbox))

    yield from built_once(django_db_blocker, build)


@pytest.fixture
def round_loaded(round_world, db):
    return Cohort.objects.get(number=demo_round.NUMBER)


def _applications():
    return Application.objects.filter(cohort__number=demo_round.NUMBER).exclude(
        candidate__email=CANDIDATE_EMAIL
    )


def test_the_round_is_recruiting_now_with_approved_partnerships(round_loaded):
    cohort = round_loaded
    assert cohort.status == CohortStatus.RECRUITING
    window = cohort.milestones.get(kind=MilestoneKind.APPLICATION_WINDOW)
    assert window.starts_on == TODAY - datetime.timedelta(days=42)
    assert window.starts_on < TODAY < window.ends_on
    assert cohort.start_date > TODAY
    assert set(cohort.partnerships.values_list("code", "status")) == {
        ("SSL", PartnershipStatus.APPROVED),
        ("LTP", PartnershipStatus.APPROVED),
    }
    rules = cohort.current_rules
    assert (rules.sift_by, rules.double_sift, rules.sift_tolerance) == ("partnership", True, 2)
    assert rules.sift_pass_mark == 15


def test_there_are_candidates_at_every_stage_built_so_far(round_loaded):
    applications = _applications()
    assert applications.count() == ALL_CANDIDATES
    statuses = Counter(applications.values_list("status", flat=True))
    # Every status an application can rest at: "submitted" only passes by, as the service
    # checks eligibility at once. A later stage's new status fails this until the round has
    # candidates there too.
    assert set(statuses) == set(ApplicationStatus.values) - {ApplicationStatus.SUBMITTED}
    waiting = Counter(
        applications.filter(status=ApplicationStatus.ELIGIBLE).values_list(
            "sift_round_needed", flat=True
        )
    )
    assert set(waiting) == {"first", "second", "moderation"}
    # Referred applications, some decided by a person and some still waiting.
    assert EligibilityDecision.objects.filter(
        application__in=applications, decided_by__isnull=False
    ).exists()
    # Decided sifts agree with the statuses, and moderation has been used.
    decided = SiftDecision.objects.filter(application__in=applications)
    after_the_sift = (
        "screened_in",
        "screened_out",
        "invited",
        "attended",
        "did_not_attend",
        "met_benchmark",
        "benchmark_not_met",
    )
    assert decided.count() == sum(statuses[status] for status in after_the_sift)
    # Surrey and South London held a day (one candidate did not come) and has another open,
    # with bookings and a request for an adjustment; the Learn Together Partnership has a day
    # open and its screened-in candidates still to invite.
    assert statuses["met_benchmark"] and statuses["benchmark_not_met"]
    assert statuses["attended"] and statuses["did_not_attend"] == 1
    assert statuses["invited"] and statuses["screened_in"]
    assert AdjustmentRequest.objects.filter(answered_at=None).count() == 1
    # The first wave's day at Kingston, and Bromley's.
    assert Centre.objects.filter(cohort__number=6, status=CentreStatus.CONFIRMED).count() == 2
    assert Centre.objects.filter(cohort__number=6, status=CentreStatus.OPEN, day__lt=TODAY).exists()
    assert SiftMark.objects.filter(application__in=applications, round="moderation").exists()


def test_each_demo_role_sees_the_assessment_centre_with_work_in_it(round_loaded):
    days = Centre.objects.filter(cohort__number=6)
    assert all(day.timetable.count() == len(centre_exercises(day)) for day in days)
    service_user = User.objects.get(email="service.user.assessor@stepup.example")
    confirmed = [a for a in days_of(service_user) if a.centre.status == CentreStatus.CONFIRMED]
    assert len(confirmed) == 2
    for day in confirmed:
        outcomes = outcomes_of(day)
        assert outcomes.scored and outcomes.met and outcomes.not_met
    [bromley] = [a for a in confirmed if a.centre.venue == "Bromley Civic Centre"]
    record = TimeAndExpenses.objects.get(assessor=bromley)
    assert record.paid_at is None and record.travel_pence == 1480
    tutor = User.objects.get(email="university.tutor@stepup.example")
    assert {a.exercise.panel for a in Assignment.objects.filter(assessor__person=tutor)} == {
        "joint"
    }
    rows = {row.label: row for row in centre_progress(cohort=round_loaded)}
    assert rows["Surrey and South London"].counts["met"] == sum(
        outcomes_of(day).met for day in confirmed
    )


def test_submitted_applications_arrived_over_the_weeks_the_window_has_been_open(round_loaded):
    submitted = _applications().exclude(submitted_at=None)
    days = {timezone.localdate(at) for at in submitted.values_list("submitted_at", flat=True)}
    assert len(days) > 10
    assert min(days) >= TODAY - datetime.timedelta(days=42)
    assert max(days) < TODAY
    # The audit trail tells the same story: nothing happened after the load itself.
    assert not AuditEntry.objects.filter(at__date__gt=TODAY).exists()


def test_candidates_uploaded_evidence_and_most_answered_the_equality_questions(round_loaded):
    submitted = _applications().exclude(submitted_at=None)
    assert Document.objects.filter(application__in=submitted).count() == submitted.count()
    answered = AuditEntry.objects.filter(summary="Equality monitoring answered").count()
    assert ALL_CANDIDATES * 0.7 < answered < ALL_CANDIDATES


def test_the_people_are_plainly_made_up_and_are_never_emailed(round_loaded, round_world):
    for user in User.objects.filter(applications__cohort=round_loaded).exclude(
        email=CANDIDATE_EMAIL
    ):
        assert user.email.endswith("@demo-round.invalid")
        assert user.full_name.split()[-1] in demo_round.LAST_NAMES
        assert not user.has_usable_password()
    assert round_world.emails == []


def test_the_demonstration_candidate_is_part_way_through_an_application(round_loaded, client):
    candidate = User.objects.get(email=CANDIDATE_EMAIL)
    application = Application.objects.get(candidate=candidate)
    assert application.status == ApplicationStatus.DRAFT
    assert len(application.sections_completed) == 4
    client.post("/sign-in/", {"email": candidate.email, "password": DEMO_PASSWORD})
    page = client.get(f"/applications/{application.reference}/").content.decode()
    assert "You have completed 4 of 10 sections." in page


def test_the_status_changes_give_the_furthest_stage_every_application_reached(round_loaded):
    """The insights' one query (``insights.reached``) reads where each application has been
    from its history: a withdrawn application keeps the stage it reached, an offer made counts
    as offered or further, a draft has been nowhere."""
    sql = reached_sql(cohort_id=round_loaded.pk)
    reached = {application_id: stage for application_id, _, stage in rows(sql.sql, sql.params)}
    offered = set(
        Offer.objects.filter(made_at__isnull=False).values_list("application_id", flat=True)
    )
    applications = list(_applications())
    assert len(applications) == ALL_CANDIDATES
    for application in applications:
        got = reached.get(application.pk)
        if application.pk in offered:
            assert got >= RANK["offered"], application.reference
        elif application.status == ApplicationStatus.WITHDRAWN:
            # the round withdraws drafts, and applications found eligible
            expected = RANK["eligible"] if application.submitted_at else None
            assert got == expected, application.reference
        elif STAGE_REACHED[application.status] == 0:
            assert got is None, application.reference
        else:
            assert got == STATUS_REACHED[application.status], application.reference
    assert set(range(RANK["met_benchmark"] + 1)) <= set(reached.values())


def test_loading_again_changes_nothing(round_loaded, load_demo):
    entries, applications = AuditEntry.objects.count(), Application.objects.count()
    assert "nothing changed" in load_demo(password=DEMO_PASSWORD)
    assert (AuditEntry.objects.count(), Application.objects.count()) == (entries, applications)


def test_stages_are_shared_in_proportion_whatever_the_number():
    assert sum(demo_round.stage_counts(300).values()) == 300
    assert demo_round.stage_counts(300) == Counter(demo_round.STAGE_SHARES)
    small = demo_round.stage_counts(60)
    assert sum(small.values()) == 60
    assert all(count >= 1 for count in small.values())


def test_the_first_wave_has_offers_in_every_state_and_each_role_its_part(round_loaded, client):
    assert AllocationRun.objects.get(cohort=round_loaded).status == RunStatus.CONFIRMED
    offers = Offer.objects.filter(partnership__cohort=round_loaded).order_by("created_at", "pk")
    assert Counter(offers.values_list("status", flat=True)) == {
        OfferStatus.UNCONDITIONAL: 1,
        OfferStatus.ACCEPTED: 3,
        OfferStatus.DECLINED: 1,
        OfferStatus.MADE: 1,
    }
    declined = offers.get(status=OfferStatus.DECLINED)
    reserve = offers.get(status=OfferStatus.MADE)
    assert (reserve.route, reserve.replaces, reserve.host) == (
        Route.OWN_RESERVE,
        declined,
        declined.host,
    )
    assert reserve.respond_by.date() > TODAY
    unconditional = offers.get(status=OfferStatus.UNCONDITIONAL)
    assert unconditional.agreement.sent_on == TODAY - datetime.timedelta(days=2)
    part_met = [
        o for o in offers.filter(status=OfferStatus.ACCEPTED) if o.conditions.filter(status="met")
    ]
    assert [
        set(o.conditions.filter(status=ConditionStatus.MET).values_list("kind", flat=True))
        for o in part_met
    ] == [{ConditionKind.DBS, ConditionKind.IDENTITY}]

    sign_in(client, "authority.officer@stepup.example", DEMO_PASSWORD)
    checks = page_text(client.get("/offers/checks/"))
    assert "Enhanced DBS check" in checks and "Outstanding" in checks
    client.logout()
    sign_in(client, "university.tutor@stepup.example", DEMO_PASSWORD)
    assert "Degree and GCSE certificates" in page_text(client.get("/offers/checks/"))
    client.logout()
    sign_in(client, "coordinator@stepup.example", DEMO_PASSWORD)
    text = page_text(client.get(f"/offers/partnership/{reserve.partnership_id}/"))
    assert "Waiting for the candidate" in text and "Unconditional" in text
    client.logout()
    sign_in(client, "national.admin@stepup.example", DEMO_PASSWORD)
    text = page_text(client.get(f"/offers/cohort/{round_loaded.number}/places/"))
    assert "Surrey and South London" in text and "Learn Together Partnership" in text


def test_each_partnership_has_its_grant_instalments_and_a_few_months_of_ledger(round_loaded):
    for partnership in round_loaded.partnerships.all():
        statement = statement_of(partnership)
        statuses = [i.status for i in statement.instalments]
        assert statuses[0] == InstalmentStatus.RELEASED
        assert InstalmentStatus.SCHEDULED in statuses
        assert (
            sum(i.amount_pence for i in statement.instalments)
            <= grant_of(partnership).current_pence
        )
        months = {entry.paid_on.month for entry in statement.entries}
        assert len(months) >= 3
        assert statement.balance_pence == sum(
            LedgerEntry.objects.filter(partnership=partnership).values_list(
                "amount_pence", flat=True
            )
        )
    ltp = round_loaded.partnerships.get(code="LTP")
    assert ltp.instalments.get(number=2).status == InstalmentStatus.SUBMITTED


def test_the_first_trainee_is_enrolled_with_a_need_a_plan_and_an_early_warning(round_loaded):
    trainee = Trainee.objects.get(offer__partnership__cohort=round_loaded)
    assert trainee.university.name == "Goldsmiths, University of London"
    assert trainee.needs.get().adjustments.startswith("25% extra time")
    assert plan_check(trainee).problems  # one placement so far: the plan shows what is missing
    [warning] = trainee.warnings.all()
    assert warning.kind == "placement_at_risk"
    tutor = User.objects.get(email="university.tutor@stepup.example")
    coordinator = User.objects.get(email="coordinator@stepup.example")
    assert list(warnings_visible_to(tutor)) == [warning]
    assert list(warnings_visible_to(coordinator)) == [warning]
