"""Bu Sari follows her report on a phone through her own link: she adds a detail with a
photo, the unit answers, she says "belum selesai" with a reason, and the unit's officer
finds it first on her start page."""
import os

import pytest

from portal import complaint_conversation as conversation
from portal.db import db
from portal.models import Complaint, User
from tests.complaint_helpers import jpeg_with_exif, make_complaint, move
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser
SHOTS = "/tmp/shots-conversation"


def shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, name), full_page=True)


def sign_in(browser, base, username, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return context, page


def test_bu_sari_says_belum_selesai_and_the_unit_sees_it_first(
        app, live_server, page, browser, org, users, password_hash, tmp_path):
    with db.connection_context():
        User.create(username="petugas-dinkes", role="petugas_pengaduan", unit=org["dinas"],
                    password_hash=password_hash, display_name="Petugas Dinkes")
    complaint = make_complaint(app, reporter_name="Sari", reporter_email="sari@contoh.id",
                               title="Antrean puskesmas terlalu lama")
    move(app, complaint, ("verify", users["admin"], {}),
         ("dispose", users["admin"], {"unit": org["dinas"]}))
    with app.test_request_context():
        link = conversation.own_url(complaint, external=False)

    # a week later she opens her link from the e-mail
    page.goto(live_server + link)
    assert page.locator(".handled-by").inner_text() == "Dinas Kesehatan"
    assert page.locator(".step").inner_text() == "Tindak lanjut oleh unit penangan"
    assert page.locator(".step-due").is_visible()
    photo = tmp_path / "antrean.jpg"
    photo.write_bytes(jpeg_with_exif())
    page.get_by_label("Keterangan Anda").fill("Hari Senin antrean sampai jam 3 sore.")
    page.get_by_label("Foto atau dokumen (tidak wajib)").set_input_files(str(photo))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "01-add-information-390.png")
    page.get_by_role("button", name="Tambah keterangan").click()
    page.wait_for_selector(".flash-success")
    assert "Keterangan Anda telah ditambahkan" in page.locator(".flash-success").inner_text()
    assert "antrean.jpg" in page.locator(".attachments").inner_text()
    assert "jam 3 sore" in page.locator(".timeline").inner_text()

    # the unit's officer answers (staff side, at a desk)
    context, staff = sign_in(browser, live_server, "petugas-dinkes", 1280)
    staff.goto(live_server + f"/admin/complaint/handle/{complaint.id}")
    assert "Hari Senin antrean sampai jam 3 sore." in staff.content()
    staff.get_by_label("Jawaban untuk pelapor (publik)").fill(
        "Loket tambahan dibuka mulai pekan ini.")
    staff.get_by_role("button", name="Jawab pelapor").click()
    staff.wait_for_selector(".alert-success")

    # she answers the unit's reply: belum selesai
    page.goto(live_server + link)
    assert "Loket tambahan dibuka" in page.locator(".timeline").inner_text()
    page.get_by_label("Mengapa belum selesai?").fill("Hari ini antrean masih empat jam.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "02-belum-selesai-390.png")
    page.get_by_role("button", name="Belum selesai: kembalikan ke unit").click()
    page.wait_for_selector(".flash-success")
    assert "dikembalikan ke Dinas Kesehatan" in page.locator(".flash-success").inner_text()
    assert "Belum selesai: dikembalikan ke unit oleh pelapor" in \
        page.locator(".timeline").inner_text()
    shot(page, "03-sent-back-390.png")
    with db.connection_context():
        assert Complaint.get_by_id(complaint.id).state == "in_progress"

    # the officer's start page: the sent-back complaint first, with the reason
    staff.goto(live_server + "/admin/")
    text = staff.locator("main, body").first.inner_text()
    assert "Dikembalikan pelapor: belum selesai" in text
    assert "Alasan: Hari ini antrean masih empat jam." in text
    shot(staff, "04-start-page-1280.png")
    context.close()
    context, phone_staff = sign_in(browser, live_server, "petugas-dinkes", 390)
    shot(phone_staff, "05-start-page-390.png")
    context.close()
    desk = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    desk.goto(live_server + link)
    shot(desk, "06-own-page-1280.png")
    desk.goto(live_server + f"/pengaduan/lacak?id={complaint.tracking_id}")
    shot(desk, "07-public-status-1280.png")
    desk.context.close()
