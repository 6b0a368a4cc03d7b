"""The funding pages, used over HTTP as their people use them."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stepup.funding import services
from stepup.funding.models import Evidence, Instalment, InstalmentStatus, LedgerEntry
from tests.funding.conftest import TODAY

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", response.content.decode())


def _summary(text: str) -> str:
    start = text.index("govuk-error-summary")
    return text[start : text.index("</ul>", start)]


def test_the_statement_shows_the_grant_planned_and_actual_with_why(world, sign_in):
    client = sign_in(world.coordinator)

    text = _text(client.get(reverse("funding:statement", kwargs={"pk": world.partnership.pk})))

    assert "Planned (5 places)" in text and "Actual (3 trainees)" in text
    assert "£196,335" in text and "£137,001" in text
    assert "2 of the 5 places were not filled" in text


def test_bad_payments_get_an_error_summary_and_nothing_is_posted(world, sign_in):
    client = sign_in(world.coordinator)
    page = reverse("funding:payment", kwargs={"pk": world.partnership.pk})
    form = {
        "kind": "transfer",
        "amount_pence": "-10",
        "paid_on-day": "1",
        "paid_on-month": "6",
        "paid_on-year": "2027",
        "authority": str(world.croydon.pk),
        "description": "Croydon's share",
    }
    assert "Enter an amount of more than £0" in _summary(_text(client.post(page, form)))
    form["amount_pence"] = "ten pounds"
    assert "Enter an amount in pounds, like 19833" in _summary(_text(client.post(page, form)))
    form |= {"amount_pence": "1000", "authority": str(world.outsider.pk)}
    assert "Select one of the partnership" in _summary(_text(client.post(page, form)))
    assert not LedgerEntry.objects.exists()
    form["authority"] = str(world.croydon.pk)
    assert "Payment posted" in _text(client.post(page, form, follow=True))
    assert LedgerEntry.objects.get().amount_pence == -100_000


def test_releasing_more_than_the_instalment_is_refused_on_the_page(world, sign_in):
    instalment = services.instalment_add(
        actor=world.admin,
        partnership=world.partnership,
        milestone=Evidence.APPROVED,
        year=2026,
        amount_pence=1_000_000,
        evidence_needed="Memorandum",
    )
    services.instalment_submit(actor=world.coordinator, instalment=instalment, evidence="Signed")
    services.instalment_accept(actor=world.admin, instalment=instalment)
    client = sign_in(world.admin)
    page = reverse("funding:instalment-release", kwargs={"instalment_pk": instalment.pk})
    form = {"amount_pence": "10000.01", "paid_on-day": "1", "paid_on-month": "6"}
    form["paid_on-year"] = "2027"

    assert "Release £10,000 or less" in _summary(_text(client.post(page, form)))
    form["amount_pence"] = "10000"
    assert "Instalment released" in _text(client.post(page, form, follow=True))
    assert Instalment.objects.get().status == InstalmentStatus.RELEASED


def test_the_downloads_give_the_same_figures_in_pence(world, sign_in):
    services.entry_post(
        actor=world.coordinator,
        partnership=world.partnership,
        kind="transfer",
        amount_pence=123_456,
        paid_on=TODAY,
        authority_id=world.croydon.pk,
        description="Croydon's share",
    )
    client = sign_in(world.coordinator)
    pk = world.partnership.pk

    response = client.get(reverse("funding:statement-csv", kwargs={"pk": pk}))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Balance (pence)", "-123456", "-£1,234.56"] in rows
    response = client.get(reverse("funding:statement-xlsx", kwargs={"pk": pk}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Balance (pence)", -123456, "-£1,234.56"] in [row[:3] for row in values]


def test_the_statement_takes_the_same_queries_however_long_the_ledger(
    world, sign_in, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = sign_in(world.coordinator)
    page = reverse("funding:statement", kwargs={"pk": world.partnership.pk})
    services.entry_post(
        actor=world.coordinator,
        partnership=world.partnership,
        kind="transfer",
        amount_pence=100,
        paid_on=TODAY,
        authority_id=world.croydon.pk,
        description="One",
    )
    with CaptureQueriesContext(connection) as few:
        client.get(page)
    for number in range(12):
        services.entry_post(
            actor=world.coordinator,
            partnership=world.partnership,
            kind="supervision",
            amount_pence=100 + number,
            paid_on=TODAY,
            authority_id=world.merton.pk,
            description=f"Supervision {number}",
        )
    services.bursary_month_post(
        actor=world.coordinator, partnership=world.partnership, month=TODAY, paid_on=TODAY
    )
    services.withdrawal_record(
        actor=world.coordinator, trainee=world.trainees[0], withdrawn_on=TODAY, reason="Left"
    )
    with django_assert_max_num_queries(len(few) + 1):  # the repayments' own list
        client.get(page)
