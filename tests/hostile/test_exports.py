"""CSV and XLSX exports against formula injection: with an attack in every
free-text field, no exported cell starts with = + - @ (or a tab or carriage
return), in the back office's exports and in the open-data files."""
import csv
import io

import openpyxl
import pytest
from flask_admin.contrib.peewee import ModelView

from admin.access import VIEW_ROLES
from tests.conftest import AuthActions
from tests.hostile.poison import fill

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def poisoned(hostile_app, org, users, survey):
    return fill(hostile_app.test_client(), org, users, survey)


def csv_cells(data):
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(data):
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"a formula in {cell.coordinate}: {cell.value}"
                if cell.value is not None:
                    cells.append(cell.value if isinstance(cell.value, str) else str(cell.value))
    return cells


def assert_neutralised(cells, where):
    for cell in cells:
        if isinstance(cell, str) and cell.startswith(DANGEROUS):
            # a plain negative number is a number, not a formula
            assert cell.lstrip("-").replace(".", "", 1).replace(",", "", 1).isdigit(), \
                f"{where}: {cell!r}"
    return [c for c in cells if "alert(1)" in c]


def test_every_back_office_export_is_neutralised(hostile_app, poisoned):
    client = hostile_app.test_client()
    AuthActions(client).login("admin")
    admin = hostile_app.extensions["admin"][0]
    exported = set()
    for view in admin._views:
        if not isinstance(view, ModelView) or view.endpoint not in VIEW_ROLES \
                or not view.can_export:
            continue
        for fmt, read in (("csv", csv_cells), ("xlsx", xlsx_cells)):
            response = client.get(f"{view.url}/export/{fmt}/")
            assert response.status_code == 200, (view.endpoint, fmt, response.status_code)
            assert response.headers["Content-Disposition"].startswith("attachment")
            attacks = assert_neutralised(read(response.get_data()), f"{view.endpoint}.{fmt}")
            if attacks:
                assert all(a.startswith("'") or a[0] not in DANGEROUS for a in attacks)
                exported.add(view.endpoint)
    # the attack was in these exports, so the check above met it
    for endpoint in ("unit", "employee", "survey_response", "content_item",
                     "award", "event", "event_registration", "follow_up", "unit_indicator",
                     "indicator_realisation"):
        assert endpoint in exported, f"no attack text in the {endpoint} export"


def test_open_data_csv_is_neutralised(hostile_app, poisoned):
    client = hostile_app.test_client()
    for url in ("/data/units.csv", f"/data/ikm-{poisoned['year']}.csv"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.mimetype == "text/csv"
        assert_neutralised(csv_cells(response.get_data()), url)
    cells = csv_cells(client.get("/data/units.csv").get_data())
    assert any(c.startswith("'") and "alert(1)" in c for c in cells)
