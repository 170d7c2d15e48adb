"""Low-code forms on the public site: every field type renders and validates, conditions
are enforced by the server, a changed form keeps its old submissions."""
import io
import re

import pytest
from PIL import Image

from portal.db import db
from portal.models import CustomForm, FormAnswer, FormField, FormSubmission
from tests.conftest import csrf_token



def png_bytes():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "orange").save(out, "PNG")
    return out.getvalue()

FIELDS = [
    ("nama", "Nama lengkap", "short_text", True, "", "", ""),
    ("cerita", "Ceritakan usaha Anda", "long_text", False, "", "", ""),
    ("karyawan", "Jumlah karyawan", "number", True, "", "", ""),
    ("tanggal", "Tanggal mulai usaha", "date", False, "", "", ""),
    ("email", "E-mail", "email", False, "", "", ""),
    ("telepon", "Nomor HP", "phone", False, "", "", ""),
    ("sektor", "Sektor usaha", "single_choice", True, "Kuliner\nKerajinan\nJasa", "", ""),
    ("topik", "Topik pelatihan", "multiple_choice", False, "Pemasaran\nKeuangan\nPerizinan",
     "", ""),
    ("punya_nib", "Sudah punya NIB?", "yes_no", True, "", "", ""),
    ("nomor_nib", "Nomor NIB", "short_text", True, "", "punya_nib", "yes"),
    ("foto", "Foto produk", "file", False, "", "", ""),
]


def add_fields(form, help_texts=False):
    """The questions of FIELDS on ``form`` (inside a connection context)."""
    for position, (key, label, kind, required, choices, when, value) in enumerate(FIELDS):
        FormField.create(form=form, key=key, label=label, type=kind, required=required,
                         position=position, choices=choices, show_when_key=when,
                         show_when_value=value, help_text=f"Bantuan {key}" if help_texts else "")


@pytest.fixture
def umkm(app, org, client):
    client.set_cookie("lang", "en")
    with db.connection_context():
        form = CustomForm.create(title="Pendaftaran Klinik UMKM", slug="klinik-umkm",
                                 status="published", unit=org["dinas"],
                                 confirmation="Kami akan menghubungi Anda.")
        add_fields(form, help_texts=True)
    return form


