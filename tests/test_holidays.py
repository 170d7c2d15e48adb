"""The operator enters the office's holidays and cuti bersama in the back office (one
by one or from a CSV file); complaint deadlines and the overdue count follow."""
import datetime
import io
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date

from portal import complaints
from portal.db import db
from portal.models import AuditEntry, Complaint, NonWorkingDay
from tests.complaint_helpers import FIELDS
from tests.conftest import csrf_token

WIB = ZoneInfo("Asia/Jakarta")


def local_today():
    return datetime.datetime.now(WIB).date()


def weekdays_after(day, count):
    """The next ``count`` Mondays-to-Fridays after ``day``."""
    found = []
    while len(found) < count:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            found.append(day)
    return found


def weekdays_before(day, count):
    found = []
    while len(found) < count:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            found.append(day)
    return found


def utc(day, hour, minute):
    """A WIB time on ``day`` as the naive UTC time the database keeps."""
    local = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=WIB)
    return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)


def add_holiday(client, day, name, kind="libur_nasional"):
    token = csrf_token(client.get("/admin/hari-libur/new/").get_data(as_text=True))
    return client.post("/admin/hari-libur/new/", data={
        "csrf_token": token, "date": day.isoformat(), "name": name, "kind": kind})


def send_report(client):
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    response = client.post("/pengaduan/baru", data={
        "csrf_token": token, "kind": "pengaduan", "unit": "0", "category": "kesehatan",
        "title": "Lampu jalan padam", "place": "Jl. Melati",
        "description": "Lampu jalan di Jl. Melati padam sejak seminggu, rawan kecelakaan."})
    assert response.status_code == 303
    with db.connection_context():
        return Complaint.select().order_by(Complaint.id.desc()).first()


def overdue_badge(client):
    listing = client.get("/admin/complaint/").get_data(as_text=True)
    return int(re.search(r"Terlambat: (\d+)", listing).group(1))


def test_a_holiday_entered_in_the_back_office_moves_a_new_reports_deadline(app, client, auth,
                                                                          users):
    auth.login("operator")
    first, second, third, fourth = weekdays_after(local_today(), 4)
    before = send_report(client)
    assert before.due_at == utc(third, 23, 59).replace(second=59, microsecond=999999)

    response = add_holiday(client, first, "Hari Raya Contoh")
    assert response.status_code == 302
    after = send_report(client)
    # the third working day is now one weekday later, to its last minute in WIB
    assert after.due_at == utc(fourth, 23, 59).replace(second=59, microsecond=999999)
    listing = client.get("/admin/complaint/").get_data(as_text=True)
    # the list shows a deadline as its day (it ends at the office's midnight)
    shown = [re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", cell)).strip()
             for cell in re.findall(r'<td class="col-due_at">(.*?)</td>', listing, re.S)]
    assert shown == [format_date(fourth, "medium", locale="id")] * 2
    # the report sent before the holiday was entered follows it too
    with db.connection_context():
        assert Complaint.get_by_id(before.id).due_at == after.due_at


def test_a_holiday_clears_the_overdue_badge_of_a_report_it_falls_in(app, client, auth, users):
    yesterday_ish, second, first = weekdays_before(local_today(), 3)
    received_on = first - datetime.timedelta(days=1)
    with app.test_request_context(), db.connection_context():
        # received at 22.40 WIB, three weekdays before the last one that has passed
        complaints.submit(dict(FIELDS, title="Jembatan retak"), now=utc(received_on, 22, 40))
    auth.login("operator")
    assert overdue_badge(client) == 1
    holiday_page = add_holiday(client, first, "Cuti bersama contoh", "cuti_bersama")
    assert holiday_page.status_code == 302
    assert overdue_badge(client) == 0
    # deleting it again makes the report late again
    with db.connection_context():
        day = NonWorkingDay.get(NonWorkingDay.date == first)
    token = csrf_token(client.get("/admin/hari-libur/").get_data(as_text=True))
    client.post("/admin/hari-libur/delete/", data={"csrf_token": token, "id": day.id,
                                                "confirmed": "1"})
    assert overdue_badge(client) == 1


def test_the_same_date_twice_is_refused_with_a_message(app, client, auth, users):
    auth.login("admin")
    add_holiday(client, datetime.date(2026, 12, 25), "Hari Raya Natal")
    page = add_holiday(client, datetime.date(2026, 12, 25), "Natal").get_data(as_text=True)
    assert "sudah ada dalam daftar" in page and "Jumat, 25 Desember 2026" in page
    with db.connection_context():
        assert NonWorkingDay.select().count() == 1


