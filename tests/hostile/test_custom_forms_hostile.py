"""Low-code forms under hostile input: the public form at /formulir/<slug> and the
extra questions a form adds to a complaint category or an event registration
(built and saved by the same code, forms/custom.py and portal/custom_forms.py).

Whatever is sent, the portal answers without a server error. A refused post is
explained in Indonesian, next to the field at fault (or on the NUL page), and
leaves no submission, answer or file behind; an accepted one stores what was
sent. Files on the form's file field are refused with a message, the other
answers shown again, or stored re-encoded without their metadata.
"""
import datetime
import io
import itertools
import re

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from PIL import Image

from forms.complaints import EMAIL_PATTERN, PHONE_PATTERN
from forms.custom import LONG_MAX, SHORT_MAX
from portal.db import db
from portal.models import (Complaint, CustomForm, FormAnswer, FormSubmission,
                           Registration)
from portal.rules import form_fields as rules
from tests.conftest import AuthActions
from tests.hostile.conftest import (HOSTILE_FIELD, assert_no_server_error, count, mutated,
                                    token_of)
from tests.hostile.test_public_forms import VALID_COMPLAINT, VALID_REGISTRATION
from tests.hostile.test_uploads import (HTML, PDF, PDF_HTML, SVG, assert_download,
                                        gif_js_polyglot, jpeg_with_script, png_bomb,
                                        png_with_script, stored_files)
from tests.test_custom_forms import FIELDS, add_fields, good_answers, umkm  # noqa: F401

URL = "/formulir/klinik-umkm"
AREA = "forms"  # instance/uploads/forms
VALID = {k: v for k, v in good_answers("").items() if k != "csrf_token"}
KEYS = [key for key, *_rest in FIELDS]  # every field, the file field "foto" included

# The messages a refused answer may carry, in Indonesian (the default language).
MESSAGES = ("Pertanyaan ini wajib dijawab.", "Masukkan angka, misalnya 12 atau 3,5.",
            "Masukkan alamat e-mail yang benar.", "Masukkan nomor telepon yang benar.",
            "Pilih dari daftar.", "Pilihan tidak valid.", "Nilai tanggal tidak valid.",
            "Kolom tidak boleh lebih dari", "bukan pilihan yang valid untuk kolom ini")
ERROR = re.compile(r'<p class="error" id="([^"]+)-error">(.*?)</p>', re.S)
_emails = itertools.count()
# Valid answers with some fields hostile, missing or repeated; or with just one hostile
# field, so that each rule is met alone as often as mixed with the others.
HOSTILE_ANSWERS = st.one_of(mutated(VALID, KEYS),
                            st.builds(lambda key, value: {**VALID, key: value},
                                      st.sampled_from(KEYS), HOSTILE_FIELD))


@pytest.fixture
def every_type(hostile_app, umkm):  # noqa: F811
    """The published form of tests/test_custom_forms.py: every field type, required
    fields, a conditional one and a file field; sending limited only by validation."""
    assert {kind for _key, _label, kind, *_rest in FIELDS} == set(rules.TYPES)
    hostile_app.config["FORM_SUBMIT_RATE_LIMIT"] = "100000 per minute"
    return umkm


def rows():
    return count(FormSubmission), count(FormAnswer)


def first(value):
    return value[0] if isinstance(value, list) else value


def as_list(value):
    return value if isinstance(value, list) else [value]


def assert_refused_with_message(response, what, prefix=""):
    """A 400 naming what to correct, in Indonesian: the NUL page, or the form again
    with a known message under each field at fault."""
    assert_no_server_error(response, what)
    page = response.get_data(as_text=True)
    assert response.status_code == 400, (what, response.status_code, page[:2000])
    if "Karakter tidak valid" in page:
        event("refused: NUL")
        return
    errors = [(field, text) for field, text in ERROR.findall(page) if field.startswith(prefix)]
    assert errors, f"{what}: refused without a message\n{page[:3000]}"
    event("refused: " + " ".join(sorted(field[len(prefix):] for field, _text in errors)))
    for field, text in errors:
        assert any(message in text for message in MESSAGES), f"{what}: {field}: {text!r}"


