"""What a person attached or typed is never lost, in a real browser: a photo chosen on a
report that needs a correction stays attached and is sent with it; a monthly report keeps
its typed text across an upload."""
import pytest

from portal.db import db
from portal.models import Complaint, MonthlyReport, MonthlyReportAttachment
from portal.models.base import utcnow
from tests.browser.test_skp_cycle import session
from tests.complaint_helpers import jpeg_with_exif

pytestmark = pytest.mark.browser


def test_a_photo_survives_a_correction_and_is_filed(live_server, page, app, org, tmp_path):
    photo = tmp_path / "jalan-berlubang.jpg"
    photo.write_bytes(jpeg_with_exif())
    page.goto(live_server + "/pengaduan/baru")
    page.get_by_label("Kategori").select_option(label="Kesehatan")
    page.get_by_label("Judul").fill("Ab")  # too short: the form comes back
    page.get_by_label("Apa yang terjadi?").fill(
        "Jalan di depan puskesmas berlubang besar, ambulans harus memutar jauh.")
    page.get_by_label("Foto atau dokumen (tidak wajib)").set_input_files(str(photo))
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_load_state()

    held = page.locator(".held-files")
    assert "jalan-berlubang.jpg terlampir" in held.inner_text()
    assert "tidak perlu memilihnya lagi" in held.inner_text()
    assert page.get_by_label("hapus").is_visible() and not page.get_by_label("hapus").is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=f"{app.instance_path}/held-photo-390.png", full_page=True)

    page.get_by_label("Judul").fill("Jalan berlubang di depan puskesmas")
    page.get_by_role("button", name="Kirim laporan").click()
    tracking = page.locator("#tracking-id")
    tracking.wait_for()
    with db.connection_context():
        complaint = Complaint.get(Complaint.tracking_id == tracking.inner_text().strip())
        assert [a.original_name for a in complaint.attachments] == ["jalan-berlubang.jpg"]


def test_a_monthly_report_keeps_its_text_across_an_upload(live_server, browser, app, users,
                                                          org, tmp_path):
    with db.connection_context():
        report = MonthlyReport.create(employee=org["staff"], year=utcnow().year, month=2,
                                      appraiser=org["boss"])
    pdf = tmp_path / "daftar-hadir.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    context, page = session(browser, live_server, "pegawai")
    page.goto(f"{live_server}/admin/monthly/{report.id}/")
    page.get_by_label("Catatan umum bulan ini").fill("Rapat koordinasi dan pelatihan BLS")
    page.get_by_label("Tambahkan lampiran (PDF, gambar atau dokumen perkantoran)").set_input_files(
        str(pdf))
    page.get_by_role("button", name="Unggah").click()
    page.wait_for_load_state()

    assert page.get_by_label("Catatan umum bulan ini").input_value() == \
        "Rapat koordinasi dan pelatihan BLS"
    assert page.get_by_role("link", name="daftar-hadir.pdf").is_visible()
    assert "Isian laporan yang Anda ketik sudah disimpan." in page.content()
    page.screenshot(path=f"{app.instance_path}/monthly-upload-390.png", full_page=True)
    with db.connection_context():
        assert MonthlyReport.get_by_id(report.id).summary == "Rapat koordinasi dan pelatihan BLS"
        assert MonthlyReportAttachment.select().count() == 1
    context.close()
