"""Paper surveys from CSV, by the command line and by upload: every row or none."""
import io

import pytest

from portal.db import db
from portal.models import SurveyResponse, SurveyTally
from portal.survey_import import CHUNK
from tests.conftest import csrf_token
from tests.db_faults import insert_fails_on

HEADER = ("unit_code,service,date,U1,U2,U3,U4,U5,U6,U7,U8,U9,"
          "gender,age,education,occupation,suggestion\n")
GOOD = HEADER + (
    "DINKES,SIP,2025-03-04,4,4,3,4,3,3,4,3,3,P,35,S1,PNS,Ruang tunggu nyaman\n"
    "dinkes,lab,05/03/2025,3,3,3,4,3,3,3,3,2,,,,,\n"
    "DINKES,SIP,2025-03-06,2,3,3,4,3,2,3,3,3,L,62,sd,lainnya,\"Antre lama, mohon tambah loket\"\n"
)
BAD = HEADER + (
    "DINKES,SIP,2025-03-04,4,4,3,4,3,3,4,3,3,P,35,S1,PNS,\n"
    "DINKES,XYZ,2025-03-04,4,4,3,4,3,3,4,3,3,P,35,S1,PNS,\n"
    "DINKES,SIP,2025-13-40,5,4,3,4,3,3,4,3,3,X,200,SMK,Petani,\n"
    "DINKES,SIP,2025-03-04,4,4\n"
)


def paper_rows():
    with db.connection_context():
        return list(SurveyResponse.select().where(SurveyResponse.source == "paper")
                    .order_by(SurveyResponse.id))


def test_cli_imports_a_good_file(runner, survey, tmp_path):
    path = tmp_path / "kuesioner.csv"
    path.write_text(GOOD, encoding="utf-8-sig")
    result = runner.invoke(args=["import-survey", str(path)])
    assert result.exit_code == 0, result.output
    assert "3 jawaban survei berhasil diimpor" in result.output
    rows = paper_rows()
    assert len(rows) == 3
    assert rows[0].answers == [4, 4, 3, 4, 3, 3, 4, 3, 3]
    assert (rows[0].gender, rows[0].age, rows[0].education, rows[0].occupation) == \
        ("P", 35, "S1", "PNS")
    assert rows[1].service_id == survey["lab"].id and rows[1].gender is None
    assert (rows[2].education, rows[2].occupation) == ("SD", "Lainnya")
    assert rows[2].suggestion == "Antre lama, mohon tambah loket"
    assert rows[0].submitted_at.date().isoformat() == "2025-03-04"
    assert rows[1].submitted_at.date().isoformat() == "2025-03-05"


def test_cli_reports_bad_rows_with_line_numbers_and_writes_nothing(runner, survey, tmp_path):
    path = tmp_path / "salah.csv"
    path.write_text(BAD, encoding="utf-8")
    result = runner.invoke(args=["import-survey", str(path)])
    assert result.exit_code != 0
    output = result.output
    assert "Baris 3: Unit DINKES tidak memiliki layanan berkode “XYZ”." in output
    assert "Baris 4: Tanggal “2025-13-40” tidak valid" in output
    assert "Baris 4: U1 harus 1, 2, 3 atau 4 (tertulis “5”)." in output
    assert "Baris 4: Jenis kelamin harus L atau P" in output
    assert "Baris 4: Usia harus bilangan bulat" in output
    assert "Baris 4: Pendidikan harus salah satu dari" in output
    assert "Baris 4: Pekerjaan harus salah satu dari" in output
    assert "Baris 5: Seharusnya 17 kolom, ditemukan 5." in output
    assert "Baris 2" not in output
    assert "Tidak ada yang diimpor" in output
    assert paper_rows() == []


