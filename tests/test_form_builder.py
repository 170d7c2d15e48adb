"""The form builder's conditions chosen from lists, their refusals, and the preview of a
form from its edit page (in Indonesian, as an operator works)."""
import pytest

from portal.db import db
from portal.models import CustomForm, FormField, FormSubmission, User
from tests.conftest import PASSWORD, csrf_token


def workshop(token, **extra):
    """A workshop registration as the builder's page sends it: three new rows; the third
    is shown when the second (a yes/no question, not saved yet) is answered Ya."""
    data = {"csrf_token": token, "title": "Pendaftaran Workshop SKP", "slug": "",
            "status": "draft", "intro": "Workshop penyusunan SKP.", "confirmation": "",
            "complaint_category": "",
            "fields-0-label": "Nama lengkap", "fields-0-type": "short_text",
            "fields-0-required": "y", "fields-0-active": "y",
            "fields-1-label": "Apakah Anda ASN?", "fields-1-type": "yes_no",
            "fields-1-required": "y", "fields-1-active": "y",
            "fields-2-label": "Sesi", "fields-2-type": "single_choice",
            "fields-2-choices": "Pagi\nSiang", "fields-2-active": "y",
            "fields-3-label": "NIP", "fields-3-type": "short_text", "fields-3-required": "y",
            "fields-3-show_when_key": "row:1", "fields-3-show_when_value": "yes",
            "fields-3-active": "y"}
    data.update(extra)
    return data


def new_form_token(client):
    return csrf_token(client.get("/admin/custom_form/new/").get_data(as_text=True))


def test_a_condition_chosen_from_the_lists_is_saved_as_keys(client, auth, users):
    auth.login("operator")
    page = client.post("/admin/custom_form/new/", data=workshop(new_form_token(client)))
    assert page.status_code == 302, page.get_data(as_text=True)
    with db.connection_context():
        form = CustomForm.get(CustomForm.title == "Pendaftaran Workshop SKP")
        nip = FormField.get(FormField.form == form, FormField.label == "NIP")
        assert (nip.show_when_key, nip.show_when_value) == ("apakah_anda_asn", "yes")
    # the edit page shows the condition by the question's label and the option as read
    html = client.get(f"/admin/custom_form/edit/?id={form.id}").get_data(as_text=True)
    assert '<option selected value="apakah_anda_asn">Apakah Anda ASN?</option>' in html
    assert '<option selected value="yes">Ya</option>' in html
    assert "Tampilkan pertanyaan ini hanya jika" in html and "— Selalu tampilkan —" in html
    # without the page's script, the lists hold the form's saved questions with options
    assert '<optgroup label="Sesi">' in html and '<option value="Siang">Siang</option>' in html
    assert '<option value="nama_lengkap">' not in html  # a question without options
    # the public form shows NIP only after Ya (the public script's attributes)
    with db.connection_context():
        CustomForm.update(status="published").where(CustomForm.id == form.id).execute()
    public = client.get("/formulir/pendaftaran-workshop-skp").get_data(as_text=True)
    assert 'data-when-field="apakah_anda_asn" data-when-value="yes"' in public


