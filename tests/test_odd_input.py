"""Addresses with odd numbers in them get a page, never a server error,
and signed-in pages are never kept by a browser or proxy (finding 12)."""

import pytest

from stepup.accounts.roles import Role
from stepup.core.params import whole_number
from tests.factories import CohortFactory, person_with_role

pytestmark = pytest.mark.django_db

ODD = ["²", "٣", "99999999999999999999", "-1", "1.5", " 7", ""]


def test_only_plain_ascii_digits_are_a_whole_number():
    assert whole_number("6") == 6
    assert whole_number("000123") == 123
    for value in [*ODD, None, 6]:
        assert whole_number(value) is None, value


@pytest.mark.parametrize("value", ODD)
def test_the_queues_ignore_a_cohort_that_is_not_a_number(sign_in, value):
    client = sign_in(person_with_role(Role.CONTRACTOR))
    for path in ("/selection/sift/", "/selection/eligibility/", "/selection/reasons/"):
        response = client.get(path, {"cohort": value})
        assert response.status_code in (200, 403), (path, value, response.status_code)


@pytest.mark.parametrize("value", ["²", "99999999999999999999"])
def test_an_odd_organisation_or_rules_version_is_not_found(sign_in, value):
    client = sign_in(person_with_role(Role.NATIONAL_ADMIN))
    assert client.get("/people/invite/", {"organisation": value}).status_code == 404
    cohort = CohortFactory()
    response = client.get(f"/cohorts/{cohort.number}/framework/", {"version": value})
    assert response.status_code == 404


def test_signed_in_pages_are_not_stored_and_every_page_sets_a_permissions_policy(client, sign_in):
    public = client.get("/")
    assert "no-store" not in public.headers.get("Cache-Control", "")
    assert "camera=()" in public.headers["Permissions-Policy"]
    client = sign_in(person_with_role(Role.NATIONAL_ADMIN))
    page = client.get("/cohorts/")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert "geolocation=()" in page.headers["Permissions-Policy"]


def test_a_null_byte_in_an_address_or_a_form_gets_the_bad_request_page(client, sign_in):
    client = sign_in(person_with_role(Role.NATIONAL_ADMIN))
    response = client.get("/people/", {"q": "a\x00b"})
    assert response.status_code == 400
    assert "govuk-template" in response.content.decode()
    assert client.post("/people/invite/", {"full_name": "A\x00"}).status_code == 400
    assert client.get("/people/", {"q": "ab"}).status_code == 200


def test_an_imported_file_with_a_null_byte_is_refused_with_its_line():
    from stepup.applications.transfer import applications_import_unchecked
    from stepup.programme.models import CohortStatus

    cohort = CohortFactory(status=CohortStatus.RECRUITING)
    result = applications_import_unchecked(
        cohort=cohort,
        file_name="x.csv",
        content=b"email,full_name\na@example.org,A\x00\n",
        actor=None,
    )
    assert not result.imported
    assert [(p.line, "null byte" in p.message) for p in result.problems] == [(2, True)]


def test_a_bad_host_name_gets_the_services_own_bad_request_page(client, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "govuk-template" in response.content.decode()


@pytest.mark.django_db
def test_a_huge_number_for_a_record_is_not_one_of_the_choices():
    """Found by the generated-input test: Django's model choice fields let the query raise
    OverflowError for a number past the database's integers."""
    from django.core.exceptions import ValidationError

    from stepup.accounts.forms import OrganisationChoiceField
    from stepup.accounts.models import Organisation
    from stepup.selection.forms import RecordChoices
    from stepup.selection.models import DecisionReason

    huge = str(2**70)
    with pytest.raises(ValidationError, match="Select an organisation from the list"):
        OrganisationChoiceField(Organisation.objects.all()).clean(huge)
    with pytest.raises(ValidationError, match=f"“{huge}” is not a valid value"):
        RecordChoices(queryset=DecisionReason.objects.all()).clean([huge, "²"])