def good_answers(token, **changes):
    data = {"csrf_token": token, "nama": "Sri Wahyuni", "cerita": "Warung nasi sejak 2019.",
            "karyawan": "3", "tanggal": "2019-03-01", "email": "sri@example.id",
            "telepon": "0812 3456 7890", "sektor": "Kuliner", "topik": ["Pemasaran", "Keuangan"],
            "punya_nib": "yes", "nomor_nib": "1234567890123"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_every_field_type_renders(client, umkm):
    page = client.get("/formulir/klinik-umkm")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Pendaftaran Klinik UMKM" in html
    for _key, label, *_rest in FIELDS:
        assert label in html
    assert 'name="nama"' in html and '<textarea' in html and 'inputmode="decimal"' in html
    assert 'type="date"' in html and 'type="email"' in html and 'inputmode="tel"' in html
    assert 'type="radio" value="Kerajinan"' in html or 'value="Kerajinan"' in html
    assert html.count('type="checkbox"') == 3
    assert 'type="file"' in html and "Bantuan nomor_nib" in html
    # the condition travels to the browser script, and the field is there without it
    assert 'data-when-field="punya_nib"' in html and 'data-when-value="yes"' in html
    assert "js/form-conditions.js" in html and "<script>" not in html


def test_a_valid_submission_is_saved_with_a_reference(client, umkm):
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    data = good_answers(token)
    data["foto"] = (io.BytesIO(png_bytes()), "produk.png")
    sent = client.post("/formulir/klinik-umkm", data=data, content_type="multipart/form-data")
    assert sent.status_code == 303, sent.get_data(as_text=True)
    assert sent.location == "/formulir/klinik-umkm/terkirim"
    page = client.get(sent.location)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "no-store" in page.headers["Cache-Control"]
    reference = re.search(r"FRM-[A-Z0-9]{8}", html).group(0)
    assert "Kami akan menghubungi Anda." in html
    with db.connection_context():
        submission = FormSubmission.get(FormSubmission.reference == reference)
        answers = {a.field_key: a for a in submission.answers}
        assert answers["topik"].value == "Pemasaran\nKeuangan"
        assert answers["karyawan"].value == "3" and answers["tanggal"].value == "2019-03-01"
        assert answers["foto"].value == "produk.png" and answers["foto"].file_stored
        assert answers["nama"].field_label == "Nama lengkap"
        assert len(submission.ip_hash) == 32


def test_reloading_the_receipt_never_sends_the_answers_again(client, umkm):
    """Post/Redirect/Get: the browser's reload repeats the GET of the receipt, not the POST."""
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    page = client.post("/formulir/klinik-umkm", data=good_answers(token), follow_redirects=True)
    assert page.request.method == "GET" and page.request.path == "/formulir/klinik-umkm/terkirim"
    reference = re.search(r"FRM-[A-Z0-9]{8}", page.get_data(as_text=True)).group(0)
    for _reload in range(2):  # the receipt stays until other answers replace it
        again = client.get("/formulir/klinik-umkm/terkirim")
        assert again.status_code == 200 and reference in again.get_data(as_text=True)
    with db.connection_context():
        assert FormSubmission.select().count() == 1
    client.post("/formulir/klinik-umkm", data=good_answers(token, nama="Budi"))
    html = client.get("/formulir/klinik-umkm/terkirim").get_data(as_text=True)
    with db.connection_context():
        newest = FormSubmission.select().order_by(FormSubmission.id.desc()).get()
    assert newest.reference in html and reference not in html


def test_the_receipt_without_answers_sends_back_to_the_form(client, umkm):
    response = client.get("/formulir/klinik-umkm/terkirim")
    assert response.status_code == 302 and response.location == "/formulir/klinik-umkm"
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    client.post("/formulir/klinik-umkm", data=good_answers(token))
    with db.connection_context():
        CustomForm.create(title="Lain", slug="lain", status="published")
    # the answers of one form are not the receipt of another
    response = client.get("/formulir/lain/terkirim")
    assert response.status_code == 302 and response.location == "/formulir/lain"


@pytest.mark.parametrize("changes, field, message", [
    ({"nama": ""}, "nama", "This question must be answered."),
    ({"karyawan": "tiga"}, "karyawan", "Enter a number"),
    ({"tanggal": "kemarin"}, "tanggal", "Not a valid date value."),
    ({"email": "sri-at-example"}, "email", "Enter a valid e-mail address."),
    ({"telepon": "call me"}, "telepon", "Enter a valid phone number."),
    ({"sektor": "Tambang"}, "sektor", "Not a valid choice."),
    ({"sektor": None}, "sektor", "This question must be answered."),
    ({"topik": ["Pemasaran", "Politik"]}, "topik", "Choose from the list."),
    ({"punya_nib": None}, "punya_nib", "This question must be answered."),
    ({"nama": "x" * 501}, "nama", "Field cannot be longer than 500 characters."),
])
def test_each_rule_is_checked_on_the_server(client, umkm, changes, field, message):
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    page = client.post("/formulir/klinik-umkm", data=good_answers(token, **changes))
    html = page.get_data(as_text=True)
    assert page.status_code == 400
    assert f'id="{field}-error"' in html and message in html
    with db.connection_context():
        assert FormSubmission.select().count() == 0


def test_a_file_of_another_kind_is_refused(client, umkm):
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    data = good_answers(token)
    data["foto"] = (io.BytesIO(b"MZ\x90\x00 not a picture"), "produk.png")
    page = client.post("/formulir/klinik-umkm", data=data, content_type="multipart/form-data")
    assert page.status_code == 400
    assert "is not a JPEG or PNG photo or a PDF document" in page.get_data(as_text=True)


def test_required_only_when_shown_and_hidden_answers_are_discarded(client, umkm):
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    # shown (NIB: yes) and empty: refused
    page = client.post("/formulir/klinik-umkm", data=good_answers(token, nomor_nib=""))
    assert page.status_code == 400 and 'id="nomor_nib-error"' in page.get_data(as_text=True)
    # hidden (NIB: no): not required, and what it received is not kept
    page = client.post("/formulir/klinik-umkm",
                       data=good_answers(token, punya_nib="no", nomor_nib="sneaky"))
    assert page.status_code == 303
    with db.connection_context():
        keys = {a.field_key for a in FormAnswer.select()}
        assert "punya_nib" in keys and "nomor_nib" not in keys


def test_csrf_is_required(client, umkm):
    page = client.post("/formulir/klinik-umkm", data=good_answers("bad-token"))
    assert page.status_code == 400
    with db.connection_context():
        assert FormSubmission.select().count() == 0


def test_draft_and_closed_forms_are_hidden_but_operators_preview_them(client, auth, users, umkm):
    for status in ("draft", "closed"):
        with db.connection_context():
            CustomForm.update(status=status).execute()
        assert client.get("/formulir/klinik-umkm").status_code == 404
    assert client.get("/formulir/tidak-ada").status_code == 404
    auth.login("operator")
    page = client.get("/formulir/klinik-umkm")
    assert page.status_code == 200 and "Preview" in page.get_data(as_text=True)
    token = csrf_token(page.get_data(as_text=True))
    page = client.post("/formulir/klinik-umkm", data=good_answers(token))
    assert "every answer is valid. Nothing was saved." in page.get_data(as_text=True)
    with db.connection_context():
        assert FormSubmission.select().count() == 0
    auth.logout()
    auth.login("pegawai")
    assert client.get("/formulir/klinik-umkm").status_code == 404


def test_a_changed_form_keeps_old_submissions(client, umkm):
    token = csrf_token(client.get("/formulir/klinik-umkm").get_data(as_text=True))
    assert client.post("/formulir/klinik-umkm", data=good_answers(token)).status_code == 303
    with db.connection_context():
        cerita = FormField.get(FormField.key == "cerita")
        cerita.label = "Ceritakan singkat"
        cerita.save()
        telepon = FormField.get(FormField.key == "telepon")
        telepon.delete_instance(recursive=True)  # has an answer: switched off, not deleted
        telepon = FormField.get(FormField.key == "telepon")
        assert not telepon.active and telepon.removed_at is not None
        FormField.get(FormField.key == "foto").delete_instance()  # no answer: deleted
        assert not FormField.select().where(FormField.key == "foto").exists()
    html = client.get("/formulir/klinik-umkm").get_data(as_text=True)
    assert "Nomor HP" not in html and "Ceritakan singkat" in html
    with db.connection_context():
        answers = {a.field_key: a for a in FormAnswer.select()}
        assert answers["telepon"].value == "0812 3456 7890"
        assert answers["cerita"].field_label == "Ceritakan usaha Anda"
        assert "foto" not in answers


# -- attached to an event: the registration's extra questions ----------------------------

def event_with_extra_form():
    """A published event in three days with a published form attached; returns both."""
    import datetime

    from portal.models import Event
    from portal.models.base import utcnow
    start = (utcnow() + datetime.timedelta(days=3)).replace(microsecond=0)
    event = Event.create(title="Bimtek UMKM", starts_at=start,
                         ends_at=start + datetime.timedelta(hours=3), capacity=10, published=True)
    extra = CustomForm.create(title="Pertanyaan Bimtek", slug="pertanyaan-bimtek",
                              status="published", event=event)
    return event, extra


def test_an_event_registration_asks_the_attached_forms_questions(client, users, umkm):
    from portal.models import Registration
    with db.connection_context():
        event, extra = event_with_extra_form()
        FormField.create(form=extra, key="ukuran_kaos", label="Ukuran kaos",
                         type="single_choice", choices="S\nM\nL", required=True, position=1)
        FormField.create(form=extra, key="alergi", label="Ada alergi makanan?", type="yes_no",
                         required=True, position=2)
        FormField.create(form=extra, key="alergi_apa", label="Alergi apa?", type="short_text",
                         required=True, position=3, show_when_key="alergi",
                         show_when_value="yes")
    # attached forms have no address of their own
    assert client.get("/formulir/pertanyaan-bimtek").status_code == 404
    html = client.get(f"/acara/{event.id}").get_data(as_text=True)
    assert "Ukuran kaos" in html and 'name="extra-ukuran_kaos"' in html
    assert 'data-when-field="extra-alergi"' in html
    base = {"csrf_token": csrf_token(html), "name": "Budi Santoso", "email": "budi@example.id",
            "phone": "0812 3456 7890", "organisation": "Kecamatan Sukamaju", "nip": "",
            "website": "", "extra-ukuran_kaos": "M", "extra-alergi": "yes"}
    page = client.post(f"/acara/{event.id}", data=base)  # alergi_apa shown and empty
    assert page.status_code == 400
    assert 'id="extra-alergi_apa-error"' in page.get_data(as_text=True)
    with db.connection_context():
        assert Registration.select().count() == 0 and FormSubmission.select().count() == 0
    page = client.post(f"/acara/{event.id}", data=dict(base, **{"extra-alergi_apa": "Udang"}))
    assert page.status_code == 200, page.get_data(as_text=True)
    with db.connection_context():
        registration = Registration.get()
        submission = FormSubmission.get()
        assert submission.registration_id == registration.id and submission.form_id == extra.id
        assert {a.field_key: a.value for a in submission.answers} == \
            {"ukuran_kaos": "M", "alergi": "yes", "alergi_apa": "Udang"}


# -- attached to a complaint category: extra questions of that category ------------------

def test_a_complaint_category_asks_its_extra_questions(client, org, auth, users):
    from portal.models import Complaint
    from tests.test_complaints_public import form_data
    client.set_cookie("lang", "en")
    with db.connection_context():
        extra = CustomForm.create(title="Pertanyaan kesehatan", slug="pengaduan-kesehatan",
                                  status="published", complaint_category="kesehatan")
        FormField.create(form=extra, key="puskesmas", label="Nama puskesmas",
                         type="short_text", required=True, position=1)
    html = client.get("/pengaduan/baru").get_data(as_text=True)
    assert "Nama puskesmas" in html and 'data-when-value="kesehatan"' in html
    # another category: the questions are not asked, whatever they received
    data = form_data(client, category="pendidikan")
    page = client.post("/pengaduan/baru", data=dict(data, **{"xq_kesehatan-puskesmas": "X"}))
    assert page.status_code == 303
    with db.connection_context():
        assert FormSubmission.select().count() == 0
    # this category: required
    page = client.post("/pengaduan/baru", data=form_data(client, category="kesehatan"))
    assert page.status_code == 400
    assert 'id="xq_kesehatan-puskesmas-error"' in page.get_data(as_text=True)
    data = form_data(client, category="kesehatan")
    data["xq_kesehatan-puskesmas"] = "Puskesmas Sukamaju"
    assert client.post("/pengaduan/baru", data=data).status_code == 303
    with db.connection_context():
        submission = FormSubmission.get()
        complaint = Complaint.get(Complaint.category == "kesehatan")
        assert submission.complaint_id == complaint.id
        assert [a.value for a in submission.answers] == ["Puskesmas Sukamaju"]
    auth.login("petugas")  # the complaint coordinator reads them on the handling page
    html = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    assert "Nama puskesmas" in html and "Puskesmas Sukamaju" in html


def test_the_forms_page_lists_every_form_open_to_the_public(client, org):
    import datetime

    from portal.models.base import utcnow
    now = utcnow()
    with db.connection_context():
        CustomForm.create(title="Klinik UMKM", slug="klinik-umkm", status="published",
                          unit=org["dinas"], closes_at=now + datetime.timedelta(days=5))
        CustomForm.create(title="Survei Pasar", slug="survei-pasar", status="published")
        CustomForm.create(title="Masih Draf", slug="draf", status="draft")
        CustomForm.create(title="Sudah Tutup", slug="tutup", status="published",
                          closes_at=now - datetime.timedelta(days=1))
        CustomForm.create(title="Belum Buka", slug="belum", status="published",
                          opens_at=now + datetime.timedelta(days=1))
        CustomForm.create(title="Pertanyaan Pengaduan", slug="aduan", status="published",
                          complaint_category="kesehatan")
        event_with_extra_form()  # "Pertanyaan Bimtek", an event's extra questions
    page = client.get("/formulir").get_data(as_text=True)
    listed = re.findall(r'href="/formulir/([^"]+)"', page)
    assert listed == ["klinik-umkm", "survei-pasar"]  # by title
    assert "Dinas Kesehatan" in page and "Dibuka sampai" in page
    assert 'href="/formulir"' in client.get("/").get_data(as_text=True)  # in the main menu
    with db.connection_context():
        CustomForm.update(status="closed").execute()
    assert "Belum ada formulir yang dibuka" in client.get("/formulir").get_data(as_text=True)
