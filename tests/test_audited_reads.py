"""Reads the audit trail keeps (docs/security.md, "Reads on the record"): every file the
service hands out, and every page holding health or special-category data, leaves an entry
naming who took or read it."""

import pytest

from stepup.core.models import AuditEntry
from tests.support.permissions import EXPECTED, client_for, someone_allowed, url_for

SENSITIVE_PAGES = {
    "trainees:record": "trainee.needs_viewed",
    "selection:application-detail": "application.viewed",
    "assessment:adjustment-answer": "adjustment.viewed",
    "assessment:day-sheet": "centre.day_sheet_viewed",
}
DOWNLOADS = {
    "funding:statement-csv": "download.statement",
    "funding:statement-xlsx": "download.statement",
    "insights:funnel-csv": "download.funnel",
    "insights:funnel-xlsx": "download.funnel",
    "insights:outcomes-csv": "download.outcomes",
    "insights:outcomes-xlsx": "download.outcomes",
    "partnerships:memorandum-download": "download.memorandum",
    "offers:allocation-input": "download.allocation_input",
}


def _get(world, clients, name):
    persona = someone_allowed(name)
    if persona not in clients:
        clients[persona] = client_for(world, persona)
    person = world["people"].get(persona)
    before = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = clients[persona].get(url_for(world, name))
    made = AuditEntry.objects.filter(pk__gt=before)
    return response, person, made


@pytest.mark.parametrize(("name", "event"), sorted({**SENSITIVE_PAGES, **DOWNLOADS}.items()))
def test_opening_sensitive_data_or_taking_a_file_is_on_the_record(world, name, event):
    response, person, made = _get(world, {}, name)

    assert response.status_code == 200, name
    assert made.filter(event=event, actor=person).count() == 1, list(made.values("event"))


def test_every_download_of_every_page_is_on_the_record(world):
    clients: dict = {}
    downloads = []
    for name in sorted(EXPECTED):
        response, person, made = _get(world, clients, name)
        if "attachment" not in response.headers.get("Content-Disposition", ""):
            continue
        downloads.append(name)
        assert made.filter(actor=person).exists(), f"{name}: no audit entry"
    assert set(DOWNLOADS) <= set(downloads)