def test_cli_refuses_a_wrong_header_and_future_dates(runner, survey, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("unit,service\nDINKES,SIP\n", encoding="utf-8")
    result = runner.invoke(args=["import-survey", str(path)])
    assert result.exit_code != 0 and "Baris 1: Baris pertama harus persis" in result.output
    path.write_text(HEADER + "DINKES,SIP,2999-01-01,4,4,4,4,4,4,4,4,4,,,,,\n", encoding="utf-8")
    result = runner.invoke(args=["import-survey", str(path)])
    assert result.exit_code != 0 and "belum terjadi" in result.output
    assert paper_rows() == []


def test_semicolon_files_from_spreadsheets_are_accepted(runner, survey, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text(GOOD.replace(",", ";").replace('"Antre lama; mohon', '"Antre lama, mohon'),
                    encoding="utf-8")
    result = runner.invoke(args=["import-survey", str(path)])
    assert result.exit_code == 0, result.output
    assert len(paper_rows()) == 3


def upload(client, text, name="kuesioner.csv"):
    page = client.get("/admin/survey/import/").get_data(as_text=True)
    return client.post("/admin/survey/import/", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(text.encode("utf-8")), name)},
        content_type="multipart/form-data")


def test_upload_imports_a_good_file(client, auth, users, survey):
    auth.login("operator")
    response = upload(client, GOOD)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 jawaban survei berhasil diimpor" in page
    assert len(paper_rows()) == 3


def test_upload_lists_bad_rows_and_writes_nothing(client, auth, users, survey):
    auth.login("admin")
    response = upload(client, BAD)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tidak ada yang diimpor" in page
    assert "Baris 3: Unit DINKES tidak memiliki layanan berkode" in page
    assert "Baris 5: Seharusnya 17 kolom, ditemukan 5." in page
    assert paper_rows() == []


def test_upload_needs_a_csv_file(client, auth, users, survey):
    auth.login("admin")
    response = upload(client, GOOD, name="kuesioner.pdf")
    assert response.status_code == 422
    assert "Berkas harus berformat .csv." in response.get_data(as_text=True)
    assert paper_rows() == []


def test_a_database_failure_in_a_later_chunk_keeps_none_of_the_file(runner, survey, tmp_path):
    """The database refuses one row after the first chunk of rows has been written (a
    trigger raising on its suggestion, which no check can see): the rows before it and
    the monthly tallies are rolled back with it, and the command says it failed."""
    good_row = "DINKES,SIP,2025-03-04,4,4,3,4,3,3,4,3,3,P,35,S1,PNS,Baik\n"
    text = HEADER + good_row * (CHUNK + 10) + good_row.replace("Baik", "ditolak basis data")
    path = tmp_path / "kuesioner.csv"
    path.write_text(text, encoding="utf-8")
    with db.connection_context():
        tallies_before = list(SurveyTally.select().dicts())
    with insert_fails_on(SurveyResponse._meta.table_name, "suggestion", "ditolak basis data"):
        result = runner.invoke(args=["import-survey", str(path)])
    assert result.exit_code != 0
    assert "berhasil diimpor" not in result.output
    assert paper_rows() == []
    with db.connection_context():
        assert list(SurveyTally.select().dicts()) == tallies_before


def english_upload(client, data, name="kuesioner.csv"):
    """Upload raw bytes with the pages in English (the messages asserted are the msgids)."""
    client.set_cookie("lang", "en")
    page = client.get("/admin/survey/import/").get_data(as_text=True)
    return client.post("/admin/survey/import/", data={
        "csrf_token": csrf_token(page), "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])  # cp1252: the fallback decoding
@pytest.mark.parametrize("suggestion,problem", [
    ("x" * 200_000, "A cell is longer than 131,072 characters; the file cannot be read as CSV."),
    ("Ruang\rtunggu", "This line cannot be read as CSV; save the file again as CSV (UTF-8)."),
    ("ruang\x00tunggu", "The file contains a NUL character: it is not a CSV text file."),
])
def test_a_csv_that_cannot_be_read_is_refused_whole(client, auth, users, survey, suggestion,
                                                    problem, encoding):
    """A cell over the csv module's 128 KB limit, a stray carriage return and a NUL (which
    PostgreSQL refuses in text) used to crash the upload; now the file is refused, naming
    the line, and nothing is imported."""
    auth.login("operator")
    text = GOOD + f"DINKES,SIP,2025-03-07,4,4,3,4,3,3,4,3,3,P,35,S1,PNS,café {suggestion}\n"
    response = english_upload(client, text.encode(encoding))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was imported" in page and f"Line 5: {problem}" in page
    assert paper_rows() == []
