"""A form over the whole request's limit (MAX_CONTENT_LENGTH) comes back with a message.

portal/oversized.py reads such a request to its end (within OVERSIZED_REQUEST_READ_LIMIT),
keeps its text fields, throws its files away unstored, and the form says which files
made it too large; anywhere else the 413 page is shown after the body was read. Through
the real server, where an unread body ended the connection: tests/test_faults.py."""
import io
import os

import pytest

from portal.db import db
from portal.models import Complaint, CustomForm, FormField, FormSubmission, Registration
from tests.conftest import csrf_token
from tests.test_custom_forms import event_with_extra_form, good_answers, png_bytes

LIMIT = 200_000


@pytest.fixture(autouse=True)
def small_limits(app):
    app.config.update(MAX_CONTENT_LENGTH=LIMIT, OVERSIZED_REQUEST_READ_LIMIT=4 * LIMIT,
                      COMPLAINT_ATTACHMENT_MAX_BYTES=LIMIT, FORM_FILE_MAX_BYTES=LIMIT)


def pdf(size):
    return b"%PDF-1.4\n%" + b"0" * size + b"\n%%EOF\n"


def complaint(client, files):
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    return {"csrf_token": token, "kind": "pengaduan", "unit": "0", "category": "kesehatan",
            "title": "Jalan berlubang di depan SD", "place": "Jl. Merdeka",
            "description": "Lubang besar di jalan depan SD Negeri 1, sudah dua anak jatuh.",
            "reporter_name": "Ani Pelapor", "attachments": files}


def stored_files(app):
    root = os.path.join(app.instance_path, "uploads")
    return [name for _dirs, _sub, names in os.walk(root) for name in names]


def test_a_complaint_over_the_limit_comes_back_with_everything_typed(app, client, org):
    data = complaint(client, [(io.BytesIO(pdf(150_000)), "foto-jalan.pdf"),
                              (io.BytesIO(pdf(150_000)), "surat-rt.pdf")])
    response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert ("Dengan foto-jalan.pdf, surat-rt.pdf formulir lebih besar dari 0,2 MB, batas satu "
            "kiriman formulir.") in page
    assert "isian formulir lainnya tetap tersimpan" in page
    assert "Jalan berlubang di depan SD" in page and "Ani Pelapor" in page
    assert "sudah dua anak jatuh" in page and "Jl. Merdeka" in page
    with db.connection_context():
        assert Complaint.select().count() == 0
    assert stored_files(app) == []
    # the same report with a file that fits goes through
    data = complaint(client, [(io.BytesIO(pdf(50_000)), "foto-jalan.pdf")])
    response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data",
                           follow_redirects=True)  # Post/Redirect/Get: the receipt
    assert response.status_code == 200 and "LPR-" in response.get_data(as_text=True)


def test_the_message_in_english(client, org):
    client.set_cookie("lang", "en")
    data = complaint(client, [(io.BytesIO(pdf(250_000)), "video.pdf")])
    page = client.post("/pengaduan/baru", data=data,
                       content_type="multipart/form-data").get_data(as_text=True)
    assert ("With video.pdf the form is larger than 0.2 MB, the most one form can send. "
            "Choose smaller or fewer files; the rest of the form has been kept.") in page


def test_an_oversized_form_still_needs_its_csrf_token(app, client, org):
    data = complaint(client, [(io.BytesIO(pdf(250_000)), "video.pdf")])
    data["csrf_token"] = "forged"
    response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
    assert response.status_code == 400 and "Formulir kedaluwarsa" in response.get_data(True)
    with db.connection_context():
        assert Complaint.select().count() == 0


def test_a_low_code_form_says_which_question_and_keeps_the_answers(app, client, org):
    from tests.test_custom_forms import add_fields
    with db.connection_context():
        form = CustomForm.create(title="Pendaftaran Klinik UMKM", slug="klinik-umkm",
                                 status="published", unit=org["dinas"], confirmation="Terima kasih.")
        add_fields(form)
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    data = good_answers(token)
    data["foto"] = (io.BytesIO(png_bytes() + b"\0" * 250_000), "produk.png")
    response = client.post("/formulir/klinik-umkm", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Dengan produk.png formulir lebih besar dari 0,2 MB" in page
    assert "Sri Wahyuni" in page and "1234567890123" in page
    with db.connection_context():
        assert FormSubmission.select().count() == 0
    assert stored_files(app) == []


def test_an_event_registration_says_which_extra_question(app, client, org):
    with db.connection_context():
        event, extra = event_with_extra_form()
        FormField.create(form=extra, key="surat_tugas", label="Surat tugas", type="file",
                         required=True, position=1)
    html = client.get(f"/acara/{event.id}").get_data(as_text=True)
    data = {"csrf_token": csrf_token(html), "name": "Budi Santoso", "email": "budi@example.id",
            "phone": "0812 3456 7890", "organisation": "Kecamatan Sukamaju", "nip": "",
            "website": "", "extra-surat_tugas": (io.BytesIO(pdf(300_000)), "surat-tugas.pdf")}
    response = client.post(f"/acara/{event.id}", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Dengan surat-tugas.pdf formulir lebih besar dari 0,2 MB" in page
    assert "wajib diisi" not in page  # the message replaces "required", not adds to it
    assert "Budi Santoso" in page and "Kecamatan Sukamaju" in page
    with db.connection_context():
        assert Registration.select().count() == 0 and FormSubmission.select().count() == 0


def test_beyond_the_read_limit_the_request_is_refused_unread(app, client, org):
    data = complaint(client, [(io.BytesIO(pdf(5 * LIMIT)), "video.pdf")])
    response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.get_data(as_text=True)
    with db.connection_context():
        assert Complaint.select().count() == 0


def body_read(client, path, size, content_type):
    """POST ``size`` bytes; (status, page, how many bytes of the body the portal read)."""
    stream = io.BytesIO(b"a=" + b"x" * (size - 2))
    response = client.post(path, input_stream=stream, content_length=size,
                           content_type=content_type)
    return response.status_code, response.get_data(as_text=True), stream.tell()


def test_elsewhere_the_413_page_is_shown_after_the_body_was_read(client, survey):
    path = f"/survei/{survey['sip'].unit_id}/{survey['sip'].id}"
    status, page, read = body_read(client, path, 3 * LIMIT, "application/x-www-form-urlencoded")
    assert status == 413 and "Berkas terlalu besar" in page and read == 3 * LIMIT
    # beyond the read limit nothing is read (the server then ends the connection)
    status, page, read = body_read(client, path, 5 * LIMIT, "application/x-www-form-urlencoded")
    assert status == 413 and read == 0


def test_a_text_too_long_in_an_oversized_form_gets_the_413_page(app, client, org):
    app.config["MAX_FORM_MEMORY_SIZE"] = 50_000
    data = complaint(client, [(io.BytesIO(pdf(250_000)), "video.pdf")])
    data["description"] = "panjang " * 10_000
    response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
    assert response.status_code == 413 and "Teks terlalu panjang" in response.get_data(True)
    with db.connection_context():
        assert Complaint.select().count() == 0
