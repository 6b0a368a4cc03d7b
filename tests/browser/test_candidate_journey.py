"""A candidate's journey in the browser: from the public page, through an account and every
section of the form, to a submitted application whose eligibility they can read.

Every page on the way is checked by axe-core.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stepup.applications.models import Application, ApplicationStatus
from stepup.core.formatting import govuk_date
from stepup.programme.models import CohortStatus, Milestone, MilestoneKind
from tests.factories import CohortFactory, PartnershipFactory, PartnershipUniversityFactory
from tests.support.browser import button, completed, fill_date, link, link_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_candidate_applies_from_the_public_page_to_submission(
    page, axe, tmp_path, settings, mailoutbox
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    today = timezone.localdate()
    cohort = CohortFactory(number=6, name="Cohort 6", status=CohortStatus.RECRUITING)
    Milestone.objects.create(
        cohort=cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=10),
    )
    first = PartnershipFactory(
        cohort=cohort, name="South East London", code="SEL", places=[("Bromley", 4)]
    )
    PartnershipUniversityFactory(partnership=first)
    PartnershipFactory(cohort=cohort, name="Learn Together", code="LTP")
    sift_starts = today + datetime.timedelta(days=20)
    sift_ends = today + datetime.timedelta(days=60)
    Milestone.objects.create(
        cohort=cohort, kind=MilestoneKind.CONTRACTOR_SIFT, starts_on=sift_starts, ends_on=sift_ends
    )

    page.goto("/apply/")
    axe.check()
    link(page, axe, "The programme starting on 4 January 2027")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Apply for the programme starting in January 2027"
    )
    expect(page.get_by_role("table", name="Partnerships taking trainees")).to_contain_text(
        "Bromley"
    )
    button(page, axe, "Start now")

    # An account, with one mistake first.
    page.get_by_label("Full name").fill("Amara Okafor")
    page.get_by_label("Email address").fill("amara@example.net")
    page.get_by_label("Create a password").fill("a long walk home")
    page.get_by_label("Confirm your password").fill("a long walk hom")
    button(page, axe, "Create account")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Passwords must match")
    page.get_by_label("Create a password").fill("a long walk home")
    page.get_by_label("Confirm your password").fill("a long walk home")
    button(page, axe, "Create account")
    # The address is confirmed from the emailed link before anything else.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto(link_in(mailoutbox[-1]))
    axe.check()
    button(page, axe, "Confirm email address")
    button(page, axe, "Start application")
    application = Application.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your application for the programme starting in January 2027"
    )

    link(page, axe, "Personal and contact details")
    page.get_by_label("Phone number").fill("020 7946 0000")
    page.get_by_label("Address line 1").fill("1 High Street")
    page.get_by_label("Town or city").fill("Bromley")
    page.get_by_label("Postcode").fill("BR1 1AA")
    completed(page, axe)

    link(page, axe, "Right to study and work in the UK")
    page.get_by_label("Yes", exact=True).check()
    completed(page, axe)

    link(page, axe, "Degree")
    page.get_by_label("Degree subject").fill("History")
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
    page.get_by_label("Your role").fill("Youth worker")
    page.get_by_label("Organisation").fill("Bromley Youth Club")
    fill_date(page, "Date you started", datetime.date(2020, 1, 6))
    page.get_by_label("I still do this").check()
    page.get_by_label("Hours a week").fill("6")
    button(page, axe, "Save role")
    expect(page.get_by_role("heading", name="Youth worker, Bromley Youth Club")).to_be_visible()
    completed(page, axe)

    link(page, axe, "Your answers to three questions")
    page.get_by_label("Question 1:").fill("I ran a youth club for three years.")
    page.get_by_label("Question 2:").fill("I want to help children stay safe.")
    page.get_by_label("Question 3:").fill("Respect, honesty, the child first.")
    completed(page, axe)

    link(page, axe, "Partnership preferences")
    page.get_by_label("First choice of partnership").select_option(label="South East London")
    page.get_by_label("Second choice of partnership (optional)").select_option(
        label="Learn Together"
    )
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

    expect(page.get_by_text("You have completed 10 of 10 sections")).to_be_visible()
    link(page, axe, "Check your answers and submit your application")
    button(page, axe, "Submit application")
    # A confirmation panel, with what happens next and when.
    panel = page.locator(".govuk-panel--confirmation")
    expect(panel).to_contain_text("Application submitted")
    expect(panel).to_contain_text(application.reference)
    expect(page.get_by_text("We will read and score your answers")).to_contain_text(
        f"from {govuk_date(sift_starts)} to {govuk_date(sift_ends)}"
    )
    # The submitted application, read back, with nothing to change.
    link(page, axe, "Read the application you submitted")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your application as you submitted it"
    )
    expect(page.get_by_text("Upper second (2:1)")).to_be_visible()
    expect(page.get_by_role("link", name="Change", exact=False)).to_have_count(0)
    # The status in plain words.
    link(page, axe, "Back")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Your application {application.reference}"
    )
    summary = page.locator(".govuk-summary-list")
    expect(summary).to_contain_text("Waiting for your answers to be scored")
    expect(summary).not_to_contain_text("sift")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    assert application.first_choice == first
    assert application.experiences.get().ended_on is None


def test_the_candidates_other_pages_and_error_pages_pass_axe(page, axe, browser_sign_in):
    from tests.factories import ApplicationFactory, CandidateFactory

    today = timezone.localdate()
    cohort = CohortFactory(number=6, name="Cohort 6", status=CohortStatus.RECRUITING)
    Milestone.objects.create(
        cohort=cohort,
        kind=MilestoneKind.APPLICATION_WINDOW,
        starts_on=today - datetime.timedelta(days=10),
        ends_on=today + datetime.timedelta(days=10),
    )
    PartnershipFactory(cohort=cohort, name="South East London", code="SEL")
    candidate = CandidateFactory(full_name="Amara Okafor")
    application = ApplicationFactory(cohort=cohort, candidate=candidate, reference="SU6-AXE00001")
    experience = application.experiences.get()
    browser_sign_in(candidate)
    base = f"/applications/{application.reference}/"
    for path in [
        "/applications/",
        "/apply/6/start/",
        base,
        base + "right-to-work/",
        base + "degree/",
        base + "gcse/",
        base + "questions/",
        base + "partnerships/",
        base + "heard-about/",
        base + "declarations/",
        base + "experience/",
        base + f"experience/{experience.pk}/",
        base + f"experience/{experience.pk}/remove/",
        base + "documents/",
        base + "documents/upload/",
        base + "check-your-answers/",
        base + "status/",
        base + "withdraw/",
        "/apply/6/create-account/",
    ]:
        page.goto(path)
        axe.check()

    # Error pages.
    page.goto(base + "gcse/")
    button(page, axe, "Save and continue")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select whether you have completed this section"
    )
    page.goto(base + "questions/")
    page.get_by_label("Question 1:").fill("word " * 501)
    button(page, axe, "Save and continue")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Question 1 must be 500 words or fewer"
    )
    page.goto(base + f"experience/{experience.pk}/")
    group = page.get_by_role("group", name="Date you started")
    group.get_by_label("Day").fill("31")
    group.get_by_label("Month").fill("2")
    button(page, axe, "Save role")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The date you started must be a real date"
    )
    page.goto(base + "documents/upload/")
    button(page, axe, "Upload")
    page.goto(base + "check-your-answers/")
    button(page, axe, "Submit application")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Complete the section")

    # After withdrawing, the pages that change it say so.
    page.goto(base + "withdraw/")
    button(page, axe, "Withdraw application")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Your application {application.reference}"
    )
    page.goto(base + "degree/")
    axe.check()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your application can no longer be changed"
    )
