"""The appraiser finalises an SKP in a real browser: "Finalkan dan kunci" first says
what will happen, "Batal" leaves the SKP as it was, "Ya, kunci" locks it — in a
dialog with JavaScript, on a page of its own without."""
import os

import pytest

from portal.db import db
from portal.models import Iki, Rhk, Skp
from tests.browser.test_skp_cycle import session
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

YEAR = 2026
SENTENCE = ("SKP 2026 milik Dewi Lestari akan dikunci; penilaian tidak dapat diubah lagi tanpa "
            "dibuka kembali oleh admin. Sebaran predikat Dinas Kesehatan setelah finalisasi "
            "(SKP final dan semua SKP akan final, termasuk SKP ini): Sangat Baik 1.")
SHOTS = os.environ.get("LENTERA_SHOTS")  # a folder: the steps are photographed there


@pytest.fixture
def evaluated(org):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=YEAR, appraiser=org["boss"],
                         state="annual_evaluated")
        skp.set_ratings("di_atas", "di_atas")
        skp.save()
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan asuhan keperawatan rawat jalan")
        Iki.create(rhk=rhk, aspect="kuantitas", indicator="Jumlah pasien yang dilayani",
                   target_value=1200, target_unit="pasien")
    return skp


def state_of(skp):
    with db.connection_context():
        return Skp.get_by_id(skp.id).state


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name + ".png"), full_page=False)


@pytest.mark.parametrize("width", [390, 1280])
def test_finalising_asks_in_a_dialog_then_locks(live_server, browser, users, evaluated, width):
    context, page = session(browser, live_server, "penilai")
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{live_server}/admin/skp/{evaluated.id}/")
    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Finalkan dan kunci").click()
    dialog = page.get_by_role("dialog")
    assert dialog.is_visible()
    assert dialog.locator(".confirm-sentence").inner_text() == SENTENCE
    shot(page, f"dialog-{width}")
    dialog.get_by_role("button", name="Batal").click()
    assert not dialog.is_visible()
    assert page.locator("#skp-state").inner_text() == "Dinilai (tahunan)"
    assert state_of(evaluated) == "annual_evaluated"

    page.wait_for_load_state()  # the dialog's script runs once the page is loaded
    page.get_by_role("button", name="Finalkan dan kunci").click()
    page.get_by_role("dialog").get_by_role("button", name="Ya, kunci").click()
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Final"
    assert "SKP ini sudah final dan terkunci." in page.content()
    assert state_of(evaluated) == "final"
    context.close()


def test_without_javascript_the_server_asks_on_its_own_page(live_server, browser, users,
                                                           evaluated):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/login")
    page.fill("#username", "penilai")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server}/admin/skp/{evaluated.id}/")
    page.get_by_role("button", name="Finalkan dan kunci").click()
    page.wait_for_load_state()
    assert page.locator(".confirm-sentence").inner_text() == SENTENCE
    shot(page, "page-390")
    page.get_by_role("link", name="Batal").click()
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Dinilai (tahunan)"
    assert state_of(evaluated) == "annual_evaluated"

    page.get_by_role("button", name="Finalkan dan kunci").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ya, kunci").click()
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Final"
    assert state_of(evaluated) == "final"
    context.close()
