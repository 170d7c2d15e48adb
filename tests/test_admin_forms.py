"""The form builder and the submissions in the back office: building, row access,
soft removal of answered fields, and the export of clean values."""
import csv
import io

import openpyxl
import pytest

from portal.db import db
from portal.models import CustomForm, FormAnswer, FormField, FormSubmission, User
from tests.conftest import PASSWORD, csrf_token


def builder_data(token, **extra):
    data = {"csrf_token": token, "title": "Survei Pasar Murah", "slug": "", "status": "published",
            "intro": "Isi **singkat**.", "confirmation": "Terima kasih.",
            "complaint_category": "",
            "fields-0-position": "1", "fields-0-label": "Nama pedagang", "fields-0-key": "",
            "fields-0-type": "short_text", "fields-0-required": "y", "fields-0-active": "y",
            "fields-1-position": "2", "fields-1-label": "Berjualan sayur?", "fields-1-key": "",
            "fields-1-type": "yes_no", "fields-1-active": "y",
            "fields-2-position": "3", "fields-2-label": "Jenis sayur", "fields-2-key": "",
            "fields-2-type": "multiple_choice", "fields-2-choices": "Bayam\nKangkung\n\nBayam",
            "fields-2-show_when_key": "berjualan_sayur", "fields-2-show_when_value": "yes",
            "fields-2-active": "y"}
    data.update(extra)
    return data


@pytest.fixture
def en(client):
    client.set_cookie("lang", "en")


def test_an_operator_builds_a_form_with_fields(client, auth, users, en):
    auth.login("operator")
    token = csrf_token(client.get("/admin/custom_form/new/").get_data(as_text=True))
    page = client.post("/admin/custom_form/new/", data=builder_data(token))
    assert page.status_code == 302, page.get_data(as_text=True)
    with db.connection_context():
        form = CustomForm.get(CustomForm.title == "Survei Pasar Murah")
        assert form.slug == "survei-pasar-murah" and form.created_by_id == users["operator"].id
        fields = {f.key: f for f in form.fields}
        assert set(fields) == {"nama_pedagang", "berjualan_sayur", "jenis_sayur"}
        assert fields["jenis_sayur"].choices == "Bayam\nKangkung"
    html = client.get("/formulir/survei-pasar-murah").get_data(as_text=True)
    assert "Nama pedagang" in html and "Kangkung" in html and "<strong>singkat</strong>" in html
    listing = client.get("/admin/custom_form/").get_data(as_text=True)
    assert "Survei Pasar Murah" in listing and "/formulir/survei-pasar-murah?preview=1" in listing


@pytest.mark.parametrize("changes, message", [
    ({"fields-2-show_when_key": "tidak_ada"}, "depends on a question that does not exist"),
    ({"fields-2-choices": ""}, "needs its choices"),
    ({"fields-0-key": "Nama Pedagang!"}, "A key has lower-case letters"),
    ({"slug": "Bad Slug"}, "The address (slug) has lower-case letters"),
])
def test_a_broken_definition_is_refused_whole(client, auth, users, en, changes, message):
    auth.login("admin")
    token = csrf_token(client.get("/admin/custom_form/new/").get_data(as_text=True))
    page = client.post("/admin/custom_form/new/", data=builder_data(token, **changes),
                       follow_redirects=True)
    assert message in page.get_data(as_text=True)
    with db.connection_context():
        assert CustomForm.select().count() == 0 and FormField.select().count() == 0


