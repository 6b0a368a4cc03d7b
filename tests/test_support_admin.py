"""The admin site is for support staff to look records up; it changes nothing."""

import pytest
from django.test import RequestFactory

from stepup.accounts.roles import Role
from stepup.accounts.second_factor import app_enrol_with_key
from stepup.core.models import AuditEntry
from tests.factories import PartnershipFactory, UserFactory, person_with_role
from tests.signing_in import force_login_with_code, sign_in_through_form

pytestmark = pytest.mark.django_db


def test_people_who_are_not_support_staff_are_sent_to_the_admin_sign_in(client, sign_in):
    sign_in(person_with_role(Role.NATIONAL_ADMIN))
    response = client.get("/support/")
    assert response.status_code == 302
    assert "/support/login/" in response["Location"]


def test_support_staff_can_look_records_up_but_not_change_them(client):
    staff = UserFactory(is_staff=True)
    partnership = PartnershipFactory(name="Surrey and South London", code="SSL")
    app_enrol_with_key(user=staff, key_hex="3132333435363738393031323334353637383930")
    assert sign_in_through_form(client, staff, next_url="/support/").status_code == 302
    listing = client.get("/support/partnerships/partnership/")
    assert listing.status_code == 200
    assert "Surrey and South London" in listing.content.decode()
    page = client.get(f"/support/partnerships/partnership/{partnership.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.get("/support/partnerships/partnership/add/").status_code == 403
    before = AuditEntry.objects.count()
    client.post(f"/support/partnerships/partnership/{partnership.pk}/delete/", {"post": "yes"})
    partnership.refresh_from_db()
    assert AuditEntry.objects.count() == before


# Read-only everywhere, and nothing support staff must not read


def _registered():
    from django.contrib import admin

    import stepup.urls  # noqa: F401 -- the site is tidied when the URLs load

    return admin.site._registry


def test_no_page_of_support_offers_to_add_change_or_delete_anything(rf):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    request = rf.get("/support/")
    request.user = superuser
    writable = [
        model._meta.label
        for model, model_admin in _registered().items()
        if model_admin.has_add_permission(request)
        or model_admin.has_change_permission(request)
        or model_admin.has_delete_permission(request)
    ]
    assert writable == []


@pytest.mark.parametrize(
    "path",
    [
        "/support/auth/group/",
        "/support/auth/group/add/",
        "/support/axes/accessattempt/",
        "/support/axes/accesslog/",
        "/support/axes/accessfailurelog/",
        "/support/django_tasks_database/dbtaskresult/",
        "/support/otp_totp/totpdevice/",
        "/support/otp_static/staticdevice/",
    ],
)
def test_sign_in_records_task_results_and_groups_are_not_in_support(client, path):
    force_login_with_code(client, UserFactory(is_staff=True, is_superuser=True))
    assert client.get(path).status_code == 404


def test_support_shows_no_candidate_names_tokens_or_words(
    client, django_capture_on_commit_callbacks
):
    """Every list and record page of /support/, after a candidate has applied and a member of
    staff has been invited: no candidate's name or address, no invitation secret."""
    from django.contrib import admin

    from stepup.accounts import services
    from stepup.core.audit import audit_record
    from tests.factories import ApplicationFactory, CandidateFactory

    candidate = CandidateFactory(full_name="Zebedee Quillfeather", email="zq@example.net")
    application = ApplicationFactory(candidate=candidate)
    audit_record(
        actor=candidate,
        record=application,
        action=AuditEntry.Action.CHANGED,
        summary="Zebedee Quillfeather changed their answers",
    )
    audit_record(actor=None, record=candidate, action=AuditEntry.Action.CREATED, summary="Added")
    admin_person = person_with_role(Role.NATIONAL_ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.person_invite(
            actor=admin_person,
            email="new.person@example.org",
            full_name="New Person",
            organisation=admin_person.memberships.get().organisation,
            role=Role.NATIONAL_ADMIN,
        )
    support = UserFactory(is_staff=True)
    force_login_with_code(client, support)
    request = RequestFactory().get("/support/")
    request.user = support
    pages = []
    for model, model_admin in _registered().items():
        base = f"/support/{model._meta.app_label}/{model._meta.model_name}/"
        pages.append(base)
        shown = model_admin.get_queryset(request).values_list("pk", flat=True)
        pages.extend(f"{base}{pk}/change/" for pk in shown)
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        for secret in ("Zebedee", "Quillfeather", "zq@example.net", invitation.token):
            assert secret not in text, f"{secret} is shown on {path}"
        # Searching for the name finds nothing either.
        found = client.get(f"{base}?q=Zebedee").content.decode()
        assert "Zebedee" not in found.replace("q=Zebedee", "").replace('value="Zebedee"', "")
    assert admin.site.is_registered(AuditEntry)
    # The candidate's account is not among the people support staff can open.
    assert client.get(f"/support/accounts/user/{candidate.pk}/change/").status_code == 302


def test_support_staff_cannot_change_their_password_in_support(client):
    """Only the service's own journey changes a password: it checks it, records it and
    emails the person (docs/security.md)."""
    from tests.factories import PASSWORD

    support = UserFactory(is_staff=True, is_superuser=True)
    force_login_with_code(client, support)
    new = "a brand new support password 42"

    response = client.post(
        "/support/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )

    assert response.status_code == 404
    support.refresh_from_db()
    assert support.check_password(PASSWORD) and not support.check_password(new)
    assert client.get("/support/password_change/")["Location"] == "/account/password/"
    assert client.get("/support/password_change/done/").status_code == 302
