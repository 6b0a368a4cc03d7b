"""Staff find applications (ADR 0014)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepup.applications.models import ApplicationStatus, EqualityMonitoring
from tests.factories import ApplicationFactory, CandidateFactory

pytestmark = pytest.mark.django_db


def listed(client, **params) -> str:
    response = client.get("/selection/applications/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_staff_find_an_application_by_surname_reference_or_email(sift_world, sign_in, client):
    ours = sift_world["eligible"](full_name="Amara Okafor")
    sift_world["eligible"](full_name="Ben Smith")
    sign_in(sift_world["people"]["contractor"])
    page = listed(client, q="okafor")
    assert ours.reference in page and "Ben Smith" not in page
    assert ours.reference in listed(client, q=ours.reference.lower())
    assert ours.reference in listed(client, q=ours.candidate.email.upper())
    assert "No applications match" in listed(client, q="nobody-like-this")


def test_filters_by_status_and_partnership(sift_world, sign_in, client):
    eligible = sift_world["eligible"](full_name="Amara Okafor")
    theirs = sift_world["eligible"](
        full_name="Cy Other",
        first_choice=sift_world["theirs"],
        status=ApplicationStatus.SCREENED_IN,
    )
    sign_in(sift_world["people"]["admin"])
    page = listed(client, status="screened_in")
    assert theirs.reference in page and eligible.reference not in page
    page = listed(client, partnership=sift_world["ours"].pk)
    assert eligible.reference in page and theirs.reference not in page


def test_a_coordinator_sees_only_their_partnerships_applicants(sift_world, sign_in, client):
    ours = sift_world["eligible"](full_name="Amara Okafor")
    theirs = sift_world["eligible"](full_name="Cy Other", first_choice=sift_world["theirs"])
    draft = ApplicationFactory(cohort=sift_world["cohort"], first_choice=sift_world["ours"])
    sign_in(sift_world["people"]["coordinator"])
    page = listed(client)
    assert ours.reference in page
    assert theirs.reference not in page and draft.reference not in page
    assert client.get(f"/selection/applications/{theirs.reference}/").status_code == 404
    detail = client.get(f"/selection/applications/{ours.reference}/").content.decode()
    assert "Amara Okafor" in detail and ours.candidate.email in detail


def test_sifters_and_the_analyst_cannot_list_applications(sift_world, sign_in, client):
    from stepup.accounts.roles import Role
    from tests.factories import person_with_role

    people = [sift_world["people"][who] for who in ("assessor", "su_assessor")]
    for person in [*people, person_with_role(Role.NATIONAL_ANALYST)]:
        sign_in(person)
        assert client.get("/selection/applications/").status_code == 403


def test_no_equality_answer_reaches_the_staff_pages(sift_world, sign_in, client):
    application = sift_world["eligible"](full_name="Amara Okafor")
    EqualityMonitoring.objects.create(application=application, ethnicity_description="Zyxquarian")
    sign_in(sift_world["people"]["admin"])
    assert "Zyxquarian" not in listed(client)
    detail = client.get(f"/selection/applications/{application.reference}/")
    assert "Zyxquarian" not in detail.content.decode()


def test_the_list_takes_the_same_queries_however_long(sift_world, sign_in, client):
    sign_in(sift_world["people"]["admin"])
    counts = []
    for size in (2, 30):
        for number in range(size):
            sift_world["eligible"](candidate=CandidateFactory(), full_name=f"Person {number}")
        with CaptureQueriesContext(connection) as captured:
            listed(client)
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL index")
def test_a_name_search_can_use_the_trigram_index_and_a_reference_its_own(sift_world):
    """At 200,000 applications a name search read every row until this index."""
    from stepup.selection.application_queries import application_list

    admin = sift_world["people"]["admin"]
    rows = application_list(user=admin, search="Okafor")[:50]
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        # Neither reading the table nor walking another index in order: statistics left by an
        # earlier test's committed rows (load_volume's) can make either look cheaper here.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "application_full_name_trgm" in plan
    assert "applications_application_reference" in plan
