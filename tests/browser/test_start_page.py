"""Each role's walk from the start page (Beranda kerja): sign in, find the oldest item
waiting, click it, do it, and see it gone from the start page."""
import os

import pytest

from portal.db import db
from portal.models import ContentItem, Period, Rhk, Iki, Skp, User
from portal.models.base import utcnow
from tests.complaint_helpers import make_complaint
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

YEAR = utcnow().year
SHOTS = os.environ.get("START_PAGE_SHOTS", "")


def sign_in(browser, base, username, width=390):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def shoot(browser, base, username):
    """Screenshots of the start page at a phone's and a desktop's width (when asked)."""
    if not SHOTS:
        return
    for width in (390, 1280):
        context, page = sign_in(browser, base, username, width)
        page.screenshot(path=os.path.join(SHOTS, f"{username}-{width}.png"), full_page=True)
        context.close()


def confirm(page, yes):
    page.get_by_role("dialog").get_by_role("button", name=yes).click()


def first_item(page):
    return page.locator(".work-item").first


def test_the_employee_submits_her_draft_from_the_start_page(live_server, browser, users, org):
    with db.connection_context():
        mine = Skp.create(employee=org["staff"], year=YEAR, appraiser=org["boss"])
        rhk = Rhk.create(skp=mine, text="Pelayanan asuhan keperawatan rawat jalan")
        Iki.create(rhk=rhk, indicator="Jumlah pasien yang dilayani", target_value=1200,
                   target_unit="pasien")
    shoot(browser, live_server, "pegawai")
    context, page = sign_in(browser, live_server, "pegawai")
    assert page.title().startswith("Beranda kerja")
    task = f"Lengkapi SKP {YEAR} Anda dan ajukan ke pejabat penilai"
    page.get_by_role("link", name=task).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Ajukan ke pejabat penilai").click()
    confirm(page, "Ya, ajukan")
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Diajukan"
    page.locator(".navbar-toggler").click()  # the phone's menu
    page.get_by_role("link", name="Beranda", exact=True).click()
    page.wait_for_load_state()
    assert task not in page.content()
    assert page.locator("#my-skp-state").inner_text() == "Diajukan"
    context.close()


def test_the_appraiser_approves_the_oldest_submitted_skp(live_server, browser, users, org):
    with db.connection_context():
        submitted = Skp.create(employee=org["staff"], year=YEAR, appraiser=org["boss"],
                               state="submitted")
        Rhk.create(skp=submitted, text="Pelayanan asuhan keperawatan")
        Skp.create(employee=org["boss"], year=YEAR, appraiser=org["head"], state="submitted")
    shoot(browser, live_server, "penilai")
    context, page = sign_in(browser, live_server, "penilai")
    task = f"Setujui atau kembalikan SKP {YEAR} milik Dewi Lestari"
    assert "Siti Rahmawati" not in page.locator(".col-lg-8").inner_text()
    page.get_by_role("link", name=task).click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Setujui").click()
    confirm(page, "Ya, setujui")
    page.wait_for_load_state()
    assert page.locator("#skp-state").inner_text() == "Disetujui"
    page.goto(live_server + "/admin/")
    assert task not in page.content()
    context.close()


def test_the_coordinator_verifies_the_overdue_complaint_first(app, live_server, browser, users):
    from portal.models import Complaint
    older = make_complaint(app, title="Antrean KTP panjang", anonymous=True,
                           reporter_name="Sari Rahasia")
    make_complaint(app, title="Lampu jalan mati")
    with db.connection_context():
        Complaint.update(due_at=utcnow().replace(year=YEAR - 1)).where(
            Complaint.id == older.id).execute()
    shoot(browser, live_server, "petugas")
    context, page = sign_in(browser, live_server, "petugas")
    assert "Sari Rahasia" not in page.content()
    assert page.locator(".menu-badge").inner_text().startswith("1")
    item = first_item(page)
    assert "Antrean KTP panjang" in item.inner_text() and "Terlambat" in item.inner_text()
    item.get_by_role("link").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Verifikasi", exact=True).click()
    page.wait_for_load_state()
    page.goto(live_server + "/admin/")
    assert f"Verifikasi — {older.tracking_id}" not in page.content()
    assert f"Disposisikan ke unit — {older.tracking_id}" in page.content()
    context.close()


def test_the_reviewing_operator_publishes_the_waiting_content(live_server, browser, users):
    with db.connection_context():
        User.update(content_reviewer=True).where(User.username == "operator").execute()
        ContentItem.create(title="Panduan pengisian SKP", kind="guide", state="pending",
                           created_by=users["admin"])
        Period.create(year=YEAR)
    shoot(browser, live_server, "operator")
    context, page = sign_in(browser, live_server, "operator")
    page.get_by_role("link", name="Tinjau “Panduan pengisian SKP”").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_load_state()
    page.goto(live_server + "/admin/")
    assert "Panduan pengisian SKP" not in page.content()
    assert "✓ Konten yang menunggu ditinjau" in page.locator(".work-empty").inner_text()
    context.close()
    shoot(browser, live_server, "admin")


def test_the_administrator_opens_the_quarter_that_has_begun(app, live_server, browser, users):
    """The administrator's walk: the quarter that has begun has no period yet; she opens
    it from the start page's item, and the item is gone."""
    from portal import holidays
    from portal.rules import waiting
    with app.app_context():
        today = holidays.local_today()
    quarter = waiting.quarter_of(today)
    with db.connection_context():
        Period.create(year=YEAR)
        for earlier in range(1, quarter):
            Period.create(year=YEAR, quarter=earlier, open=False)
    shoot(browser, live_server, "admin")
    context, page = sign_in(browser, live_server, "admin", width=1280)
    task = f"Buka periode Triwulan {'I II III IV'.split()[quarter - 1]} {YEAR}"
    page.get_by_role("link", name=task).click()
    page.wait_for_load_state()
    page.fill("#year", str(YEAR))
    page.fill("#quarter", str(quarter))
    page.locator("input[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(live_server + "/admin/")
    assert task not in page.locator("#work-summary ~ .row").inner_text()
    context.close()
    with db.connection_context():
        assert Period.select().where((Period.year == YEAR) & (Period.quarter == quarter)).exists()
