"""Every list of the performance area downloads as CSV and XLSX, with the list's rows only."""
import io

import openpyxl
import pytest

from portal.db import db
from portal.models import (IndicatorRealisation, MonthlyReport, Period, Skp, UnitIndicator,
                           UnitResult)


@pytest.fixture
def performance(org):
    with db.connection_context():
        Skp.create(employee=org["staff"], year=2025, appraiser=org["boss"], state="final",
                   hasil_kerja_rating="di_atas", perilaku_rating="sesuai", predikat="baik")
        Skp.create(employee=org["boss"], year=2025, appraiser=org["head"], state="draft")
        UnitResult.create(unit=org["dinas"], year=2025, capaian="baik")
        MonthlyReport.create(employee=org["staff"], appraiser=org["boss"], year=2026, month=3)
        indicator = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-01",
                                         name="Pasien", measurement_unit="pasien", target=100)
        IndicatorRealisation.create(indicator=indicator, period=Period.create(year=2026, month=1),
                                    value=10)


def sheet_rows(data):
    book = openpyxl.load_workbook(io.BytesIO(data))
    return list(book.active.iter_rows(values_only=True))


@pytest.mark.parametrize("url", [
    "/admin/skp/export/{kind}/", "/admin/monthly/export/{kind}/",
    "/admin/predikat-distribution/export/{kind}/?year=2025",
    "/admin/period/export/{kind}/", "/admin/unit_indicator/export/{kind}/",
    "/admin/indicator_realisation/export/{kind}/", "/admin/unit_result/export/{kind}/",
    "/admin/follow_up/export/{kind}/",
])
def test_each_performance_list_exports_csv_and_xlsx(client, auth, users, performance, url):
    auth.login("operator")
    csv = client.get(url.format(kind="csv"))
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert "attachment" in csv.headers["Content-Disposition"]
    xlsx = client.get(url.format(kind="xlsx"))
    assert xlsx.status_code == 200
    assert len(sheet_rows(xlsx.data)) >= 1


def test_skp_export_follows_the_filters_and_the_row_rule(client, auth, users, org, performance):
    auth.login("operator")
    page = client.get("/admin/skp/?state=final").get_data(as_text=True)
    assert "/admin/skp/export/xlsx/?state=final" in page
    rows = sheet_rows(client.get("/admin/skp/export/xlsx/?state=final").data)
    assert rows[0][:3] == ("Tahun", "NIP", "Pegawai")
    assert [r[2] for r in rows[1:]] == ["Dewi Lestari"]
    assert rows[1][1] == org["staff"].nip and rows[1][5:] == ("Final", "Baik")
    csv = client.get("/admin/skp/export/csv/").data.decode("utf-8-sig")
    assert "Dewi Lestari" in csv and "Siti Rahmawati" in csv
    auth.logout()
    auth.login("pegawai")                                  # sees their own SKP only
    lines = client.get("/admin/skp/export/csv/").data.decode("utf-8-sig").splitlines()
    assert len(lines) == 2 and ",Dewi Lestari," in lines[1]
    assert client.get("/admin/skp/export/pdf/").status_code == 404


def test_distribution_and_monthly_exports_hold_the_lists_rows(client, auth, users, performance):
    auth.login("operator")
    rows = sheet_rows(client.get("/admin/predikat-distribution/export/xlsx/?year=2025").data)
    total = rows[0].index("Jumlah")  # the column after the predikat counts
    assert rows[1][:2] == (2025, "Dinas Kesehatan") and rows[1][total] == 1
    csv = client.get("/admin/monthly/export/csv/").data.decode("utf-8-sig")
    assert "Dewi Lestari" in csv and "2026" in csv


def test_the_complaint_export_reads_as_the_pages_do(app, client, auth, users, org):
    """Times in the office's zone to the second (stored in UTC), the category and every
    heading in words, and a file name with the office's time."""
    import datetime

    from portal.models import Complaint
    from tests.complaint_helpers import make_complaint
    complaint = make_complaint(app, unit=org["dinas"].id)
    with db.connection_context():
        Complaint.update(created_at=datetime.datetime(2026, 3, 1, 1, 2, 3, 272549),
                         category="kesehatan").where(Complaint.id == complaint.id).execute()
    auth.login("admin")
    response = client.get("/admin/complaint/export/csv/")
    text = response.get_data(as_text=True)
    header, row = text.splitlines()[:2]
    assert header.endswith(",Selesai") and "Closed At" not in header
    assert "2026-03-01 08:02:03" in row and ".272549" not in row  # Jakarta is UTC+7
    assert "Kesehatan" in row and ",kesehatan," not in row
    disposition = response.headers["Content-Disposition"]
    local = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=7)))
    assert local.strftime("%Y-%m-%d") in disposition
    book = sheet_rows(client.get("/admin/complaint/export/xlsx/").get_data())
    assert "2026-03-01 08:02:03" in book[1]
