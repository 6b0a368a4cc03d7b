"""The candidate's pages: thin over the services, scoped to the candidate, clear on errors."""

import datetime
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.models import Application, ApplicationStatus
from stepup.core.models import AuditEntry
from stepup.programme.models import CohortStatus, Milestone, MilestoneKind
from stepup.selection.models import DecisionReason, EligibilityDecision
from tests.accounts.pages import error_summary
from tests.applications.conftest import row
from tests.factories import CandidateFactory, CohortFactory, person_with_role

PDF = b"%PDF-1.4\n%%EOF\n"


def page(response) -> str:
    return response.content.decode()


# Public pages


def test_the_public_list_shows_only_recruiting_cohorts(client, cohort):
    CohortFactory(number=7, status=CohortStatus.OPEN_FOR_BIDS)
    text = page(client.get("/apply/"))
    assert "/apply/6/" in text and "/apply/7/" not in text


def test_a_cohort_page_says_what_the_programme_is_who_may_apply_and_when(
    client, cohort, partnerships, in_window
):
    rules = cohort.current_rules
    rules.min_degree_class = "first"
    rules.save()
    response = client.get("/apply/6/")
    text = page(response)
    assert response.status_code == 200
    assert "children's social work" in text
    assert "a degree in any subject at first or higher" in text
    assert "GCSE English at grade C or 4 or above" in text
    assert "the right to study and work in the UK" in text
    assert "South East London" in text and "Learn Together" in text
    assert "Applications open" in text
    assert "Applications open on 1 March 2027 and close at midnight on 1 April 2027" in text
    assert "/apply/6/create-account/" in text  # the start button


def test_a_cohort_page_shows_candidates_their_dates_in_their_words(client, cohort):
    """Fixed: bid deadlines showed, and the page spoke of "cohort 6"."""
    for kind, day in [
        (MilestoneKind.BIDS_DEADLINE, datetime.date(2026, 11, 1)),
        (MilestoneKind.NATIONAL_RESERVE_POOL, datetime.date(2027, 7, 1)),
        (MilestoneKind.ASSESSMENT_CENTRES, datetime.date(2027, 6, 1)),
    ]:
        Milestone.objects.create(cohort=cohort, kind=kind, starts_on=day)
    text = page(client.get("/apply/6/"))
    assert "Assessment centres for the candidates we invite" in text
    assert "Deadline for partnerships to bid" not in text
    assert "reserve pool" not in text
    assert "cohort 6" not in text.lower()
    assert f"Apply for the programme starting in {cohort.starts_in}" in text


def test_a_partnership_that_is_not_approved_is_not_shown(client, cohort, partnerships):
    from tests.factories import PartnershipFactory

    PartnershipFactory(cohort=cohort, name="Still bidding", status="submitted")
    assert "Still bidding" not in page(client.get("/apply/6/"))


def test_a_cohort_that_is_not_recruiting_is_not_found(client, db):
    CohortFactory(number=7, status=CohortStatus.OPEN_FOR_BIDS)
    assert client.get("/apply/7/").status_code == 404
    assert client.get("/apply/7/create-account/").status_code == 404


def test_after_the_window_the_page_says_applications_closed(client, cohort):
    with time_machine.travel(datetime.datetime(2027, 5, 1, tzinfo=datetime.UTC)):
        text = page(client.get("/apply/6/"))
    assert "Applications for the programme starting in January 2027 closed on 1 April 2027" in text
    assert "Start now" not in text


# Accounts


ACCOUNT = {
    "full_name": "Amara Okafor",
    "email": "amara@example.net",
    "password": "a long walk home",
    "password_again": "a long walk home",
}


