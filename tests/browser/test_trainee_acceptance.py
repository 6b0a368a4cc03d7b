"""The trainee record from start to end, in the browser (ADR 0018): the coordinator enrols a
trainee and plans two placements that break the 200-day rule, sees what is missing and fixes the
plan; the university's tutor records a failed assessment, and the early warning reaches the
tutor and the coordinator; the tutor records the award, registration and employment. axe-core (A
and AA) and the 320px check on every page visited."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from stepup.partnerships.models import PartnershipUniversity
from stepup.trainees.models import Trainee, TraineeStatus
from stepup.trainees.services import assessment_add, module_add
from tests.factories import UniversityFactory, person_with_role
from tests.funding.conftest import funding_world
from tests.support.browser import button, fill_date, link, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def _signed_in(page, axe, person) -> None:
    sign_in_as(page, axe, person)
    axe.check()


def _placement(page, axe, *, setting, group, statutory, start, end, days) -> None:
    link(page, axe, "Plan a placement")
    page.get_by_label("Setting").fill(setting)
    page.get_by_label("Authority").select_option(label="Croydon")
    page.get_by_label("Team").fill("Team 1")
    page.get_by_label("Service-user group").select_option(label=group)
    page.get_by_role("group", name="Is it statutory work?").get_by_label(
        "Yes" if statutory else "No"
    ).check()
    fill_date(page, "Start date", start)
    fill_date(page, "End date", end)
    page.get_by_label("Days of practice learning").fill(str(days))
    page.get_by_label("Practice educator").fill("Pat Educator")
    page.get_by_label("Placement tutor").fill("Sam Tutor")
    button(page, axe, "Add the placement")
    expect(page.get_by_text("Placement added to the plan")).to_be_visible()


def test_enrol_plan_placements_a_failed_assessment_warns_and_the_outcome(page, axe):
    world = funding_world()
    world.partnership.coordinator = world.coordinator
    world.partnership.save()
    goldsmiths = UniversityFactory(name="Goldsmiths")
    PartnershipUniversity.objects.create(
        partnership=world.partnership, university=goldsmiths, role="both"
    )
    tutor = person_with_role(Role.UNIVERSITY_TUTOR, goldsmiths, full_name="Helen Tutor")
    module = module_add(
        actor=tutor,
        university=goldsmiths,
        cohort=world.partnership.cohort,
        name="Law in social work practice",
        credits=20,
        level="M level",
    )
    assessment_add(
        actor=tutor,
        module=module,
        name="Assignment",
        kind="essay",
        words=5000,
        hand_in_on=datetime.date(2027, 3, 1),
        pass_fail=False,
    )

    # The coordinator enrols Ada, who agrees her outcomes may be linked to her application.
    _signed_in(page, axe, world.coordinator)
    link(page, axe, "Trainees")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^enrol\W+Ada$")).click()
    axe.check()
    page.get_by_label("Yes").check()
    button(page, axe, "Enrol")
    expect(page.get_by_text("Ada is enrolled")).to_be_visible()
    link(page, axe, "Ada")

    # Two placements: 130 days, one setting, one group. The plan says what is missing.
    _placement(
        page,
        axe,
        setting="Children's services",
        group="Child protection",
        statutory=True,
        start=datetime.date(2027, 3, 1),
        end=datetime.date(2027, 6, 30),
        days=70,
    )
    _placement(
        page,
        axe,
        setting="Children's services",
        group="Child protection",
        statutory=True,
        start=datetime.date(2027, 9, 1),
        end=datetime.date(2027, 12, 20),
        days=60,
    )
    expect(page.get_by_text("The plan does not yet meet the rules")).to_be_visible()
    expect(
        page.get_by_text("130 days of practice learning planned: 200 are needed, 70 more")
    ).to_be_visible()
    # Fixed: a third placement, in adult mental health.
    _placement(
        page,
        axe,
        setting="Adult mental health",
        group="Mental health",
        statutory=False,
        start=datetime.date(2028, 1, 10),
        end=datetime.date(2028, 4, 28),
        days=70,
    )
    expect(page.get_by_text("Meets the rules")).to_be_visible()
    Trainee.objects.update(academic_tutor=tutor)

    # The tutor records a failed assignment: the warning is on the record at once.
    _signed_in(page, axe, tutor)
    link(page, axe, "Trainees")
    link(page, axe, "Ada")
    link(page, axe, "Record a result")
    page.get_by_label("Assessment").select_option(label="Law in social work practice: Assignment")
    page.get_by_label("Mark").fill("38")
    button(page, axe, "Record the result")
    expect(
        page.get_by_text("Failed Assignment (Law in social work practice) with 38").first
    ).to_be_visible()
    link(page, axe, "Early warnings")
    expect(page.get_by_role("cell", name=re.compile("Failed Assignment"))).to_be_visible()

    # And it reaches the coordinator.
    _signed_in(page, axe, world.coordinator)
    link(page, axe, "Early warnings")
    expect(page.get_by_role("cell", name=re.compile("Failed Assignment"))).to_be_visible()

    # The tutor records the award, registration and a job with the host authority.
    _signed_in(page, axe, tutor)
    link(page, axe, "Trainees")
    link(page, axe, "Ada")
    link(page, axe, "Record the award, registration and employment")
    page.get_by_label("Merit").check()
    page.get_by_label("Award").select_option(label="MA in Social Work")
    fill_date(page, "Date awarded", datetime.date(2026, 11, 2))
    fill_date(page, "Date registered with the regulator", datetime.date(2026, 11, 20))
    page.get_by_label("Registration number").fill("SW123456")
    page.get_by_label("Employment").select_option(label="A post with their host authority")
    button(page, axe, "Save the outcome")
    expect(page.get_by_text("Outcome recorded")).to_be_visible()
    expect(page.get_by_text("20 November 2026, SW123456")).to_be_visible()
    assert Trainee.objects.get().status == TraineeStatus.COMPLETED
