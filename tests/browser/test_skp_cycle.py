"""The SKP cycle in a real browser: the employee plans and submits, the appraiser
returns it, the employee fixes and resubmits, the appraiser approves, evaluates and
finalises, and the predikat appears."""
import pytest

from portal.db import db
from portal.models import Period, Skp
from portal.models.base import utcnow
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def session(browser, base, username):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def confirm(page, yes):
    """A step that cannot be undone asks in a dialog first (see test_confirm_dialog)."""
    page.get_by_role("dialog").get_by_role("button", name=yes).click()


def test_skp_cycle(live_server, browser, users, org):
    year = utcnow().year
    with db.connection_context():
        annual = Period.create(year=year)
        Period.create(year=year, quarter=1)

    context, page = session(browser, live_server, "pegawai")
    page.goto(live_server + "/admin/skp/")
    page.get_by_role("button", name=f"Buat SKP saya tahun {year}").click()
    page.wait_for_load_state()
    assert "telah dibuat sebagai draf" in page.content()
    skp_url = page.url
    page.get_by_label("Rencana hasil kerja (RHK)", exact=True).fill("Pelayanan asuhan keperawatan rawat jalan")
    page.get_by_role("button", name="Tambah RHK").click()
    page.wait_for_load_state()
    page.locator("summary", has_text="Tambah indikator (IKI)").click()
    page.get_by_label("Indikator kinerja individu (IKI)", exact=True).fill("Jumlah pasien yang dilayani")
    page.get_by_label("Target", exact=True).fill("1200")
    page.get_by_label("Satuan", exact=True).fill("pasien")
    page.get_by_role("button", name="Tambah indikator").click()
    page.wait_for_load_state()
    assert "Jumlah pasien yang dilayani" in page.content()
    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    confirm(page, "Ya, ajukan")
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Diajukan"
    context.close()

    context, page = session(browser, live_server, "penilai")
    page.goto(skp_url)
    page.get_by_label("Alasan", exact=True).fill("Tambahkan indikator kualitas.")
    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Kembalikan dengan alasan").click()
    confirm(page, "Ya, kembalikan")
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Dikembalikan"
    context.close()

    context, page = session(browser, live_server, "pegawai")
    page.goto(skp_url)
    assert "Tambahkan indikator kualitas." in page.content()
    # the indicator already there has its own (closed) form to change it: add a new one
    add = page.locator("details", has=page.locator("summary", has_text="Tambah indikator (IKI)"))
    add.locator("summary").click()
    add.get_by_label("Aspek", exact=True).select_option("kualitas")
    add.get_by_label("Indikator kinerja individu (IKI)", exact=True).fill("Pasien yang puas")
    add.get_by_label("Target", exact=True).fill("90")
    add.get_by_label("Satuan", exact=True).fill("%")
    page.get_by_role("button", name="Tambah indikator").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    confirm(page, "Ya, ajukan")
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Diajukan"
    context.close()

    context, page = session(browser, live_server, "penilai")
    page.goto(skp_url)
    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Setujui").click()
    confirm(page, "Ya, setujui")
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Disetujui"
    page.get_by_role("row", name=f"Tahun {year}").get_by_role("link", name="Nilai").click()
    page.wait_for_load_state()
    result = page.locator("fieldset", has_text="Pelayanan asuhan keperawatan rawat jalan")
    result.get_by_label("Realisasi", exact=True).fill("1.350 pasien; 93 % puas")
    result.get_by_label("Umpan balik", exact=True).fill("Melampaui target.")
    result.get_by_label("Penilaian hasil kerja ini", exact=True).select_option("di_atas")
    service = page.locator("fieldset", has_text="Berorientasi Pelayanan")
    service.get_by_label("Umpan balik", exact=True).fill("Ramah kepada pasien.")
    service.get_by_label("Penilaian", exact=True).select_option("di_atas")
    page.get_by_label("Perilaku kerja", exact=True).select_option("di_atas")
    page.get_by_role("button", name="Simpan penilaian").click()
    page.wait_for_load_state()
    assert page.locator("#evaluation-predikat").inner_text() == "Sangat Baik"
    page.get_by_role("link", name="Kembali ke SKP").click()
    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Finalkan dan kunci").click()
    confirm(page, "Ya, kunci")
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Final"
    assert page.locator("#skp-predikat").inner_text() == "Sangat Baik"
    context.close()

    with db.connection_context():
        skp = Skp.get(Skp.employee == org["staff"], Skp.year == year)
        assert (skp.state, skp.predikat) == ("final", "sangat_baik")
        assert [e.period_id for e in skp.evaluations] == [annual.id]