def test_a_candidate_creates_an_account_confirms_it_by_email_and_is_signed_in(
    client, cohort, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/apply/6/create-account/", ACCOUNT)
    assert response.status_code == 302 and response["Location"] == "/check-your-email/"
    assert "We have sent an email to <strong>amara@example.net</strong>" in page(
        client.get("/check-your-email/")
    )
    user = User.objects.get(email="amara@example.net")
    assert user.full_name == "Amara Okafor" and user.email_verified_at is None
    # Not signed in until the address is confirmed.
    assert client.get("/applications/")["Location"].startswith("/sign-in/")
    link = re.search(r"http://127.0.0.1:8000(/email-links/[^/\s]+/)", mailoutbox[0].body)[1]
    assert "Confirm your email address" in page(client.get(link))
    confirmed = client.post(link)
    assert confirmed.status_code == 302 and confirmed["Location"] == "/apply/6/start/"
    assert client.get("/applications/").status_code == 200


def test_an_existing_email_gets_the_same_answer_and_its_owner_an_email(
    client, cohort, candidate, mailoutbox, django_capture_on_commit_callbacks
):
    """Finding 12: the page does not say which addresses have accounts."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/apply/6/create-account/", ACCOUNT | {"email": "Amara@example.net"})
    assert response.status_code == 302 and response["Location"] == "/check-your-email/"
    assert "We have sent an email to <strong>amara@example.net</strong>" in page(
        client.get("/check-your-email/")
    )
    assert User.objects.count() == 1
    assert "There is already an account for it" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"password_again": "something else"}, "Passwords must match"),
        ({"password": "short", "password_again": "short"}, "Password must be 10 characters"),
        ({"email": "not an email"}, "Enter an email address in the correct format"),
        ({"full_name": ""}, "Enter your full name"),
    ],
)
def test_account_errors_are_shown_and_nothing_is_created(client, cohort, change, message):
    response = client.post("/apply/6/create-account/", ACCOUNT | change)
    assert response.status_code == 200 and message in page(response)
    assert not User.objects.exists()


def test_every_account_error_is_shown_at_once(client, cohort):
    """Fixed: the errors came one field at a time."""
    response = client.post(
        "/apply/6/create-account/",
        {"full_name": "", "email": "not an email", "password": "short", "password_again": "x"},
    )
    summary = error_summary(response)
    assert summary == [
        "Enter your full name",
        "Enter an email address in the correct format, like name@example.com",
        "Password must be 10 characters or more",
        "Passwords must match",
    ]


# Starting


def test_starting_makes_the_application_and_a_second_start_links_to_it(
    client, sign_in, cohort, candidate
):
    sign_in(candidate)
    response = client.post("/apply/6/start/")
    application = Application.objects.get(candidate=candidate)
    assert response["Location"] == f"/applications/{application.reference}/"
    response = client.post("/apply/6/start/")
    text = page(response)
    assert f"You have already applied for the programme starting in {cohort.starts_in}" in text
    assert f"/applications/{application.reference}/" in text
    assert Application.objects.count() == 1


def test_staff_cannot_use_the_candidate_pages(client, sign_in, cohort):
    sign_in(person_with_role(Role.COORDINATOR))
    assert client.post("/apply/6/start/").status_code == 403
    assert not Application.objects.exists()


# The task list and sections


def test_the_task_list_shows_each_section_and_its_status(client, sign_in, draft):
    draft.phone = "020 7946 0000"
    draft.degree_subject = "History"
    draft.sections_completed = ["degree"]
    draft.save()
    sign_in(draft.candidate)
    text = page(client.get(f"/applications/{draft.reference}/"))
    assert "govuk-task-list" in text
    assert text.count("Not yet started") == 8
    assert text.count("In progress") == 1
    assert "Completed" in text
    assert "You have completed 1 of 10 sections" in text
    assert "Equality monitoring (optional)" in text


def test_a_section_saves_and_returns_to_the_task_list(client, sign_in, draft):
    sign_in(draft.candidate)
    url = f"/applications/{draft.reference}/heard-about/"
    assert "Have you completed this section?" in page(client.get(url))
    response = client.post(url, {"heard_about": "friend", "completed": "yes"})
    assert response["Location"] == f"/applications/{draft.reference}/"
    draft.refresh_from_db()
    assert draft.heard_about == "friend" and draft.sections_completed == ["heard-about"]


def test_a_crafted_grade_gets_a_clear_error_and_saves_nothing(client, sign_in, draft):
    sign_in(draft.candidate)
    before = row(draft)
    response = client.post(
        f"/applications/{draft.reference}/gcse/",
        {"gcse_english_grade": "Z", "gcse_maths_grade": "4", "completed": "yes"},
    )
    text = page(response)
    assert response.status_code == 200
    assert "There is a problem" in text and "Select the grade you got" in text
    assert row(draft) == before


def test_an_answer_over_the_limit_is_kept_on_the_page_with_the_error(client, sign_in, draft):
    sign_in(draft.candidate)
    before = row(draft)
    long_answer = " ".join(["word"] * 501)
    response = client.post(
        f"/applications/{draft.reference}/questions/",
        {"answer_q1": long_answer, "answer_q2": "Short.", "completed": "no"},
    )
    text = page(response)
    assert "Question 1 must be 500 words or fewer" in text
    assert 'data-maxwords="500"' in text
    assert long_answer in text
    assert row(draft) == before


def test_the_partnership_choices_are_the_cohorts_approved_partnerships(
    client, sign_in, draft, partnerships
):
    sign_in(draft.candidate)
    url = f"/applications/{draft.reference}/partnerships/"
    text = page(client.get(url))
    assert "South East London" in text
    first = partnerships[0].pk
    response = client.post(
        url,
        {
            "first_choice": first,
            "second_choice": first,
            "willing_to_move": "yes",
            "completed": "yes",
        },
    )
    assert "must be a different partnership" in page(response)
    draft.refresh_from_db()
    assert draft.first_choice is None


def test_an_impossible_date_is_refused_on_the_experience_page(client, sign_in, draft):
    sign_in(draft.candidate)
    response = client.post(
        f"/applications/{draft.reference}/experience/add/",
        {
            "kind": "paid",
            "role": "Teaching assistant",
            "organisation": "St Mary's School",
            "started_on-day": "31",
            "started_on-month": "2",
            "started_on-year": "2020",
            "ongoing": "on",
            "hours_per_week": "20",
        },
    )
    assert response.status_code == 200
    assert "The date you started must be a real date" in page(response)
    assert not draft.experiences.exists()


def test_experience_is_added_and_listed(client, sign_in, draft):
    sign_in(draft.candidate)
    response = client.post(
        f"/applications/{draft.reference}/experience/add/",
        {
            "kind": "paid",
            "role": "Teaching assistant",
            "organisation": "St Mary's School",
            "started_on-day": "1",
            "started_on-month": "9",
            "started_on-year": "2020",
            "ongoing": "on",
            "hours_per_week": "20",
        },
    )
    assert response["Location"] == f"/applications/{draft.reference}/experience/"
    text = page(client.get(response["Location"]))
    assert "Teaching assistant, St Mary&#39;s School" in text and "now" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 an executable", "The selected file must be a PDF, JPG or PNG"),
        (PDF + b"0" * (10 * 1024 * 1024), "The selected file must be smaller than 10MB"),
    ],
)
def test_a_bad_upload_is_refused_on_the_page(client, sign_in, draft, content, message):
    sign_in(draft.candidate)
    response = client.post(
        f"/applications/{draft.reference}/documents/upload/",
        {"kind": "degree", "file": SimpleUploadedFile("degree.pdf", content)},
    )
    assert response.status_code == 200 and message in page(response)
    assert not draft.documents.exists()


def test_only_the_candidate_downloads_their_document(client, sign_in, draft):
    sign_in(draft.candidate)
    client.post(
        f"/applications/{draft.reference}/documents/upload/",
        {"kind": "degree", "file": SimpleUploadedFile("degree.pdf", PDF)},
    )
    document = draft.documents.get()
    url = f"/applications/{draft.reference}/documents/{document.pk}/"
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.logout()
    sign_in(CandidateFactory())
    assert client.get(url).status_code == 404
    client.logout()
    sign_in(person_with_role(Role.NATIONAL_ADMIN))
    assert client.get(url).status_code == 403


def test_a_pdf_named_as_a_web_page_downloads_as_a_pdf(client, sign_in, draft):
    """Seen (finding 11): a PDF uploaded as x.html was served back as x.html."""
    sign_in(draft.candidate)
    client.post(
        f"/applications/{draft.reference}/documents/upload/",
        {"kind": "degree", "file": SimpleUploadedFile("x.html", PDF, "text/html")},
    )
    document = draft.documents.get()
    response = client.get(f"/applications/{draft.reference}/documents/{document.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="x.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_another_candidate_gets_not_found_even_for_a_crafted_post(client, sign_in, draft):
    sign_in(CandidateFactory())
    before = row(draft)
    audit = AuditEntry.objects.count()
    for path in ("", "heard-about/", "check-your-answers/", "withdraw/", "experience/add/"):
        url = f"/applications/{draft.reference}/{path}"
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"heard_about": "other", "completed": "yes"}).status_code == 404
    assert row(draft) == before and AuditEntry.objects.count() == audit


# Check your answers, submission, status


def test_check_your_answers_lists_every_section_with_change_links(client, sign_in, complete):
    sign_in(complete.candidate)
    text = page(client.get(f"/applications/{complete.reference}/check-your-answers/"))
    assert "Upper second (2:1)" in text and "South East London" in text
    assert f"/applications/{complete.reference}/degree/" in text
    assert 'Change<span class="govuk-visually-hidden"> subject</span>' in text
    # Fixed: a screen reader heard "change gcse english grade".
    assert 'Change<span class="govuk-visually-hidden"> GCSE English grade</span>' in text


def test_submission_after_the_window_is_refused_on_the_page(client, sign_in, complete):
    before = row(complete)
    with time_machine.travel(datetime.datetime(2027, 4, 2, 12, 0, tzinfo=datetime.UTC)):
        sign_in(complete.candidate)
        response = client.post(f"/applications/{complete.reference}/check-your-answers/")
    assert response.status_code == 200
    assert "Applications for the programme starting in January 2027 closed on 1 April 2027" in page(
        response
    )
    assert row(complete) == before


def test_submission_in_the_window_then_the_status_and_read_only_pages(
    client, sign_in, complete, in_window
):
    sign_in(complete.candidate)
    Milestone.objects.create(
        cohort=complete.cohort,
        kind=MilestoneKind.CONTRACTOR_SIFT,
        starts_on=datetime.date(2027, 4, 5),
        ends_on=datetime.date(2027, 5, 14),
    )
    response = client.post(f"/applications/{complete.reference}/check-your-answers/")
    # A confirmation panel, then what happens next and when.
    assert response["Location"] == f"/applications/{complete.reference}/submitted/"
    done = page(client.get(response["Location"]))
    assert "govuk-panel--confirmation" in done and complete.reference in done
    assert "We will read and score your answers to the three questions from 5 April 2027" in done
    assert "to 14 May 2027" in done
    text = page(client.get(f"/applications/{complete.reference}/status/"))
    # Plain words, not the service's stage names.
    assert "Waiting for your answers to be scored" in text
    assert "Eligible: waiting for the sift" not in text
    assert "Your GCSE English grade is B." in text
    # The application as submitted, read back with no way to change it.
    answers = page(client.get(f"/applications/{complete.reference}/your-answers/"))
    assert "Your application as you submitted it" in answers
    assert "Upper second (2:1)" in answers and ">Change<" not in answers
    # Read-only now: the task list goes to the status page; sections refuse changes.
    assert client.get(f"/applications/{complete.reference}/")["Location"].endswith("/status/")
    before = row(complete)
    response = client.post(
        f"/applications/{complete.reference}/heard-about/",
        {"heard_about": "other", "completed": "yes"},
    )
    assert "Your application can no longer be changed" in page(response)
    assert row(complete) == before


def test_the_status_page_gives_a_decision_and_its_reasons(client, sign_in, complete):
    complete.status = ApplicationStatus.INELIGIBLE
    complete.save()
    decision = EligibilityDecision.objects.create(
        application=complete,
        eligible=False,
        decided_by=person_with_role(Role.CONTRACTOR),
        detail="Your overseas degree is like a UK 2:2.",
    )
    reason = DecisionReason.objects.create(stage="eligibility", code="t", text="Degree below 2:1")
    decision.reasons.add(reason)
    sign_in(complete.candidate)
    text = page(client.get(f"/applications/{complete.reference}/status/"))
    assert "You cannot apply this time" in text and "Degree below 2:1" in text
    assert "Your overseas degree is like a UK 2:2." in text
    assert "Withdraw your application" not in text


def test_withdrawing_from_the_confirm_page(client, sign_in, complete, in_window):
    sign_in(complete.candidate)
    url = f"/applications/{complete.reference}/withdraw/"
    assert "Are you sure you want to withdraw" in page(client.get(url))
    response = client.post(url, {"reason": "Changed my mind"})
    assert response["Location"].endswith("/status/")
    complete.refresh_from_db()
    assert complete.status == ApplicationStatus.WITHDRAWN
    assert "This application cannot be withdrawn" in page(client.get(url))


def test_the_candidate_home_lists_their_applications_only(client, sign_in, draft):
    other = CandidateFactory()
    Application.objects.create(cohort=draft.cohort, candidate=other, reference="SU6-OTHER000")
    sign_in(draft.candidate)
    text = page(client.get("/applications/"))
    assert draft.reference in text and "SU6-OTHER000" not in text
    assert "Not submitted" in text


def test_removing_experience_after_it_was_submitted_elsewhere_says_it_can_no_longer_change(
    client, sign_in, draft, monkeypatch
):
    """The page was changeable when read; the application was submitted (in another tab)
    before the removal reached the service, which refuses: no server error, nothing lost."""
    experience = draft.experiences.create(
        kind="paid",
        role="Youth worker",
        organisation="Example Trust",
        started_on=datetime.date(2020, 1, 1),
        hours_per_week=6,
    )
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.ELIGIBLE)
    monkeypatch.setattr("stepup.candidates.views.queries.is_changeable", lambda application: True)
    sign_in(draft.candidate)
    response = client.post(f"/applications/{draft.reference}/experience/{experience.pk}/remove/")
    assert response.status_code == 200
    assert "Your application can no longer be changed" in page(response)
    assert draft.experiences.filter(pk=experience.pk).exists()


class _UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body of a too-big upload was read")

    readline = read


def test_a_too_big_upload_is_refused_before_its_body_is_read(client, sign_in, draft):
    """Seen: 60MB read, then refused. The declared length is enough."""
    sign_in(draft.candidate)
    url = f"/applications/{draft.reference}/documents/upload/"
    response = client.generic(
        "POST",
        url,
        b"",
        CONTENT_TYPE="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
        **{"wsgi.input": _UnreadableBody()},
    )
    assert response.status_code == 413
    text = page(response)
    assert "The selected file must be smaller than 10MB" in text
    assert f'href="{url}"' in text
    assert not draft.documents.exists()
    # Just under the limit is read and checked as usual.
    response = client.post(url, {"kind": "degree", "file": SimpleUploadedFile("d.pdf", PDF)})
    assert response.status_code == 302


def test_a_finish_before_the_start_is_shown_with_the_other_problems(client, sign_in, draft):
    """Fixed: it was flagged only once every other problem was fixed."""
    sign_in(draft.candidate)
    response = client.post(
        f"/applications/{draft.reference}/experience/add/",
        {
            "kind": "",
            "role": "Youth worker",
            "organisation": "St Mary's",
            "started_on-day": "1",
            "started_on-month": "9",
            "started_on-year": "2022",
            "ended_on-day": "1",
            "ended_on-month": "9",
            "ended_on-year": "2021",
            "hours_per_week": "lots",
        },
    )
    summary = error_summary(response)
    assert "Select whether the role was paid or voluntary" in summary
    assert "Hours a week must be a number, like 6" in summary
    assert "The date you finished must be after the date you started" in summary
    assert not draft.experiences.exists()


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (ApplicationStatus.INVITED, "You are invited to an assessment centre"),
        (ApplicationStatus.ATTENDED, "Thank you for coming to the assessment centre"),
        (ApplicationStatus.DID_NOT_ATTEND, "You did not come to the assessment centre"),
        (ApplicationStatus.MET_BENCHMARK, "You met the standard we look for"),
        (ApplicationStatus.BENCHMARK_NOT_MET, "did not meet the standard we look for"),
    ],
)
def test_the_status_page_speaks_plainly_at_the_assessment_centre(
    client, sign_in, complete, status, said
):
    complete.status = status
    complete.save()
    sign_in(complete.candidate)
    text = page(client.get(f"/applications/{complete.reference}/status/"))
    assert said in text
    assert "benchmark" not in text.lower(), "staff words"