@pytest.mark.parametrize("changes, message", [
    ({"fields-3-show_when_key": "row:3"},
     "“NIP” tidak dapat ditampilkan berdasarkan jawabannya sendiri."),
    ({"fields-1-show_when_key": "row:2", "fields-1-show_when_value": "Pagi"},
     "“Apakah Anda ASN?” hanya dapat bergantung pada pertanyaan yang ada sebelumnya; "
     "“Sesi” berada sesudahnya."),
    ({"fields-3-show_when_key": "row:0", "fields-3-show_when_value": "Budi"},
     "“NIP” hanya dapat bergantung pada pertanyaan yang memiliki pilihan jawaban "
     "(ya/tidak atau pilihan); “Nama lengkap” tidak memilikinya."),
    ({"fields-3-show_when_key": "row:2", "fields-3-show_when_value": "Malam"},
     "“Sesi” tidak memiliki pilihan “Malam”: pilih salah satu pilihannya untuk “NIP”."),
    ({"fields-3-show_when_value": ""}, "Pilih jawaban “Apakah Anda ASN?” yang membuat "
                                       "“NIP” muncul."),
    ({"fields-3-show_when_key": "row:7"},
     "“NIP” bergantung pada pertanyaan yang tidak ada (lagi)."),
    ({"fields-1-show_when_key": "row:2", "fields-1-show_when_value": "Pagi",
      "fields-2-show_when_key": "row:1", "fields-2-show_when_value": "yes"},
     "Syarat tampil “Apakah Anda ASN?” saling bergantung secara berputar"),
])
def test_a_condition_that_can_never_be_true_is_refused_and_nothing_typed_is_lost(
        client, auth, users, changes, message):
    auth.login("operator")
    page = client.post("/admin/custom_form/new/", data=workshop(new_form_token(client), **changes),
                       follow_redirects=True)
    html = page.get_data(as_text=True)
    assert message in html
    with db.connection_context():
        assert CustomForm.select().count() == 0 and FormField.select().count() == 0
    # the page comes back with everything typed, the condition as chosen
    assert 'value="Pendaftaran Workshop SKP"' in html and "Workshop penyusunan SKP." in html
    assert 'value="Apakah Anda ASN?"' in html and "Pagi\nSiang</textarea>" in html
    chosen = changes.get("fields-3-show_when_key", "row:1")
    assert f'<option selected value="{chosen}">' in html


def test_the_builder_refuses_a_save_without_its_csrf_token(client, auth, users):
    auth.login("operator")
    data = workshop("not-the-token")
    page = client.post("/admin/custom_form/new/", data=data, follow_redirects=True)
    assert page.status_code == 400 and "Formulir kedaluwarsa" in page.get_data(as_text=True)
    with db.connection_context():
        assert CustomForm.select().count() == 0


@pytest.fixture
def draft(client, auth, users):
    auth.login("operator")
    assert client.post("/admin/custom_form/new/",
                       data=workshop(new_form_token(client))).status_code == 302
    with db.connection_context():
        return CustomForm.get(CustomForm.title == "Pendaftaran Workshop SKP")


def test_the_preview_button_opens_the_draft_as_the_public_sees_it_and_stores_nothing(
        client, draft):
    edit = client.get(f"/admin/custom_form/edit/?id={draft.id}").get_data(as_text=True)
    assert 'href="/formulir/pendaftaran-workshop-skp?preview=1"' in edit
    assert ">Pratinjau</a>" in edit
    page = client.get("/formulir/pendaftaran-workshop-skp?preview=1")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Nama lengkap" in html and "Apakah Anda ASN?" in html and "NIP" in html
    assert "Pratinjau: formulir ini belum terbuka untuk umum." in html
    assert 'value="Periksa jawaban (pratinjau: tidak ada yang disimpan)"' in html
    assert 'src="/static/js/form-conditions.js"' in html
    token = csrf_token(html)
    answers = {"csrf_token": token, "nama_lengkap": "Rina Marlina", "apakah_anda_asn": "yes",
               "nip": "199001012015032001"}
    checked = client.post("/formulir/pendaftaran-workshop-skp?preview=1", data=answers)
    assert "semua jawaban valid. Tidak ada yang disimpan." in checked.get_data(as_text=True)
    # NIP is required once Ya is chosen, in the preview as on the public form
    answers.pop("nip")
    refused = client.post("/formulir/pendaftaran-workshop-skp?preview=1", data=answers)
    assert refused.status_code == 400 and "Pertanyaan ini wajib dijawab." in \
        refused.get_data(as_text=True)
    with db.connection_context():
        assert FormSubmission.select().count() == 0
    # the public does not see a draft
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/formulir/pendaftaran-workshop-skp?preview=1").status_code == 404


def test_only_staff_who_may_edit_the_form_preview_it(client, auth, org, draft, password_hash):
    with db.connection_context():
        CustomForm.update(unit=org["dinas"]).execute()
        User.create(username="op_kec", role="operator", unit=org["kecamatan"],
                    password_hash=password_hash)
    token = csrf_token(client.get("/").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": token})
    for username in ("op_kec", "pegawai"):
        auth.login(username, PASSWORD)
        assert client.get("/formulir/pendaftaran-workshop-skp?preview=1").status_code == 404
        auth.logout()
