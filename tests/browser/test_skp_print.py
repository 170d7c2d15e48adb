"""The head of a Dinas Kesehatan section before she finalises, in Chromium: from the SKP
page she opens the predikat spread of her people and her unit against the pola
distribusi, comes back, confirms the irreversible step (the question says the unit's
spread after it), and downloads the signed SKP and the quarter's evaluation document."""
import os

import pytest

from portal.db import db
from portal.models import (Employee, Evaluation, EvaluationBehaviour, EvaluationResult, Iki,
                           IkiRealisation, Period, Rhk, Skp, UnitResult)
from tests.browser.test_skp_cycle import session
from tests.pdf_text import pdf_text

pytestmark = pytest.mark.browser

YEAR = 2026
SHOTS = os.environ.get("LENTERA_SHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name + ".png"), full_page=True)


@pytest.fixture
def season(org):
    """Dewi's SKP evaluated for the year (Baik) and for the first quarter, not final yet;
    Budi's final (Sangat Baik); the dinas' result Baik."""
    with db.connection_context():
        budi = Employee.create(nip="199001012015031003", name="Budi Santoso", golongan="III/b",
                               jabatan_kind="pelaksana", position_title="Pengelola Data",
                               unit=org["dinas"], supervisor=org["head"])
        done = Skp.create(employee=budi, year=YEAR, appraiser=org["head"], state="final")
        done.set_ratings("di_atas", "di_atas")
        done.save()
        UnitResult.create(unit=org["dinas"], year=YEAR, capaian="baik")
        skp = Skp.create(employee=org["staff"], year=YEAR, appraiser=org["boss"],
                         state="annual_evaluated")
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan asuhan keperawatan rawat jalan")
        iki = Iki.create(rhk=rhk, aspect="kuantitas", indicator="Jumlah pasien yang dilayani",
                         target_value=1200, target_unit="pasien")
        quarter = Period.create(year=YEAR, quarter=1)
        for period, value, hasil_kerja in ((quarter, 310, "sesuai"),
                                           (Period.create(year=YEAR), 1260, "sesuai")):
            evaluation = Evaluation.create(skp=skp, period=period, hasil_kerja_rating=hasil_kerja,
                                           perilaku_rating="sesuai", predikat="baik")
            EvaluationResult.create(evaluation=evaluation, rhk=rhk, rating="sesuai",
                                    realisation=f"{value} pasien dilayani",
                                    feedback="Dokumentasi asuhan sudah rapi")
            EvaluationBehaviour.create(evaluation=evaluation, value="kolaboratif",
                                       rating="sesuai")
            IkiRealisation.create(evaluation=evaluation, iki=iki, value=value)
        skp.set_ratings("sesuai", "sesuai")
        skp.save()
    return {"skp": skp, "quarter": quarter}


@pytest.mark.parametrize("width", [390, 1280])
def test_spread_then_finalise_then_print(live_server, browser, users, org, season, width):
    skp = season["skp"]
    context, page = session(browser, live_server, "penilai")
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{live_server}/admin/skp/{skp.id}/")
    page.get_by_role("link", name="Lihat sebaran predikat Dinas Kesehatan sebelum "
                                   "finalisasi").click()
    page.wait_for_load_state()
    people = page.locator("#my-people")
    assert "Dewi Lestari — Dinilai (tahunan): Baik" in people.inner_text()
    assert page.get_by_role("heading", name="Dinas Kesehatan — 2026").is_visible()
    warning = page.locator("#warning-after").inner_text()
    assert "paling sedikit satu pegawai dengan Butuh Perbaikan / Kurang/Misconduct" in warning
    shot(page, f"distribution-{width}")

    page.go_back()
    page.wait_for_load_state()
    page.get_by_role("button", name="Finalkan dan kunci").click()
    dialog = page.get_by_role("dialog")
    sentence = dialog.locator(".confirm-sentence").inner_text()
    assert ("Sebaran predikat Dinas Kesehatan setelah finalisasi (SKP final dan semua SKP "
            "akan final, termasuk SKP ini): Sangat Baik 1, Baik 1. "
            "Peringatan, sebaran ini tidak sesuai pola distribusi unit") in sentence
    shot(page, f"finalise-{width}")
    dialog.get_by_role("button", name="Ya, kunci").click()
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Final"

    with page.expect_download() as download:
        page.get_by_role("link", name="Cetak PDF").click()
    text = pdf_text(open(download.value.path(), "rb").read())
    assert "Jumlah pasien yang dilayani 1.200 pasien 1.260 pasien (105 %)" in text
    assert "PREDIKAT KINERJA PEGAWAI Baik" in text
    assert "Siti Rahmawati Penata Tingkat I (III/d) NIP 19800101 200501 1 002" in text

    page.goto(f"{live_server}/admin/skp/{skp.id}/evaluation/{season['quarter'].id}")
    shot(page, f"evaluation-{width}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Cetak dokumen evaluasi (PDF)").click()
    assert download.value.suggested_filename == "evaluasi-2026-tw1-Dewi-Lestari.pdf"
    text = pdf_text(open(download.value.path(), "rb").read())
    assert "PERIODE: TRIWULAN I (1 Januari 2026 - 31 Maret 2026)" in text
    assert "310 pasien (25,8 %)" in text and "PREDIKAT KINERJA PERIODE INI Baik" in text
    context.close()
