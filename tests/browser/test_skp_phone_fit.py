"""The nurse's SKP pages on a 390 px phone: nothing wider than the screen, in draft
(with the notice on what to do before approval) and after a quarter is rated."""
import os

import pytest

from portal.db import db
from portal.models import Evaluation, Iki, Period, Rhk, Skp
from portal.models.base import utcnow
from tests.browser.test_skp_cycle import session

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("LENTERA_SHOTS", "")

WIDEST = """() => [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 0.5 && r.width > 0
    && !(e.parentElement && e.parentElement.closest('.table-responsive')) && !e.closest('.sr-only');
}).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name + ".png"), full_page=True)


def width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_the_skp_page_fits_the_phone(live_server, browser, users, org):
    year = utcnow().year
    with db.connection_context():
        quarter = Period.create(year=year, quarter=1)
        Period.create(year=year)
        skp = Skp.create(employee=org["staff"], year=year, state="draft", appraiser=org["boss"])
        rhk = Rhk.create(skp=skp, kind="utama",
                         text="Pelayanan asuhan keperawatan rawat jalan di Puskesmas")
        Iki.create(rhk=rhk, aspect="kuantitas", indicator="Jumlah pasien yang dilayani",
                   target_value=1200, target_unit="pasien")
    context, page = session(browser, live_server, "pegawai")
    page.goto(f"{live_server}/admin/skp/{skp.id}/")
    assert page.locator("#before-approval").is_visible()
    shot(page, "skp-draft-390")
    assert width(page) <= 390, page.evaluate(WIDEST)
    page.get_by_role("button", name="Ajukan").click()
    dialog = page.get_by_role("dialog")
    box = dialog.bounding_box()
    assert box["x"] >= 8 and box["x"] + box["width"] <= 390 - 8
    shot(page, "skp-submit-dialog-390")
    dialog.get_by_role("button", name="Batal").click()

    with db.connection_context():
        Skp.update(state="evaluated").where(Skp.id == skp.id).execute()
        Evaluation.create(skp=skp, period=quarter, realisation_state="assessed",
                          hasil_kerja_rating="sesuai", perilaku_rating="di_atas",
                          predikat="baik")
    page.goto(f"{live_server}/admin/skp/{skp.id}/")
    shot(page, "skp-rated-390")
    assert width(page) <= 390, page.evaluate(WIDEST)
    # the quarter's predikat is read without scrolling the table sideways
    rated = page.locator("#evaluations td", has_text="Baik").first.bounding_box()
    assert rated["x"] + rated["width"] <= 390 - 8
    page.goto(f"{live_server}/admin/skp/")
    shot(page, "skp-list-390")
    assert width(page) <= 390, page.evaluate(WIDEST)
    # the predikat is read without scrolling the table: the appraiser's column waits
    # for a wider screen
    box = page.get_by_role("columnheader", name="Predikat").bounding_box()
    assert box["x"] + box["width"] <= 390 - 8
    assert not page.get_by_role("columnheader", name="Pejabat penilai").is_visible()
    context.close()
