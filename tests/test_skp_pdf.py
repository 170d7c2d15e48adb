"""The printable SKP and the printable evaluation of a period: Indonesian PDFs with the
identities, each RHK with its IKI, targets and realisations, the evaluation per aspect,
the BerAKHLAK ratings, the predikat and the signature blocks on the office's date."""
import datetime

from portal.db import db
from portal.models import (Employee, Evaluation, EvaluationBehaviour, EvaluationResult, Iki,
                           IkiRealisation, Period, Rhk, Skp, User)
from portal.pdf.skp import skp_pdf
from tests.pdf_text import pdf_text


def final_skp(org):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=2026, appraiser=org["boss"], state="final",
                         dukungan_sumber_daya="Ruang layanan dan SIMPUS")
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
        extra = Rhk.create(skp=skp, kind="tambahan", text="Penyuluhan kesehatan di posyandu",
                           position=2)
        iki = Iki.create(rhk=rhk, aspect="kuantitas", indicator="Pasien dilayani",
                         target_value=1200, target_unit="pasien")
        on_time = Iki.create(rhk=rhk, aspect="waktu", indicator="Rata-rata waktu tunggu",
                             target_value=30, target_unit="menit")
        Iki.create(rhk=extra, aspect="kualitas", indicator="Peserta memahami materi",
                   target_value=80, target_unit="%")
        annual = Period.create(year=2026)
        evaluation = Evaluation.create(skp=skp, period=annual, hasil_kerja_rating="di_atas",
                                       perilaku_rating="di_atas", predikat="sangat_baik")
        EvaluationResult.create(evaluation=evaluation, rhk=rhk, realisation="1.350 pasien",
                                feedback="Pertahankan keramahan pelayanan", rating="di_atas")
        EvaluationResult.create(evaluation=evaluation, rhk=extra, realisation="12 kali",
                                rating="sesuai")
        EvaluationBehaviour.create(evaluation=evaluation, value="akuntabel", rating="sesuai",
                                   ekspektasi_khusus="Laporan tepat waktu",
                                   feedback="Laporan selalu lengkap")
        IkiRealisation.create(evaluation=evaluation, iki=iki, value=1350)
        IkiRealisation.create(evaluation=evaluation, iki=on_time, value=24)
        skp.set_ratings("di_atas", "di_atas")
        skp.save()
    return skp


def test_final_pdf_carries_results_per_aspect_ratings_predikat_and_signatures(app, org):
    skp = final_skp(org)
    with app.test_request_context(), db.connection_context():
        text = pdf_text(skp_pdf(Skp.get_by_id(skp.id), "Kabupaten Contoh", "Lentera",
                                today=datetime.date(2027, 1, 15)))
    for part in ("SASARAN KINERJA PEGAWAI", "EVALUASI KINERJA TAHUNAN",
                 # identities
                 "Dewi Lestari", "19950505 202012 2 001", "Penata Muda (III/a)",
                 "Perawat Ahli Pertama", "Dinas Kesehatan", "Siti Rahmawati", "Kepala Dinas",
                 # RHK utama and tambahan, each IKI with aspect, target, realisation
                 "A. HASIL KERJA UTAMA", "B. HASIL KERJA TAMBAHAN",
                 "Pelayanan pasien rawat jalan (Utama)",
                 "Penyuluhan kesehatan di posyandu (Tambahan)",
                 "Kuantitas Pasien dilayani 1.200 pasien 1.350 pasien (112,5 %)",
                 "Waktu Rata-rata waktu tunggu 30 menit 24 menit (120 %)",
                 "Kualitas Peserta memahami materi 80 %",
                 "Realisasi: 1.350 pasien", "Pertahankan keramahan pelayanan",
                 "Penilaian: Di Atas Ekspektasi", "Penilaian: Sesuai Ekspektasi",
                 # BerAKHLAK
                 "Akuntabel Laporan tepat waktu Laporan selalu lengkap Sesuai Ekspektasi",
                 "Kolaboratif - - -",
                 "Rating hasil kerja Di Atas Ekspektasi",
                 "Rating perilaku kerja Di Atas Ekspektasi",
                 "PREDIKAT KINERJA PEGAWAI Sangat Baik",
                 "Ruang layanan dan SIMPUS"):
        assert part in text, part
    # the signature blocks: place and date, who signs as what, name, pangkat, NIP
    assert "Pegawai yang dinilai, Perawat Ahli Pertama" in text
    assert "Kabupaten Contoh, 15 Januari 2027 Pejabat penilai kinerja, Kepala Seksi" in text
    assert "Dewi Lestari Penata Muda (III/a) NIP 19950505 202012 2 001" in text
    assert "Siti Rahmawati Penata Tingkat I (III/d) NIP 19800101 200501 1 002" in text
    assert "Atasan pejabat penilai kinerja, Kepala Dinas" in text


