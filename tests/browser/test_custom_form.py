"""An operator builds a form and publishes it; a citizen fills it in on a phone; the
operator sees the submission and exports it."""
import csv
import io

import pytest

from portal.db import db
from portal.models import FormSubmission
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, base, username):
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def test_an_operator_builds_a_form_and_reads_what_a_citizen_sent(live_server, browser, users):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    operator = context.new_page()
    sign_in(operator, live_server, "operator")
    operator.goto(live_server + "/admin/custom_form/new/")
    operator.fill("#title", "Pendataan Pedagang Pasar")
    operator.select_option("#status", "published")
    operator.fill("#intro", "Untuk **pedagang** Pasar Baru.")
    for _ in range(3):
        operator.click("#fields-button")
    operator.fill("#fields-0-label", "Nama pedagang")
    operator.select_option("#fields-0-type", "short_text")
    operator.check("#fields-0-required")
    operator.fill("#fields-1-label", "Punya kios tetap?")
    operator.select_option("#fields-1-type", "yes_no")
    operator.check("#fields-1-required")
    operator.fill("#fields-2-label", "Nomor kios")
    operator.select_option("#fields-2-type", "short_text")
    operator.check("#fields-2-required")
    operator.select_option("#fields-2-show_when_key", label="Punya kios tetap?")
    operator.select_option("#fields-2-show_when_value", label="Ya")
    operator.get_by_role("button", name="Simpan", exact=True).click()
    operator.wait_for_url("**/admin/custom_form/")
    assert "Pendataan Pedagang Pasar" in operator.content()
    address = operator.get_by_role("link", name="Dibuka").get_attribute("href")
    assert address.endswith("/formulir/pendataan-pedagang-pasar")

    citizen_context = browser.new_context(viewport={"width": 390, "height": 844})
    citizen = citizen_context.new_page()
    citizen.goto(live_server + address)
    assert citizen.locator("h1").inner_text() == "Pendataan Pedagang Pasar"
    kiosk = citizen.locator("#nomor_kios")
    assert not kiosk.is_visible()  # shown only for a fixed kiosk
    citizen.get_by_role("button", name="Kirim").click()  # nothing filled in
    assert "Pertanyaan ini wajib dijawab." in citizen.content()
    citizen.fill("#nama_pedagang", "Ibu Ratna")
    citizen.get_by_label("Ya").check()
    assert kiosk.is_visible()
    citizen.fill("#nomor_kios", "B-17")
    citizen.get_by_role("button", name="Kirim").click()
    citizen.wait_for_load_state()
    reference = citizen.locator("#reference").inner_text()
    assert reference.startswith("FRM-")
    citizen_context.close()

    operator.get_by_role("link", name="Isian masuk").first.click()
    operator.wait_for_load_state()
    assert reference in operator.content() and "Ibu Ratna" in operator.content()
    with db.connection_context():
        submission = FormSubmission.get(FormSubmission.reference == reference)
    operator.goto(f"{live_server}/admin/form_submission/details/?id={submission.id}")
    assert "B-17" in operator.content() and "Punya kios tetap?" in operator.content()
    operator.go_back()
    operator.get_by_role("button", name="Ekspor").first.click()
    with operator.expect_download() as download:
        operator.locator("a.dropdown-item[href*='/export/csv/']").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][4:] == ["nama_pedagang", "punya_kios_tetap", "nomor_kios"]
    assert rows[1][0] == reference and rows[1][4:] == ["Ibu Ratna", "Ya", "B-17"]
    context.close()
