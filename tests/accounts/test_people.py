"""National admins see everyone, give and take away roles, and deactivate accounts."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stepup.accounts import services
from stepup.accounts.models import Membership, User
from stepup.accounts.roles import Role
from stepup.core.audit import history_for
from stepup.core.models import AuditEntry
from tests.accounts.pages import error_summary, text_of
from tests.factories import PASSWORD, MembershipFactory, UserFactory, person_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def olu(bromley):
    return person_with_role(
        Role.AUTHORITY_OFFICER, bromley, full_name="Olu Officer", email="olu@bromley.example"
    )


def test_people_list_shows_each_person_with_their_roles_and_whether_active(
    client, sign_in, national_admin, olu, goldsmiths
):
    MembershipFactory(user=olu, organisation=goldsmiths, role=Role.ASSESSOR)
    gone = UserFactory(full_name="Gail Gone", email="gail@example.org", is_active=False)

    response = sign_in(national_admin).get("/people/")

    assert response.status_code == 200
    text = text_of(response)
    assert (
        "Olu Officer olu@bromley.example Authority officer at Bromley "
        "Assessor at Goldsmiths, University of London Active"
    ) in text
    assert "Gail Gone gail@example.org No roles Deactivated" in text
    assert f'href="/people/{gone.pk}/"' in response.content.decode()


def test_people_list_can_be_searched_by_name_or_email(client, sign_in, national_admin, olu):
    signed_in = sign_in(national_admin)
    assert "Olu Officer" in text_of(signed_in.get("/people/?q=BROMLEY.example"))
    assert "Olu Officer" not in text_of(signed_in.get("/people/?q=nadia"))
    assert "Nobody matches ‘zzz’" in text_of(signed_in.get("/people/?q=zzz"))


def test_people_list_runs_the_same_queries_for_many_people(client, sign_in, national_admin):
    signed_in = sign_in(national_admin)

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as context:
            assert signed_in.get("/people/").status_code == 200
        return len(context)

    few = queries_for_page()
    for _ in range(10):
        membership = MembershipFactory(role=Role.ASSESSOR)
        MembershipFactory(user=membership.user, role=Role.AUTHORITY_OFFICER)
    assert queries_for_page() == few


@pytest.mark.parametrize("role", [Role.NATIONAL_ANALYST, Role.COORDINATOR, Role.ASSESSOR])
def test_only_national_admins_may_manage_people(client, sign_in, role, olu, goldsmiths):
    signed_in = sign_in(person_with_role(role))
    membership = olu.memberships.get()
    assert signed_in.get("/people/").status_code == 403
    assert signed_in.get(f"/people/{olu.pk}/").status_code == 403
    add = {"organisation": goldsmiths.pk, "role": Role.ASSESSOR}
    assert signed_in.post(f"/people/{olu.pk}/roles/add/", add).status_code == 403
    assert signed_in.post(f"/people/{olu.pk}/roles/{membership.pk}/remove/").status_code == 403
    assert signed_in.post(f"/people/{olu.pk}/deactivate/", {"reason": "x"}).status_code == 403
    olu.refresh_from_db()
    assert olu.is_active
    assert list(olu.memberships.values_list("role", flat=True)) == [Role.AUTHORITY_OFFICER]


def test_person_page_shows_memberships_and_history(client, sign_in, national_admin, olu):
    response = sign_in(national_admin).get(f"/people/{olu.pk}/")

    assert response.status_code == 200
    text = text_of(response)
    assert "Email address olu@bromley.example" in text
    assert "Account Active" in text
    assert "Bromley Authority officer" in text
    assert "Remove the role authority officer at Bromley" in text
    assert "Deactivate account" in text
    assert "History" in text


def test_national_admin_adds_a_role_and_it_is_recorded_on_the_person(
    client, sign_in, national_admin, olu, goldsmiths
):
    with time_machine.travel("2027-02-01 10:30Z", tick=False):
        response = sign_in(national_admin).post(
            f"/people/{olu.pk}/roles/add/", {"organisation": goldsmiths.pk, "role": "assessor"}
        )

    assert response.status_code == 302
    assert response["Location"] == f"/people/{olu.pk}/"
    assert olu.memberships.filter(organisation=goldsmiths, role=Role.ASSESSOR).exists()
    entry = history_for(olu).get()
    assert entry.actor == national_admin
    assert entry.at.isoformat() == "2027-02-01T10:30:00+00:00"
    assert entry.summary == "Added the role assessor at Goldsmiths, University of London"
    assert entry.changes == [
        {
            "field": "Roles",
            "before": "Authority officer at Bromley",
            "after": "Authority officer at Bromley; Assessor at Goldsmiths, University of London",
        }
    ]
    page = text_of(client.get(f"/people/{olu.pk}/"))
    assert "1 February 2027 at 10:30am" in page
    assert "Added the role assessor at Goldsmiths, University of London" in page


def test_a_role_that_does_not_suit_the_organisation_is_refused(
    client, sign_in, national_admin, olu, bromley
):
    response = sign_in(national_admin).post(
        f"/people/{olu.pk}/roles/add/", {"organisation": bromley.pk, "role": "university_tutor"}
    )

    assert response.status_code == 200
    assert error_summary(response) == ["A university tutor must belong to a university"]
    assert "<title>Error: " in response.content.decode()
    assert olu.memberships.count() == 1
    assert not history_for(olu).exists()


def test_adding_a_role_the_person_already_holds_is_refused(
    client, sign_in, national_admin, olu, bromley
):
    response = sign_in(national_admin).post(
        f"/people/{olu.pk}/roles/add/", {"organisation": bromley.pk, "role": "authority_officer"}
    )
    assert error_summary(response) == ["Olu Officer is already an authority officer at Bromley"]
    assert olu.memberships.count() == 1


def test_adding_a_role_needs_an_organisation_and_a_role(client, sign_in, national_admin, olu):
    response = sign_in(national_admin).post(f"/people/{olu.pk}/roles/add/", {})
    assert error_summary(response) == ["Select an organisation", "Select a role"]


def test_the_service_checks_roles_suit_the_organisation(national_admin, olu, goldsmiths):
    with pytest.raises(
        ValidationError, match="A partnership coordinator must belong to a local authority"
    ) as error:
        services.membership_add(
            actor=national_admin, user=olu, organisation=goldsmiths, role=Role.COORDINATOR
        )
    assert error.value.message_dict == {
        "role": ["A partnership coordinator must belong to a local authority"]
    }


def test_national_admin_removes_a_role_after_confirming(
    client, sign_in, national_admin, olu, goldsmiths
):
    kept = MembershipFactory(user=olu, organisation=goldsmiths, role=Role.ASSESSOR)
    removed = olu.memberships.get(role=Role.AUTHORITY_OFFICER)
    signed_in = sign_in(national_admin)

    confirm = signed_in.get(f"/people/{olu.pk}/roles/{removed.pk}/remove/")
    assert "Remove the role authority officer at Bromley?" in text_of(confirm)
    assert Membership.objects.filter(pk=removed.pk).exists()

    response = signed_in.post(f"/people/{olu.pk}/roles/{removed.pk}/remove/")

    assert response.status_code == 302
    assert list(olu.memberships.all()) == [kept]
    entry = history_for(olu).get()
    assert entry.action == AuditEntry.Action.REMOVED
    assert entry.actor == national_admin
    assert entry.summary == "Removed the role authority officer at Bromley"
    assert entry.changes[0]["after"] == "Assessor at Goldsmiths, University of London"


def test_a_membership_of_someone_else_is_not_found_by_a_crafted_address(
    client, sign_in, national_admin, olu
):
    other = person_with_role(Role.ASSESSOR)
    membership = other.memberships.get()
    response = sign_in(national_admin).post(f"/people/{olu.pk}/roles/{membership.pk}/remove/")
    assert response.status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_a_national_admin_cannot_remove_their_own_admin_role(client, sign_in, national_admin):
    membership = national_admin.memberships.get()
    response = sign_in(national_admin).post(
        f"/people/{national_admin.pk}/roles/{membership.pk}/remove/"
    )
    assert response.status_code == 200
    assert error_summary(response) == [
        "You cannot remove your own national admin role. Ask another national admin"
    ]
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_deactivating_needs_a_reason_and_then_stops_sign_in(client, sign_in, national_admin, olu):
    signed_in = sign_in(national_admin)

    response = signed_in.post(f"/people/{olu.pk}/deactivate/", {"reason": "  "})
    assert error_summary(response) == ["Enter why you are deactivating this account"]
    olu.refresh_from_db()
    assert olu.is_active

    response = signed_in.post(f"/people/{olu.pk}/deactivate/", {"reason": "Left Bromley"})
    assert response.status_code == 302
    olu.refresh_from_db()
    assert not olu.is_active
    assert User.objects.filter(pk=olu.pk).exists()
    entry = history_for(olu).get()
    assert entry.action == AuditEntry.Action.TRANSITION
    assert entry.summary == "Deactivated the account"
    assert entry.reason == "Left Bromley"
    assert entry.changes == [{"field": "Account", "before": "Active", "after": "Deactivated"}]
    assert "Reactivate account" in text_of(signed_in.get(f"/people/{olu.pk}/"))

    client.post("/sign-out/")
    refused = client.post("/sign-in/", {"email": olu.email, "password": PASSWORD})
    assert refused.status_code == 200
    assert "Enter a correct email address and password" in error_summary(refused)[0]


def test_a_deactivated_person_who_was_signed_in_loses_access(client, sign_in, national_admin, olu):
    officer_client = sign_in(olu)
    assert officer_client.get("/").status_code == 200
    services.person_deactivate(actor=national_admin, person=olu, reason="Left")
    response = officer_client.get("/partnerships/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_reactivating_lets_the_person_sign_in_again(client, sign_in, national_admin, olu):
    services.person_deactivate(actor=national_admin, person=olu, reason="Left")
    response = sign_in(national_admin).post(f"/people/{olu.pk}/reactivate/", {"reason": ""})
    assert response.status_code == 302
    olu.refresh_from_db()
    assert olu.is_active
    assert [e.summary for e in history_for(olu)] == [
        "Reactivated the account",
        "Deactivated the account",
    ]


def test_deactivating_twice_is_refused_without_a_second_entry(national_admin, olu):
    services.person_deactivate(actor=national_admin, person=olu, reason="Left")
    with pytest.raises(ValidationError, match="cannot move from deactivated to deactivated"):
        services.person_deactivate(actor=national_admin, person=olu, reason="Again")
    assert history_for(olu).count() == 1


def test_a_national_admin_cannot_deactivate_themselves(client, sign_in, national_admin):
    response = sign_in(national_admin).post(
        f"/people/{national_admin.pk}/deactivate/", {"reason": "Oops"}
    )
    assert error_summary(response) == ["You cannot deactivate your own account"]
    national_admin.refresh_from_db()
    assert national_admin.is_active


def test_only_a_national_admin_may_deactivate_through_the_service(coordinator, olu):
    with pytest.raises(ValidationError, match="You cannot make this change"):
        services.person_deactivate(actor=coordinator, person=olu, reason="No")
    with pytest.raises(PermissionDenied, match="Only national admins can make this change"):
        services.membership_add(
            actor=coordinator,
            user=olu,
            organisation=olu.memberships.get().organisation,
            role=Role.ASSESSOR,
        )
    olu.refresh_from_db()
    assert olu.is_active


def test_person_create_is_idempotent_on_email(bromley, goldsmiths):
    first = services.person_create(
        actor=None,
        email="Tess@Example.org",
        full_name="Tess Tutor",
        password=PASSWORD,
        organisation=goldsmiths,
        role=Role.UNIVERSITY_TUTOR,
    )
    again = services.person_create(
        actor=None,
        email="tess@example.org",
        full_name="Tess Tutor",
        password="something-else-entirely",
        organisation=goldsmiths,
        role=Role.UNIVERSITY_TUTOR,
    )
    extra = services.person_create(
        actor=None,
        email="tess@example.org",
        full_name="Tess Tutor",
        password=PASSWORD,
        organisation=bromley,
        role=Role.ASSESSOR,
    )

    assert first == again == extra
    assert first.email == "tess@example.org"
    assert first.check_password(PASSWORD)
    assert sorted(first.memberships.values_list("role", flat=True)) == [
        Role.ASSESSOR,
        Role.UNIVERSITY_TUTOR,
    ]
    assert [e.summary for e in history_for(first)] == [
        "Added the role assessor at Bromley",
        "Added Tess Tutor as a university tutor",
    ]
    assert history_for(first).first().actor_label == "System"


def test_person_create_refuses_an_unsuitable_role(bromley):
    with pytest.raises(
        ValidationError, match="A university tutor must belong to a university"
    ) as error:
        services.person_create(
            actor=None,
            email="x@example.org",
            full_name="X",
            password=PASSWORD,
            organisation=bromley,
            role=Role.UNIVERSITY_TUTOR,
        )
    assert error.value.message_dict == {"role": ["A university tutor must belong to a university"]}
    assert not User.objects.filter(email="x@example.org").exists()


def test_national_admins_find_organisations_and_people_in_the_menu(client, sign_in, national_admin):
    page = sign_in(national_admin).get("/").content.decode()
    assert 'href="/organisations/"' in page
    assert 'href="/people/"' in page


def test_coordinators_find_only_the_invite_page_in_the_menu(client, sign_in, coordinator):
    page = sign_in(coordinator).get("/").content.decode()
    assert 'href="/people/invite/"' in page
    assert 'href="/people/"' not in page
    assert 'href="/organisations/"' not in page