@pytest.fixture
def answered(app, org):
    """A form of Dinas Kesehatan with two submissions; one answer starts with '='."""
    with db.connection_context():
        form = CustomForm.create(title="Klinik UMKM", slug="klinik", status="published",
                                 unit=org["dinas"])
        name = FormField.create(form=form, key="nama", label="Nama", type="short_text",
                                position=1)
        nib = FormField.create(form=form, key="punya_nib", label="Punya NIB?", type="yes_no",
                               position=2)
        old = FormField.create(form=form, key="telepon", label="Telepon", type="phone",
                               position=3)
        topics = FormField.create(form=form, key="topik", label="Topik",
                                  type="multiple_choice", choices="Pemasaran\nModal",
                                  position=4)
        first = FormSubmission.create(form=form)
        for field, value in ((name, "=HYPERLINK(\"http://x\")"), (nib, "yes"),
                             (old, "0812 3456 7890"), (topics, "Pemasaran\nModal")):
            FormAnswer.create(submission=first, field=field, field_key=field.key,
                              field_label=field.label, field_type=field.type, value=value)
        second = FormSubmission.create(form=form)
        FormAnswer.create(submission=second, field=name, field_key="nama", field_label="Nama",
                          field_type="short_text", value="<b>Budi</b>")
        other = CustomForm.create(title="Formulir Kecamatan", slug="kec", status="published",
                                  unit=org["kecamatan"])
        FormSubmission.create(form=other)
    return {"form": form, "old": old, "first": first, "other": other}


def test_removing_an_answered_field_in_the_builder_keeps_it(client, auth, users, en, answered):
    auth.login("admin")
    form = answered["form"]
    page = client.get(f"/admin/custom_form/edit/?id={form.id}")
    html = page.get_data(as_text=True)
    token = csrf_token(html)
    data = {"csrf_token": token, "title": form.title, "slug": form.slug, "status": "published",
            "intro": "", "confirmation": "", "complaint_category": ""}
    with db.connection_context():
        fields = list(FormField.select().where(FormField.form == form.id)
                      .order_by(FormField.position))
    for i, field in enumerate(fields):
        data.update({f"fields-{i}-id": str(field.id), f"fields-{i}-position": field.position,
                     f"fields-{i}-label": field.label, f"fields-{i}-key": field.key,
                     f"fields-{i}-type": field.type, f"fields-{i}-choices": field.choices,
                     f"fields-{i}-active": "y"})
    data["del-fields-2"] = "on"  # telepon, answered once
    data["fields-0-label"] = "Nama lengkap"  # relabelled
    page = client.post(f"/admin/custom_form/edit/?id={form.id}", data=data)
    assert page.status_code == 302, page.get_data(as_text=True)
    with db.connection_context():
        old = FormField.get_by_id(answered["old"].id)
        assert not old.active and old.removed_at is not None
    details = client.get(f"/admin/form_submission/details/?id={answered['first'].id}")
    html = details.get_data(as_text=True)
    assert "Telepon" in html and "0812 3456 7890" in html and "removed field" in html
    assert "Pemasaran, Modal" in html
    # the key of an answered field cannot change
    data.pop("del-fields-2")
    data["fields-0-key"] = "nama_baru"
    page = client.post(f"/admin/custom_form/edit/?id={form.id}", data=data, follow_redirects=True)
    assert "The key of a field with answers cannot change" in page.get_data(as_text=True)


def test_export_has_a_column_per_key_and_clean_values(client, auth, users, en, answered):
    with db.connection_context():
        FormField.get_by_id(answered["old"].id).delete_instance()  # removed after answering
    auth.login("admin")
    form_id = answered["form"].id
    text = client.get(f"/admin/form_submission/export/csv/?form_id={form_id}") \
        .get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][4:] == ["nama", "punya_nib", "topik", "telepon"]
    by_ref = {row[0]: row for row in rows[1:]}
    first = by_ref[answered["first"].reference]
    assert first[4:] == ["'=HYPERLINK(\"http://x\")", "Yes", "Pemasaran, Modal", "0812 3456 7890"]
    assert len(rows) == 3  # the Kecamatan form's submission is not in this form's export
    assert "<b>Budi</b>" in text  # the text as typed; no page markup added
    assert "<td" not in text and "<a " not in text
    data = client.get(f"/admin/form_submission/export/xlsx/?form_id={form_id}").get_data()
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][4:] == ["nama", "punya_nib", "topik", "telepon"]
    assert any(row[4] == "'=HYPERLINK(\"http://x\")" for row in values[1:])


