"""On a phone (390 px) each block of a unit's report card links to the explanation of
exactly its numbers: following "Cara menghitung angka ini" lands on that section of
"Cara angka dihitung", scrolled into view, and neither page is wider than the screen.
With LENTERA_SHOTS=<folder> the pages are saved as screenshots there."""
import os

from portal import demo
from portal.db import db
from tests.conftest import PASSWORD

# report card block → its section on the criteria page, with the section's heading
BLOCKS = (("ikm", "ikm", "Indeks Kepuasan Masyarakat (IKM)"),
          ("indicators", "indikator", "Indikator kinerja dan capaian"),
          ("complaints", "pengaduan", "Penanganan pengaduan"),
          ("predikat", "predikat", "Predikat kinerja pegawai"))
WIDER = "() => document.documentElement.scrollWidth > window.innerWidth + 1"


def test_report_card_links_land_on_their_explanation(app, live_server, page):
    with app.app_context(), db.connection_context():
        demo.load("small", 7, PASSWORD, survey_responses=50)
    shots = os.environ.get("LENTERA_SHOTS")
    page.goto(f"{live_server}/unit/DINKES")
    assert not page.evaluate(WIDER)
    if shots:
        page.screenshot(path=os.path.join(shots, "unit-390.png"), full_page=True)
    for block, anchor, heading in BLOCKS:
        page.goto(f"{live_server}/unit/DINKES")
        link = page.locator(f"#{block} .how-link a").first
        assert link.inner_text() == "Cara menghitung angka ini"
        link.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"#{anchor}"), page.url
        target = page.locator(f"section#{anchor}")
        assert target.locator("h2").inner_text() == heading
        top = target.evaluate("el => el.getBoundingClientRect().top")
        assert -2 <= top < 60, (anchor, top)  # scrolled to the top of the screen
        assert not page.evaluate(WIDER), anchor
        if shots:
            page.screenshot(path=os.path.join(shots, f"criteria-{anchor}-390.png"))
