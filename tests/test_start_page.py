"""The start page (Beranda kerja): each role sees what waits for it, and nothing it may
not open — the providers of portal.work_items, through the page a user sees."""
import datetime
import re

import pytest

from portal.db import db
from portal.models import (AuditEntry, ContentItem, DialogMessage, Employee, Outbox, Period, Skp,
                           SkpEvent, User)
from portal.models.base import utcnow
from tests.complaint_helpers import make_complaint, move

YEAR = utcnow().year


def start_page(client, auth, username):
    auth.login(username)
    html = client.get("/admin/").get_data(as_text=True)
    auth.logout()
    return html


def work(html):
    """The start page's list of work (the left column), without the menu."""
    return html.split('id="work-summary"', 1)[1].split('class="card mb-3 account-box"', 1)[0]


def skp(employee, state, appraiser=None, year=YEAR):
    with db.connection_context():
        return Skp.create(employee=employee, year=year, state=state,
                          appraiser=appraiser or employee.supervisor_id)


def test_an_employee_page_is_the_work_start_page_not_the_back_office(client, auth, users):
    html = start_page(client, auth, "pegawai")
    assert "<h1 class=\"h3\">Beranda kerja</h1>" in html
    assert "<title>Beranda kerja" in html
    assert "Halaman Pengelola" not in html
    assert "Buat SKP Anda untuk tahun %d" % YEAR in work(html)


def test_the_employee_sees_her_draft_then_the_reason_it_was_returned(client, auth, users, org):
    mine = skp(org["staff"], "draft")
    assert "Lengkapi SKP %d Anda dan ajukan ke pejabat penilai" % YEAR in work(
        start_page(client, auth, "pegawai"))
    with db.connection_context():
        Skp.update(state="returned").where(Skp.id == mine.id).execute()
        SkpEvent.create(skp=mine, actor=users["penilai"], action="return",
                        from_state="submitted", to_state="returned",
                        reason="Tambahkan indikator kualitas.")
    page = work(start_page(client, auth, "pegawai"))
    assert "SKP %d Anda dikembalikan" % YEAR in page
    assert "Alasan: Tambahkan indikator kualitas." in page
    assert f'href="/admin/skp/{mine.id}/"' in page


def test_the_employee_reports_each_open_quarter_of_her_approved_skp(client, auth, users, org):
    skp(org["staff"], "approved")
    with db.connection_context():
        Period.create(year=YEAR, quarter=1)
    page = work(start_page(client, auth, "pegawai"))
    assert f"Realisasi Triwulan I {YEAR} belum diajukan" in page
    assert f"batas waktu 31 Mar {YEAR}" in page


def test_the_appraiser_approves_subordinates_never_her_own_skp(client, auth, users, org):
    skp(org["staff"], "submitted")
    skp(org["boss"], "submitted")  # her own, appraised by the head of the dinas
    with db.connection_context():
        other = Employee.create(nip="199001012015011003", name="Rudi Hartono", golongan="III/b",
                                jabatan_kind="pelaksana", position_title="Staf",
                                unit=org["kecamatan"], supervisor=org["head"])
    skp(other, "submitted")
    page = work(start_page(client, auth, "penilai"))
    assert f"Setujui atau kembalikan SKP {YEAR} milik Dewi Lestari" in page
    assert "Siti Rahmawati" not in page
    assert "Rudi Hartono" not in page


def test_the_appraiser_evaluates_each_open_quarter(client, auth, users, org):
    subordinate = skp(org["staff"], "approved")
    with db.connection_context():
        period = Period.create(year=YEAR, quarter=1)
        Period.create(year=YEAR, quarter=2, open=False)
    page = work(start_page(client, auth, "penilai"))
    assert f"Nilai kinerja Dewi Lestari untuk Triwulan I {YEAR}" in page
    assert f"/admin/skp/{subordinate.id}/evaluation/{period.id}" in page
    assert "Triwulan II" not in page and "TW I" not in page


def test_a_dialog_message_waits_for_the_one_who_did_not_write_last(client, auth, users, org):
    subordinate = skp(org["staff"], "approved")
    with db.connection_context():
        DialogMessage.create(skp=subordinate, author=users["pegawai"],
                             body="Bu, apakah data kunjungan boleh dari SIMPUS?")
    assert "Jawab dialog kinerja pada SKP" in work(start_page(client, auth, "penilai"))
    assert "Jawab pejabat penilai" not in work(start_page(client, auth, "pegawai"))
    with db.connection_context():
        DialogMessage.create(skp=subordinate, author=users["penilai"], body="Boleh.")
    assert "Jawab dialog kinerja" not in work(start_page(client, auth, "penilai"))
    assert "Jawab pejabat penilai Anda di dialog kinerja" in work(start_page(client, auth,
                                                                            "pegawai"))


