"""Special-category data leaves the service in a copy made by staff only through a data
request that a second national admin approves, once (ADR 0021)."""

import datetime
import io
import json
import zipfile

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from stepup.accounts.roles import Role
from stepup.applications.models import EqualityMonitoring
from stepup.assessment.models import AdjustmentRequest, Invitation
from stepup.core.audit import history_for
from stepup.core.models import AuditEntry
from stepup.privacy.export import WITHHELD, subject_access_export
from stepup.privacy.models import DataRequest, DataRequestStatus
from stepup.privacy.services import (
    data_request_decide,
    data_request_export,
    data_request_make,
)
from tests.accounts.pages import error_summary, text_of
from tests.factories import ApplicationFactory, CandidateFactory, person_with_role
from tests.signing_in import sign_in_through_form

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=datetime.UTC)
ADJUSTMENT = "I have epilepsy and need a quiet room"
WHY = "Subject access request received by post on 3 December 2026"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def candidate():
    person = CandidateFactory(full_name="Remy Okonjo")
    application = ApplicationFactory(candidate=person)
    EqualityMonitoring.objects.create(
        application=application,
        date_of_birth=datetime.date(1990, 4, 17),
        sex="female",
        ethnicity="mixed_white_black_caribbean",
        disability="yes",
        religion="buddhist",
        sexual_orientation="bisexual",
    )
    invitation = Invitation.objects.create(application=application)
    AdjustmentRequest.objects.create(invitation=invitation, request=ADJUSTMENT)
    return person


@pytest.fixture
def admins():
    return (
        person_with_role(Role.NATIONAL_ADMIN, full_name="Asha Asker"),
        person_with_role(Role.NATIONAL_ADMIN, full_name="Bea Second"),
    )


def _signed_in(person) -> Client:
    client = Client()
    assert sign_in_through_form(client, person).status_code == 302
    return client


def _special_in(zip_bytes: bytes) -> tuple:
    """The equality answers and the adjustments asked of an assessment centre."""
    data = json.loads(zipfile.ZipFile(io.BytesIO(zip_bytes)).read("data.json"))
    [application] = data["applications"]
    return application["equality_answers"], application["assessment_centre"]["adjustments"]


def test_an_admins_export_without_an_approved_request_holds_no_equality_answers(candidate, admins):
    asker, _ = admins
    response = _signed_in(asker).post(f"/people/{candidate.pk}/data/")
    assert response["Content-Type"] == "application/zip"
    content = zipfile.ZipFile(io.BytesIO(response.content)).read("data.json").decode()
    assert "Remy Okonjo" in content
    for answer in ("1990-04-17", "female", "mixed_white_black_caribbean", "buddhist", "bisexual"):
        assert answer not in content
    assert ADJUSTMENT not in content
    assert _special_in(response.content) == (WITHHELD, WITHHELD)
    # The audit entry is the staff member's export, not the candidate's own.
    assert not AuditEntry.objects.filter(event="privacy.subject_access_export").exists()
    entry = AuditEntry.objects.get(event="privacy.staff_export")
    assert entry.actor == asker
    assert entry.summary.startswith("Asha Asker exported this candidate's data")
    assert "own data" not in entry.summary


def test_the_one_who_asked_cannot_approve_their_own_request(candidate, admins):
    asker, _ = admins
    data_request = data_request_make(actor=asker, person=candidate, why=WHY)
    with pytest.raises(ValidationError, match="You asked for this data, so you cannot approve"):
        data_request_decide(actor=asker, data_request=data_request, approve=True)
    # Nor through the page: it offers them no decision, and a posted one changes nothing.
    client = _signed_in(asker)
    page = client.get(f"/data-requests/{data_request.pk}/")
    assert "another national admin must approve or refuse" in text_of(page)
    assert 'name="decision"' not in page.content.decode()
    client.post(f"/data-requests/{data_request.pk}/", {"decision": "approve", "confirmed": "yes"})
    data_request.refresh_from_db()
    assert data_request.status == DataRequestStatus.WAITING
    with pytest.raises(ValidationError, match="This request is waiting for a second national"):
        data_request_export(actor=asker, data_request=data_request)


