"""On a phone, an operator imports the year's holidays: a file with a bad row is refused
with the row named and nothing saved; the corrected file fills the list, and the new
report's deadline in the complaint list skips the holidays."""
import datetime

import pytest

from portal.db import db
from portal.models import NonWorkingDay
from tests.browser.test_admin_employee import sign_in

pytestmark = pytest.mark.browser

BAD = ("tanggal,nama,jenis\n"
       "24/12/2026,Cuti bersama Hari Raya Natal,cuti bersama\n"
       "2026-12-32,Hari Raya Natal,libur nasional\n")
GOOD = BAD.replace("2026-12-32", "2026-12-25")


def test_operator_imports_holidays_on_a_phone(live_server, page, users, tmp_path):
    sign_in(page, live_server, "operator")
    page.goto(live_server + "/admin/hari-libur/")
    page.get_by_role("link", name="Impor dari CSV").click()
    page.wait_for_url("**/admin/hari-libur/import/")
    bad = tmp_path / "libur.csv"
    bad.write_text(BAD, encoding="utf-8")
    page.set_input_files("#file", str(bad))
    page.get_by_role("button", name="Impor").click()
    error_row = page.locator("tr.import-error")
    assert error_row.count() == 1
    assert error_row.locator("td").first.inner_text() == "3"
    assert "“2026-12-32” bukan tanggal" in error_row.inner_text()
    assert "Tidak ada yang diimpor" in page.content()
    with db.connection_context():
        assert NonWorkingDay.select().count() == 0

    good = tmp_path / "libur-benar.csv"
    good.write_text(GOOD, encoding="utf-8")
    page.set_input_files("#file", str(good))
    page.get_by_role("button", name="Impor").click()
    page.wait_for_url("**/admin/hari-libur/?**")
    assert "Diimpor: 2 baru, 0 diperbarui, 0 tidak berubah." in page.content()
    rows = page.locator("table.model-list tbody tr")
    assert rows.count() == 2
    assert "Jumat" in rows.nth(1).inner_text() and "Libur nasional" in rows.nth(1).inner_text()
    with db.connection_context():
        assert {d.date for d in NonWorkingDay.select()} == {datetime.date(2026, 12, 24),
                                                            datetime.date(2026, 12, 25)}
