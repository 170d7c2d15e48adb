"""CSV and XLSX exports against formula injection: with an attack in every
free-text field, no exported cell starts with = + - @ (or a tab or carriage
return), in the back office's exports and in the open-data files."""
import csv
import datetime
import decimal
import io

import openpyxl
import pytest
from flask_admin.contrib.peewee import ModelView

from admin.access import VIEW_ROLES
from admin.export import export_response
from portal.db import db
from portal.models import Employee, MonthlyReport, Skp
from tests.conftest import AuthActions
from tests.hostile.poison import fill, payload

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


def test_skp_monthly_and_distribution_exports_are_neutralised(hostile_app, poisoned):
    """The back office's own downloads (not ModelViews) carry employees', appraisers'
    and units' names."""
    year, unit, staff = poisoned["year"], poisoned["unit"], poisoned["staff"]
    with db.connection_context():
        appraiser = Employee.create(nip="198501012010011004", name=payload(200), golongan="III/d",
                                    jabatan_kind="pengawas", position_title="Kepala Seksi",
                                    unit=unit)
        Skp.create(employee=staff, year=year, appraiser=appraiser, state="final",
                   hasil_kerja_rating="sesuai", perilaku_rating="sesuai", predikat="baik")
        MonthlyReport.create(employee=staff, appraiser=appraiser, year=year, month=2)
    client = hostile_app.test_client()
    AuthActions(client).login("admin")
    names = {"skp": (staff.name, unit.name, appraiser.name), "monthly": (staff.name,),
             "predikat-distribution": (unit.name,)}
    for view, texts in names.items():
        for fmt, read in (("csv", csv_cells), ("xlsx", xlsx_cells)):
            url = f"/admin/{view}/export/{fmt}/?year={year}"
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            cells = read(response.get_data())
            assert assert_neutralised(cells, url), f"no attack text in {url}"
            for text in texts:
                # XLSX is XML: a carriage return comes back as a line feed
                shown = {"'" + text, "'" + text.replace("\r", "\n")}
                assert text.startswith(DANGEROUS) and shown & set(cells), (url, text)


def test_export_keeps_numbers_and_dates_and_neutralises_text():
    day, moment = datetime.date(2026, 3, 1), datetime.datetime(2026, 3, 1, 8, 30)
    headers = ["=Tahun", "Nilai", "Desimal", "Pecahan", "Tanggal", "Waktu", "Ya", "Kosong",
               "Teks", "Fungsi"]
    row = [2026, -3, decimal.Decimal("-3.5"), -2.5, day, moment, True, None, "-1+1",
           "@SUM(A1)"]
    data = export_response("xlsx", "uji", headers, [row]).get_data()
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    first, second = sheet.iter_rows(values_only=True)
    assert first[0] == "'=Tahun"
    assert second[:7] == (2026, -3, -3.5, -2.5, datetime.datetime(2026, 3, 1), moment, "1")
    assert second[7] in ("", None) and second[8:] == ("'-1+1", "'@SUM(A1)")
    assert [cell.data_type for cell in next(sheet.iter_rows(min_row=2))][:6] == \
        ["n", "n", "n", "n", "d", "d"]
    text = export_response("csv", "uji", headers, [row]).get_data().decode("utf-8-sig")
    assert text.splitlines()[1] == "2026,-3,-3.5,-2.5,2026-03-01,2026-03-01 08:30:00,1,,'-1+1," \
        "'@SUM(A1)"
    assert text.startswith("'=Tahun,")


def test_open_data_csv_is_neutralised(hostile_app, poisoned):
    client = hostile_app.test_client()
    year = poisoned["year"]
    for url in ("/data/units.csv", f"/data/ikm-{year}.csv", f"/data/complaints-{year}.csv",
                f"/data/report-{year}.csv"):
        response = client.get(url)
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.mimetype == "text/csv"
        cells = csv_cells(response.get_data())
        assert_neutralised(cells, url)
        if url != f"/data/ikm-{year}.csv":   # units with survey answers only
            assert "'" + poisoned["unit"].name in cells, f"no attack text in {url}"
