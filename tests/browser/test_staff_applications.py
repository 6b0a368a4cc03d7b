"""Issue 9's acceptance: the contractor finds an application by the candidate's surname, opens
its evidence, decides eligibility with a note for staff and a message for the candidate, and
the candidate sees only the message."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus, Document
from stepup.core.models import AuditEntry
from stepup.selection.models import DecisionReason, DecisionStage, EligibilityCheck
from tests.browser.test_candidate_journey import _button, _link
from tests.browser.test_sift_journey import _sign_in_as
from tests.factories import ApplicationFactory, CandidateFactory, CohortFactory, person_with_role

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

    _sign_in_as(page, axe, contractor)
    axe.check()
    _link(page, axe, "Applications")
    page.get_by_label("Reference, name or email address").fill("okafor")
    _button(page, axe, "Find applications")
    results = page.get_by_role("table")
    expect(results).to_contain_text("Amara Okafor")
    expect(results).not_to_contain_text("Ben Smith")
    _link(page, axe, application.reference)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Application {application.reference}"
    )

    with page.expect_download() as download:
        page.get_by_role("link", name="Degree certificate or transcript").click()
    assert download.value.suggested_filename == "transcript.pdf"
    assert AuditEntry.objects.filter(event="evidence.viewed", actor=contractor).exists()

    _link(page, axe, f"Decide whether application {application.reference} is eligible")
    page.get_by_label("Not eligible").check()
    page.get_by_label("We could not verify a qualification").check()
    page.get_by_label("Note for staff").fill("Registry has no record: refer to fraud team")
    page.get_by_label("Message to the candidate (optional)").fill(
        "The university could not confirm your degree. You can apply again with a certificate."
    )
    _button(page, axe, "Continue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check your decision before it is sent"
    )
    sent = page.locator(".govuk-inset-text")
    expect(sent).to_contain_text("The university could not confirm your degree.")
    expect(sent).not_to_contain_text("fraud")
    _button(page, axe, "Send decision")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INELIGIBLE

    _sign_in_as(page, axe, candidate)
    axe.check()
    page.goto(f"/applications/{application.reference}/status/")
    axe.check()
    expect(page.get_by_text("The university could not confirm your degree.")).to_be_visible()
    assert "fraud" not in page.content()
    assert "Registry has no record" not in page.content()