def test_who_may_open_the_list(client, auth, users):
    for role, status in (("pegawai", 403), ("penilai", 403), ("petugas", 403),
                         ("operator", 200)):
        auth.login(role)
        assert client.get("/admin/hari-libur/").status_code == status
        auth.logout()


# --- the CSV import -----------------------------------------------------------------------
def upload(client, text, name="libur.csv"):
    token = csrf_token(client.get("/admin/hari-libur/import/").get_data(as_text=True))
    return client.post("/admin/hari-libur/import/", data={
        "csrf_token": token, "file": (io.BytesIO(text.encode("utf-8")), name)},
        content_type="multipart/form-data", follow_redirects=True)


GOOD = """tanggal,nama,jenis
2026-12-24,Cuti bersama Hari Raya Natal,cuti bersama
25/12/2026,Hari Raya Natal,libur nasional
2027-01-01,Tahun Baru 2027 Masehi,
"""


def test_a_good_file_is_imported_and_moves_open_deadlines(app, client, auth, users):
    with app.test_request_context(), db.connection_context():
        # Monday 21 December 2026, 10.15 WIB: due on Thursday 24 without holidays
        report = complaints.submit(dict(FIELDS), now=utc(datetime.date(2026, 12, 21), 10, 15))
    assert report.due_at == utc(datetime.date(2026, 12, 24), 23, 59).replace(
        second=59, microsecond=999999)
    auth.login("operator")
    page = upload(client, GOOD).get_data(as_text=True)
    assert "Diimpor: 3 baru, 0 diperbarui, 0 tidak berubah" in page
    assert "Hari Raya Natal" in page and "Cuti bersama" in page
    with db.connection_context():
        days = {d.date: (d.name, d.kind) for d in NonWorkingDay.select()}
        assert days[datetime.date(2026, 12, 24)] == ("Cuti bersama Hari Raya Natal",
                                                     "cuti_bersama")
        assert days[datetime.date(2026, 12, 25)][1] == "libur_nasional"
        assert days[datetime.date(2027, 1, 1)][1] == "libur_nasional"
        # 24 and 25 are off: Tuesday 22, Wednesday 23, Monday 28
        assert Complaint.get_by_id(report.id).due_at == utc(
            datetime.date(2026, 12, 28), 23, 59).replace(second=59, microsecond=999999)
        assert AuditEntry.select().where(AuditEntry.object_type == "NonWorkingDay",
                                         AuditEntry.action == "create").count() == 3
    # the same file again changes nothing
    page = upload(client, GOOD).get_data(as_text=True)
    assert "Diimpor: 0 baru, 0 diperbarui, 3 tidak berubah" in page


def test_a_file_with_bad_rows_saves_nothing_and_names_each_problem(app, client, auth, users):
    auth.login("operator")
    bad = ("tanggal;nama;jenis\n"
           "2026-12-25;Hari Raya Natal;libur nasional\n"
           "31/02/2026;Tanggal keliru;libur nasional\n"
           "2026-08-17;;libur nasional\n"
           "2026-05-15;Cuti bersama Kenaikan;cuti panjang\n"
           "25/12/2026;Natal lagi;\n")
    response = upload(client, bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tidak ada yang diimpor" in page
    assert "“31/02/2026” bukan tanggal" in page
    assert "Nama hari kosong" in page
    assert "Jenis “cuti panjang” tidak dikenal" in page
    assert "Tanggal ini juga ada di baris 6" in page and "Tanggal ini juga ada di baris 2" in page
    with db.connection_context():
        assert NonWorkingDay.select().count() == 0


def test_a_file_with_the_wrong_columns_is_refused(app, client, auth, users):
    auth.login("operator")
    page = upload(client, "date_of_day,title\n2026-12-25,Natal\n").get_data(as_text=True)
    assert "Kolom tidak ada: tanggal, nama" in page
    page = upload(client, "tanggal,nama\n", name="kosong.csv").get_data(as_text=True)
    assert "tidak ada baris data" in page
    with db.connection_context():
        assert NonWorkingDay.select().count() == 0


def test_the_sample_file_is_this_years_list_and_imports_as_it_is(app, client, auth, users):
    auth.login("operator")
    sample = client.get("/admin/hari-libur/contoh.csv")
    assert sample.status_code == 200
    text = sample.get_data(as_text=True)
    year = datetime.datetime.now(WIB).year
    assert text.startswith("tanggal,nama,jenis\n") and f"{year}-12-25,Hari Raya Natal" in text
    page = upload(client, text).get_data(as_text=True)
    assert "Diimpor: " in page
    with db.connection_context():
        assert NonWorkingDay.select().count() == len(text.strip().splitlines()) - 1
