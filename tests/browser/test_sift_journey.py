"""The sift in the browser: a candidate applies, two sifters disagree by more than the
tolerance, a third moderates, and the candidate reads that they are screened in.

Every page on the way is checked by axe-core.
"""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from stepup.applications.models import Application, ApplicationStatus
from stepup.programme.models import CohortStatus, Milestone, MilestoneKind
from stepup.programme.services import framework_load_standard
from stepup.selection.models import DecisionReason, DecisionStage, SiftDecision, SiftMark, SiftRound
from tests.factories import (
    PASSWORD,
    AuthorityFactory,
    CohortFactory,
    PartnershipFactory,
    PartnershipUniversityFactory,
    person_with_role,
)
from tests.support.browser import button, completed, fill_date, go, link, link_in, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Xanthippe Quarrington-Blythe"


def _apply(page, axe, tmp_path):
    """From the public page to a submitted application, as in the candidate journey."""
    page.goto("/apply/")
    axe.check()
    link(page, axe, "The programme starting on 4 January 2027")
    button(page, axe, "Start now")
    page.get_by_label("Full name").fill(NAME)
    page.get_by_label("Email address").fill("xanthippe@example.net")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    button(page, axe, "Create account")
    page.goto(link_in(mail.outbox[-1]))
    axe.check()
    button(page, axe, "Confirm email address")
    button(page, axe, "Start application")

    link(page, axe, "Personal and contact details")
    page.get_by_label("Phone number").fill("07700 900123")
    page.get_by_label("Address line 1").fill("17 Quillwort Crescent")
    page.get_by_label("Town or city").fill("Zennor")
    page.get_by_label("Postcode").fill("ZE2 9QX")
    completed(page, axe)

    link(page, axe, "Right to study and work in the UK")
    page.get_by_label("Yes", exact=True).check()
    completed(page, axe)

    link(page, axe, "Degree")
    page.get_by_label("Degree subject").fill("Psychology")
    page.get_by_label("Upper second (2:1)").check()
    page.get_by_label("University or college").fill("University of Kent")
    page.get_by_label("Year the degree was or will be awarded").fill("2019")
    page.get_by_label("Awarded", exact=True).check()
    completed(page, axe)

    link(page, axe, "GCSE English and Maths")
    page.get_by_label("GCSE English grade").select_option("B")
    page.get_by_label("GCSE Maths grade").select_option("5")
    completed(page, axe)

    link(page, axe, "Experience with children, young people and families")
    link(page, axe, "Add a role")
    page.get_by_label("Voluntary").check()
    page.get_by_label("Your role").fill("Young carers mentor")
    page.get_by_label("Organisation").fill("Cornwall Young Carers")
    fill_date(page, "Date you started", datetime.date(2020, 1, 6))
    page.get_by_label("I still do this").check()
    page.get_by_label("Hours a week").fill("6")
    button(page, axe, "Save role")
    completed(page, axe)

    link(page, axe, "Your answers to three questions")
    page.get_by_label("Question 1:").fill("I mentored twelve young carers every week.")
    page.get_by_label("Question 2:").fill("I want to help children stay safe at home.")
    page.get_by_label("Question 3:").fill("Respect, honesty, and the child first.")
    completed(page, axe)

    link(page, axe, "Partnership preferences")
    page.get_by_label("First choice of partnership").select_option(label="South East London")
    page.get_by_label("Yes", exact=True).check()
    completed(page, axe)

    link(page, axe, "How you heard about Step Up")
    page.get_by_label("Search engine").check()
    completed(page, axe)

    link(page, axe, "Declarations")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("I confirm that the information I have given is true and complete").check()
    completed(page, axe)

    link(page, axe, "Evidence of your qualifications and right to work")
    link(page, axe, "Upload a document")
    page.get_by_label("Degree certificate or transcript").check()
    upload = tmp_path / "degree.pdf"
    upload.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("Upload a file").set_input_files(str(upload))
    button(page, axe, "Upload")
    completed(page, axe)

    link(page, axe, "Check your answers and submit your application")
    button(page, axe, "Submit application")
    expect(page.locator(".govuk-panel--confirmation")).to_contain_text("Application submitted")


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


def test_a_candidate_is_sifted_moderated_and_screened_in(page, axe, tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
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

    _apply(page, axe, tmp_path)
    application = Application.objects.get()
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
