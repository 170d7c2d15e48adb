"""A monthly report on a phone: the employee writes per RHK and submits, the
supervisor returns it with a reason, the employee resubmits, the supervisor
accepts."""
import pytest

from portal.db import db
from portal.models import Rhk, Skp
from portal.models.base import utcnow
from tests.browser.test_skp_cycle import session

pytestmark = pytest.mark.browser


def test_monthly_report_on_a_phone(live_server, browser, users, org):
    year = utcnow().year
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=year, appraiser=org["boss"],
                         state="approved")
        Rhk.create(skp=skp, kind="utama", text="Pelayanan asuhan keperawatan")

    context, page = session(browser, live_server, "pegawai")
    page.goto(live_server + "/admin/monthly/")
    page.get_by_role("button", name="Tulis atau buka laporan saya").click()
    page.wait_for_load_state()
    assert "telah dibuat sebagai draf" in page.content()
    report_url = page.url
    page.get_by_label("Kegiatan", exact=True).fill("Melayani pasien rawat jalan")
    page.get_by_label("Realisasi", exact=True).fill("112 pasien")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ajukan ke atasan").click()
    page.get_by_role("dialog").get_by_role("button", name="Ya, ajukan").click()
    page.wait_for_load_state()
    assert page.locator("#report-state").inner_text() == "Diajukan"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()

    context, page = session(browser, live_server, "penilai")
    page.goto(report_url)
    assert "112 pasien" in page.content()
    page.get_by_label("Alasan", exact=True).fill("Lampirkan daftar hadir.")
    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Kembalikan dengan alasan").click()
    page.get_by_role("dialog").get_by_role("button", name="Ya, kembalikan").click()
    page.wait_for_load_state()
    assert page.locator("#report-state").inner_text() == "Dikembalikan"
    context.close()

    context, page = session(browser, live_server, "pegawai")
    page.goto(report_url)
    assert "Lampirkan daftar hadir." in page.content()
    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Ajukan ke atasan").click()
    page.get_by_role("dialog").get_by_role("button", name="Ya, ajukan").click()
    page.wait_for_load_state()
    context.close()

    context, page = session(browser, live_server, "penilai")
    page.goto(report_url)
    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Terima").click()
    page.get_by_role("dialog").get_by_role("button", name="Ya, terima").click()
    page.wait_for_load_state()
    assert page.locator("#report-state").inner_text() == "Diterima"
    context.close()
