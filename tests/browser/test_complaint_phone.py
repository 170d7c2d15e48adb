"""A citizen on a phone sends a report, keeps the tracking ID and opens its status page."""
import pytest

from portal.db import db
from portal.models import Complaint

pytestmark = pytest.mark.browser


def test_send_a_report_and_follow_it_on_a_phone(live_server, page, org):
    page.goto(live_server + "/")
    page.get_by_role("link", name="Pengaduan").click()
    page.wait_for_url("**/pengaduan/baru")
    page.get_by_label("Aspirasi").check()
    page.get_by_label("Perangkat Daerah (OPD) yang dituju").select_option(label="Dinas Kesehatan")
    page.get_by_label("Kategori").select_option(label="Kesehatan")
    page.get_by_label("Judul").fill("Ruang tunggu puskesmas panas")
    page.get_by_label("Apa yang terjadi?").fill(
        "Kipas angin di ruang tunggu rusak, pasien lansia kepanasan saat antre.")
    page.get_by_label("Anonim").check()
    # the form fits the phone: no sideways scrolling
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Kirim laporan").click()

    tracking = page.locator("#tracking-id")
    tracking.wait_for()
    tracking_id = tracking.inner_text().strip()
    assert tracking_id.startswith("LPR-")
    assert tracking.is_visible()
    with db.connection_context():
        saved = Complaint.get(Complaint.tracking_id == tracking_id)
        assert saved.kind == "aspirasi" and saved.anonymous and saved.unit_id == org["dinas"].id

    # later: type the ID by hand, sloppily, on the status page
    page.goto(live_server + "/pengaduan/lacak")
    page.get_by_label("Kode pelacakan").fill(tracking_id.lower().replace("-", " "))
    page.get_by_role("button", name="Cek status").click()
    page.wait_for_url("**/pengaduan/lacak?id=*")
    assert page.locator(".state").inner_text() == "Diterima"
    assert "Ruang tunggu puskesmas panas" in page.content()
    assert tracking_id in page.locator(".tracking-id").inner_text()
