"""Spreadsheet import in the back office: upload, preview of every row, confirm; all or none."""
import glob
import io
import os
import re

import openpyxl
import pytest

from portal.db import db
from portal.models import Employee, IndicatorRealisation, Period, Unit, User, UnitIndicator
from tests.conftest import csrf_token
from tests.db_faults import insert_fails_on

EMP_HEADER = ["NIP", "Nama", "Status (PNS/PPPK)", "Golongan", "Jenis jabatan", "Jabatan",
              "Kode unit", "NIP atasan", "E-mail", "Aktif"]
IND_HEADER = ["Kode unit", "Tahun", "Kode indikator", "Nama indikator", "Definisi", "Satuan",
              "Aspek", "Polaritas", "Sumber data", "Target tahunan", "Publik"]
REAL_HEADER = ["Kode unit", "Tahun", "Kode indikator", "Periode", "Nilai", "Catatan"]

# a new section head and her new staff member listed before her (order-independent)
NEW_STAFF = ["199003152019032004", "Rina Handayani", "PNS", "III/b", "pelaksana",
             "Pengelola Data", "DINKES", "198507072010012003", "rina@example.go.id", "ya"]
NEW_BOSS = ["198507072010012003", "Maya Sari", "PNS", "III/d", "pengawas", "Kepala Seksi Data",
            "DINKES", "197001012000031001", "", "ya"]
# Dewi Lestari (already in the database) moves to a new position title
DEWI = ["199505052020122001", "Dewi Lestari", "PNS", "III/a", "fungsional_ahli_pertama",
        "Perawat Ahli Pertama Puskesmas", "DINKES", "198001012005011002", "", "ya"]


