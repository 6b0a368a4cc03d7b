"""The list of partnerships: what each person sees, the cohort filter, and its cost."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepup.accounts.roles import Role
from tests.factories import CohortFactory, PartnershipFactory, person_with_role


@pytest.mark.django_db
def test_list_shows_cohort_code_lead_places_and_status(sign_in, partnership, national_admin):
    html = sign_in(national_admin).get("/partnerships/").content.decode()
    assert f'href="/partnerships/{partnership.pk}/">South East London</a>' in html
    for text in (">SEL<", ">5<", ">Bromley<", ">9<", "Approved"):
        assert text in html


@pytest.mark.django_db
def test_an_officer_sees_the_whole_partnerships_places_not_just_their_own(sign_in, partnership):
    croydon = partnership.members.get(authority__name="Croydon").authority
    officer = person_with_role(Role.AUTHORITY_OFFICER, organisation=croydon)
    html = sign_in(officer).get("/partnerships/").content.decode()
    assert "South East London" in html
    assert 'numeric">9</td>' in html  # 4 + 3 + 2, not Croydon's 3


@pytest.mark.django_db
def test_filter_by_cohort_number(sign_in, partnership, national_admin):
    PartnershipFactory(cohort=CohortFactory(number=4), name="Wirral and Cheshire", code="WCH")
    client = sign_in(national_admin)

    everything = client.get("/partnerships/").content.decode()
    assert "South East London" in everything and "Wirral and Cheshire" in everything

    cohort_4 = client.get("/partnerships/?cohort=4").content.decode()
    assert "Wirral and Cheshire" in cohort_4
    assert "South East London" not in cohort_4
    assert "Partnerships in cohort 4" in cohort_4


@pytest.mark.django_db
def test_an_unknown_cohort_shows_an_error_not_a_crash(sign_in, partnership, national_admin):
    response = sign_in(national_admin).get("/partnerships/?cohort=nonsense")
    assert response.status_code == 200
    assert "Select a cohort from the list" in response.content.decode()


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/partnerships/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.NATIONAL_ADMIN, Role.AUTHORITY_OFFICER])
def test_the_number_of_queries_does_not_grow_with_the_number_of_partnerships(
    sign_in, cohort, role, django_assert_max_num_queries
):
    person = person_with_role(role)
    organisation = person.memberships.get().organisation
    client = sign_in(person)

    def add(count: int):
        for _ in range(count):
            partnership = PartnershipFactory(cohort=cohort, places=[("Shared borough", 2)])
            if role == Role.AUTHORITY_OFFICER:
                partnership.members.create(authority=organisation, places=1)

    add(2)
    with_two = _list_queries(client)
    add(8)
    with django_assert_max_num_queries(with_two):
        html = client.get("/partnerships/").content.decode()
    assert html.count('class="govuk-table__row"') == 1 + 10


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.CONTRACTOR, Role.ASSESSOR])
def test_contractor_and_assessors_have_no_partnership_pages(sign_in, role):
    assert sign_in(person_with_role(role)).get("/partnerships/").status_code == 403
