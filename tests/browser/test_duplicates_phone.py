"""A citizen on a phone is offered an open report that looks like hers; the coordinator
merges a duplicate into it, and the public list shows both without their reporters."""
import os

import pytest

from portal.db import db
from portal.models import Complaint
from portal.rules import complaints as rules
from tests.complaint_helpers import make_complaint
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("LENTERA_SHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def test_a_look_alike_report_is_offered_and_the_coordinator_merges_a_duplicate(
        app, live_server, page, browser, org, users):
    existing = make_complaint(app, unit=org["dinas"].id, category="kesehatan",
                              title="Antrean puskesmas Sukamaju terlalu lama",
                              reporter_name="Budi Pertama")
    duplicate = make_complaint(app, unit=org["dinas"].id, category="kesehatan",
                               title="Antrean lama di puskesmas Sukamaju",
                               reporter_name="Sari Kedua")

    page.goto(live_server + "/pengaduan/baru")
    page.get_by_label("Perangkat Daerah (OPD) yang dituju").select_option(label="Dinas Kesehatan")
    page.get_by_label("Kategori").select_option(label="Kesehatan")
    page.get_by_label("Judul").fill("Antrean di puskesmas sukamaju")
    offered = page.locator("#similar-reports")
    offered.get_by_text("Apakah ini masalah yang sama?").wait_for()
    assert offered.get_by_role("link", name=existing.title).is_visible()
    assert "Kata yang sama" in offered.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "offered-390.png")

    # the public list, on the phone: titles and status, never a reporter
    page.goto(live_server + "/pengaduan/daftar")
    assert page.get_by_role("link", name=existing.title).is_visible()
    assert "Budi Pertama" not in page.content() and "Sari Kedua" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "list-390.png")

    desk = browser.new_context(viewport={"width": 1280, "height": 900})
    office = desk.new_page()
    office.goto(live_server + "/login")
    office.fill("#username", "petugas")
    office.fill("#password", PASSWORD)
    office.click("input[type=submit]")
    office.wait_for_load_state()
    office.goto(live_server + f"/admin/complaint/handle/{duplicate.id}")
    form = office.locator("form.merge-form")
    form.get_by_label("Kode pelacakan laporan yang dipertahankan").fill(
        existing.tracking_id.lower())
    shot(office, "merge-form-1280.png")
    form.get_by_role("button", name="Gabungkan ke laporan lain").click()
    office.get_by_role("button", name="Ya, gabungkan").click()
    office.get_by_text("kini mengikuti laporan tersebut").wait_for()
    shot(office, "merged-1280.png")
    desk.close()
    with db.connection_context():
        merged = Complaint.get_by_id(duplicate.id)
        assert merged.state == rules.MERGED and merged.merged_into_id == existing.id

    # the reporter of the duplicate follows the survivor with her own tracking ID
    page.goto(live_server + "/pengaduan/lacak?id=" + duplicate.tracking_id)
    assert page.get_by_role("heading", name="Laporan Anda digabungkan ke laporan lain").is_visible()
    assert page.get_by_role("link", name="Buka laporan tempat laporan Anda digabungkan").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "followed-390.png")