def xlsx(header, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(header, rows, sep=",", bom=False):
    lines = [sep.join(header)] + [sep.join(str(c) for c in row) for row in rows]
    text = "\r\n".join(lines) + "\r\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def upload(client, kind, data, filename):
    token = csrf_token(client.get("/admin/import/").get_data(as_text=True))
    return client.post("/admin/import/", data={"kind": kind, "csrf_token": token,
                                               "file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def preview(client, kind, data, filename):
    """Upload and follow to the preview page: (page text, preview URL)."""
    response = upload(client, kind, data, filename)
    assert response.status_code == 302, response.get_data(as_text=True)
    url = response.headers["Location"]
    page = client.get(url)
    assert page.status_code == 200
    return page.get_data(as_text=True), url


def confirm(client, url, page):
    return client.post(url.replace("/preview/", "/confirm/"),
                       data={"csrf_token": csrf_token(page)})


def employees():
    with db.connection_context():
        return {e.nip: e for e in Employee.select()}


def test_good_employee_file_imports_every_row(client, auth, users, org):
    auth.login("operator")
    page, url = preview(client, "employees", xlsx(EMP_HEADER, [NEW_STAFF, NEW_BOSS, DEWI]),
                        "pegawai.xlsx")
    assert "Impor semua baris" in page
    assert page.count("import-row import-new") == 2
    assert "ubah" in page and "Perawat Ahli Pertama Puskesmas" in page
    assert "199003152019032004" not in employees()          # nothing written yet
    response = confirm(client, url, page)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/employee/")
    people = employees()
    rina, maya = people["199003152019032004"], people["198507072010012003"]
    assert rina.supervisor_id == maya.id and maya.supervisor_id == org["head"].id
    assert rina.golongan == "III/b" and rina.unit_id == org["dinas"].id
    assert rina.email == "rina@example.go.id"
    assert people["199505052020122001"].position_title == "Perawat Ahli Pertama Puskesmas"
    followed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "2 baru, 1 diubah, 0 tidak berubah" in followed


def test_bad_rows_are_listed_with_every_error_and_nothing_is_written(client, auth, users, org):
    auth.login("operator")
    bad = [
        NEW_STAFF,
        ["199003152019032099", "", "PNS", "", "kepala", "Staf", "NOPE", "111", "bukan-email",
         "mungkin"],
        ["12345", "Budi", "PPPK", "II/a", "pelaksana", "Staf", "DINKES", "", "", ""],
        NEW_STAFF,
    ]
    page, url = preview(client, "employees", xlsx(EMP_HEADER, bad), "pegawai.xlsx")
    assert "Impor semua baris" not in page
    assert "Tidak ada yang akan diimpor" in page
    # the rows' badge says what is wrong in Indonesian, not "error"
    assert '<span class="badge badge-danger">salah</span>' in page and ">error<" not in page
    for message in ("Nama kosong.", "Golongan wajib diisi untuk PNS.",
                    "Jenis jabatan “kepala” tidak dikenal",
                    "Kode unit “NOPE” tidak dikenal.",
                    "NIP atasan 111 tidak ada di basis data maupun di berkas ini.",
                    "“bukan-email” bukan alamat e-mail.", "Aktif harus “ya” atau “tidak”.",
                    "NIP 12345: NIP harus terdiri atas tepat 18 digit.",
                    "Pegawai PPPK tidak memiliki golongan",
                    "NIP 19900315 201903 2 004 juga ada di baris 5.",
                    "NIP 19900315 201903 2 004 juga ada di baris 2."):
        assert message in page, message
    # confirming anyway (a forged POST) writes nothing either
    response = confirm(client, url, page)
    assert response.status_code == 422
    assert set(employees()) == {org["head"].nip, org["boss"].nip, org["staff"].nip}


def test_one_bad_row_among_good_ones_writes_nothing(client, auth, users, org):
    auth.login("admin")
    rows = [NEW_STAFF, NEW_BOSS, DEWI,
            ["199101012015011001", "Andi", "PNS", "II/c", "pelaksana", "Staf", "DINKES",
             "199101012015011001", "", ""]]
    page, url = preview(client, "employees", xlsx(EMP_HEADER, rows), "pegawai.xlsx")
    assert "Pegawai tidak dapat menjadi atasan bagi dirinya sendiri" in page
    assert confirm(client, url, page).status_code == 422
    people = employees()
    assert len(people) == 3
    assert people["199505052020122001"].position_title == "Perawat Ahli Pertama"


def test_the_database_changing_between_preview_and_confirm_is_checked_again(
        client, auth, users, org):
    auth.login("admin")
    page, url = preview(client, "employees", xlsx(EMP_HEADER, [NEW_STAFF, NEW_BOSS]),
                        "pegawai.xlsx")
    assert "Impor semua baris" in page
    with db.connection_context():
        Unit.update(code="DINKES-LAMA").where(Unit.id == org["dinas"].id).execute()
    response = confirm(client, url, page)
    assert response.status_code == 422
    assert "Kode unit “DINKES” tidak dikenal." in response.get_data(as_text=True)
    assert len(employees()) == 3


def test_a_database_failure_on_a_late_row_keeps_none_of_the_earlier_ones(
        client, auth, users, org):
    """The database itself refuses the third row (a trigger raising on its NIP, which no
    check before the write can see): Dewi's change and Rina's new row, written before it,
    are rolled back, and the operator is told that nothing was imported."""
    auth.login("admin")
    page, url = preview(client, "employees", xlsx(EMP_HEADER, [DEWI, NEW_STAFF, NEW_BOSS]),
                        "pegawai.xlsx")
    assert "Impor semua baris" in page
    with insert_fails_on(Employee._meta.table_name, "nip", NEW_BOSS[0]):
        response = confirm(client, url, page)
    assert response.status_code == 302
    followed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "tidak ada yang diimpor" in followed.lower()
    people = employees()
    assert set(people) == {org["head"].nip, org["boss"].nip, org["staff"].nip}
    assert people["199505052020122001"].position_title == "Perawat Ahli Pertama"


def test_operator_of_one_unit_cannot_import_for_another(client, auth, users, org,
                                                         password_hash):
    with db.connection_context():
        kelurahan = Unit.create(code="KEL-01", name="Kelurahan Mekar", kind="kelurahan",
                                parent=org["kecamatan"])
        User.create(username="op-kec", role="operator", unit=org["kecamatan"],
                    password_hash=password_hash)
    auth.login("op-kec")
    inside = ["199201012018012001", "Sari", "PNS", "III/a", "pelaksana", "Staf Kelurahan",
              "KEL-01", "", "", ""]
    page, url = preview(client, "employees", xlsx(EMP_HEADER, [inside, DEWI]), "pegawai.xlsx")
    assert "Unit DINKES di luar unit kerja Anda." in page
    assert "milik pegawai unit di luar unit kerja Anda" in page
    assert "Impor semua baris" not in page
    assert confirm(client, url, page).status_code == 422
    assert "199201012018012001" not in employees()
    page, url = preview(client, "employees", xlsx(EMP_HEADER, [inside]), "pegawai.xlsx")
    assert confirm(client, url, page).status_code == 302
    assert employees()["199201012018012001"].unit_id == kelurahan.id


def test_a_preview_belongs_to_its_uploader(client, auth, users, org, app):
    auth.login("operator")
    _page, url = preview(client, "employees", xlsx(EMP_HEADER, [NEW_STAFF, NEW_BOSS]),
                         "pegawai.xlsx")
    auth.logout()
    auth.login("admin")
    assert client.get(url).status_code == 404
    assert client.get("/admin/import/preview/not-a-token").status_code == 404
    # confirming or cancelling it with a valid form of the admin's own is refused too,
    # and writes nothing
    own_page = client.get("/admin/import/").get_data(as_text=True)
    assert confirm(client, url, own_page).status_code == 404
    assert client.post(url.replace("/preview/", "/cancel/"),
                       data={"csrf_token": csrf_token(own_page)}).status_code == 404
    assert "199003152019032004" not in employees()
    # the uploader still finds it waiting, and confirms it
    auth.logout()
    auth.login("operator")
    page = client.get(url).get_data(as_text=True)
    assert "Impor semua baris" in page
    assert confirm(client, url, page).status_code == 302
    assert "199003152019032004" in employees()


def test_confirm_needs_the_csrf_token(client, auth, users, org):
    auth.login("operator")
    page, url = preview(client, "employees", xlsx(EMP_HEADER, [NEW_STAFF, NEW_BOSS]),
                        "pegawai.xlsx")
    response = client.post(url.replace("/preview/", "/confirm/"), data={})
    assert response.status_code == 400
    assert "198507072010012003" not in employees()
    assert "Impor semua baris" in client.get(url).get_data(as_text=True)  # still waiting
    # the upload form itself refuses a POST without the token
    response = client.post("/admin/import/", data={
        "kind": "employees", "file": (io.BytesIO(xlsx(EMP_HEADER, [NEW_STAFF])), "p.xlsx")},
        content_type="multipart/form-data")
    assert response.status_code == 400


def test_csv_with_bom_semicolons_and_decimal_commas(client, auth, users, org):
    auth.login("operator")
    rows = [["DINKES", "2026", "IKU-01", "Cakupan imunisasi", "", "%", "kualitas", "tinggi",
             "Laporan", "95,5", "ya"],
            ["DINKES", "2026", "IKU-02", "Pasien dilayani", "", "orang", "kuantitas", "tinggi",
             "SIMPUS", "12.000", "tidak"],
            ["DINKES", "2026", "IKU-03", "Waktu tanggap", "", "menit", "waktu", "rendah", "",
             "1.234,5", ""]]
    page, url = preview(client, "indicators", csv_bytes(IND_HEADER, rows, ";", bom=True),
                        "indikator.csv")
    assert "Impor semua baris" in page, page
    assert confirm(client, url, page).status_code == 302
    with db.connection_context():
        got = {i.code: i for i in UnitIndicator.select()}
    assert got["IKU-01"].target == 95.5 and got["IKU-01"].aspect == "kualitas"
    assert got["IKU-02"].target == 12000 and got["IKU-02"].public is False
    assert got["IKU-03"].target == 1234.5 and got["IKU-03"].polarity == "lower"


def test_plain_csv_with_commas(client, auth, users, org):
    auth.login("operator")
    rows = [["DINKES", "2026", "IKU-09", "Cakupan", "", "%", "", "", "", "80.5", ""]]
    page, url = preview(client, "indicators", csv_bytes(IND_HEADER, rows), "indikator.csv")
    assert confirm(client, url, page).status_code == 302
    with db.connection_context():
        assert UnitIndicator.get(UnitIndicator.code == "IKU-09").target == 80.5


def test_indicator_update_is_shown_with_what_changes(client, auth, users, org):
    with db.connection_context():
        UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-01", name="Cakupan",
                             measurement_unit="%", target=90)
    auth.login("operator")
    rows = [["DINKES", 2026, "iku-01", "Cakupan", "", "%", "kuantitas", "tinggi", "", 95, "ya"]]
    page, url = preview(client, "indicators", xlsx(IND_HEADER, rows), "indikator.xlsx")
    assert "ubah" in page
    assert re.search(r"Target tahunan: <del>90</del> → <ins>95</ins>", page)
    assert confirm(client, url, page).status_code == 302
    with db.connection_context():
        assert UnitIndicator.get(UnitIndicator.code == "IKU-01").target == 95
        assert UnitIndicator.select().count() == 1


def test_realisations_refuse_closed_periods_and_unknown_indicators(client, auth, users, org):
    with db.connection_context():
        indicator = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-01",
                                         name="Pasien", measurement_unit="orang", target=1200)
        Period.create(year=2026, month=1, open=False)
        Period.create(year=2026, month=2)
    auth.login("operator")
    rows = [["DINKES", 2026, "IKU-01", "Januari", 100, ""],
            ["DINKES", 2026, "IKU-77", "2", 100, ""],
            ["DINKES", 2026, "IKU-01", "TW V", "banyak", ""],
            ["DINKES", 2026, "IKU-01", "Februari", "1.100,5", "lengkap"],
            ["DINKES", 2026, "IKU-01", "TW I", "300", ""]]
    page, url = preview(client, "realisations", xlsx(REAL_HEADER, rows), "realisasi.xlsx")
    for message in ("Periode Januari 2026 sudah ditutup",
                    "Unit DINKES tidak memiliki indikator IKU-77 untuk 2026",
                    "Periode “TW V” bukan bulan",
                    "Realisasi: “banyak” bukan angka"):
        assert message in page, message
    assert confirm(client, url, page).status_code == 422
    with db.connection_context():
        assert IndicatorRealisation.select().count() == 0
    page, url = preview(client, "realisations", xlsx(REAL_HEADER, rows[3:]), "realisasi.xlsx")
    assert confirm(client, url, page).status_code == 302
    with db.connection_context():
        values = {(r.period.month, r.period.quarter): r.value
                  for r in IndicatorRealisation.select().where(
                      IndicatorRealisation.indicator == indicator)}
        assert values == {(2, None): 1100.5, (None, 1): 300.0}   # TW I created as needed


def test_a_file_of_the_wrong_kind_or_layout_is_refused(client, auth, users, org):
    auth.login("operator")
    response = upload(client, "employees", b"%PDF-1.4 not a spreadsheet", "pegawai.xlsx")
    assert response.status_code == 422
    assert "berkas CSV" in response.get_data(as_text=True)
    page, _url = preview(client, "employees", xlsx(IND_HEADER, [["DINKES"]]), "x.xlsx")
    assert "Kolom tidak ada: NIP" in page and "Impor semua baris" not in page


def test_file_size_limit(client, auth, users, org, app):
    app.config["IMPORT_MAX_BYTES"] = 1000
    auth.login("operator")
    big = csv_bytes(EMP_HEADER, [NEW_STAFF] * 40)
    response = upload(client, "employees", big, "pegawai.csv")
    assert response.status_code == 413
    assert "lebih besar dari" in response.get_data(as_text=True)


@pytest.mark.parametrize("kind,first", [("employees", "NIP *"), ("indicators", "Kode unit *"),
                                        ("realisations", "Kode unit *")])
def test_templates_open_in_openpyxl_and_import_as_they_are(client, auth, users, org, kind,
                                                            first):
    auth.login("operator")
    response = client.get(f"/admin/import/template/{kind}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Data", "Petunjuk"]
    rows = list(book["Data"].iter_rows(values_only=True))
    assert rows[0][0] == first and len(rows) == 2
    assert client.get("/admin/import/template/other").status_code == 404
    # the template's own example is read without complaints about the columns
    page, _url = preview(client, kind, response.data, f"templat-{kind}.xlsx")
    assert "Berkas ini tidak dapat diimpor" not in page
    if kind != "realisations":     # the example indicator does not exist yet
        assert "Impor semua baris" in page


def test_a_nip_stored_as_a_number_and_a_pppk_employee(client, auth, users, org):
    auth.login("operator")
    as_number = list(NEW_STAFF)
    as_number[0] = 199003152019032004.0                    # Excel's number: digits lost
    pppk = ["199208172023212001", "Lina", "pppk", "", "fungsional_ahli_pertama", "Perawat",
            "dinkes", "", "", "ya"]
    page, _url = preview(client, "employees", xlsx(EMP_HEADER, [as_number, pppk]), "p.xlsx")
    assert "NIP tersimpan sebagai angka dan kehilangan digit" in page
    assert page.count("import-row import-new") == 1        # the PPPK row is fine


def test_a_closed_year_refuses_indicator_changes(client, auth, users, org):
    with db.connection_context():
        Period.create(year=2025, open=False)
    auth.login("admin")
    rows = [["DINKES", 2025, "IKU-01", "Cakupan", "", "%", "", "", "", 90, ""]]
    page, url = preview(client, "indicators", xlsx(IND_HEADER, rows), "i.xlsx")
    assert "Periode 2025 sudah ditutup" in page
    assert confirm(client, url, page).status_code == 422
    with db.connection_context():
        assert UnitIndicator.select().count() == 0


def test_texts_longer_than_their_columns_are_errors_not_crashes(client, auth, users, org):
    auth.login("operator")
    rows = [["DINKES", 2026, "IKU-" + "9" * 40, "N" * 301, "", "x" * 51, "", "", "", 1, ""]]
    page, url = preview(client, "indicators", xlsx(IND_HEADER, rows), "i.xlsx")
    for message in ("Kode lebih dari 32 karakter.", "Indikator lebih dari 300 karakter.",
                    "Satuan lebih dari 50 karakter."):
        assert message in page, message
    assert confirm(client, url, page).status_code == 422


def test_an_operators_account_keeps_its_unit_and_a_pegawai_loses_it(client, auth, users, org):
    auth.login("admin")
    url = "/admin/account/new/"
    for username, role, employee in (("op-kec", "operator", ""),
                                     ("dewi", "pegawai", str(org["staff"].id))):
        client.post(url, data={
            "username": username, "display_name": username, "role": role,
            "employee": employee, "unit": str(org["kecamatan"].id), "active": "y",
            "new_password": "Kecamatan-2026!",
            "csrf_token": csrf_token(client.get(url).get_data(as_text=True))})
    with db.connection_context():
        assert User.get(User.username == "op-kec").unit_id == org["kecamatan"].id
        assert User.get(User.username == "dewi").unit_id is None


@pytest.mark.parametrize("cell,line,problem", [
    ("x" * 200_000, 2, "A cell is longer than 131,072 characters; the file cannot be read as CSV."),
    ("ab\rcd", 2, "This line cannot be read as CSV; save the file again as CSV (UTF-8)."),
])
def test_a_csv_the_reader_cannot_read_is_a_file_error(client, auth, users, org, cell, line,
                                                      problem):
    """The csv module's errors (a cell over its 128 KB limit, a stray carriage return) are
    reported on the preview, on every reload of it and on confirming, never a crash."""
    client.set_cookie("lang", "en")
    auth.login("operator")
    row = list(NEW_STAFF)
    row[5] = cell
    page, url = preview(client, "employees", csv_bytes(EMP_HEADER, [row], sep=";"), "p.csv")
    assert f"Line {line}: {problem}" in page and "Import every row" not in page
    assert client.get(url).status_code == 200
    assert confirm(client, url, page).status_code == 422
    assert "199003152019032004" not in employees()


def test_a_csv_with_a_nul_character_anywhere_is_refused(client, auth, users, org, app):
    """A NUL past the first 4 KB used to pass the sniffer and reach the database, which
    PostgreSQL refuses with an error (a 500)."""
    client.set_cookie("lang", "en")
    auth.login("operator")
    row = list(NEW_STAFF)
    row[5] = "Pengelola" + "a" * 5000 + "\x00Data"
    response = upload(client, "employees", csv_bytes(EMP_HEADER, [row]), "p.csv")
    assert response.status_code == 422
    assert "a CSV file saved as UTF-8" in response.get_data(as_text=True)
    assert glob.glob(os.path.join(app.instance_path, "imports", "*.bin")) == []  # not kept
    assert "199003152019032004" not in employees()
