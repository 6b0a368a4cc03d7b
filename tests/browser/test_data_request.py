"""A data request in a real browser (ADR 0021): national admin A asks for a candidate's
special-category data, national admin B approves it after a check, and A downloads it once;
axe-core checks every page, with and without errors."""

import datetime
import io
import json
import zipfile

import pytest

from stepup.accounts.roles import Role
from stepup.applications.models import EqualityMonitoring
from stepup.core.models import AuditEntry
from tests.factories import ApplicationFactory, CandidateFactory, person_with_role
from tests.support.browser import button, link, sign_in_as

pytestmark = pytest.mark.django_db(transaction=True)


def test_admin_a_asks_admin_b_approves_and_a_downloads_once(page, axe):
    asker = person_with_role(Role.NATIONAL_ADMIN, full_name="Asha Asker")
    second = person_with_role(Role.NATIONAL_ADMIN, full_name="Bea Second")
    candidate = CandidateFactory(full_name="Remy Okonjo")
    application = ApplicationFactory(candidate=candidate)
    EqualityMonitoring.objects.create(
        application=application,
        date_of_birth=datetime.date(1990, 4, 17),
        sex="female",
        religion="buddhist",
    )

    sign_in_as(page, axe, asker)
    axe.check()
    page.goto(f"/people/{candidate.pk}/")
    axe.check()
    button(page, axe, "Download their data")
    button(page, axe, "Ask to include their special-category data")
    button(page, axe, "Send the request")  # empty: the error summary says what to enter
    assert page.get_by_role("link", name="Enter why you need this person's").is_visible()
    page.get_by_label("Why do you need their equality answers and health data?").fill(
        "Subject access request received by post on 3 December 2026"
    )
    button(page, axe, "Send the request")
    assert "another national admin must approve or refuse" in page.inner_text("main")

    sign_in_as(page, axe, second)
    axe.check()
    link(page, axe, "1 request to export special-category data waits for your decision")
    page.get_by_role("link", name="View").first.click()
    page.wait_for_load_state("load")
    axe.check()
    button(page, axe, "Save decision")  # no decision: the error summary says what to choose
    assert page.get_by_role("link", name="Select yes to approve the request").is_visible()
    page.get_by_label("Yes, let them download this person's special-category data once").check()
    button(page, axe, "Save decision")
    assert page.get_by_role("heading", name="Are you sure you want to approve this request?")
    button(page, axe, "Yes, approve it")
    assert "You have approved the request" in page.inner_text("main")

    sign_in_as(page, axe, asker)
    axe.check()
    [data_request_pk] = AuditEntry.objects.filter(event="data_request.approved").values_list(
        "record_id", flat=True
    )
    page.goto(f"/data-requests/{data_request_pk}/")
    axe.check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download their data with special-category data").click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    [exported] = json.loads(archive.read("data.json"))["applications"]
    assert exported["equality_answers"]["sex"] == "female"
    assert AuditEntry.objects.get(event="data_request.exported").actor == asker
    page.reload()
    axe.check()
    assert "Downloaded" in page.inner_text("main")
    assert not page.get_by_role(
        "button", name="Download their data with special-category data"
    ).count()
