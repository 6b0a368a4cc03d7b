"""Row labels a person typed (a partnership's name) download as text, never as a formula
(docs/security.md, "Files the service writes")."""

import csv
import io

from django.test import Client
from openpyxl import load_workbook

from stepup.partnerships.models import Partnership
from tests.signing_in import force_login_with_code

HOSTILE = '=HYPERLINK("http://evil","x")'


def _client(user) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    force_login_with_code(client, user)
    return client


def test_a_partnership_named_as_a_formula_is_text_in_the_outcomes_downloads(big, admin):
    Partnership.objects.filter(pk=big.pk).update(name=HOSTILE)
    client = _client(admin)

    text = client.get("/insights/cohorts/31/outcomes.csv").content.decode()
    cells = {cell for row in csv.reader(io.StringIO(text)) for cell in row}
    assert "'" + HOSTILE in cells and HOSTILE not in cells

    book = load_workbook(io.BytesIO(client.get("/insights/cohorts/31/outcomes.xlsx").content))
    labels = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    hostile = [cell for cell in labels if cell.value == HOSTILE]
    assert hostile and all(cell.data_type == "s" for cell in hostile)
    assert not [cell for cell in labels if cell.data_type == "f"]
