"""A payment described as a formula downloads as text, never as a formula that runs when the
statement is opened in a spreadsheet (docs/security.md, "Files the service writes")."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from stepup.funding import services
from tests.funding.conftest import TODAY

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil","x")', "=1+1", "+SUM(A1:A2)", "@cmd", "-2+3"]


def _post_hostile_payments(world):
    for description in HOSTILE:
        services.entry_post(
            actor=world.coordinator,
            partnership=world.partnership,
            kind="transfer",
            amount_pence=100,
            paid_on=TODAY,
            authority_id=world.croydon.pk,
            description=description,
        )


def test_a_payment_described_as_a_formula_is_quoted_text_in_the_csv(world, sign_in):
    _post_hostile_payments(world)
    client = sign_in(world.coordinator)

    response = client.get(reverse("funding:statement-csv", kwargs={"pk": world.partnership.pk}))

    cells = {cell for row in csv.reader(io.StringIO(response.content.decode())) for cell in row}
    for description in HOSTILE:
        assert "'" + description in cells
        assert description not in cells
    assert "-£1" in cells  # a transfer's amount in pounds is not a formula and is unquoted


def test_a_payment_described_as_a_formula_is_a_text_cell_in_the_xlsx(world, sign_in):
    _post_hostile_payments(world)
    client = sign_in(world.coordinator)

    response = client.get(reverse("funding:statement-xlsx", kwargs={"pk": world.partnership.pk}))

    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    for description in HOSTILE:
        assert cells[description].data_type == "s", description
    assert not [cell for cell in cells.values() if cell.data_type == "f"]