def test_a_pdf_printed_on_the_evening_of_7_december_utc_is_dated_8_december_wib(app, org):
    skp = final_skp(org)
    evening = datetime.datetime(2026, 12, 7, 20, 0)  # UTC: 03:00 on 8 December in Jakarta
    with app.test_request_context(), db.connection_context():
        text = pdf_text(skp_pdf(Skp.get_by_id(skp.id), "Kabupaten Contoh", "Lentera",
                                moment=evening))
    assert "Kabupaten Contoh, 8 Desember 2026" in text
    assert "7 Desember 2026" not in text


def test_draft_pdf_has_the_plan_and_no_evaluation(app, org):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=2026, appraiser=org["boss"])
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
        Iki.create(rhk=rhk, aspect="kuantitas", indicator="Pasien dilayani",
                   target_value=1200, target_unit="pasien")
    with app.test_request_context(), db.connection_context():
        text = pdf_text(skp_pdf(skp, "Kabupaten Contoh", "Lentera"))
    assert "Dewi Lestari" in text and "EVALUASI KINERJA TAHUNAN" not in text
    assert "Kuantitas: Pasien dilayani 1.200 pasien" in text


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
    assert "PREDIKAT KINERJA PEGAWAI Sangat Baik" in pdf_text(response.data)
    auth.logout()
    auth.login("lain")
    assert client.get(f"/admin/skp/{skp.id}/pdf").status_code == 404
    auth.logout()
    auth.login("operator")
    assert client.get(f"/admin/skp/{skp.id}/pdf").status_code == 200


def quarter_evaluation(org):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=2026, appraiser=org["boss"],
                         state="evaluated")
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
        iki = Iki.create(rhk=rhk, aspect="kuantitas", indicator="Pasien dilayani",
                         target_value=1200, target_unit="pasien")
        first = Period.create(year=2026, quarter=1)
        second = Period.create(year=2026, quarter=2)
        evaluation = Evaluation.create(skp=skp, period=first, hasil_kerja_rating="sesuai",
                                       perilaku_rating="sesuai", predikat="baik")
        EvaluationResult.create(evaluation=evaluation, rhk=rhk, realisation="320 pasien",
                                feedback="Catat kunjungan ulang terpisah", rating="sesuai")
        EvaluationBehaviour.create(evaluation=evaluation, value="berorientasi_pelayanan",
                                   rating="di_atas", feedback="Pasien puas")
        IkiRealisation.create(evaluation=evaluation, iki=iki, value=320)
    return skp, first, second


