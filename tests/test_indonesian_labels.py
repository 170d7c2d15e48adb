"""Labels that read as English or as scrambled Indonesian in the Indonesian back office."""
import re

from portal.db import db
from portal.models import CustomForm


def test_a_closed_form_is_called_ditutup_as_its_help_says(client, auth, users):
    with db.connection_context():
        CustomForm.create(title="Pendaftaran UMKM", slug="umkm", status="closed")
    auth.login("operator")
    page = client.get("/admin/custom_form/").get_data(as_text=True)
    row = page.split("Pendaftaran UMKM", 1)[1].split("</tr>", 1)[0]
    assert "Ditutup" in row and "Selesai" not in row
    form = client.get("/admin/custom_form/new/").get_data(as_text=True)
    assert "Ditutup: masyarakat tidak dapat mengirimkannya lagi." in form
    assert re.search(r'<option value="closed">\s*Ditutup\s*</option>', form)


def test_a_new_field_row_is_headed_in_indonesian_word_order(client, auth, users):
    auth.login("operator")
    form = client.get("/admin/custom_form/new/").get_data(as_text=True)
    assert "Isian (baru)" in form and "Baru Isian" not in form


def test_filters_on_a_related_record_are_named_in_indonesian(client, auth, users):
    auth.login("operator")
    employees = client.get("/admin/employee/").get_data(as_text=True)
    assert "Nama unit kerja" in employees and "Kode unit kerja" in employees
    realisations = client.get("/admin/indicator_realisation/").get_data(as_text=True)
    assert "Kode indikator" in realisations
    for page in (employees, realisations, client.get("/admin/unit_result/").get_data(
            as_text=True), client.get("/admin/unit_indicator/").get_data(as_text=True)):
        assert "Unit / Name" not in page and "Indicator / Code" not in page
        assert "Unit / Nama" not in page
