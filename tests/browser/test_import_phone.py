"""On a phone, an operator uploads a workbook of employees, sees the row with an error in
the preview, fixes the file and imports it."""
import pytest

from portal.db import db
from portal.models import Employee
from tests.browser.test_admin_employee import sign_in
from tests.test_imports import EMP_HEADER, NEW_BOSS, NEW_STAFF, xlsx

pytestmark = pytest.mark.browser


def test_operator_fixes_a_row_and_imports(live_server, page, users, org, tmp_path):
    sign_in(page, live_server, "operator")
    page.goto(live_server + "/admin/import/")
    page.select_option("#kind", "employees")
    broken = list(NEW_BOSS)
    broken[3] = ""                                       # a PNS without golongan
    bad = tmp_path / "pegawai.xlsx"
    bad.write_bytes(xlsx(EMP_HEADER, [NEW_STAFF, broken]))
    page.set_input_files("#file", str(bad))
    page.get_by_role("button", name="Periksa berkas").click()
    page.wait_for_url("**/admin/import/preview/**")
    error_row = page.locator("tr.import-error")
    assert error_row.count() == 1
    assert "Golongan wajib diisi untuk PNS." in error_row.inner_text()
    assert error_row.locator("td").first.inner_text() == "3"     # as the spreadsheet shows it
    assert page.get_by_role("button", name="Impor semua baris").count() == 0

    page.get_by_role("button", name="Unggah berkas lain").click()
    page.wait_for_url("**/admin/import/")
    good = tmp_path / "pegawai-benar.xlsx"
    good.write_bytes(xlsx(EMP_HEADER, [NEW_STAFF, NEW_BOSS]))
    page.select_option("#kind", "employees")
    page.set_input_files("#file", str(good))
    page.get_by_role("button", name="Periksa berkas").click()
    page.wait_for_url("**/admin/import/preview/**")
    assert page.locator("tr.import-new").count() == 2
    page.get_by_role("button", name="Impor semua baris").click()
    page.wait_for_url("**/admin/employee/")
    assert "Berhasil diimpor: 2 baru, 0 diubah, 0 tidak berubah." in page.content()
    with db.connection_context():
        rina = Employee.get(Employee.nip == NEW_STAFF[0])
        assert rina.supervisor.nip == NEW_BOSS[0]
