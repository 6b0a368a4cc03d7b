"""A person decides what the rules could not, with reasons the candidate is told."""

import pytest
from django.core.exceptions import ValidationError

from stepup.applications.models import ApplicationStatus, EqualityMonitoring
from stepup.core.audit import history_for
from stepup.selection.models import DecisionReason, EligibilityCheck, EligibilityDecision
from stepup.selection.services import eligibility_decide

pytestmark = pytest.mark.django_db


def url(application) -> str:
    return f"/selection/eligibility/{application.reference}/"


def reason(code: str, stage: str = "eligibility") -> DecisionReason:
    return DecisionReason.objects.get(stage=stage, code=code)


# The service


def test_not_eligible_with_reasons_emails_the_candidate_their_text(
    contractor, in_review, django_capture_on_commit_callbacks, mailoutbox
):
    application = in_review()
    unverified = reason("qualification-not-verified")

    with django_capture_on_commit_callbacks(execute=True):
        decision = eligibility_decide(
            actor=contractor,
            application=application,
            eligible=False,
            reasons=[unverified],
            staff_note="Registry says no record under this name: fraud team told.",
            candidate_message="The transcript could not be matched to the university's records.",
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.INELIGIBLE
    assert decision.decided_by == contractor and decision.eligible is False
    assert list(decision.reasons.all()) == [unverified]
    [entry] = history_for(application)
    assert entry.actor == contractor
    assert entry.summary == "Decided: not eligible"
    assert {"field": "Status", "before": "Eligibility being checked", "after": "Not eligible"} in (
        entry.changes
    )
    assert entry.reason.startswith("Registry says")
    [mail] = mailoutbox
    assert mail.to == [application.candidate.email]
    assert unverified.text in mail.body
    assert "could not be matched" in mail.body
    assert "fraud" not in mail.body  # the note for staff stays with staff


def test_eligible_needs_a_note_and_moves_on_to_the_sift(
    national_admin, in_review, django_capture_on_commit_callbacks, mailoutbox
):
    application = in_review()

    with django_capture_on_commit_callbacks(execute=True):
        eligibility_decide(
            actor=national_admin,
            application=application,
            eligible=True,
            reasons=[],
            staff_note="NARIC statement confirms a 2:1 equivalent.",
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE
    [entry] = history_for(application)
    assert (
        entry.actor == national_admin
        and entry.reason == "NARIC statement confirms a 2:1 equivalent."
    )
    [mail] = mailoutbox
    assert "is eligible" in mail.subject


@pytest.mark.parametrize(
    "eligible, reasons, detail, field, message",
    [
        (False, [], "", "reasons", "Select at least one reason"),
        (
            True,
            [],
            "  ",
            "staff_note",
            "Enter a note for staff saying why the application is eligible",
        ),
        (
            False,
            None,
            "x" * 2001,
            "staff_note",
            "The note for staff must be 2000 characters or fewer",
        ),
    ],
)
def test_bad_decisions_are_refused_and_change_nothing(
    contractor, in_review, mailoutbox, eligible, reasons, detail, field, message
):
    application = in_review()
    if reasons is None:
        reasons = [reason("other")]

    with pytest.raises(ValidationError, match=message) as error:
        eligibility_decide(
            actor=contractor,
            application=application,
            eligible=eligible,
            reasons=reasons,
            staff_note=detail,
        )

    assert error.value.message_dict[field] == [message]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBILITY_REVIEW
    assert not EligibilityDecision.objects.exists()
    assert not history_for(application).exists()


def test_a_sift_reason_cannot_be_given_for_eligibility(contractor, in_review):
    with pytest.raises(
        ValidationError, match="Select reasons from the list of eligibility reasons"
    ) as error:
        eligibility_decide(
            actor=contractor,
            application=in_review(),
            eligible=False,
            reasons=[reason("values", stage="sift")],
        )
    assert "reasons" in error.value.message_dict


def test_deciding_twice_is_refused(contractor, national_admin, in_review):
    application = in_review()
    eligibility_decide(
        actor=contractor, application=application, eligible=True, reasons=[], staff_note="Fine."
    )

    with pytest.raises(
        ValidationError, match="Eligibility has already been decided for this application"
    ) as error:
        eligibility_decide(
            actor=national_admin,
            application=application,
            eligible=False,
            reasons=[reason("other")],
        )

    assert error.value.messages == ["Eligibility has already been decided for this application"]
    assert EligibilityDecision.objects.get().decided_by == contractor


def test_an_application_not_in_review_is_refused(contractor, in_review):
    application = in_review(status=ApplicationStatus.SUBMITTED)

    with pytest.raises(
        ValidationError, match="This application is not waiting for an eligibility decision"
    ) as error:
        eligibility_decide(
            actor=contractor, application=application, eligible=True, reasons=[], staff_note="Fine."
        )

    assert error.value.messages == ["This application is not waiting for an eligibility decision"]


def test_only_deciders_may_decide(in_review):
    from stepup.accounts.roles import Role
    from tests.factories import person_with_role

    analyst = person_with_role(Role.NATIONAL_ANALYST)
    application = in_review()

    with pytest.raises(ValidationError, match="You cannot make this change"):
        eligibility_decide(
            actor=analyst, application=application, eligible=True, reasons=[], staff_note="Fine."
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBILITY_REVIEW


# The page


def test_the_page_shows_what_the_rules_look_at_and_nothing_personal(contractor, sign_in, in_review):
    application = in_review(
        full_name="Zebedee Quill",
        phone="07700 900123",
        address_line_1="42 Distinctive Lane",
        postcode="ZZ9 9ZZ",
        right_to_work_details="Graduate visa until 2029",
        degree_subject="Psychology",
        degree_institution="Universidade de Lisboa",
        gcse_english_grade="equivalent",
        gcse_english_equivalent="Portuguese secondary certificate, English 17/20",
    )
    EligibilityCheck.objects.create(
        application=application,
        rules=application.rules,
        rule="degree_class",
        outcome="refer",
        reason="We need to check your overseas degree against its UK equivalent.",
    )
    EqualityMonitoring.objects.create(
        application=application, ethnicity="Distinctive-ethnicity-answer", religion="Jedi-answer"
    )

    page = sign_in(contractor).get(url(application)).content.decode()

    for shown in (
        "Graduate visa until 2029",
        "Psychology",
        "Licenciatura, 16/20: like a 2:1",
        "Universidade de Lisboa",
        "Portuguese secondary certificate",
        "Youth worker 1",
        "We need to check your overseas degree",
        "Needs a person to decide",
    ):
        assert shown in page, shown
    for hidden in (
        "Zebedee",
        "07700 900123",
        "Distinctive Lane",
        "ZZ9 9ZZ",
        application.candidate.email,
        "Distinctive-ethnicity-answer",
        "Jedi-answer",
    ):
        assert hidden not in page, hidden


def test_deciding_on_the_page(contractor, sign_in, in_review, mailoutbox):
    application = in_review()
    unverified = reason("qualification-not-verified")

    client = sign_in(contractor)
    data = {
        "outcome": "ineligible",
        "reasons": [unverified.pk],
        "staff_note": "Visa to be checked at offer",
        "candidate_message": "We could not confirm your degree with the university.",
    }
    check = client.post(url(application), data).content.decode()
    assert "Check your decision before it is sent" in check
    assert "We could not confirm your degree with the university." in check
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBILITY_REVIEW  # nothing sent yet
    # "Change" goes back to the form as filled in.
    back = client.post(url(application), {**data, "change": "yes"}).content.decode()
    assert "Visa to be checked at offer</textarea>" in back
    response = client.post(url(application), {**data, "confirm": "yes"}, follow=True)

    assert "decided: not eligible" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INELIGIBLE
    assert list(application.eligibility_decision.reasons.all()) == [unverified]


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Select whether the application is eligible"),
        ({"outcome": "ineligible", "staff_note": "No."}, "Select at least one reason"),
        (
            {"outcome": "eligible", "staff_note": ""},
            "Enter a note for staff saying why the application is eligible",
        ),
        ({"outcome": "ineligible", "reasons": ["999999"]}, "Select reasons from the list"),
        ({"outcome": "maybe"}, "Select whether the application is eligible"),
    ],
)
def test_bad_input_shows_an_error_and_saves_nothing(
    national_admin, sign_in, in_review, data, message
):
    application = in_review()

    response = sign_in(national_admin).post(url(application), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert "<title>Error:" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBILITY_REVIEW
    assert not EligibilityDecision.objects.exists()


def test_a_second_decision_on_the_page_is_refused_with_a_message(
    contractor, national_admin, sign_in, in_review
):
    application = in_review()
    eligibility_decide(
        actor=contractor, application=application, eligible=True, reasons=[], staff_note="Fine."
    )

    response = sign_in(national_admin).post(
        url(application),
        {"outcome": "ineligible", "reasons": [reason("other").pk], "confirm": "yes"},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Eligibility has already been decided for this application" in page
    assert "Save decision" not in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ELIGIBLE


def test_a_draft_is_not_found(contractor, sign_in, cohort):
    from tests.factories import ApplicationFactory

    draft = ApplicationFactory(cohort=cohort)

    client = sign_in(contractor)
    assert client.get(url(draft)).status_code == 404
    assert (
        client.post(
            url(draft), {"outcome": "eligible", "staff_note": "x", "confirm": "yes"}
        ).status_code
        == 404
    )


def test_the_candidate_never_sees_the_note_for_staff(
    national_admin, sign_in, in_review, django_capture_on_commit_callbacks, mailoutbox
):
    """Fixed: "visa to be checked at offer" reached the candidate's status page."""
    application = in_review()
    with django_capture_on_commit_callbacks(execute=True):
        eligibility_decide(
            actor=national_admin,
            application=application,
            eligible=True,
            reasons=[],
            staff_note="Visa to be checked at offer",
            candidate_message="Thank you for sending your degree certificate.",
        )
    [mail] = mailoutbox
    assert "Visa to be checked" not in mail.body
    assert "Thank you for sending your degree certificate." in mail.body
    page = sign_in(application.candidate).get(f"/applications/{application.reference}/status/")
    text = page.content.decode()
    assert "Visa to be checked" not in text
    assert "Thank you for sending your degree certificate." in text


def test_the_checker_opens_the_evidence_and_it_is_audited(contractor, sign_in, in_review):
    """Fixed: "We could not verify a qualification" is a reason, but the checker could not
    open the certificate."""
    from django.core.files.base import ContentFile

    from stepup.applications.models import Document
    from stepup.core.models import AuditEntry

    application = in_review()
    document = Document.objects.create(
        application=application,
        kind="degree",
        file=ContentFile(b"%PDF-1.4 transcript", name="t.pdf"),
        original_name="my transcript.pdf",
        content_type="application/pdf",
        size_bytes=19,
    )
    client = sign_in(contractor)
    page = client.get(url(application)).content.decode()
    link = f"/selection/eligibility/{application.reference}/documents/{document.pk}/"
    assert link in page and "my transcript.pdf" in page
    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 transcript"
    entry = AuditEntry.objects.get(event="evidence.viewed")
    assert entry.actor == contractor and entry.values == {"document": document.pk}
