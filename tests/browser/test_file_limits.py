"""A file over the limits is refused as soon as it is chosen, before anything is sent.

A large file takes long to send on a phone, only to be refused. static/js/file-limits.js
reads the limits from the file input and says so under it; the server still checks
every limit itself (tests/test_faults.py), and a form sent over the whole request's
limit without the script comes back with a message (portal/oversized.py)."""
import re

import pytest

from portal.db import db
from portal.models import Complaint, CustomForm
from tests.test_custom_forms import add_fields
from tests.test_faults import pdf


def test_the_limits_are_on_the_file_inputs_in_the_visitors_language(app, client, org):
    app.config.update(COMPLAINT_ATTACHMENT_MAX_BYTES=2 * 1024 * 1024, COMPLAINT_MAX_ATTACHMENTS=3)
    page = client.get("/pengaduan/baru").get_data(as_text=True)
    field = re.search(r'<input[^>]*name="attachments"[^>]*>', page).group(0)
    assert 'data-max-bytes="2097152"' in field and 'data-max-files="3"' in field
    assert 'data-too-large="{name} lebih besar dari 2,0 MB."' in field
    assert "js/file-limits.js" in page
    client.set_cookie("lang", "en")
    page = client.get("/pengaduan/baru").get_data(as_text=True)
    assert 'data-too-large="{name} is larger than 2.0 MB."' in page
    assert 'data-too-many="Attach at most 3 files."' in page


@pytest.mark.browser
def test_a_complaint_attachment_over_the_limit_is_refused_before_sending(app, live_server,
                                                                         page, org):
    app.config.update(COMPLAINT_ATTACHMENT_MAX_BYTES=1024 * 1024, COMPLAINT_MAX_ATTACHMENTS=2)
    page.goto(live_server + "/pengaduan/baru")
    page.get_by_label("Judul").fill("Lampu jalan mati")
    page.get_by_label("Apa yang terjadi?").fill(
        "Tiga lampu jalan di Jalan Merdeka mati sejak seminggu, jalan gelap di malam hari.")
    attachments = page.locator("input[name=attachments]")
    attachments.set_input_files([{"name": "bukti-besar.pdf", "mimeType": "application/pdf",
                                  "buffer": pdf(1_200_000)}])
    note = page.locator("#attachments-limit")
    assert note.inner_text() == "bukti-besar.pdf lebih besar dari 1,0 MB."
    assert attachments.get_attribute("aria-invalid") == "true"
    assert attachments.get_attribute("aria-describedby") == "attachments-limit"
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_timeout(300)
    assert page.url.endswith("/pengaduan/baru") and page.locator("#tracking-id").count() == 0
    assert page.evaluate("document.activeElement.name") == "attachments"
    assert page.get_by_label("Judul").input_value() == "Lampu jalan mati"  # nothing lost
    with db.connection_context():
        assert Complaint.select().count() == 0

    small = {"mimeType": "application/pdf", "buffer": pdf(20_000)}
    attachments.set_input_files([dict(small, name=f"foto{i}.pdf") for i in range(3)])
    assert note.inner_text() == "Lampirkan paling banyak 2 berkas."

    attachments.set_input_files([dict(small, name="bukti.pdf")])
    assert note.count() == 0 and attachments.get_attribute("aria-invalid") is None
    page.screenshot(path=str(app.instance_path) + "/file-limits.png")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_load_state()
    assert page.locator(".error").all_inner_texts() == []
    page.locator("#tracking-id").wait_for()
    with db.connection_context():
        assert Complaint.select().count() == 1


@pytest.mark.browser
def test_a_form_file_question_over_the_limit_is_refused_before_sending(app, live_server, page,
                                                                       org):
    app.config.update(FORM_FILE_MAX_BYTES=1024 * 1024)
    with db.connection_context():
        form = CustomForm.create(title="Pendaftaran Klinik UMKM", slug="klinik-umkm",
                                 status="published", unit=org["dinas"], confirmation="Terima kasih.")
        add_fields(form)
    page.goto(live_server + "/formulir/klinik-umkm")
    question = page.locator("input[type=file]")
    question.set_input_files([{"name": "nib.pdf", "mimeType": "application/pdf",
                               "buffer": pdf(1_500_000)}])
    name = question.get_attribute("id")
    assert page.locator(f"#{name}-limit").inner_text() == "nib.pdf lebih besar dari 1,0 MB."
    page.get_by_role("button").last.click()
    page.wait_for_timeout(300)
    assert page.url.endswith("/formulir/klinik-umkm")
    assert page.evaluate("document.activeElement.type") == "file"


@pytest.mark.browser
@pytest.mark.parametrize("lang,message", [
    ("id", "Dengan video-banjir.pdf formulir lebih besar dari 1,0 MB, batas satu kiriman "
           "formulir."),
    ("en", "With video-banjir.pdf the form is larger than 1.0 MB, the most one form can send."),
])
def test_without_javascript_a_report_over_the_whole_limit_comes_back_with_the_message(
        app, live_server, browser, org, lang, message):
    """No script stops the file: the browser sends it all, and the form comes back with
    everything typed and the message under the attachments (portal/oversized.py)."""
    app.config.update(MAX_CONTENT_LENGTH=1024 * 1024, OVERSIZED_REQUEST_READ_LIMIT=4 * 1024 * 1024)
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  java_script_enabled=False)
    context.add_cookies([{"name": "lang", "value": lang, "url": live_server}])
    page = context.new_page()
    page.goto(live_server + "/pengaduan/baru")
    page.locator("input[name=title]").fill("Banjir di jalan desa")
    page.locator("textarea[name=description]").fill(
        "Air setinggi lutut menggenangi jalan desa sejak pagi, anak-anak tidak bisa sekolah.")
    page.locator("input[name=attachments]").set_input_files(
        [{"name": "video-banjir.pdf", "mimeType": "application/pdf",
          "buffer": pdf(1_500_000)}])
    with page.expect_navigation():
        page.locator("form[enctype='multipart/form-data'] [type=submit][name=submit]").click()
    error = page.locator("#attachments-error")
    assert message in error.inner_text()
    assert page.locator("input[name=title]").input_value() == "Banjir di jalan desa"
    assert "anak-anak tidak bisa sekolah" in page.locator("textarea[name=description]").input_value()
    page.screenshot(path=f"{app.instance_path}/oversized-{lang}-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=f"{app.instance_path}/oversized-{lang}-1280.png", full_page=True)
    context.close()
    with db.connection_context():
        assert Complaint.select().count() == 0
