"""The manual eligibility queue: who sees it, what it lists, and what it costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.selection.models import EligibilityCheck, EligibilityDecision
from tests.factories import ApplicationFactory, CohortFactory, person_with_role

pytestmark = pytest.mark.django_db

URL = "/selection/eligibility/"


def refer(application, rule="degree_class"):
    EligibilityCheck.objects.create(
        application=application,
        rules=application.rules,
        rule=rule,
        outcome="refer",
        reason="We need to check your overseas degree against its UK equivalent.",
    )
    return application


def test_the_queue_lists_referred_applications_oldest_first(
    national_admin, sign_in, in_review, cohort
):
    newer = refer(in_review(days_ago=1))
    older = refer(in_review(days_ago=5), rule="gcse_english")
    ApplicationFactory(cohort=cohort)  # a draft is never in the queue
    decided = in_review(days_ago=9)
    decided.status = ApplicationStatus.ELIGIBLE
    decided.save()

    page = sign_in(national_admin).get(URL).content.decode()

    assert page.index(older.reference) < page.index(newer.reference)
    assert decided.reference not in page
    assert "GCSE English" in page and "Degree class" in page
    assert "2 applications waiting for a decision" in page


def test_the_queue_shows_no_names_or_contact_details(contractor, sign_in, in_review):
    application = refer(in_review(full_name="Zebedee Quill", postcode="ZZ9 9ZZ"))

    page = sign_in(contractor).get(URL).content.decode()

    assert application.reference in page
    assert "Zebedee" not in page and "ZZ9 9ZZ" not in page
    assert application.candidate.email not in page


def test_the_queue_can_be_filtered_by_cohort(contractor, sign_in, in_review):
    ours = refer(in_review())
    other_cohort = CohortFactory(number=2, name="Cohort 2")
    theirs = refer(in_review(cohort=other_cohort))

    page = sign_in(contractor).get(URL, {"cohort": "2"}).content.decode()

    assert theirs.reference in page and ours.reference not in page


@pytest.mark.parametrize(
    "role",
    [
        Role.NATIONAL_ANALYST,
        Role.COORDINATOR,
        Role.AUTHORITY_OFFICER,
        Role.ASSESSOR,
        Role.UNIVERSITY_TUTOR,
    ],
)
def test_other_roles_are_refused(role, sign_in, in_review):
    application = in_review()
    client = sign_in(person_with_role(role))

    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{application.reference}/").status_code == 403


def test_the_queue_makes_the_same_number_of_queries_whatever_its_length(
    national_admin, sign_in, in_review
):
    client = sign_in(national_admin)
    refer(in_review(days_ago=1))
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200
    for days in range(2, 12):
        refer(refer(in_review(days_ago=days)), rule="gcse_maths")
    with CaptureQueriesContext(connection) as many:
        page = client.get(URL).content.decode()

    assert "11 applications waiting for a decision" in page
    assert len(many) == len(few)


def test_the_national_admin_sees_how_often_each_reason_was_given(
    national_admin, contractor, sign_in, in_review, cohort
):
    from stepup.selection.models import DecisionReason

    reason = DecisionReason.objects.get(stage="eligibility", code="no-right-to-work")
    for _ in range(3):
        application = in_review(status=ApplicationStatus.INELIGIBLE)
        EligibilityDecision.objects.create(application=application, eligible=False).reasons.set(
            [reason]
        )

    admin = sign_in(national_admin)
    queue = admin.get(URL, {"cohort": "1"}).content.decode()
    assert "How often each reason was given in Cohort 1" in queue
    report = admin.get("/selection/reasons/", {"cohort": "1"}).content.decode()
    assert "Times given in cohort 1" in report
    row = report.split(reason.text)[1].split("</tr>")[0]
    assert ">3<" in row
    other = CohortFactory(number=2, name="Cohort 2")
    elsewhere = admin.get("/selection/reasons/", {"cohort": str(other.number)}).content.decode()
    assert ">3<" not in elsewhere.split(reason.text)[1].split("</tr>")[0]

    contractor_page = sign_in(contractor).get(URL).content.decode()
    assert "How often each reason was given" not in contractor_page


def test_the_queue_is_paginated_at_fifty_with_the_same_queries_on_every_page(
    contractor, sign_in, in_review
):
    from stepup.selection.views import QUEUE_PAGE_SIZE

    client = sign_in(contractor)
    for days in range(QUEUE_PAGE_SIZE + 3):
        refer(in_review(days_ago=days + 1))
    with CaptureQueriesContext(connection) as first:
        html = client.get(URL).content.decode()
    assert f"{QUEUE_PAGE_SIZE + 3} applications waiting for a decision: 1 to 50 shown" in html
    assert html.count("Decide<span") == QUEUE_PAGE_SIZE
    assert "govuk-pagination" in html
    with CaptureQueriesContext(connection) as last:
        html = client.get(URL, {"page": "2"}).content.decode()
    assert html.count("Decide<span") == 3
    assert "(page 2)" in html
    assert len(first) == len(last)