def expected_answers(data, prefix=""):
    """What an accepted post must have stored, for a sample of fields (key → value;
    None: no answer row)."""
    expected = {}
    for key in ("nama", "cerita", "sektor", "punya_nib"):
        text = str(first(data.get(prefix + key, "")) or "").strip()
        expected[key] = text or None
    items = [str(item).strip() for item in as_list(data.get(prefix + "topik", []))]
    expected["topik"] = "\n".join(item for item in items if item) or None
    return expected


CHOICES = {key: choices.split("\n") for key, _label, _kind, _req, choices, *_rest in FIELDS
           if choices}


def assert_follows_the_rules(answers):
    """What an accepted submission holds obeys every rule of the form."""
    for key in ("nama", "karyawan", "sektor", "punya_nib"):  # required
        assert answers.get(key), (key, answers)
    assert len(answers["nama"]) <= SHORT_MAX and len(answers.get("cerita", "")) <= LONG_MAX
    assert rules.parse_number(answers["karyawan"]) is not None
    assert answers["sektor"] in CHOICES["sektor"] and answers["punya_nib"] in ("yes", "no")
    assert set(answers.get("topik", "").split("\n")) - {""} <= set(CHOICES["topik"])
    if "tanggal" in answers:
        datetime.date.fromisoformat(answers["tanggal"])
    assert re.match(EMAIL_PATTERN, answers.get("email", "a@b.c"))
    assert re.match(PHONE_PATTERN, answers.get("telepon", "0812345678"))
    assert ("nomor_nib" in answers) == (answers["punya_nib"] == "yes")  # shown only then


def assert_stored(submission, data, prefix=""):
    with db.connection_context():
        answers = {a.field_key: a.value for a in submission.answers}
    assert_follows_the_rules(answers)
    for key, value in expected_answers(data, prefix).items():
        assert answers.get(key) == value, (key, answers.get(key), value)


# -- the public form: every field type under hostile values --------------------------------

@given(data=HOSTILE_ANSWERS, multipart=st.booleans())
def test_public_form_under_hostile_values(hclient, every_type, data, multipart):
    token = token_of(hclient, URL)
    before = rows()
    response = hclient.post(URL, data={**data, "csrf_token": token},
                            content_type="multipart/form-data" if multipart else None,
                            follow_redirects=True)  # a success: the receipt, after the 303
    assert_no_server_error(response, "custom form")
    page = response.get_data(as_text=True)
    reference = re.search(r"FRM-[A-Z2-9]{8}", page)
    if response.status_code == 200 and reference:
        assert count(FormSubmission) == before[0] + 1
        with db.connection_context():
            submission = FormSubmission.get(FormSubmission.reference == reference.group(0))
        assert_stored(submission, data)
        event("accepted")
        return
    assert_refused_with_message(response, "custom form")
    if "Karakter tidak valid" not in page:
        assert "Formulir belum terkirim" in page
    assert rows() == before


