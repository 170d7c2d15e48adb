"""What a person attached is never lost: a photo accepted on a form that comes back for a
correction is held for the next try (portal/held_uploads.py), for that browser only."""
import io
import os
import re

from portal.db import db
from portal.models import ComplaintAttachment, FormSubmission
from tests.complaint_helpers import jpeg_with_exif
from tests.test_complaints_public import form_data
from tests.test_custom_forms import good_answers, png_bytes, umkm  # noqa: F401 (fixture)
from tests.conftest import csrf_token

HELD = re.compile(r'name="held-(?P<field>[\w-]+)" value="(?P<id>[0-9a-f]{32})"')


def held_ids(html, field="attachments"):
    return [m["id"] for m in HELD.finditer(html) if m["field"] == field]


def pending_files(app):
    root = os.path.join(app.instance_path, "uploads", "pending")
    return [name for _dir, _subdirs, names in os.walk(root) for name in names
            if name.endswith(".bin")]


def photo(name="foto.jpg"):
    return (io.BytesIO(jpeg_with_exif()), name)


def send_with_a_wrong_title(client, **changes):
    data = form_data(client, title="ab", attachments=[photo()], **changes)
    page = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
    assert page.status_code == 400
    return page.get_data(as_text=True)


def test_a_photo_stays_attached_when_another_field_needs_a_correction(app, client, org):
    html = send_with_a_wrong_title(client)
    assert "foto.jpg</strong> terlampir" in html
    assert "Anda tidak perlu memilihnya lagi" in html
    [held] = held_ids(html)
    # the second try: the title corrected, no file chosen again
    sent = client.post("/pengaduan/baru", data=form_data(
        client, **{"held-attachments": held}), content_type="multipart/form-data")
    assert sent.status_code == 303
    with db.connection_context():
        attachment = ComplaintAttachment.get()
        assert attachment.original_name == "foto.jpg"
        assert attachment.content_type == "image/jpeg" and attachment.size > 0
        stored = os.path.join(app.instance_path, "uploads", "complaints", attachment.stored_name)
        with open(stored, "rb") as fh:
            assert b"KameraRahasia" not in fh.read()  # cleaned as any upload
    assert pending_files(app) == []  # the held file is the complaint's now


def test_another_browser_cannot_use_a_held_file(app, client, org):
    [held] = held_ids(send_with_a_wrong_title(client))
    other = app.test_client()
    sent = other.post("/pengaduan/baru", data=form_data(other, **{"held-attachments": held}),
                      content_type="multipart/form-data")
    assert sent.status_code == 303
    with db.connection_context():
        assert ComplaintAttachment.select().count() == 0
    # the visitor who chose it still has it
    sent = client.post("/pengaduan/baru", data=form_data(client, **{"held-attachments": held}),
                       content_type="multipart/form-data")
    assert sent.status_code == 303
    with db.connection_context():
        assert ComplaintAttachment.select().count() == 1


def test_a_held_file_can_be_removed(app, client, org):
    [held] = held_ids(send_with_a_wrong_title(client))
    page = client.post("/pengaduan/baru", data=form_data(
        client, title="ab", **{"held-attachments": held, "held-drop": held}),
        content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "foto.jpg" not in html and held_ids(html) == []
    assert pending_files(app) == []
    sent = client.post("/pengaduan/baru", data=form_data(client, **{"held-attachments": held}),
                       content_type="multipart/form-data")
    assert sent.status_code == 303
    with db.connection_context():
        assert ComplaintAttachment.select().count() == 0


def test_held_and_new_files_count_together_against_the_limit(app, client, org):
    most = app.config["COMPLAINT_MAX_ATTACHMENTS"]
    data = form_data(client, title="ab",
                     attachments=[photo(f"foto{i}.jpg") for i in range(most)])
    html = client.post("/pengaduan/baru", data=data,
                       content_type="multipart/form-data").get_data(as_text=True)
    held = held_ids(html)
    assert len(held) == most
    page = client.post("/pengaduan/baru", data=form_data(
        client, attachments=[photo("satu-lagi.jpg")], **{"held-attachments": held}),
        content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert f"Lampirkan paling banyak {most} berkas, termasuk {most} yang sudah terlampir" in html
    assert len(held_ids(html)) == most  # still attached, nothing sent
    with db.connection_context():
        assert ComplaintAttachment.select().count() == 0


def test_a_held_file_expires(app, client, org):
    [held] = held_ids(send_with_a_wrong_title(client))
    app.config["HELD_UPLOAD_SECONDS"] = -1
    sent = client.post("/pengaduan/baru", data=form_data(client, **{"held-attachments": held}),
                       content_type="multipart/form-data")
    assert sent.status_code == 303
    with db.connection_context():
        assert ComplaintAttachment.select().count() == 0
    result = app.test_cli_runner().invoke(args=["clean-held-uploads"])
    assert "1" in result.output and pending_files(app) == []


def test_a_low_code_form_keeps_its_file_answer(app, client, umkm):  # noqa: F811
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    data = good_answers(token, nama="")
    data["foto"] = (io.BytesIO(png_bytes()), "produk.png")
    page = client.post("/formulir/klinik-umkm", data=data, content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and "produk.png</strong> attached" in html
    [held] = held_ids(html, "foto")
    other = app.test_client()
    other.set_cookie("lang", "en")
    other_token = csrf_token(other.get("/formulir/klinik-umkm").get_data(as_text=True))
    assert other.post("/formulir/klinik-umkm", data=good_answers(other_token, **{
        "held-foto": held})).status_code == 303
    sent = client.post("/formulir/klinik-umkm", data=good_answers(token, **{"held-foto": held}))
    assert sent.status_code == 303
    with db.connection_context():
        first, second = FormSubmission.select().order_by(FormSubmission.id)
        assert "foto" not in {a.field_key for a in first.answers}  # the other browser's
        answers = {a.field_key: a for a in second.answers}
        assert answers["foto"].value == "produk.png" and answers["foto"].file_stored
    assert pending_files(app) == []


def test_a_held_file_answers_a_required_file_question(app, client, umkm):  # noqa: F811
    from portal.models import FormField
    with db.connection_context():
        FormField.update(required=True).where(FormField.key == "foto").execute()
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    data = good_answers(token, karyawan="tiga")
    data["foto"] = (io.BytesIO(png_bytes()), "produk.png")
    html = client.post("/formulir/klinik-umkm", data=data,
                       content_type="multipart/form-data").get_data(as_text=True)
    [held] = held_ids(html, "foto")
    assert 'id="foto-error"' not in html
    sent = client.post("/formulir/klinik-umkm", data=good_answers(token, **{"held-foto": held}))
    assert sent.status_code == 303


def test_an_import_that_comes_back_names_the_file_to_choose_again(client, auth, users, org):
    """An import's file is checked as a whole, not held: the page says which to choose."""
    auth.login("operator")
    token = csrf_token(client.get("/admin/import/").get_data(as_text=True))
    page = client.post("/admin/import/", data={
        "kind": "tidak-ada", "csrf_token": token,
        "file": (io.BytesIO(b"nip,nama\r\n"), "pegawai-2026.csv")},
        content_type="multipart/form-data")
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert "Berkas yang dipilih (pegawai-2026.csv) tidak tersimpan: pilih lagi" in html