def test_the_reviewer_sees_submitted_monthly_reports(client, auth, users, org):
    from portal.models import MonthlyReport
    with db.connection_context():
        MonthlyReport.create(employee=org["staff"], appraiser=org["boss"], year=YEAR, month=1,
                             state="submitted")
        MonthlyReport.create(employee=org["boss"], appraiser=org["head"], year=YEAR, month=1,
                             state="submitted")
    page = work(start_page(client, auth, "penilai"))
    assert f"Tinjau laporan bulanan Dewi Lestari untuk Januari {YEAR}" in page
    assert "Tinjau laporan bulanan Siti" not in page


@pytest.fixture
def officers(app, org, password_hash):
    with db.connection_context():
        return {code: User.create(username=f"petugas-{code}", role="petugas_pengaduan",
                                  unit=org[key], password_hash=password_hash)
                for code, key in (("dinkes", "dinas"), ("kec", "kecamatan"))}


def test_complaints_wait_for_whoever_takes_the_next_step_overdue_first(
        app, client, auth, users, org, officers):
    anonymous = make_complaint(app, anonymous=True, reporter_name="Sari Rahasia",
                               title="Antrean KTP panjang")
    late = make_complaint(app, title="Lampu jalan mati")
    with db.connection_context():
        from portal.models import Complaint
        Complaint.update(due_at=utcnow() - datetime.timedelta(days=2)).where(
            Complaint.id == late.id).execute()
    html = start_page(client, auth, "petugas")
    page = work(html)
    assert "Sari Rahasia" not in html and "Budi Warga" not in html
    assert page.index("Lampu jalan mati") < page.index("Antrean KTP panjang")
    assert f"Verifikasi — {anonymous.tracking_id}: Antrean KTP panjang" in page
    assert "Terlambat" in page.split("Antrean KTP panjang")[0]
    # the menu's count of overdue complaints
    assert re.search(r'Pengaduan <span class="badge badge-danger menu-badge"[^>]*>1<', html)
    assert 'title="melewati batas waktu tahap saat ini"' in html

    move(app, anonymous, ("verify", users["petugas"], {}),
         ("dispose", users["petugas"], {"unit": org["dinas"]}))
    assert f"Tindak lanjuti — {anonymous.tracking_id}" in work(start_page(client, auth,
                                                                         "petugas-dinkes"))
    kecamatan = start_page(client, auth, "petugas-kec")
    assert "Antrean KTP panjang" not in kecamatan and "Lampu jalan mati" not in kecamatan
    assert "Tidak ada yang menunggu" in work(kecamatan)
    assert "✓ Pengaduan yang menunggu Anda" in work(kecamatan)
    assert "menu-badge" not in kecamatan


def test_answered_complaints_wait_to_be_closed(app, client, auth, users, org, officers):
    complaint = make_complaint(app, title="Sampah menumpuk")
    move(app, complaint, ("verify", users["petugas"], {}),
         ("dispose", users["petugas"], {"unit": org["dinas"]}),
         ("answer", officers["dinkes"], {"note": "Sudah diangkut."}))
    page = start_page(client, auth, "petugas-dinkes")
    section = page.split("Pengaduan terjawab yang menunggu ditutup", 1)[1]
    assert f"{complaint.tracking_id}: Sampah menumpuk" in section


def test_the_operator_reviews_content_only_with_the_reviewer_flag(client, auth, users):
    with db.connection_context():
        ContentItem.create(title="Panduan SKP baru", slug="panduan-skp-baru", kind="guide",
                           state="pending",
                           created_by=users["admin"])
        ContentItem.create(title="Tulisan sendiri", slug="tulisan-sendiri", kind="guide",
                           state="pending",
                           created_by=users["operator"])
    assert "Panduan SKP baru" not in start_page(client, auth, "operator")
    with db.connection_context():
        User.update(content_reviewer=True).where(User.username == "operator").execute()
    page = work(start_page(client, auth, "operator"))
    assert "Tinjau “Panduan SKP baru”" in page
    # her own item waits for another reviewer: she may not publish it
    assert "Tulisan sendiri" not in page


def test_the_operator_sees_periods_units_without_indicators_and_stuck_skp(
        app, client, auth, users, org):
    stuck = skp(org["staff"], "submitted")
    with db.connection_context():
        Skp.update(updated_at=utcnow() - datetime.timedelta(days=30)).where(
            Skp.id == stuck.id).execute()
    page = work(start_page(client, auth, "operator"))
    assert f"Buka periode Tahun {YEAR}" in page
    assert f"Dinas Kesehatan belum punya indikator untuk {YEAR}" in page
    assert "Dinas Kesehatan: 1 SKP berstatus “Diajukan” lebih dari 14 hari" in page


