"""The candidate's services: each rule refused before anything is written."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from stepup.accounts import services as account_services
from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications import services
from stepup.applications.models import Application, ApplicationStatus
from stepup.candidates import services as candidate_services
from stepup.core.audit import history_for
from stepup.core.models import AuditEntry
from stepup.programme.models import CohortStatus
from tests.applications.conftest import IN_WINDOW, row
from tests.factories import CohortFactory, PartnershipFactory, person_with_role

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


# Accounts


def test_a_person_creates_their_own_candidate_account(db):
    user = account_services.candidate_account_create(
        full_name="  Amara   Okafor ", email="Amara@Example.net", password="a long walk home"
    )
    assert user.email == "amara@example.net"
    assert user.full_name == "Amara Okafor"
    assert user.check_password("a long walk home")
    assert not user.role_set
    entry = history_for(user).get()
    assert entry.action == AuditEntry.Action.CREATED and entry.actor == user


def test_an_email_that_already_has_an_account_makes_none_and_tells_its_owner(
    candidate, mailoutbox, django_capture_on_commit_callbacks
):
    """Finding 12: the answer is the same as for a new address; the owner is emailed."""
    with django_capture_on_commit_callbacks(execute=True):
        made = account_services.candidate_account_create(
            full_name="Someone", email="AMARA@example.net", password="a long walk home"
        )
    assert made is None
    assert User.objects.count() == 1
    assert [m.to for m in mailoutbox] == [["amara@example.net"]]
    assert mailoutbox[0].subject == "You already have a Step Up to Social Work account"


def test_a_weak_password_is_refused_in_plain_english(db):
    with pytest.raises(ValidationError, match="Password must be 10 characters or more") as error:
        account_services.candidate_account_create(
            full_name="Sam", email="sam@example.net", password="123"
        )
    assert "Password must be 10 characters or more" in messages(error)["password"]
    assert not User.objects.exists()


# Starting


def test_starting_an_application_gives_an_unguessable_reference(cohort, candidate):
    application = services.application_start(candidate=candidate, cohort=cohort)
    assert re.fullmatch(r"SU6-[A-Z2-9]{8}", application.reference)
    assert application.status == ApplicationStatus.DRAFT
    assert application.full_name == "Amara Okafor"
    entry = history_for(application).get()
    assert entry.actor == candidate and "Started an application to cohort 6" in entry.summary
    other = services.application_start(
        candidate=User.objects.create_user("b@example.net", "a long walk home", full_name="B"),
        cohort=cohort,
    )
    assert other.reference != application.reference


def test_a_loader_may_give_the_reference_if_it_has_the_services_shape(cohort, candidate):
    with pytest.raises(ValueError, match="not a reference for cohort 6"):
        services.application_start(candidate=candidate, cohort=cohort, reference="SU6-ABC")
    with pytest.raises(ValueError, match="'SU6-ABCDEFGI' is not a reference for cohort 6"):
        services.application_start(candidate=candidate, cohort=cohort, reference="SU6-ABCDEFGI")
    assert not Application.objects.exists()
    application = services.application_start(
        candidate=candidate, cohort=cohort, reference="SU6-ABCDEFGH"
    )
    assert application.reference == "SU6-ABCDEFGH"


def test_an_account_made_for_a_candidate_has_no_password_until_they_set_one(db):
    user = account_services.candidate_account_add(
        full_name="Ola Example", email="ola@example.org", summary="Made for an import"
    )
    assert not user.has_usable_password()
    assert not user.role_set
    assert history_for(user).get().summary == "Made for an import"


def test_one_application_per_person_per_cohort(draft, cohort, candidate):
    with pytest.raises(
        ValidationError, match="You have already applied for the programme starting in January 2027"
    ) as error:
        services.application_start(candidate=candidate, cohort=cohort)
    assert error.value.messages == [
        f"You have already applied for the programme starting in {cohort.starts_in}"
    ]
    assert Application.objects.count() == 1


def test_no_application_to_a_cohort_that_is_not_recruiting(candidate):
    cohort = CohortFactory(number=9, status=CohortStatus.OPEN_FOR_BIDS)
    with pytest.raises(ValidationError, match="Cohort 9 is not taking applications"):
        services.application_start(candidate=candidate, cohort=cohort)
    assert not Application.objects.exists()


def test_staff_cannot_apply_with_their_staff_account(cohort):
    coordinator = person_with_role(Role.COORDINATOR)
    with pytest.raises(ValidationError, match="Staff accounts cannot apply"):
        services.application_start(candidate=coordinator, cohort=cohort)


# Sections


def save(application, section, **data):
    return services.application_section_save(
        candidate=application.candidate, application=application, section=section, data=data
    )


def test_a_section_saves_and_is_marked_complete_with_its_audit_entry(draft):
    save(
        draft,
        "personal-details",
        full_name="Amara Okafor",
        phone="020 7946 0000",
        address_line_1="1 High Street",
        town="Bromley",
        postcode="br1 1aa",
        completed=True,
    )
    draft.refresh_from_db()
    assert draft.postcode == "BR1 1AA"
    assert draft.sections_completed == ["personal-details"]
    entry = history_for(draft).get()
    assert entry.summary == "Saved “Personal and contact details”"
    # The log says what changed, not the candidate's address.
    assert "1 High Street" not in str(entry.changes)
    assert {"field": "Section completed", "before": "No", "after": "Yes"} in entry.changes


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("sw1a1aa", "SW1A 1AA"), ("  m1  1ae ", "M1 1AE"), ("bfpo 801", "BFPO 801")],
)
def test_a_postcode_is_kept_as_people_write_it(draft, typed, kept):
    save(draft, "personal-details", postcode=typed, completed=False)
    draft.refresh_from_db()
    assert draft.postcode == kept


@pytest.mark.parametrize("typed", ["ZZZ", "12345", "SW1A 1A", "HELLO WORLD"])
def test_a_postcode_that_cannot_be_one_is_refused(draft, typed):
    """Fixed: "ZZZ" was accepted."""
    with pytest.raises(ValidationError, match="Enter a real postcode") as error:
        save(draft, "personal-details", postcode=typed, completed=False)
    assert messages(error)["postcode"] == ["Enter a real postcode, like SW1A 1AA"]


def test_a_section_may_be_saved_half_done_but_not_completed_half_done(draft):
    save(draft, "personal-details", full_name="Amara Okafor", phone="", completed=False)
    draft.refresh_from_db()
    assert draft.sections_completed == []
    before = row(draft)
    with pytest.raises(ValidationError, match="Enter your phone number") as error:
        save(draft, "personal-details", full_name="Amara Okafor", town="Bromley", completed=True)
    assert messages(error)["phone"] == ["Enter your phone number, like 01632 960 001"]
    assert messages(error)["postcode"] == ["Enter your postcode"]
    assert row(draft) == before


def test_an_answer_over_the_word_limit_is_refused_and_nothing_saved(draft):
    rules = draft.cohort.current_rules
    rules.q1_word_limit = 5
    rules.save()
    before = row(draft)
    with pytest.raises(ValidationError, match="Question 1 must be 5 words or fewer") as error:
        save(draft, "questions", answer_q1="one two three four five six", completed=False)
    assert messages(error)["answer_q1"] == ["Question 1 must be 5 words or fewer"]
    assert row(draft) == before
    save(draft, "questions", answer_q1="one two three four five", completed=False)
    draft.refresh_from_db()
    assert draft.answer_q1 == "one two three four five"


@pytest.mark.parametrize("grade", ["Z", "10", "C+", "0"])
def test_a_grade_that_does_not_exist_is_refused(draft, grade):
    before = row(draft)
    with pytest.raises(ValidationError, match="Select the grade you got in GCSE English") as error:
        save(draft, "gcse", gcse_english_grade=grade, gcse_maths_grade="4", completed=True)
    assert messages(error)["gcse_english_grade"] == ["Select the grade you got in GCSE English"]
    assert row(draft) == before


@pytest.mark.parametrize("english", ["A*", "C", "U", "9", "4", "1"])
def test_grades_on_either_scale_are_accepted(draft, english):
    save(draft, "gcse", gcse_english_grade=english, gcse_maths_grade="B", completed=True)
    draft.refresh_from_db()
    assert draft.gcse_english_grade == english


def test_an_equivalent_qualification_needs_its_name(draft):
    with pytest.raises(
        ValidationError, match="Enter the name of your English qualification"
    ) as error:
        save(draft, "gcse", gcse_english_grade="equivalent", gcse_maths_grade="4", completed=True)
    assert "Enter the name of your English qualification" in str(error.value)
    save(
        draft,
        "gcse",
        gcse_english_grade="equivalent",
        gcse_english_equivalent="Functional Skills English level 2",
        gcse_maths_grade="4",
        completed=True,
    )
    draft.refresh_from_db()
    assert draft.gcse_english_equivalent == "Functional Skills English level 2"


DEGREE = {
    "degree_subject": "History",
    "degree_class": "upper_second",
    "degree_institution": "University of Kent",
    "degree_year": 2019,
    "degree_status": "awarded",
    "completed": True,
}


@time_machine.travel(IN_WINDOW, tick=False)
def test_an_awarded_degree_cannot_be_from_the_future(draft):
    before = row(draft)
    with pytest.raises(
        ValidationError, match="must be 2027 or earlier if it has been awarded"
    ) as error:
        save(draft, "degree", **(DEGREE | {"degree_year": 2028}))
    assert messages(error)["degree_year"][0].startswith(
        "Year of your degree must be 2027 or earlier if it has been awarded"
    )
    assert row(draft) == before
    save(draft, "degree", **(DEGREE | {"degree_year": 2028, "degree_status": "predicted"}))


def test_an_overseas_degree_needs_its_uk_equivalent(draft):
    with pytest.raises(
        ValidationError, match="Enter the UK equivalent of your overseas degree"
    ) as error:
        save(draft, "degree", **(DEGREE | {"degree_class": "overseas"}))
    assert messages(error)["degree_equivalence"] == [
        "Enter the UK equivalent of your overseas degree, like 2:1"
    ]
    save(draft, "degree", **(DEGREE | {"degree_class": "overseas", "degree_equivalence": "2:1"}))
    draft.refresh_from_db()
    assert draft.degree_equivalence == "2:1"


def test_partnership_choices_must_be_different_approved_partnerships_of_the_cohort(
    draft, partnerships
):
    first, second = partnerships
    with pytest.raises(
        ValidationError, match="second choice must be a different partnership from your first"
    ) as error:
        save(
            draft,
            "partnerships",
            first_choice=first,
            second_choice=first,
            willing_to_move=True,
            completed=True,
        )
    assert messages(error)["second_choice"] == [
        "Your second choice must be a different partnership from your first choice"
    ]
    elsewhere = PartnershipFactory(name="Another cohort's")
    draft_status = PartnershipFactory(cohort=draft.cohort, name="Not approved", status="draft")
    for wrong in (elsewhere, draft_status):
        with pytest.raises(
            ValidationError, match="Select your first choice of partnership"
        ) as error:
            save(draft, "partnerships", first_choice=wrong, willing_to_move=True, completed=True)
        assert messages(error)["first_choice"] == ["Select your first choice of partnership"]
    save(
        draft,
        "partnerships",
        first_choice=first,
        second_choice=second,
        willing_to_move=False,
        completed=True,
    )
    draft.refresh_from_db()
    assert (draft.first_choice, draft.second_choice, draft.willing_to_move) == (
        first,
        second,
        False,
    )


def test_a_criminal_record_needs_details(draft):
    with pytest.raises(
        ValidationError, match="Give details of your cautions or convictions"
    ) as error:
        save(
            draft,
            "declarations",
            has_criminal_record=True,
            declaration_confirmed=True,
            completed=True,
        )
    assert "criminal_record_details" in messages(error)
    with pytest.raises(
        ValidationError, match="Confirm that the information you have given is true"
    ) as error:
        save(draft, "declarations", has_criminal_record=False, completed=True)
    assert messages(error)["declaration_confirmed"] == [
        "Confirm that the information you have given is true"
    ]


def test_another_candidate_cannot_change_the_application(draft):
    other = User.objects.create_user("x@example.net", "a long walk home", full_name="X")
    with pytest.raises(ValidationError, match="This is not your application"):
        services.application_section_save(
            candidate=other,
            application=draft,
            section="heard-about",
            data={"heard_about": "search", "completed": True},
        )


# Experience


ROLE = {
    "kind": "voluntary",
    "role": "Youth worker",
    "organisation": "Bromley Youth Club",
    "started_on": datetime.date(2020, 1, 6),
    "ended_on": datetime.date(2021, 1, 6),
    "hours_per_week": 6,
}


def test_experience_is_added_changed_and_removed_with_audit_entries(draft):
    experience = services.experience_add(candidate=draft.candidate, application=draft, data=ROLE)
    services.experience_update(
        candidate=draft.candidate,
        experience=experience,
        data=ROLE | {"ongoing": True, "ended_on": None, "hours_per_week": 8},
    )
    experience.refresh_from_db()
    assert experience.ended_on is None and experience.hours_per_week == 8
    number = experience.pk
    services.experience_remove(candidate=draft.candidate, experience=experience)
    assert not draft.experiences.exists()
    # What the candidate wrote is not copied into the audit trail.
    assert [e.summary for e in history_for(draft)] == [
        f"Removed experience {number}",
        f"Changed experience {number}",
        f"Added experience {number}",
    ]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ended_on": datetime.date(2019, 1, 1)}, "ended_on", "must be after the date you started"),
        ({"ended_on": None}, "ended_on", "Enter the date you finished"),
        ({"started_on": None}, "started_on", "Enter the date you started"),
        ({"hours_per_week": 0}, "hours_per_week", "between 1 and 100"),
        ({"kind": "contract"}, "kind", "Select whether the role was paid or voluntary"),
        ({"role": " "}, "role", "Enter your role"),
    ],
)
def test_experience_with_impossible_values_is_refused(draft, change, field, message):
    with pytest.raises(ValidationError, match=re.escape(message)) as error:
        services.experience_add(candidate=draft.candidate, application=draft, data=ROLE | change)
    assert message in " ".join(messages(error)[field])
    assert not draft.experiences.exists()


# Evidence


def upload(application, content: bytes, name="certificate.pdf"):
    return services.document_upload(
        candidate=application.candidate,
        application=application,
        kind="degree",
        file=SimpleUploadedFile(name, content, "application/pdf"),
    )


def test_a_pdf_or_png_is_stored_by_its_content(draft):
    document = upload(draft, PDF)
    assert document.content_type == "application/pdf"
    assert document.file.read() == PDF
    image = upload(draft, PNG, name="scan.pdf")  # the name says PDF; the content says PNG
    assert image.content_type == "image/png"
    assert history_for(draft).first().summary.startswith("Uploaded degree certificate")


def test_a_file_that_is_not_a_pdf_jpg_or_png_by_its_content_is_refused(draft):
    with pytest.raises(ValidationError, match="must be a PDF, JPG or PNG") as error:
        upload(draft, b"This is plain text pretending to be a PDF")
    assert messages(error)["file"] == ["The selected file must be a PDF, JPG or PNG"]
    with pytest.raises(ValidationError, match="must be a PDF, JPG or PNG"):
        upload(draft, b"PK\x03\x04" + b"\x00" * 40, name="cv.pdf")  # a zip file
    assert not draft.documents.exists()


def test_a_file_over_10mb_is_refused(draft):
    with pytest.raises(ValidationError, match="must be smaller than 10MB") as error:
        upload(draft, PDF + b"0" * (10 * 1024 * 1024))
    assert messages(error)["file"] == ["The selected file must be smaller than 10MB"]
    assert not draft.documents.exists()


# Submission


def submit(application):
    return candidate_services.application_submit(
        candidate=application.candidate, application=application
    )


@time_machine.travel(IN_WINDOW, tick=False)
def test_submission_records_the_rules_runs_eligibility_and_emails(
    complete, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(complete)
    assert application.rules == complete.cohort.current_rules
    assert application.submitted_at == IN_WINDOW
    # The eligibility rules ran in the same transaction: the factory's application passes.
    assert application.status == ApplicationStatus.ELIGIBLE
    assert application.eligibility_checks.exists()
    submitted = history_for(application).get(summary="Submitted the application")
    assert submitted.actor == complete.candidate
    assert any("We have your application" in m.subject for m in mail.outbox)
    assert all(m.to == ["amara@example.net"] for m in mail.outbox)


@pytest.mark.parametrize(
    ("moment", "message"),
    [
        (datetime.datetime(2027, 4, 2, 9, 0, tzinfo=datetime.UTC), "closed on 1 April 2027"),
        (datetime.datetime(2027, 2, 28, 9, 0, tzinfo=datetime.UTC), "open on 1 March 2027"),
    ],
)
def test_no_submission_outside_the_window(complete, moment, message):
    before = row(complete)
    with (
        time_machine.travel(moment, tick=False),
        pytest.raises(ValidationError, match=re.escape(message)) as error,
    ):
        submit(complete)
    assert error.value.messages == [
        f"Applications for the programme starting in January 2027 {message}"
    ]
    assert row(complete) == before


def test_the_window_includes_its_last_day_in_uk_time(complete):
    # 11:30pm on 1 April in London is 10:30pm UTC.
    with time_machine.travel(datetime.datetime(2027, 4, 1, 22, 30, tzinfo=datetime.UTC)):
        assert submit(complete).status != ApplicationStatus.DRAFT


@time_machine.travel(IN_WINDOW, tick=False)
def test_every_section_must_be_complete_before_submission(complete):
    complete.sections_completed = ["personal-details"]
    complete.save()
    with pytest.raises(ValidationError, match="Complete the section “Degree”") as error:
        submit(complete)
    assert "Complete the section “Degree”" in error.value.messages
    complete.refresh_from_db()
    assert complete.status == ApplicationStatus.DRAFT and complete.submitted_at is None


@time_machine.travel(IN_WINDOW, tick=False)
def test_a_submitted_application_is_read_only_and_cannot_be_submitted_again(complete):
    submit(complete)
    with pytest.raises(ValidationError, match="You have already submitted"):
        submit(complete)
    complete.refresh_from_db()
    with pytest.raises(ValidationError, match="can no longer be changed"):
        save(complete, "heard-about", heard_about="other", completed=True)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.experience_add(candidate=complete.candidate, application=complete, data=ROLE)
    with pytest.raises(ValidationError, match="can no longer be changed"):
        upload(complete, PDF)


# Withdrawal


@time_machine.travel(IN_WINDOW, tick=False)
def test_a_candidate_withdraws_with_a_reason_and_is_told(
    complete, django_capture_on_commit_callbacks
):
    submit(complete)
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_withdraw(
            candidate=complete.candidate, application=complete, reason="I got a job"
        )
    assert application.status == ApplicationStatus.WITHDRAWN
    assert application.withdrawn_at == IN_WINDOW
    entry = history_for(application).first()
    # The candidate's words stay with the application, which erasure blanks, and never
    # reach the audit trail, which nothing can change.
    assert entry.summary == "Withdrew the application, giving a reason" and entry.reason == ""
    assert "I got a job" not in str(entry.changes) + str(entry.values)
    application.refresh_from_db()
    assert application.withdrawal_reason == "I got a job"
    assert [m.subject for m in mail.outbox] == [
        "You have withdrawn your application (SU6-COMPLETE)"
    ]
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.application_withdraw(candidate=complete.candidate, application=application)


def test_an_ineligible_application_cannot_be_withdrawn(complete):
    complete.status = ApplicationStatus.INELIGIBLE
    complete.save()
    with pytest.raises(ValidationError, match="can no longer be withdrawn"):
        services.application_withdraw(candidate=complete.candidate, application=complete)
    complete.refresh_from_db()
    assert complete.status == ApplicationStatus.INELIGIBLE


def test_evidence_cannot_be_added_once_submitted_even_from_a_page_read_before(draft):
    """Changes re-read and lock the application, so a form opened
    before submitting cannot add anything after it."""
    stale = Application.objects.get(pk=draft.pk)  # as a page read it, a draft
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.ELIGIBLE)
    assert stale.status == ApplicationStatus.DRAFT
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.experience_add(
            candidate=draft.candidate,
            application=stale,
            data={
                "kind": "paid",
                "role": "Youth worker",
                "organisation": "Example Trust",
                "started_on": datetime.date(2020, 1, 1),
                "ongoing": True,
                "hours_per_week": 6,
            },
        )
    with pytest.raises(ValidationError, match="can no longer be changed"):
        services.document_upload(
            candidate=draft.candidate,
            application=stale,
            kind="degree",
            file=SimpleUploadedFile("degree.pdf", b"%PDF-1.4 a small file", "application/pdf"),
        )
    assert not draft.experiences.filter(role="Youth worker").exists()
