"""The pages a citizen and an office worker use most, in Chromium under the real
Content-Security-Policy: no violation is reported, and the back office's widgets
(select2 lookups, date pickers, filters, delete confirmation, bulk actions) still work.

What this proves: the policy without 'unsafe-inline' scripts does not break the
portal; Flask-Admin's inline handlers, which Chromium refuses (and reports) as soon
as a page loads, are gone from our copies of its templates and their work is done
by static/js/admin.js.
"""
import pytest

from portal.db import db
from portal.models import Award, Employee
from tests.browser.test_admin_employee import pick, sign_in

pytestmark = pytest.mark.browser

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    refused = []
    page.on("console", lambda msg: refused.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text else None)
    page.refused = refused
    yield page
    context.close()


def assert_clean(page):
    page.wait_for_load_state("load")
    violations = page.evaluate("window.__csp || []")
    assert violations == [], (page.url, violations)
    assert page.refused == [], (page.url, page.refused)


def test_public_pages_report_no_violation(live_server, desk, survey):
    for path in ("/", "/pengaduan/baru", "/survei/", "/materi", "/login"):
        desk.goto(live_server + path)
        assert_clean(desk)


def test_back_office_widgets_work_under_the_policy(live_server, desk, users, org):
    sign_in(desk, live_server, "admin")
    assert_clean(desk)

    # list: filters and the delete confirmation (cancelled: nothing deleted)
    desk.goto(live_server + "/admin/employee/")
    assert_clean(desk)
    desk.get_by_role("link", name="Tambah Filter").click()
    desk.locator("a.filter").first.click()
    assert desk.locator(".filter-op, table.filters tr").count() > 0
    desk.locator("form.icon[data-confirm-sentence] button").first.click()
    asking = desk.get_by_role("dialog")
    assert asking.locator(".confirm-sentence").inner_text().startswith("Hapus pegawai ")
    asking.get_by_role("button", name="Batal").click()
    assert not asking.is_visible()
    with db.connection_context():
        assert Employee.select().count() == 3
    assert_clean(desk)

    # create: select2 ajax lookups
    desk.goto(live_server + "/admin/employee/new/")
    assert_clean(desk)
    desk.fill("#nip", "19900315 201903 2 004")
    desk.fill("#name", "Rina Handayani")
    desk.select_option("#golongan", "III/b")
    desk.select_option("#jabatan_kind", "pelaksana")
    desk.fill("#position_title", "Operator Layanan Dokumen")
    pick(desk, "unit", "Kesehatan")
    pick(desk, "supervisor", "Siti")
    desk.get_by_role("button", name="Simpan", exact=True).click()
    desk.wait_for_load_state()
    assert "Data berhasil ditambahkan." in desk.content()
    assert_clean(desk)

    # edit: the lookups show the saved values
    with db.connection_context():
        rina = Employee.get(Employee.name == "Rina Handayani")
    desk.goto(live_server + f"/admin/employee/edit/?id={rina.id}")
    assert "Siti Rahmawati" in desk.content()
    assert_clean(desk)

    # a date picker (award date)
    desk.goto(live_server + "/admin/award/new/")
    desk.locator("#award_date").click()
    assert desk.locator(".daterangepicker").first.is_visible()
    desk.keyboard.press("Escape")
    assert_clean(desk)


def test_bulk_action_asks_before_acting(live_server, desk, users):
    sign_in(desk, live_server, "admin")
    desk.goto(live_server + "/admin/account/")
    desk.locator("input.action-checkbox").first.check()
    desk.locator("a.dropdown-toggle", has_text="Untuk data terpilih").click()
    messages = []
    desk.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    desk.locator("a[data-action=unlock]").click()
    desk.wait_for_timeout(200)
    assert messages, "the action's confirmation did not appear"
    # accepted: the action runs on the ticked row
    desk.once("dialog", lambda dialog: dialog.accept())
    desk.locator("a.dropdown-toggle", has_text="Untuk data terpilih").click()
    with desk.expect_navigation():
        desk.locator("a[data-action=unlock]").click()
    assert desk.locator(".alert-success").count() == 1
    assert_clean(desk)
