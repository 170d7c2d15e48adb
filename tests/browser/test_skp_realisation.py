"""A quarter in a real browser, on a phone: the nurse enters her realisation with
evidence and submits it; her section head sees it beside the target with its
achievement and returns it with a reason; she reads the reason, corrects and
resubmits; the head rates it; she sees the rating."""
import os

import pytest

from portal.db import db
from portal.models import Iki, Period, Rhk, Skp
from portal.models.base import utcnow
from tests.browser.test_skp_cycle import confirm, session

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("LENTERA_SHOTS", "")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def shot(page, name):
    """Screenshots for a person to look at, when LENTERA_SHOTS names a folder."""
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name + ".png"), full_page=True)


def fits(page):
    """Nothing on the page is wider than the phone's screen."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_quarter_of_realisation(live_server, browser, users, org, tmp_path):
    year = utcnow().year
    with db.connection_context():
        quarter = Period.create(year=year, quarter=1)
        skp = Skp.create(employee=org["staff"], year=year, state="approved",
                         appraiser=org["boss"])
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan asuhan keperawatan rawat jalan")
        Iki.create(rhk=rhk, aspect="kuantitas", indicator="Jumlah pasien yang dilayani",
                   target_value=1200, target_unit="pasien")
        Iki.create(rhk=rhk, aspect="waktu", indicator="Waktu penyelesaian rujukan",
                   target_value=3, target_unit="hari")
    evidence = tmp_path / "register-pasien-tw1.pdf"
    evidence.write_bytes(PDF)
    fieldset = "fieldset"

    context, page = session(browser, live_server, "pegawai")
    page.goto(f"{live_server}/admin/skp/{skp.id}/")
    page.get_by_role("link", name="Isi realisasi").first.click()
    page.wait_for_load_state()
    assert page.locator("#realisation-state").inner_text() == "Belum diajukan"
    result = page.locator(fieldset, has_text="Pelayanan asuhan keperawatan")
    result.get_by_label("Yang telah dicapai (realisasi)").fill(
        "Melayani 310 pasien rawat jalan; 12 rujukan")
    numbers = result.get_by_label("Realisasi s.d. periode ini")
    numbers.nth(0).fill("310")
    numbers.nth(1).fill("dua")
    page.get_by_label("Tambah berkas").set_input_files(str(evidence))
    shot(page, "realisation-entry-390")
    assert fits(page)
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state()
    # the word where a number belongs is said, what was typed and the file are kept
    assert "Tulis sebagai angka" in page.content()
    assert numbers.nth(1).input_value() == "dua"
    assert "register-pasien-tw1.pdf" in page.content()
    numbers.nth(1).fill("2")
    page.get_by_role("button", name="Ajukan realisasi").click()
    confirm(page, "Ya, ajukan")
    page.wait_for_load_state()
    assert page.locator("#realisation-state").inner_text() == "Menunggu penilaian"
    context.close()

    context, page = session(browser, live_server, "penilai")
    page.goto(f"{live_server}/admin/skp/{skp.id}/")
    page.get_by_role("row", name=f"Triwulan I {year}").get_by_role("link", name="Nilai").click()
    page.wait_for_load_state()
    text = page.content()
    assert "Melayani 310 pasien rawat jalan; 12 rujukan" in text
    assert "target 1.200 pasien" in text and "25,8 %" in text and "133,3 %" in text
    assert "register-pasien-tw1.pdf" in text
    shot(page, "appraiser-sees-realisation-390")
    page.locator("summary", has_text="Minta perbaikan").click()
    page.get_by_label("Alasan", exact=True).fill("Lampirkan juga daftar rujukan.")
    page.get_by_role("button", name="Kembalikan realisasi").click()
    confirm(page, "Ya, kembalikan")
    page.wait_for_load_state()
    assert page.locator("#realisation-state").inner_text() == "Dikembalikan untuk diperbaiki"
    context.close()

    context, page = session(browser, live_server, "pegawai")
    page.goto(f"{live_server}/admin/skp/{skp.id}/")
    assert "Lampirkan juga daftar rujukan." in page.content()
    page.get_by_role("link", name="Perbaiki realisasi").click()
    page.wait_for_load_state()
    assert "Lampirkan juga daftar rujukan." in page.locator("#return-reason").inner_text()
    shot(page, "realisation-returned-390")
    page.get_by_label("Realisasi s.d. periode ini").nth(0).fill("320")
    page.get_by_role("button", name="Ajukan realisasi").click()
    confirm(page, "Ya, ajukan")
    page.wait_for_load_state()
    assert page.locator("#realisation-state").inner_text() == "Menunggu penilaian"
    context.close()

    context, page = session(browser, live_server, "penilai")
    page.goto(f"{live_server}/admin/skp/{skp.id}/evaluation/{quarter.id}")
    result = page.locator(fieldset, has_text="Pelayanan asuhan keperawatan")
    assert "26,7 %" in result.inner_text()
    result.get_by_label("Umpan balik", exact=True).fill("Pertahankan.")
    result.get_by_label("Penilaian hasil kerja ini", exact=True).select_option("sesuai")
    for value in ("Berorientasi Pelayanan", "Akuntabel", "Kompeten"):
        page.locator(fieldset, has_text=value).get_by_label("Penilaian", exact=True) \
            .select_option("di_atas")
    page.get_by_role("button", name="Simpan penilaian").click()
    page.wait_for_load_state()
    assert page.locator("#evaluation-predikat").inner_text() == "Baik"
    context.close()

    context, page = session(browser, live_server, "pegawai")
    page.goto(f"{live_server}/admin/skp/{skp.id}/realisation/{quarter.id}")
    assert page.locator("#realisation-state").inner_text() == "Sudah dinilai"
    assert page.locator("#realisation-predikat").inner_text() == "Baik"
    shot(page, "realisation-rated-390")
    assert fits(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "realisation-rated-1280")
    context.close()
