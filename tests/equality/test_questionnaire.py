"""The candidate's questionnaire: theirs alone, optional, and bad input saves nothing."""

import datetime

import pytest

from stepup.accounts.roles import Role
from stepup.applications.equality import equality_save
from stepup.applications.models import ApplicationStatus, EqualityMonitoring
from stepup.core.models import AuditEntry
from tests.equality.conftest import DISTINCTIVE, form_data
from tests.factories import ApplicationFactory, CandidateFactory, person_with_role
from tests.signing_in import sign_in_through_form

pytestmark = pytest.mark.django_db

URL = "/applications/SU-EQ0001/equality/"


def test_a_blank_questionnaire_offers_prefer_not_to_say_for_every_question(application, sign_in):
    page = sign_in(application.candidate).get(URL).content.decode()
    assert '<h1 class="govuk-heading-l">Equality monitoring</h1>' in page
    assert "Nobody who decides on your application can see them" in page
    assert page.count("Prefer not to say") >= 6
    for heading in (
        "What is your date of birth?",
        "What is your sex?",
        "What is your ethnic group?",
        "Asian or Asian British",
        "Do you consider yourself to have a disability",
        "What is your religion or belief?",
        "Which of these best describes your sexual orientation?",
    ):
        assert heading in page
    assert "Any other Black, Black British or Caribbean background" in page


def test_the_candidate_fills_it_in_and_sees_their_answers_again(application, sign_in):
    client = sign_in(application.candidate)
    response = client.post(URL, form_data())
    assert response.status_code == 302
    # Back to the application's task list, where the answers show again.
    assert response["Location"] == URL.removesuffix("equality/")
    saved = EqualityMonitoring.objects.get(application=application)
    assert saved.date_of_birth == datetime.date(1988, 2, 29)
    assert saved.ethnicity == "other_any"
    assert saved.ethnicity_description == "Zyxquarian heritage"
    assert saved.disability_kinds == ["learning", "other"]
    assert saved.religion_description == "Quillonite"
    assert saved.sexual_orientation == "bisexual"

    page = client.get(URL).content.decode()
    assert "Your equality monitoring answers are saved" in page
    assert 'value="Zyxquarian heritage"' in page
    assert 'value="1988"' in page
    assert 'value="other_any" checked' in page
    assert 'value="bisexual" checked' in page


def test_every_question_may_be_left_blank_or_declined(application, sign_in):
    client = sign_in(application.candidate)
    declined = {
        "date_of_birth_declined": "on",
        "sex": "prefer_not_to_say",
        "ethnicity": "prefer_not_to_say",
        "disability": "prefer_not_to_say",
        "religion": "prefer_not_to_say",
        "sexual_orientation": "prefer_not_to_say",
    }
    assert client.post(URL, declined).status_code == 302
    saved = EqualityMonitoring.objects.get()
    assert saved.date_of_birth_declined and saved.date_of_birth is None
    assert saved.ethnicity == "prefer_not_to_say"
    assert saved.sex == saved.religion == saved.sexual_orientation == "prefer_not_to_say"

    assert client.post(URL, {}).status_code == 302
    saved.refresh_from_db()
    assert saved.ethnicity == saved.sex == ""
    assert not saved.date_of_birth_declined


def test_it_can_be_answered_after_submission(application, sign_in):
    application.status = ApplicationStatus.SCREENED_OUT
    application.save()
    client = sign_in(application.candidate)
    assert client.post(URL, form_data()).status_code == 302
    assert EqualityMonitoring.objects.filter(application=application).exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date_of_birth-day": "30"}, "Your date of birth must be a real date"),
        ({"date_of_birth-year": ""}, "Your date of birth must include a year"),
        (
            {"date_of_birth-day": "1", "date_of_birth-year": "2090"},
            "Date of birth must be in the past",
        ),
        ({"date_of_birth_declined": "on"}, "or select prefer not to say, not both"),
        (
            {"ethnicity": "white_irish"},
            "Choose an ‘any other’ background to describe it, or clear the description",
        ),
        ({"disability": "no"}, "Select yes if you have a disability or condition"),
        (
            {"disability_kinds": ["learning"]},
            "Select ‘Another condition’ to describe it, or clear the description",
        ),
        ({"religion": "sikh"}, "Choose ‘Any other religion or belief’ to describe it"),
        ({"ethnicity": "white"}, "Select one of the options, or leave the question blank"),
        ({"religion_description": "q" * 201}, "Description must be 200 characters or fewer"),
        ({"sex": "unicorn"}, "Select one of the options, or leave the question blank"),
    ],
)
def test_bad_input_shows_an_error_and_saves_nothing(application, sign_in, overrides, message):
    client = sign_in(application.candidate)
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<title>Error: Equality monitoring" in page
    assert "There is a problem" in page
    assert message in page
    assert not EqualityMonitoring.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_bad_change_leaves_the_saved_answers_alone(application, sign_in):
    equality_save(candidate=application.candidate, application=application, answers=DISTINCTIVE)
    client = sign_in(application.candidate)
    response = client.post(URL, form_data(**{"date_of_birth-month": "13", "sex": "male"}))
    assert response.status_code == 200
    saved = EqualityMonitoring.objects.get()
    assert saved.sex == "female"


def test_another_candidate_gets_not_found_even_for_a_crafted_post(application, sign_in):
    other = ApplicationFactory(cohort=application.cohort)
    client = sign_in(other.candidate)
    assert client.get(URL).status_code == 404
    assert client.post(URL, form_data()).status_code == 404
    assert not EqualityMonitoring.objects.exists()
    # Their own questionnaire is fine.
    assert client.get(f"/applications/{other.reference}/equality/").status_code == 200


def test_a_candidate_without_that_application_gets_not_found(application, sign_in):
    client = sign_in(CandidateFactory())
    assert client.get(URL).status_code == 404
    assert client.get("/applications/NO-SUCH/equality/").status_code == 404


@pytest.mark.parametrize("role", [Role.NATIONAL_ADMIN, Role.NATIONAL_ANALYST, Role.CONTRACTOR])
def test_staff_may_not_use_a_candidate_questionnaire(application, client, role):
    staff = person_with_role(role)
    sign_in_through_form(client, staff)
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data()).status_code == 403
    assert not EqualityMonitoring.objects.exists()
