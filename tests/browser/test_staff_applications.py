"""Staff find and decide on applications (ADR 0014): the contractor finds an application by the
candidate's surname, opens its evidence, decides eligibility with a note for staff and a message
for the candidate, and the candidate sees only the message."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus, Document
from stepup.core.models import AuditEntry
from stepup.selection.models import DecisionReason, DecisionStage, EligibilityCheck
from tests.factories import ApplicationFactory, CandidateFactory, CohortFactory, person_with_role
from tests.support.browser import button, link, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_contractor_finds_checks_and_decides_and_the_candidate_reads_only_their_part(page, axe):
    # The reason list comes from a migration, which a test that flushes the database empties.
    DecisionReason.objects.get_or_create(
        stage=DecisionStage.ELIGIBILITY,
        code="qualification-not-verified",
        defaults={"text": "We could not verify a qualification you told us about"},
    )
    cohort = CohortFactory(number=6, name="Cohort 6")
    candidate = CandidateFactory(full_name="Amara Okafor")
    application = ApplicationFactory(
        cohort=cohort,
        candidate=candidate,
        full_name="Amara Okafor",
        rules=cohort.current_rules,
        status=ApplicationStatus.ELIGIBILITY_REVIEW,
        submitted_at=timezone.now() - datetime.timedelta(days=2),
        degree_class="overseas",
        degree_equivalence="Licenciatura, 16/20",
    )
    EligibilityCheck.objects.create(
        application=application,
        rules=cohort.current_rules,
        rule="degree_class",
        outcome="refer",
        reason="We need to check your overseas degree against its UK equivalent.",
    )
    Document.objects.create(
        application=application,
        kind="degree",
        file=ContentFile(b"%PDF-1.4 transcript\n%%EOF\n", name="t.pdf"),
        original_name="transcript.pdf",
        content_type="application/pdf",
        size_bytes=26,
    )
    ApplicationFactory(cohort=cohort, full_name="Ben Smith", status=ApplicationStatus.ELIGIBLE)
    contractor = person_with_role(Role.CONTRACTOR, full_name="Connie Contractor")

    sign_in_as(page, axe, contractor)
    axe.check()
    link(page, axe, "Applications")
    page.get_by_label("Reference, name or email address").fill("okafor")
    button(page, axe, "Find applications")
    results = page.get_by_role("table")
    expect(results).to_contain_text("Amara Okafor")
    expect(results).not_to_contain_text("Ben Smith")
    link(page, axe, application.reference)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Application {application.reference}"
    )

    with page.expect_download() as download:
        page.get_by_role("link", name="Degree certificate or transcript").click()
    assert download.value.suggested_filename == "transcript.pdf"
    assert AuditEntry.objects.filter(event="evidence.viewed", actor=contractor).exists()

    link(page, axe, f"Decide whether application {application.reference} is eligible")
    page.get_by_label("Not eligible").check()
    page.get_by_label("We could not verify a qualification").check()
    page.get_by_label("Note for staff").fill("Registry has no record: refer to fraud team")
    page.get_by_label("Message to the candidate (optional)").fill(
        "The university could not confirm your degree. You can apply again with a certificate."
    )
    button(page, axe, "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your decision before it is sent"
    )
    sent = page.locator(".govuk-inset-text")
    expect(sent).to_contain_text("The university could not confirm your degree.")
    expect(sent).not_to_contain_text("fraud")
    button(page, axe, "Send decision")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INELIGIBLE

    sign_in_as(page, axe, candidate)
    axe.check()
    page.goto(f"/applications/{application.reference}/status/")
    axe.check()
    expect(page.get_by_text("The university could not confirm your degree.")).to_be_visible()
    assert "fraud" not in page.content()
    assert "Registry has no record" not in page.content()


def test_the_coordinator_notes_an_application_and_keeps_it_for_an_assessor(page, axe):
    """Keeping an application for a sifter, and an application page with its notes."""
    from stepup.programme.services import framework_load_standard
    from tests.factories import AuthorityFactory, PartnershipFactory

    cohort = CohortFactory(number=7, name="Cohort 7")
    framework_load_standard(actor=None, cohort=cohort)
    rules = cohort.current_rules
    rules.sift_pass_mark, rules.sift_by = 12, "partnership"
    rules.save()
    lead, member = AuthorityFactory(name="Bromley"), AuthorityFactory(name="Bexley")
    ours = PartnershipFactory(
        cohort=cohort, code="SE", lead_authority=lead, places=[("Bromley", 3), ("Bexley", 2)]
    )
    coordinator = person_with_role(Role.COORDINATOR, organisation=lead, full_name="Grace Lead")
    # A long address, as real ones are: it must wrap at 320px, not widen the page.
    assessor = person_with_role(
        Role.ASSESSOR,
        organisation=member,
        full_name="Sam Reader",
        email="sam.reader.assessments@bexley-childrens-services.example.org",
    )
    application = ApplicationFactory(
        cohort=cohort,
        rules=rules,
        full_name="Amara Okafor",
        status=ApplicationStatus.ELIGIBLE,
        first_choice=ours,
        submitted_at=timezone.now() - datetime.timedelta(days=3),
    )
    reference = application.reference

    sign_in_as(page, axe, coordinator)
    axe.check()
    link(page, axe, "Applications")
    link(page, axe, reference)
    expect(page.get_by_text("Anyone who may sift it (the shared queue)")).to_be_visible()

    page.get_by_role("link", name=f"Add a note to application {reference}").click()
    axe.check()
    button(page, axe, "Add note")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the note")
    page.get_by_label("Note").fill("Her referee is on leave until March: chase in April.")
    button(page, axe, "Add note")
    notes = page.locator("#notes ~ .govuk-inset-text")
    expect(notes).to_contain_text("Her referee is on leave until March")
    expect(notes).to_contain_text("Grace Lead")

    link(page, axe, f"Choose who sifts application {reference}")
    button(page, axe, "Save")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Select who should give its next mark")
    expect(summary).to_contain_text("Enter why you are changing who sifts it")
    page.get_by_label("Sam Reader").check()
    page.get_by_label("Why are you changing who sifts it?").fill("Sam knows overseas degrees")
    button(page, axe, "Save")
    expect(page.get_by_text("Sam Reader only")).to_be_visible()
    expect(page.locator("table").last).to_contain_text("Sam knows overseas degrees")

    sign_in_as(page, axe, assessor)
    axe.check()
    expect(page.get_by_text("1 of them kept for you alone")).to_be_visible()
    link(page, axe, "Sift")
    expect(page.get_by_role("table")).to_contain_text("Kept for you")
