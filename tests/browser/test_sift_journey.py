"""The sift in the browser: a candidate's application (submitted through the services, as the
candidate journey leaves it) is marked by two sifters who disagree by more than the tolerance,
a third moderates, and the candidate reads that they are screened in.

Every page on the way is checked by axe-core.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.programme.models import CohortStatus, Milestone, MilestoneKind
from stepup.programme.services import framework_load_standard
from stepup.selection.models import DecisionReason, DecisionStage, SiftDecision, SiftMark, SiftRound
from tests.factories import (
    AuthorityFactory,
    CandidateFactory,
    CohortFactory,
    PartnershipFactory,
    PartnershipUniversityFactory,
    person_with_role,
)
from tests.support.applying import application_submitted
from tests.support.browser import button, go, link, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Xanthippe Quarrington-Blythe"


CRITERIA = (
    "Child-centred approach",
    "Values",
    "Written communication",
    "Building & managing relationships",
    "Self-awareness & self-development",
)


def _score(page, axe, reference, score: int, *, reason: str | None = None):
    """Open the application from the queue and score every criterion the same."""
    link(page, axe, "Sift")
    expect(page.get_by_role("heading", level=1)).to_have_text("Applications to sift")
    link(page, axe, f"Score application {reference}")
    body = page.locator("main").inner_text()
    assert "I mentored twelve young carers" in body
    for private in (NAME, "Xanthippe", "xanthippe@example.net", "07700 900123", "ZE2 9QX"):
        assert private not in body
    for criterion in CRITERIA:
        group = page.get_by_role("group", name=f"Score for {criterion}")
        group.get_by_label(f"{score}:", exact=False).check()
        page.get_by_label(f"Evidence for your score for {criterion}").fill(
            f"Evidence for {criterion.lower()} in the answers."
        )
    if reason:
        page.get_by_label(reason).check()
    button(page, axe, "Submit scores")
    expect(page.locator(".govuk-panel")).to_contain_text("Scores submitted")


def test_a_candidate_is_sifted_moderated_and_screened_in(page, axe):
    today = timezone.localdate()
    # The sift's reasons come from a data migration; a transactional test before this one may
    # have flushed them, so make sure the one this journey uses is there.
    DecisionReason.objects.get_or_create(
        stage=DecisionStage.SIFT,
        code="values",
        defaults={"text": "Your answers show little evidence of the values social work needs"},
    )
    cohort = CohortFactory(number=6, name="Cohort 6")
    framework_load_standard(actor=None, cohort=cohort)
    rules = cohort.current_rules
    rules.sift_by, rules.double_sift, rules.sift_tolerance, rules.sift_pass_mark = (
        "partnership",
        True,
        1,
        12,
    )
    rules.save()
    cohort.status = CohortStatus.RECRUITING
    cohort.save()
    Milestone.objects.create(
        cohort=cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=10),
    )
    bromley = AuthorityFactory(name="Bromley")
    sel = PartnershipFactory(
        cohort=cohort,
        name="South East London",
        code="SEL",
        lead_authority=bromley,
        places=[("Bromley", 4)],
    )
    PartnershipUniversityFactory(partnership=sel)
    first = person_with_role(Role.COORDINATOR, organisation=bromley, full_name="Fay First")
    second = person_with_role(Role.ASSESSOR, organisation=bromley, full_name="Sam Second")
    moderator = person_with_role(
        Role.SERVICE_USER_ASSESSOR, organisation=bromley, full_name="Mo Moderator"
    )

    # The candidate filled in every section and submitted (the candidate journey does that in
    # the browser); the eligibility rules ran as they submitted.
    application = application_submitted(
        cohort=cohort,
        first_choice=sel,
        candidate=CandidateFactory(full_name=NAME, email="xanthippe@example.net"),
        phone="07700 900123",
        postcode="ZE2 9QX",
        answer_q1="I mentored twelve young carers every week.",
        answer_q2="I want to help children stay safe at home.",
        answer_q3="Respect, honesty, and the child first.",
    )
    reference = application.reference
    assert application.status == ApplicationStatus.ELIGIBLE

    sign_in_as(page, axe, first)
    _score(page, axe, reference, 4)  # 20
    sign_in_as(page, axe, second)
    # Below the pass mark without a reason: refused, and says why.
    link(page, axe, "Sift")
    link(page, axe, f"Score application {reference}")
    for criterion in CRITERIA:
        page.get_by_role("group", name=f"Score for {criterion}").get_by_label("2:").check()
        page.get_by_label(f"Evidence for your score for {criterion}").fill("Some evidence.")
    button(page, axe, "Submit scores")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one reason")
    go(page, axe, lambda: page.goto("/"))
    _score(
        page,
        axe,
        reference,
        2,  # 10: more than 1 away from 20, so it goes to moderation
        reason="Your answers show little evidence of the values social work needs",
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    sign_in_as(page, axe, moderator)
    _score(page, axe, reference, 3)  # 15: the moderator's total decides

    assert [m.round for m in SiftMark.objects.order_by("id")] == [
        SiftRound.FIRST,
        SiftRound.SECOND,
        SiftRound.MODERATION,
    ]
    decision = SiftDecision.objects.get()
    assert decision.screened_in and decision.total == 15
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SCREENED_IN

    sign_in_as(page, axe, application.candidate)
    go(page, axe, lambda: page.goto(f"/applications/{reference}/status/"))
    expect(page.locator(".govuk-summary-list")).to_contain_text("Through to the assessment centre")
    expect(
        page.get_by_role(
            "heading", name="Scoring your answers: you are through to the assessment centre"
        )
    ).to_be_visible()
