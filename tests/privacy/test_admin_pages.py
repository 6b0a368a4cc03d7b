"""The national team answers a subject access request and erases a person who asked, from
the person's page."""

import io
import json
import zipfile

import pytest

from stepup.accounts.models import User
from stepup.accounts.roles import Role
from stepup.applications.models import ApplicationStatus
from stepup.core.models import AuditEntry
from tests.accounts.pages import error_summary
from tests.factories import ApplicationFactory, CandidateFactory, person_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, sign_in):
    admin = person_with_role(Role.NATIONAL_ADMIN)
    sign_in(admin)
    client.admin = admin
    return client


def test_a_national_admin_downloads_a_named_candidates_data_without_special_category(
    admin_client,
):
    candidate = CandidateFactory(full_name="Remy Okonjo")
    ApplicationFactory(candidate=candidate)
    page = admin_client.get(f"/people/{candidate.pk}/").content.decode()
    assert f'href="/people/{candidate.pk}/data/"' in page
    response = admin_client.post(f"/people/{candidate.pk}/data/")
    assert response["Content-Type"] == "application/zip"
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    assert "Remy Okonjo" in json.dumps(data)
    entry = AuditEntry.objects.get(event="privacy.staff_export")
    assert entry.actor == admin_client.admin


def test_erasure_on_request_needs_a_reason_and_a_confirmation(admin_client):
    candidate = CandidateFactory(full_name="Remy Okonjo")
    ApplicationFactory(candidate=candidate, status=ApplicationStatus.WITHDRAWN)
    empty = admin_client.post(f"/people/{candidate.pk}/erase/", {})
    assert error_summary(empty) == [
        "Enter why you are erasing this person's data",
        "Confirm that you understand this cannot be undone",
    ]
    done = admin_client.post(
        f"/people/{candidate.pk}/erase/",
        {"reason": "Asked by email on 27 November 2026", "confirm": "on"},
    )
    assert done["Location"] == f"/people/{candidate.pk}/"
    candidate.refresh_from_db()
    assert candidate.full_name == "Erased person" and not candidate.is_active


def test_erasure_is_refused_while_an_application_is_in_progress(admin_client):
    candidate = CandidateFactory()
    application = ApplicationFactory(candidate=candidate, status=ApplicationStatus.SUBMITTED)
    response = admin_client.post(
        f"/people/{candidate.pk}/erase/", {"reason": "Asked", "confirm": "on"}
    )
    assert application.reference in error_summary(response)[0]
    assert User.objects.get(pk=candidate.pk).full_name == candidate.full_name


def test_staff_are_not_erased_or_exported_here(admin_client):
    coordinator = person_with_role(Role.COORDINATOR)
    assert admin_client.get(f"/people/{coordinator.pk}/erase/").status_code == 404
    assert admin_client.post(f"/people/{coordinator.pk}/data/").status_code == 404
