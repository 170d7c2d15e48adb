"""Stored XSS in a real browser: a citizen types an attack into the complaint form,
staff texts hold it everywhere, and no page — public or back office — runs it.
A dialog (alert) fails the test; so does a script or onerror handler in the DOM."""
import pytest

from portal.db import db
from portal.models import Complaint
from tests.conftest import PASSWORD
from tests.hostile.conftest import XSS, hostile_app  # noqa: F401 (fixture)
from tests.hostile.poison import fill

pytestmark = pytest.mark.browser


def watch(page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def assert_inert(page, url, dialogs):
    page.goto(url)
    page.wait_for_load_state("load")
    assert dialogs == [], f"a script ran on {url}: {dialogs}"
    assert page.locator("script:not([src])").evaluate_all(
        "nodes => nodes.filter(n => n.textContent.includes('alert(1)')).length") == 0, url
    assert page.locator("[onerror], [onload]").count() == 0, url


def test_no_attack_runs_on_public_or_back_office_pages(live_server, browser, hostile_app,  # noqa: F811
                                                       org, users, survey):
    poisoned = fill(hostile_app.test_client(), org, users, survey)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs = watch(page)
    # a citizen types the attack into the real form
    page.goto(live_server + "/pengaduan/baru")
    page.fill("#title", "Lampu <script>alert(1)</script>")
    page.fill("#description", "Lampu jalan mati total. " + XSS)
    page.fill("#place", XSS[:200])
    page.fill("#reporter_name", XSS[:200])
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_load_state("load")
    assert "LPR-" in page.content() and dialogs == []
    with db.connection_context():
        complaints = list(Complaint.select().order_by(Complaint.id))
    assert len(complaints) == 2
    for complaint in complaints:
        assert_inert(page, f"{live_server}/pengaduan/lacak?id={complaint.tracking_id}", dialogs)
    for path in ("/", "/unit/RACUN", "/materi/racun", "/penghargaan",
                 f"/acara/{poisoned['event'].id}", "/survei/", "/kriteria"):
        assert_inert(page, live_server + path, dialogs)
    # the back office has no CSP against inline script: escaping alone must hold
    page.goto(live_server + "/login")
    page.fill("#username", "admin")
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    for path in ["/admin/complaint/", "/admin/unit/", "/admin/employee/", "/admin/award/",
                 "/admin/event/", "/admin/content_item/", "/admin/survey_response/",
                 f"/admin/skp/{poisoned['skp'].id}/", f"/admin/monthly/{poisoned['report'].id}/",
                 f"/admin/content_item/workflow/{poisoned['item'].id}",
                 f"/admin/event/edit/?id={poisoned['event'].id}"] + [
            f"/admin/complaint/handle/{c.id}" for c in complaints]:
        assert_inert(page, live_server + path, dialogs)
    context.close()