def test_the_administrator_sees_mail_failures_and_the_last_backup(client, auth, users):
    with db.connection_context():
        Outbox.create(to="warga@contoh.id", subject="Laporan", body="x", attempts=2,
                      last_error="SMTPServerDisconnected: down")
    html = start_page(client, auth, "admin")
    assert "1 surel belum berhasil dikirim" in work(html)
    assert "Belum pernah dibuat cadangan." in html


def test_last_sign_in_is_the_previous_one_to_the_second(client, auth, users):
    with db.connection_context():
        User.update(last_login_at=datetime.datetime(2026, 3, 2, 1, 15, 7, 123456)).where(
            User.username == "pegawai").execute()
    html = start_page(client, auth, "pegawai")
    shown = re.search(r'id="previous-sign-in">([^<]*)<', html).group(1)
    assert shown == "2 Mar 2026 08.15.07"
    with db.connection_context():
        user = User.get(User.username == "pegawai")
    assert user.last_login_at.microsecond == 0
    assert user.previous_login_at == datetime.datetime(2026, 3, 2, 1, 15, 7, 123456)


def test_the_appraiser_sees_her_units_spread_and_what_locking_will_make(client, auth, users, org):
    """Final and about-to-be-final predikat of her unit, with a link to the whole spread."""
    final = skp(org["staff"], "final")
    pending = skp(org["boss"], "annual_evaluated")
    with db.connection_context():
        Skp.update(predikat="baik").where(Skp.id == final.id).execute()
        Skp.update(predikat="sangat_baik").where(Skp.id == pending.id).execute()
        unit_id = Employee.get_by_id(org["staff"].id).unit_id
    html = start_page(client, auth, "penilai")
    box = html.split('id="unit-distribution"', 1)[1].split("</section>", 1)[0]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", box))
    assert "Baik: 1" in text
    assert "Sangat Baik: 0 +1 akan final" in text
    assert f"/admin/predikat-distribution/?unit={unit_id}" in box


def test_the_operator_sees_the_imports_of_the_last_days_with_what_they_wrote(client, auth,
                                                                            users, org):
    from tests.test_imports import DEWI, EMP_HEADER, NEW_BOSS, NEW_STAFF, confirm, preview, xlsx
    auth.login("operator")
    page, url = preview(client, "employees", xlsx(EMP_HEADER, [NEW_STAFF, NEW_BOSS, DEWI]),
                        "pegawai-maret.xlsx")
    assert confirm(client, url, page).status_code == 302
    auth.logout()
    with db.connection_context():
        entry = AuditEntry.get(AuditEntry.action == "import")
    html = work(start_page(client, auth, "operator"))
    assert "pegawai-maret.xlsx: 2 baris baru, 1 diubah" in html
    assert f'href="/admin/audit/details/?id={entry.id}"' in html
    # an import older than a week has been checked already: it leaves the page
    with db.connection_context():
        AuditEntry.update(at=utcnow() - datetime.timedelta(days=8)).where(
            AuditEntry.id == entry.id).execute()
    assert "pegawai-maret.xlsx" not in work(start_page(client, auth, "operator"))


def test_a_due_item_says_how_long_is_left_or_how_late_it_is_and_returned_work_comes_first(
        app, client, auth, users, org):
    """Something with a deadline reads by its deadline ("N hari lagi", "N hari
    terlambat"), not by when it began; an item that came back with a reason is marked
    and listed before older work."""
    from portal import holidays
    from portal.rules.realisation import period_end
    mine = skp(org["staff"], "approved")
    with app.app_context():
        today = holidays.local_today()
    with db.connection_context():
        quarter = (today.month - 1) // 3 + 1
        current = Period.create(year=YEAR, quarter=quarter)
        Period.create(year=YEAR, quarter=None)   # the year: due at its end
        earlier = Period.create(year=YEAR, quarter=quarter - 1) if quarter > 1 else None
    page = work(start_page(client, auth, "pegawai"))
    left = (period_end(YEAR, quarter) - today).days
    if left > 0:
        assert f"{left} hari lagi" in page
    if earlier is not None:
        late = (today - period_end(YEAR, quarter - 1)).days
        assert f"{late} hari terlambat" in page
    assert "menunggu" not in page.split("Realisasi", 1)[1].split("</section>", 1)[0]
    # her realisation of this quarter comes back with a reason: marked, and first
    with db.connection_context():
        from portal.models import Evaluation
        Evaluation.create(skp=mine, period=current, realisation_state="returned",
                          realisation_reason="Lampirkan daftar kunjungan.",
                          realisation_at=utcnow())
    page = work(start_page(client, auth, "pegawai"))
    group = page.split("Realisasi", 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li class="list-group-item work-item[^"]*">(.*?)</li>', group, re.S)
    first_not_overdue = next(i for i in items if "Terlambat" not in i)
    assert "dikembalikan" in first_not_overdue and "Dikembalikan</span>" in first_not_overdue
    assert "Lampirkan daftar kunjungan." in first_not_overdue