def test_a_refused_request_exports_nothing_special(candidate, admins):
    asker, second = admins
    data_request = data_request_make(actor=asker, person=candidate, why=WHY)
    client = _signed_in(second)
    empty = client.post(f"/data-requests/{data_request.pk}/", {"decision": "refuse"})
    assert error_summary(empty) == ["Enter why you are refusing the request"]
    check = client.post(
        f"/data-requests/{data_request.pk}/",
        {"decision": "refuse", "reason": "No request on file"},
    )
    assert "Are you sure you want to refuse this request?" in text_of(check)
    client.post(
        f"/data-requests/{data_request.pk}/",
        {"decision": "refuse", "reason": "No request on file", "confirmed": "yes"},
    )
    data_request.refresh_from_db()
    assert data_request.status == DataRequestStatus.REFUSED
    assert history_for(data_request).first().event == "data_request.refused"
    downloaded = _signed_in(asker).post(f"/data-requests/{data_request.pk}/download/", follow=True)
    assert downloaded["Content-Type"].startswith("text/html")
    assert "This request is refused, so it cannot be downloaded" in text_of(downloaded)
    assert not AuditEntry.objects.filter(event="data_request.exported").exists()


def test_an_approved_request_exports_the_answers_once_and_is_audited(candidate, admins):
    asker, second = admins
    third = person_with_role(Role.NATIONAL_ADMIN, full_name="Cal Third")
    asking = _signed_in(asker)
    assert error_summary(asking.post(f"/people/{candidate.pk}/data-requests/new/", {})) == [
        "Enter why you need this person's special-category data"
    ]
    made = asking.post(f"/people/{candidate.pk}/data-requests/new/", {"why": WHY})
    data_request = DataRequest.objects.get()
    assert made["Location"] == f"/data-requests/{data_request.pk}/"

    deciding = _signed_in(second)
    assert 'href="/data-requests/"' in deciding.get("/people/").content.decode()
    home = text_of(deciding.get("/"))
    assert "1 request to export special-category data waits for your decision" in home
    assert "special-category data waits" not in text_of(asking.get("/"))
    check = deciding.post(f"/data-requests/{data_request.pk}/", {"decision": "approve"})
    assert "Are you sure you want to approve this request?" in text_of(check)
    data_request.refresh_from_db()
    assert data_request.status == DataRequestStatus.WAITING  # not until confirmed
    deciding.post(f"/data-requests/{data_request.pk}/", {"decision": "approve", "confirmed": "yes"})
    data_request.refresh_from_db()
    assert data_request.status == DataRequestStatus.APPROVED
    assert data_request.decided_by == second

    # Only the one who asked downloads it.
    not_theirs = _signed_in(third).post(f"/data-requests/{data_request.pk}/download/")
    assert not_theirs.status_code == 302

    response = asking.post(f"/data-requests/{data_request.pk}/download/")
    assert response["Content-Type"] == "application/zip"
    equality, [adjustment] = _special_in(response.content)
    assert adjustment["request"] == ADJUSTMENT
    assert equality["sex"] == "female" and equality["date_of_birth"] == "1990-04-17"
    assert equality["religion"] == "buddhist" and equality["sexual_orientation"] == "bisexual"

    events = [(e.event, e.actor) for e in history_for(data_request).order_by("at", "pk")]
    assert events == [
        ("data_request.made", asker),
        ("data_request.approved", second),
        ("data_request.exported", asker),
    ]
    exported = history_for(data_request).get(event="data_request.exported")
    assert f"under data request {data_request.pk} approved by Bea Second" in exported.summary
    assert "own data" not in exported.summary
    assert not AuditEntry.objects.filter(event="privacy.subject_access_export").exists()

    # Once only.
    again = asking.post(f"/data-requests/{data_request.pk}/download/", follow=True)
    assert "This request is downloaded, so it cannot be downloaded" in text_of(again)
    assert history_for(data_request).filter(event="data_request.exported").count() == 1


def test_an_approval_lapses_unused_after_seven_days(candidate, admins, frozen):
    asker, second = admins
    data_request = data_request_make(actor=asker, person=candidate, why=WHY)
    data_request_decide(actor=second, data_request=data_request, approve=True)
    frozen.shift(datetime.timedelta(days=7))
    with pytest.raises(ValidationError, match="This approval lapsed 7 days after it was given"):
        data_request_export(actor=asker, data_request=data_request)
    data_request.refresh_from_db()
    assert data_request.status == DataRequestStatus.LAPSED
    assert history_for(data_request).first().event == "data_request.lapsed"


def test_the_persons_own_copy_is_never_made_in_a_staff_members_name(candidate, admins):
    asker, _ = admins
    with pytest.raises(PermissionDenied, match="Only the person themselves takes their own copy"):
        subject_access_export(person=candidate, actor=asker)
    assert not AuditEntry.objects.filter(event="privacy.subject_access_export").exists()
