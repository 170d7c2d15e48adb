"""An operator registers an employee in the back office, typing the NIP as it is written."""
import pytest

from portal.db import db
from portal.models import Employee
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, base, username):
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def pick(page, field, text):
    """Choose in a Flask-Admin ajax lookup (select2): open, type, take the first match."""
    page.locator(f"#s2id_{field} a, #{field} + .select2 .select2-selection").first.click()
    page.keyboard.type(text)
    page.locator(".select2-result-selectable, .select2-results__option--highlighted").first.click()


def test_operator_adds_an_employee(live_server, browser, users, org):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, "operator")
    page.goto(live_server + "/admin/employee/new/")
    page.fill("#nip", "19900315 201903 2 004")
    page.fill("#name", "Rina Handayani")
    page.select_option("#golongan", "III/b")
    page.select_option("#jabatan_kind", "pelaksana")
    page.fill("#position_title", "Operator Layanan Dokumen")
    pick(page, "unit", "Kesehatan")
    pick(page, "supervisor", "Siti")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_load_state()
    assert "Data berhasil ditambahkan." in page.content()
    with db.connection_context():
        rina = Employee.get(Employee.name == "Rina Handayani")
        assert rina.nip == "199003152019032004"
        assert rina.unit_id == org["dinas"].id and rina.supervisor_id == org["boss"].id
    context.close()