def test_a_text_too_long_to_read_is_explained_as_such(hclient, every_type):
    """Past Werkzeug's limit on one multipart field (MAX_FORM_MEMORY_SIZE) the form
    cannot be read at all: the page says a text is too long, not that a file is."""
    token = token_of(hclient, URL)
    response = hclient.post(URL, data=good_answers(token, cerita="𝕏" * 200_000),
                            content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 413 and "Teks terlalu panjang" in page
    assert "persingkat teks" in page and "Berkas" not in page
    assert rows() == (0, 0)


# -- the same questions attached to a complaint category and to an event --------------------

@pytest.fixture
def attached(targets, where):
    """The questions of every type, attached to a complaint category or to an event:
    (address, field name prefix, owner model, valid data of the page's own form)."""
    with db.connection_context():
        extra = CustomForm.create(title="Pertanyaan tambahan", slug=f"tambahan-{where}",
                                  status="published",
                                  complaint_category="kesehatan" if where == "complaint" else "",
                                  event=targets["event"] if where == "event" else None)
        add_fields(extra)
    if where == "complaint":
        return ("/pengaduan/baru", "xq_kesehatan-", Complaint,
                {**VALID_COMPLAINT, "category": "kesehatan"})
    return f"/acara/{targets['event'].id}", "extra-", Registration, dict(VALID_REGISTRATION)


@pytest.mark.parametrize("where", ["complaint", "event"])
@given(data=HOSTILE_ANSWERS)
def test_attached_questions_under_hostile_values(hclient, attached, where, data):
    url, prefix, model, base = attached
    sent = {prefix + key: value for key, value in data.items()}
    base = dict(base, email=f"peserta{next(_emails)}@example.org") if model is Registration \
        else base
    token = token_of(hclient, url)
    before = (count(model), *rows())
    response = hclient.post(url, data={**base, **sent, "csrf_token": token},
                            follow_redirects=True)
    assert_no_server_error(response, where)
    if response.status_code == 200:
        assert (count(model), count(FormSubmission)) == (before[0] + 1, before[1] + 1)
        with db.connection_context():
            submission = FormSubmission.select().order_by(FormSubmission.id.desc()).get()
            owner = submission.complaint_id if model is Complaint else submission.registration_id
            assert owner == model.select().order_by(model.id.desc()).get().id
        assert_stored(submission, sent, prefix)
        event("accepted")
        return
    assert_refused_with_message(response, where, prefix)
    assert (count(model), *rows()) == before


# -- files on the form's file field --------------------------------------------------------

def send_file(client, name, data, **changes):
    token = token_of(client, URL)
    answers = good_answers(token, **changes)
    answers["foto"] = (io.BytesIO(data), name)
    return client.post(URL, data=answers, content_type="multipart/form-data",
                       follow_redirects=True)


NOT_ALLOWED = "bukan foto JPEG atau PNG atau dokumen PDF"


@pytest.mark.parametrize("name,data,message", [
    ("gambar.svg", SVG, NOT_ALLOWED),
    ("foto.jpg", SVG, NOT_ALLOWED),                    # an SVG that says it is a JPEG
    ("halaman.html", HTML, NOT_ALLOWED),
    ("foto.png", HTML, NOT_ALLOWED),
    ("animasi.gif", gif_js_polyglot(), NOT_ALLOWED),   # GIF and JavaScript at once
    ("skrip.js", b"alert(1);", NOT_ALLOWED),
    ("foto.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "tidak dapat dibaca"),
    ("bom.png", png_bomb(), "terlalu banyak piksel"),  # 10 gigapixels in a few bytes
])
def test_file_field_refuses_hostile_files_and_keeps_the_answers(hostile_app, hclient, every_type,
                                                                name, data, message):
    response = send_file(hclient, name, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page, page[-3000:]
    assert re.search(r'id="foto-error">[^<]*' + re.escape(message), page)
    assert 'value="Sri Wahyuni"' in page and "Warung nasi sejak 2019." in page  # kept
    assert 'value="1234567890123"' in page
    assert rows() == (0, 0) and stored_files(hostile_app, AREA) == {}


def test_file_field_refuses_an_oversized_file(hostile_app, hclient, every_type):
    hostile_app.config["FORM_FILE_MAX_BYTES"] = 1000
    response = send_file(hclient, "besar.pdf", PDF + b"0" * 2000 + b"\n%%EOF\n")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "besar.pdf lebih besar dari" in page
    assert 'value="Sri Wahyuni"' in page
    assert rows() == (0, 0) and stored_files(hostile_app, AREA) == {}


def test_file_field_refusal_with_another_wrong_answer_names_both(hostile_app, hclient,
                                                                 every_type):
    response = send_file(hclient, "gambar.svg", SVG, karyawan="banyak")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and NOT_ALLOWED in page
    assert 'id="karyawan-error">Masukkan angka' in page and rows() == (0, 0)


def test_file_field_stores_images_without_metadata_and_pdfs_as_downloads(hostile_app, hclient,
                                                                         users, every_type):
    for name, data in (("foto.jpg", jpeg_with_script()), ("foto.png", png_with_script()),
                       ("dokumen.pdf", PDF_HTML)):
        response = send_file(hclient, name, data)
        assert response.status_code == 200 and "FRM-" in response.get_data(as_text=True)
    files = stored_files(hostile_app, AREA)
    images = [data for name, data in files.items() if not name.endswith(".pdf")]
    assert len(files) == 3 and len(images) == 2
    for data in images:
        assert b"alert(1)" not in data and b"<script" not in data
        Image.open(io.BytesIO(data)).verify()  # still a picture
    AuthActions(hclient).login("admin")
    with db.connection_context():
        answers = list(FormAnswer.select().where(FormAnswer.field_type == "file"))
    assert len(answers) == 3
    for answer in answers:
        assert_download(hclient.get(f"/admin/form_submission/file/{answer.id}"),
                        answer.file_type)
