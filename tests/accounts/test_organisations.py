"""National admins list, add and look at organisations."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepup.accounts import services
from stepup.accounts.models import Organisation
from stepup.accounts.roles import OrganisationKind, Role
from stepup.core.audit import history_for
from stepup.core.models import AuditEntry
from tests.accounts.pages import error_summary, text_of
from tests.factories import AuthorityFactory, MembershipFactory, UniversityFactory, person_with_role

pytestmark = pytest.mark.django_db


def test_organisation_list_groups_by_kind_with_the_number_of_people(
    client, sign_in, national_admin, bromley, goldsmiths
):
    MembershipFactory(organisation=bromley, role=Role.AUTHORITY_OFFICER)
    second = MembershipFactory(organisation=bromley, role=Role.ASSESSOR)
    # A second role for the same person does not count them twice.
    MembershipFactory(organisation=bromley, user=second.user, role=Role.SERVICE_USER_ASSESSOR)

    response = sign_in(national_admin).get("/organisations/")

    assert response.status_code == 200
    text = text_of(response)
    assert "National programme team Organisation People Department for Education 1" in text
    assert "Local authorities Organisation People Bromley 2" in text
    assert "Universities Organisation People Goldsmiths, University of London 0" in text
    assert text.index("National programme team") < text.index("Local authorities")
    assert text.index("Local authorities") < text.index("Universities")


def test_organisation_list_runs_the_same_queries_for_many_organisations(
    client, sign_in, national_admin
):
    signed_in = sign_in(national_admin)

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as context:
            assert signed_in.get("/organisations/").status_code == 200
        return len(context)

    AuthorityFactory.create_batch(2)
    few = queries_for_page()
    for organisation in AuthorityFactory.create_batch(8) + UniversityFactory.create_batch(3):
        MembershipFactory(organisation=organisation, role=Role.ASSESSOR)
    assert queries_for_page() == few


@pytest.mark.parametrize(
    "role", [Role.NATIONAL_ANALYST, Role.COORDINATOR, Role.UNIVERSITY_TUTOR, Role.ASSESSOR]
)
def test_only_national_admins_may_see_organisations(client, sign_in, role, bromley):
    signed_in = sign_in(person_with_role(role))
    assert signed_in.get("/organisations/").status_code == 403
    assert signed_in.get(f"/organisations/{bromley.pk}/").status_code == 403
    response = signed_in.post("/organisations/new/", {"name": "Sneaky", "kind": "university"})
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Sneaky").exists()


def test_someone_signed_out_is_sent_to_sign_in(client):
    response = client.get("/organisations/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=/organisations/"


def test_national_admin_adds_an_organisation_and_it_is_audited(client, sign_in, national_admin):
    response = sign_in(national_admin).post(
        "/organisations/new/",
        {"name": "  Royal   Borough of Greenwich ", "kind": "local_authority"},
    )

    organisation = Organisation.objects.get(name="Royal Borough of Greenwich")
    assert organisation.kind == OrganisationKind.LOCAL_AUTHORITY
    assert response.status_code == 302
    assert response["Location"] == f"/organisations/{organisation.pk}/"
    entry = history_for(organisation).get()
    assert entry.actor == national_admin
    assert entry.action == AuditEntry.Action.CREATED
    assert entry.summary == "Added Royal Borough of Greenwich, a local authority"
    assert {"field": "Kind of organisation", "before": "(blank)", "after": "Local authority"} in (
        entry.changes
    )


def test_a_name_already_taken_in_any_case_is_refused(client, sign_in, national_admin, bromley):
    response = sign_in(national_admin).post(
        "/organisations/new/", {"name": "BROMLEY", "kind": "local_authority"}
    )

    assert response.status_code == 200
    assert error_summary(response) == ["An organisation called Bromley already exists"]
    assert "<title>Error: Add an organisation" in response.content.decode()
    assert Organisation.objects.filter(name__iexact="bromley").count() == 1


def test_missing_name_and_kind_are_both_reported(client, sign_in, national_admin):
    before = Organisation.objects.count()
    response = sign_in(national_admin).post("/organisations/new/", {"name": " "})

    assert response.status_code == 200
    assert error_summary(response) == [
        "Enter the name of the organisation",
        "Select the kind of organisation",
    ]
    assert Organisation.objects.count() == before


def test_an_unknown_kind_is_refused(client, sign_in, national_admin):
    response = sign_in(national_admin).post(
        "/organisations/new/", {"name": "Ofsted", "kind": "regulator"}
    )
    assert error_summary(response) == ["Select the kind of organisation from the list"]
    assert not Organisation.objects.filter(name="Ofsted").exists()


def test_the_service_refuses_a_duplicate_name_and_writes_nothing(national_admin, bromley):
    entries = AuditEntry.objects.count()
    with pytest.raises(
        ValidationError, match="An organisation called Bromley already exists"
    ) as error:
        services.organisation_create(actor=national_admin, name="bromley", kind="local_authority")
    assert error.value.message_dict == {"name": ["An organisation called Bromley already exists"]}
    assert AuditEntry.objects.count() == entries


def test_only_a_national_admin_or_the_system_may_create_an_organisation(coordinator):
    with pytest.raises(PermissionDenied, match="Only national admins can make this change"):
        services.organisation_create(actor=coordinator, name="Kent", kind="local_authority")
    organisation = services.organisation_create(actor=None, name="Kent", kind="local_authority")
    assert history_for(organisation).get().actor_label == "System"


def test_organisation_page_shows_people_roles_invitations_and_history(
    client, sign_in, national_admin, bromley
):
    officer = person_with_role(
        Role.AUTHORITY_OFFICER, bromley, full_name="Olu Officer", email="olu@bromley.example"
    )
    services.person_invite(
        actor=national_admin,
        email="sam@bromley.example",
        full_name="Sam Assessor",
        organisation=bromley,
        role=Role.ASSESSOR,
    )

    response = sign_in(national_admin).get(f"/organisations/{bromley.pk}/")

    assert response.status_code == 200
    text = text_of(response)
    assert "Olu Officer olu@bromley.example Authority officer Active" in text
    assert f'href="/people/{officer.pk}/"' in response.content.decode()
    assert "Invitations waiting to be accepted" in text
    assert "Sam Assessor sam@bromley.example Assessor Nadia Admin" in text
    assert "Invited Sam Assessor (sam@bromley.example) as an assessor" in text
    assert f'href="/people/invite/?organisation={bromley.pk}"' in response.content.decode()


def test_an_unknown_organisation_is_not_found(client, sign_in, national_admin):
    assert sign_in(national_admin).get("/organisations/999999/").status_code == 404