def test_the_evaluation_of_a_quarter_prints_as_its_own_document(client, auth, users, org):
    skp, first, second = quarter_evaluation(org)
    auth.login("penilai")
    page = client.get(f"/admin/skp/{skp.id}/evaluation/{first.id}").get_data(as_text=True)
    url = f"/admin/skp/{skp.id}/evaluation/{first.id}/pdf"
    assert "Cetak dokumen evaluasi (PDF)" in page and url in page
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "evaluasi-2026-tw1-Dewi-Lestari.pdf" in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    for part in ("DOKUMEN EVALUASI KINERJA PEGAWAI",
                 "PERIODE: TRIWULAN I (1 Januari 2026 - 31 Maret 2026)",
                 "Dewi Lestari", "Siti Rahmawati", "Realisasi s.d. periode ini",
                 "Kuantitas Pasien dilayani 1.200 pasien 320 pasien (26,7 %)",
                 "Realisasi: 320 pasien", "Catat kunjungan ulang terpisah",
                 "Penilaian: Sesuai Ekspektasi",
                 "Berorientasi Pelayanan - Pasien puas Di Atas Ekspektasi",
                 "PREDIKAT KINERJA PERIODE INI Baik",
                 "Pegawai yang dinilai", "Pejabat penilai kinerja"):
        assert part in text, part
    # no evaluation for the second quarter yet: nothing to print
    assert client.get(f"/admin/skp/{skp.id}/evaluation/{second.id}/pdf").status_code == 404
    auth.logout()
    auth.login("pegawai")
    assert client.get(url).status_code == 200
    auth.logout()
    auth.login("petugas")
    assert client.get(url).status_code == 403


def test_nobody_prints_the_evaluation_of_an_skp_they_may_not_see(client, auth, users, org,
                                                                 password_hash):
    skp, first, _second = quarter_evaluation(org)
    with db.connection_context():
        other = Employee.create(nip="199001012015031003", name="Budi Santoso", golongan="III/b",
                                jabatan_kind="pelaksana", position_title="Pengelola Data",
                                unit=org["dinas"], supervisor=org["head"])
        User.create(username="lain", role="pegawai", employee=other,
                    password_hash=password_hash, display_name="Budi")
    auth.login("lain")
    assert client.get(f"/admin/skp/{skp.id}/evaluation/{first.id}/pdf").status_code == 404


def test_identity_labels_and_headings_leave_room_in_their_cells(app, org):
    """A reader's substitute for Helvetica may be wider (15 % allowed for): the label
    "Nama" never runs into the name, and "Realisasi (capaian)" keeps its bracket."""
    import re

    from fpdf import FPDF

    from portal.pdf import skp_layout
    skp = final_skp(org)
    with app.test_request_context(), db.connection_context():
        data = skp_pdf(Skp.get_by_id(skp.id), "Kabupaten Contoh", "Lentera", compress=False,
                       today=datetime.date(2027, 1, 15))
    assert "Realisasi (capaian)" in pdf_text(data)
    placed = [(float(x), raw.decode("latin-1")) for x, raw in
              re.findall(rb"([\d.]+) [\d.]+ Td (?:[\d.]+ g )?\((.*?)(?<!\\)\) Tj", data)]
    measure = FPDF(unit="pt")
    measure.add_page()
    measure.set_font("Helvetica", "", 9)
    for name in ("Dewi Lestari", "Siti Rahmawati"):
        value_x = next(x for x, text in placed if text == name)
        label_x, label = next((x, text) for x, text in reversed(placed[:placed.index(
            (value_x, name))]) if x < value_x)
        assert label == "Nama"
        assert label_x + measure.get_string_width(label) * 1.15 < value_x
    measure.set_font("Helvetica", "B", 8)
    space = [w - 2 * skp_layout.PADDING[1] for w in skp_layout.RESULT_WIDTHS]


    def mm(text):
        return measure.get_string_width(text) / 72 * 25.4

    for head, room in zip(skp_layout.result_heads("Realisasi (capaian)"), space):
        for given in head.split("\n"):
            lines = [""]  # wrapped at spaces, as the table does
            for word in given.split():
                joined = f"{lines[-1]} {word}".strip()
                if mm(joined) <= room:
                    lines[-1] = joined
                else:
                    lines.append(word)
            for line in lines:
                assert mm(line) * 1.15 <= room, line