def test_an_operator_of_a_unit_sees_only_that_units_forms(client, auth, users, org, en, answered,
                                                          password_hash):
    with db.connection_context():
        User.create(username="op_kec", role="operator", unit=org["kecamatan"],
                    password_hash=password_hash)
    auth.login("op_kec", PASSWORD)
    listing = client.get("/admin/custom_form/").get_data(as_text=True)
    assert "Formulir Kecamatan" in listing and "Klinik UMKM" not in listing
    assert client.get(f"/admin/custom_form/edit/?id={answered['form'].id}").status_code == 404
    assert client.get(
        f"/admin/form_submission/details/?id={answered['first'].id}").status_code == 404
    submissions = client.get("/admin/form_submission/").get_data(as_text=True)
    assert answered["first"].reference not in submissions
    text = client.get("/admin/form_submission/export/csv/").get_data(as_text=True)
    assert answered["first"].reference not in text
    # the preview of another unit's draft is not theirs either
    with db.connection_context():
        CustomForm.update(status="draft").execute()
    assert client.get("/formulir/klinik").status_code == 404
    assert client.get("/formulir/kec").status_code == 200


def test_a_file_answer_is_downloaded_by_its_managers_and_removed_with_its_submission(
        app, client, auth, users, en):
    import os

    from PIL import Image

    from portal import uploads
    with db.connection_context():
        form = CustomForm.create(title="Foto", slug="foto", status="published")
        FormField.create(form=form, key="foto", label="Foto", type="file", required=True)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, "PNG")
    token = csrf_token(client.get("/formulir/foto").get_data(as_text=True))
    page = client.post("/formulir/foto", data={"csrf_token": token,
                                               "foto": (io.BytesIO(buffer.getvalue()), "a.png")},
                       content_type="multipart/form-data")
    assert page.status_code == 303
    with db.connection_context():
        answer = FormAnswer.get()
    path = os.path.join(uploads.folder(app.instance_path, "forms"), answer.file_stored)
    assert os.path.exists(path)
    assert client.get(f"/admin/form_submission/file/{answer.id}").status_code == 302  # sign in
    auth.login("admin")
    download = client.get(f"/admin/form_submission/file/{answer.id}")
    assert download.status_code == 200 and download.data.startswith(b"\x89PNG")
    assert download.headers["Content-Type"] == "image/png"
    details = client.get(f"/admin/form_submission/details/?id={answer.submission_id}")
    token = csrf_token(details.get_data(as_text=True))
    client.post("/admin/form_submission/delete/",
                data={"id": str(answer.submission_id), "csrf_token": token, "confirmed": "1"})
    with db.connection_context():
        assert FormSubmission.select().count() == 0
    assert not os.path.exists(path)


def test_an_empty_address_is_made_from_a_long_title_and_kept_unique(client, auth, users):
    """Indonesian screens: a 40-character title with the address left empty saves; the
    second form of that title gets ``-2``; a typed address already taken is named as
    such under the address field."""
    auth.login("operator")
    title = "Pendaftaran Workshop Penyusunan SKP 2027"
    for _ in range(2):
        token = csrf_token(client.get("/admin/custom_form/new/").get_data(as_text=True))
        page = client.post("/admin/custom_form/new/", data=builder_data(token, title=title))
        assert page.status_code == 302, page.get_data(as_text=True)
    with db.connection_context():
        made = sorted(f.slug for f in CustomForm.select().where(CustomForm.title == title))
    assert made == ["pendaftaran-workshop-penyusunan-skp-2027",
                    "pendaftaran-workshop-penyusunan-skp-2027-2"]
    assert client.get("/formulir/pendaftaran-workshop-penyusunan-skp-2027-2").status_code == 200
    token = csrf_token(client.get("/admin/custom_form/new/").get_data(as_text=True))
    page = client.post("/admin/custom_form/new/", data=builder_data(
        token, title="Lain", slug="pendaftaran-workshop-penyusunan-skp-2027"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "sudah dipakai formulir lain" in html and "hanya berisi huruf kecil" not in html
    assert 'id="slug"' in html and "is-invalid" in html.split('id="slug"')[0][-400:] + \
        html.split('id="slug"')[1][:400]
    with db.connection_context():
        assert CustomForm.select().where(CustomForm.title == "Lain").count() == 0
