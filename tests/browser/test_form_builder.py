"""An operator with little IT practice builds a workshop registration whose NIP question
is shown only when "Ya" is chosen, picking the condition from lists; she previews the
draft (nothing is stored), publishes it, and a citizen fills it in on a phone.

Set LENTERA_SHOTS to a folder to keep the screenshots (390 and 1280 px)."""
import os

import pytest

from portal.db import db
from portal.models import FormField, FormSubmission
from tests.browser.test_custom_form import sign_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("LENTERA_SHOTS")


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, name + ".png"), full_page=True)


def options(page, selector):
    return page.locator(selector + " option").all_inner_texts()


def test_an_operator_builds_previews_and_publishes_a_form_with_a_condition(
        live_server, browser, users):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    operator = context.new_page()
    sign_in(operator, live_server, "operator")
    operator.goto(live_server + "/admin/custom_form/new/")
    operator.fill("#title", "Pendaftaran Workshop SKP")
    for _ in range(3):
        operator.click("#fields-button")
    operator.fill("#fields-0-label", "Nama lengkap")
    operator.check("#fields-0-required")
    operator.fill("#fields-1-label", "Apakah Anda ASN?")
    operator.select_option("#fields-1-type", "yes_no")
    operator.fill("#fields-2-label", "NIP")
    operator.check("#fields-2-required")
    # only the earlier question with options is offered, by its label; its options as read
    assert options(operator, "#fields-2-show_when_key") == ["— Selalu tampilkan —",
                                                             "Apakah Anda ASN?"]
    assert operator.locator("#fields-2-show_when_value").is_disabled()
    operator.select_option("#fields-2-show_when_key", label="Apakah Anda ASN?")
    assert options(operator, "#fields-2-show_when_value") == ["— Pilih jawabannya —", "Ya",
                                                               "Tidak"]
    operator.select_option("#fields-2-show_when_value", label="Ya")
    # a question added later is not offered to an earlier one
    assert options(operator, "#fields-1-show_when_key") == ["— Selalu tampilkan —"]
    shot(operator, "builder-1280")
    operator.get_by_role("button", name="Simpan dan Lanjut Mengubah").click()
    operator.wait_for_load_state()
    assert operator.locator("#fields-2-show_when_key option:checked").inner_text() == \
        "Apakah Anda ASN?"
    assert operator.locator("#fields-2-show_when_value option:checked").inner_text() == "Ya"
    with db.connection_context():
        nip = FormField.get(FormField.label == "NIP")
        assert (nip.show_when_key, nip.show_when_value) == ("apakah_anda_asn", "yes")

    # the draft's preview, from the edit page: the public form, conditions working
    with context.expect_page() as opened:
        operator.get_by_role("link", name="Pratinjau", exact=True).click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").inner_text() == "Pendaftaran Workshop SKP"
    assert "Pratinjau" in preview.locator(".flash-warning").inner_text()
    assert not preview.locator("#nip").is_visible()
    preview.get_by_label("Ya").check()
    assert preview.locator("#nip").is_visible()
    shot(preview, "preview-1280")
    preview.fill("#nama_lengkap", "Rina Marlina")
    preview.fill("#nip", "199001012015032001")
    preview.get_by_role("button", name="Periksa jawaban (pratinjau: tidak ada yang disimpan)") \
        .click()
    preview.wait_for_load_state()
    assert "Tidak ada yang disimpan." in preview.content()
    with db.connection_context():
        assert FormSubmission.select().count() == 0
    preview.close()

    operator.set_viewport_size({"width": 390, "height": 844})
    shot(operator, "builder-390")
    operator.set_viewport_size({"width": 1280, "height": 900})
    operator.select_option("#status", "published")
    operator.get_by_role("button", name="Simpan", exact=True).click()
    operator.wait_for_url("**/admin/custom_form/")
    context.close()

    citizen_context = browser.new_context(viewport={"width": 390, "height": 844})
    citizen = citizen_context.new_page()
    citizen.goto(live_server + "/formulir/pendaftaran-workshop-skp")
    assert citizen.locator(".flash-warning").count() == 0  # the public form, no preview
    nip_box = citizen.locator("#nip")
    assert not nip_box.is_visible()
    citizen.fill("#nama_lengkap", "Rina Marlina")
    citizen.get_by_label("Ya").check()
    assert nip_box.is_visible()
    citizen.fill("#nip", "199001012015032001")
    shot(citizen, "public-390")
    citizen.get_by_role("button", name="Kirim").click()
    citizen.wait_for_load_state()
    assert citizen.locator("#reference").inner_text().startswith("FRM-")
    with db.connection_context():
        assert FormSubmission.select().count() == 1
    citizen_context.close()
