"""Assessment centres in the browser (ADR 0015): the coordinator plans a centre day (after
errors), opens it and invites; a candidate books a time and asks for an adjustment; the
coordinator sees the booking and answers. axe-core and the 320px check on every page."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.assessment.models import (
    AssessorKind,
    Assignment,
    Centre,
    CentreAssessor,
    CentreScore,
    CentreStatus,
    Invitation,
)
from stepup.programme.models import CohortStatus, ExerciseStage
from stepup.programme.services import framework_load_standard
from tests.factories import (
    ApplicationFactory,
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    booked_candidate,
    person_with_role,
)
from tests.support.browser import button, fill_date, link, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_centre_day_is_planned_opened_booked_and_an_adjustment_answered(page, axe):
    cohort = CohortFactory(number=7, name="Cohort 7", status=CohortStatus.RECRUITING)
    lead = AuthorityFactory(name="Bromley")
    ours = PartnershipFactory(cohort=cohort, name="South East", code="SE", lead_authority=lead)
    coordinator = person_with_role(Role.COORDINATOR, organisation=lead, full_name="Grace Lead")
    application = ApplicationFactory(
        cohort=cohort,
        rules=cohort.current_rules,
        status=ApplicationStatus.SCREENED_IN,
        first_choice=ours,
        submitted_at=timezone.now() - datetime.timedelta(days=30),
    )
    day = timezone.localdate() + datetime.timedelta(days=30)
    closes = day - datetime.timedelta(days=7)

    sign_in_as(page, axe, coordinator)
    axe.check()
    link(page, axe, "Assessment centres")
    expect(page.get_by_text("1 screened-in candidate not invited yet")).to_be_visible()
    button(page, axe, "Plan a centre day")
    button(page, axe, "Plan centre day")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select the partnership the day is for")
    expect(summary).to_contain_text("Add at least one slot")

    page.get_by_label("Whose centre day is it?").select_option(label="South East (cohort 7)")
    fill_date(page, "Date of the centre day", day)
    page.get_by_label("Venue", exact=True).fill("Bromley Civic Centre")
    page.get_by_label("Address", exact=True).fill("Stockwell Close\nBromley BR1 3UH")
    page.get_by_label("Access at the venue").fill("Step-free entry and accessible toilets")
    fill_date(page, "Booking closes at 5pm on", closes)
    page.get_by_label("Slot 1 starts").fill("9am")
    page.get_by_label("Slot 1 ends").fill("1pm")
    page.get_by_label("Places in slot 1").fill("6")
    button(page, axe, "Plan centre day")
    expect(page.get_by_text("Centre day planned")).to_be_visible()
    button(page, axe, "Open for booking")
    assert Centre.objects.get().status == CentreStatus.OPEN
    link(page, axe, "Back to assessment centres")
    page.get_by_role("button", name=re.compile(r"Invite them\s*: South East")).click()
    axe.check()
    expect(page.get_by_text("1 candidate invited and emailed")).to_be_visible()

    sign_in_as(page, axe, application.candidate)
    axe.check()
    page.goto(f"/applications/{application.reference}/status/")
    axe.check()
    link(page, axe, "Choose or change your day and time")
    button(page, axe, "Book this time")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a day and time")
    page.get_by_label("9am to 1pm, at Bromley Civic Centre", exact=False).check()
    button(page, axe, "Book this time")
    expect(page.get_by_text("Your assessment centre time is booked")).to_be_visible()
    expect(page.get_by_text("Stockwell Close")).to_be_visible()
    link(page, axe, "Ask for an adjustment")
    button(page, axe, "Send request")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what you need")
    page.get_by_label("What do you need?").fill("Extra time for the written exercise")
    button(page, axe, "Send request")
    expect(page.get_by_text("We have not answered yet")).to_be_visible()

    sign_in_as(page, axe, coordinator)
    axe.check()
    link(page, axe, "Assessment centres")
    page.get_by_role("link", name="at Bromley Civic Centre", exact=False).click()
    axe.check()
    expect(page.get_by_role("table").last).to_contain_text(application.full_name)
    link(page, axe, "The day’s assessors")
    button(page, axe, "Add assessor")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the person to add")
    page.get_by_label("Who?").select_option(label=f"Grace Lead ({coordinator.email})")
    page.get_by_label("Local authority staff").check()
    button(page, axe, "Add assessor")
    expect(page.get_by_text("Added to the day’s assessors")).to_be_visible()
    link(page, axe, "Back to the centre day")
    link(page, axe, "Answer candidate 1’s request")
    page.get_by_label("Agreed", exact=True).check()
    page.get_by_label("Your answer to the candidate").fill("You will have 25% more time.")
    button(page, axe, "Send answer")
    expect(page.get_by_text("Answer sent to the candidate")).to_be_visible()
    assert Invitation.objects.get().adjustments.get().outcome == "agreed"


def test_a_service_user_scores_a_candidate_on_a_phone_sized_page(page, axe):
    """The plain scoring page, used as a service user would on the day (axe and 320px)."""
    young, exercise, assignment, _ = _scoring_day()
    sign_in_as(page, axe, young)
    axe.check()
    link(page, axe, "Your scoring")
    page.get_by_role("link", name=f"Candidate 4: {exercise.name}").click()
    axe.check()
    button(page, axe, "Save scores")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select a score for")
    for criterion in exercise.criteria.all():
        page.get_by_role(
            "group", name=f"How well did they show {criterion.name.lower()}?"
        ).get_by_label("3:", exact=False).check()
    for box in page.get_by_label("What did you see or hear?").all():
        box.fill("Kind and clear when the group disagreed.")
    button(page, axe, "Save scores")
    expect(page.get_by_text("Scores saved for candidate 4")).to_be_visible()
    assert CentreScore.objects.filter(assignment=assignment).count() == exercise.criteria.count()


def _scoring_day():
    """Today's day at Bromley, assignments confirmed, candidate 4 there: a young person
    observes them in the first centre exercise."""

    cohort = CohortFactory(number=7, name="Cohort 7")
    framework_load_standard(actor=None, cohort=cohort)
    lead = AuthorityFactory(name="Bromley")
    ours = PartnershipFactory(cohort=cohort, name="South East", code="SE", lead_authority=lead)
    invitation = booked_candidate(
        cohort=cohort,
        partnership=ours,
        days_from_today=0,
        centre_status=CentreStatus.OPEN,
        status=ApplicationStatus.ATTENDED,
        candidate_number=4,
        venue="Bromley Civic Centre",
        assignments_confirmed_at=timezone.now() - datetime.timedelta(days=1),
    )
    centre = invitation.centre
    young = person_with_role(Role.SERVICE_USER_ASSESSOR, organisation=lead, full_name="Jo Clarke")
    assessor = CentreAssessor.objects.create(
        centre=centre, person=young, kind=AssessorKind.YOUNG_PERSON
    )
    exercise = cohort.current_rules.exercises.filter(stage=ExerciseStage.ASSESSMENT_CENTRE).first()
    assignment = Assignment.objects.create(
        assessor=assessor, exercise=exercise, invitation=invitation
    )

    coordinator = person_with_role(Role.COORDINATOR, organisation=lead, full_name="Grace Lead")
    return young, exercise, assignment, coordinator


def test_the_coordinator_moderates_at_the_wash_up_and_confirms(page, axe):
    _, exercise, assignment, coordinator = _scoring_day()
    for criterion in exercise.criteria.all():
        CentreScore.objects.create(
            assignment=assignment, criterion=criterion, score=2, evidence="Quiet in the group"
        )
    centre = assignment.assessor.centre
    centre.status = CentreStatus.HELD
    centre.save()
    rules = centre.cohort.current_rules
    rules.centre_benchmark = 1
    rules.save()
    sign_in_as(page, axe, coordinator)
    axe.check()
    page.goto(f"/assessment-centres/{centre.pk}/wash-up/")
    axe.check()
    page.get_by_role("link", name="Change").first.click()
    axe.check()
    page.get_by_label("3:", exact=False).check()
    button(page, axe, "Change score")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter why you are changing")
    page.get_by_label("3:", exact=False).check()
    page.get_by_label("Why are you changing it?").fill("Led the group's summary")
    button(page, axe, "Change score")
    expect(page.get_by_text("(was 2: Led the group's summary)")).to_be_visible()
    button(page, axe, "Confirm the scores")
    expect(page.get_by_text("Scores confirmed")).to_be_visible()
    expect(page.get_by_text("Met the benchmark")).to_be_visible()
