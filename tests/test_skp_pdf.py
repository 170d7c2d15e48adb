"""The printable SKP: an Indonesian PDF with identities, plan, evaluation and predikat."""
import datetime

from portal.db import db
from portal.models import (Employee, Evaluation, EvaluationBehaviour, EvaluationResult, Iki,
                           IkiRealisation, Period, Rhk, Skp, User)
from portal.pdf.skp import skp_pdf


def final_skp(org):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=2026, appraiser=org["boss"], state="final",
                         dukungan_sumber_daya="Ruang layanan dan SIMPUS")
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
        iki = Iki.create(rhk=rhk, aspect="kuantitas", indicator="Pasien dilayani",
                         target_value=1200, target_unit="pasien")
        annual = Period.create(year=2026)
        evaluation = Evaluation.create(skp=skp, period=annual, hasil_kerja_rating="di_atas",
                                       perilaku_rating="di_atas", predikat="sangat_baik")
        EvaluationResult.create(evaluation=evaluation, rhk=rhk, realisation="1.350 pasien",
                                rating="di_atas")
        EvaluationBehaviour.create(evaluation=evaluation, value="akuntabel", rating="sesuai")
        IkiRealisation.create(evaluation=evaluation, iki=iki, value=1350)
        skp.set_ratings("di_atas", "di_atas")
        skp.save()
    return skp


def test_pdf_names_employee_appraiser_plan_and_predikat(app, org):
    skp = final_skp(org)
    with app.app_context(), db.connection_context():
        data = skp_pdf(Skp.get_by_id(skp.id), "Kabupaten Contoh", "Lentera", compress=False,
                       today=datetime.date(2027, 1, 15))
    assert data.startswith(b"%PDF")
    for text in (b"SASARAN KINERJA PEGAWAI", b"Dewi Lestari", b"19950505 202012 2 001",
                 b"Penata Muda", b"III/a", b"Perawat Ahli Pertama", b"Dinas Kesehatan",
                 b"Siti Rahmawati", b"Kepala Dinas", b"Pelayanan pasien rawat jalan",
                 b"Pasien dilayani", b"1.200 pasien", b"Ruang layanan dan SIMPUS",
                 b"1.350 pasien", b"1.350 pasien \\(112,5 %\\)",  # ( ) escaped in PDF text
                 b"Sangat Baik", b"Di Atas Ekspektasi",
                 b"Atasan pejabat penilai", b"15 Januari 2027"):
        assert text in data, text


def test_draft_pdf_has_no_evaluation(app, org):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=2026, appraiser=org["boss"])
    with app.app_context(), db.connection_context():
        data = skp_pdf(skp, "Kabupaten Contoh", "Lentera", compress=False)
    assert b"Dewi Lestari" in data and b"EVALUASI KINERJA TAHUNAN" not in data


def test_print_button_and_access(client, auth, users, org, password_hash):
    skp = final_skp(org)
    with db.connection_context():
        other = Employee.create(nip="199001012015031003", name="Budi Santoso", golongan="III/b",
                                jabatan_kind="pelaksana", position_title="Pengelola Data",
                                unit=org["dinas"], supervisor=org["head"])
        User.create(username="lain", role="pegawai", employee=other,
                    password_hash=password_hash, display_name="Budi")
    auth.login("pegawai")
    page = client.get(f"/admin/skp/{skp.id}/").get_data(as_text=True)
    assert "Cetak PDF" in page and f"/admin/skp/{skp.id}/pdf" in page
    response = client.get(f"/admin/skp/{skp.id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    auth.logout()
    auth.login("lain")
    assert client.get(f"/admin/skp/{skp.id}/pdf").status_code == 404
    auth.logout()
    auth.login("operator")
    assert client.get(f"/admin/skp/{skp.id}/pdf").status_code == 200
