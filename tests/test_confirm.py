"""Every step that cannot be undone asks once and says what will happen: the first
POST changes nothing and answers a page with the consequence, a button that posts
the same form again with confirmed=1, and a "Batal" link back; that second POST
does the step. The CSRF token is still required."""
import html
import io
import re
from html.parser import HTMLParser

import pytest

from portal.db import db
from portal.models import (Complaint, Employee, Event, FollowUp, Iki, MonthlyReport,
                           MonthlyReportAttachment, Registration, Rhk, Skp)
from portal.models.base import utcnow
from tests.complaint_helpers import make_complaint
from tests.conftest import csrf_token

YEAR = 2026
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ConfirmForm(HTMLParser):
    """The confirmation page's form: where it posts and the fields it sends."""

    def __init__(self):
        super().__init__()
        self.action, self.fields, self.inside = None, [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "confirm-form" in (attrs.get("class") or ""):
            self.action, self.inside = attrs["action"], True
        elif tag == "input" and self.inside:
            self.fields.append((attrs["name"], attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def asked(response, sentence, yes, back="Batal"):
    """The page asks: status 200, the sentence, the button and the link back; returns
    its form."""
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 200
    assert sentence in page, page[page.find("confirm"):][:1500]
    assert f">{yes}</button>" in page
    assert f">{back}</a>" in page
    form = ConfirmForm()
    form.feed(response.get_data(as_text=True))
    assert ("confirmed", "1") in form.fields
    return form


def confirm(client, form, **kwargs):
    """Press the confirmation page's button."""
    data = {}
    for name, value in form.fields:
        data.setdefault(name, []).append(value)
    return client.post(form.action, data=data, **kwargs)


def token(client, url):
    return csrf_token(client.get(url).get_data(as_text=True))


def state(model, row_id):
    with db.connection_context():
        return model.get_by_id(row_id).state


@pytest.fixture
def skp(org):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=YEAR, appraiser=org["boss"],
                         state="annual_evaluated")
        skp.set_ratings("di_atas", "di_atas")
        skp.save()
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
        Iki.create(rhk=rhk, aspect="kuantitas", indicator="Pasien dilayani", target_value=1200,
                   target_unit="pasien")
    return skp


def test_finalising_an_skp_asks_once_saying_it_will_be_locked(client, auth, users, skp):
    auth.login("penilai")
    base = f"/admin/skp/{skp.id}/"
    # a POST without its CSRF token is refused, confirmed or not, and asks nothing
    for data in ({"confirmed": "1"}, {}):
        refused = client.post(base + "action/finalise", data=data)
        assert refused.status_code == 400 and "dikunci" not in refused.get_data(as_text=True)
        assert state(Skp, skp.id) == "annual_evaluated"
    first = client.post(base + "action/finalise", data={"csrf_token": token(client, base)})
    form = asked(first, "SKP 2026 milik Dewi Lestari akan dikunci; penilaian tidak dapat "
                        "diubah lagi tanpa dibuka kembali oleh admin.", "Ya, kunci")
    assert f'href="{base}"' in first.get_data(as_text=True)  # "Batal" goes back to the SKP
    assert state(Skp, skp.id) == "annual_evaluated"
    # the detail page carries the same sentence for the dialog
    detail = html.unescape(client.get(base).get_data(as_text=True))
    assert 'data-confirm-sentence="SKP 2026 milik Dewi Lestari akan dikunci;' in detail
    done = confirm(client, form, follow_redirects=True)
    assert state(Skp, skp.id) == "final"
    assert "SKP ini sudah final dan terkunci." in done.get_data(as_text=True)


@pytest.mark.parametrize("start, who, action, data, sentence, yes, after", [
    ("draft", "pegawai", "submit", {},
     "SKP 2026 milik Dewi Lestari akan diajukan kepada Siti Rahmawati", "Ya, ajukan",
     "submitted"),
    ("submitted", "penilai", "approve", {},
     "SKP 2026 milik Dewi Lestari akan disetujui", "Ya, setujui", "approved"),
    ("submitted", "penilai", "return", {"reason": "Tambahkan indikator kualitas"},
     "SKP 2026 milik Dewi Lestari akan dikembalikan kepada Dewi Lestari", "Ya, kembalikan",
     "returned"),
    ("final", "admin", "reopen", {"reason": "Salah input realisasi"},
     "SKP 2026 milik Dewi Lestari akan dibuka kembali ke status “Dinilai (tahunan)”",
     "Ya, buka kembali", "annual_evaluated"),
])
def test_every_skp_step_the_user_cannot_undo_asks_first(client, auth, users, skp, start, who,
                                                        action, data, sentence, yes, after):
    with db.connection_context():
        Skp.update(state=start).where(Skp.id == skp.id).execute()
    auth.login(who)
    base = f"/admin/skp/{skp.id}/"
    if "reason" in data:  # without a reason the step is refused at once, not asked about
        response = client.post(base + f"action/{action}", data={
            "reason": " ", "csrf_token": token(client, base)}, follow_redirects=True)
        page = response.get_data(as_text=True)
        assert "confirm-form" not in page and "Mohon berikan alasan." in page
        assert state(Skp, skp.id) == start
    first = client.post(base + f"action/{action}",
                        data={**data, "csrf_token": token(client, base)})
    form = asked(first, sentence, yes)
    assert state(Skp, skp.id) == start
    if "reason" in data:  # the reason typed is posted again with the confirmation
        assert ("reason", data["reason"]) in form.fields
    confirm(client, form)
    assert state(Skp, skp.id) == after


def test_removing_an_rhk_or_an_indicator_asks_first(client, auth, users, skp):
    with db.connection_context():
        Skp.update(state="draft").where(Skp.id == skp.id).execute()
        rhk = Rhk.get(Rhk.skp == skp.id)
        iki = Iki.get(Iki.rhk == rhk)
    auth.login("pegawai")
    base = f"/admin/skp/{skp.id}/"
    first = client.post(base + f"iki/{iki.id}/delete", data={"csrf_token": token(client, base)})
    form = asked(first, "Indikator “Pasien dilayani” akan dihapus dari RHK-nya; tindakan ini "
                        "tidak dapat dibatalkan.", "Ya, hapus")
    with db.connection_context():
        assert Iki.get_or_none(Iki.id == iki.id) is not None
    confirm(client, form)
    with db.connection_context():
        assert Iki.get_or_none(Iki.id == iki.id) is None
    first = client.post(base + f"rhk/{rhk.id}/delete", data={"csrf_token": token(client, base)})
    form = asked(first, "RHK “Pelayanan pasien rawat jalan” beserta 0 indikatornya akan "
                        "dihapus dari rencana; tindakan ini tidak dapat dibatalkan.", "Ya, hapus")
    with db.connection_context():
        assert Rhk.get_or_none(Rhk.id == rhk.id) is not None
    confirm(client, form)
    with db.connection_context():
        assert Rhk.get_or_none(Rhk.id == rhk.id) is None


def test_marking_a_follow_up_done_asks_first(client, auth, users, org, skp):
    with db.connection_context():
        Skp.update(state="final").where(Skp.id == skp.id).execute()
        item = FollowUp.create(skp=skp.id, unit=org["dinas"], kind="training",
                               note="Diklat pelayanan prima")
    auth.login("penilai")
    base = f"/admin/skp/{skp.id}/"
    first = client.post(f"/admin/skp/follow-up/{item.id}/done",
                        data={"csrf_token": token(client, base)})
    form = asked(first, "Tindak lanjut “Pelatihan” untuk Dewi Lestari akan ditandai selesai",
                 "Ya, tandai selesai")
    with db.connection_context():
        assert FollowUp.get_by_id(item.id).status == "open"
    confirm(client, form)
    with db.connection_context():
        assert FollowUp.get_by_id(item.id).status == "done"


# -- monthly reports ------------------------------------------------------------------

@pytest.fixture
def report(org):
    with db.connection_context():
        return MonthlyReport.create(employee=org["staff"], year=YEAR, month=3, state="draft",
                                    appraiser=org["boss"], summary="Kegiatan bulan ini")


def test_submitting_a_monthly_report_asks_first_and_keeps_what_was_typed(client, auth, users,
                                                                       report):
    auth.login("pegawai")
    base = f"/admin/monthly/{report.id}/"
    first = client.post(base + "save", data={"csrf_token": token(client, base), "then": "submit",
                                             "summary": "Melayani 120 pasien"})
    form = asked(first, "Laporan Maret 2026 milik Dewi Lestari akan diajukan kepada Siti "
                        "Rahmawati; laporan tidak dapat diubah lagi kecuali dikembalikan oleh "
                        "atasan.", "Ya, ajukan")
    with db.connection_context():
        unchanged = MonthlyReport.get_by_id(report.id)
    # not submitted yet; what was typed is kept as the draft, whatever the answer
    assert (unchanged.state, unchanged.summary) == ("draft", "Melayani 120 pasien")
    confirm(client, form)
    with db.connection_context():
        sent = MonthlyReport.get_by_id(report.id)
    assert (sent.state, sent.summary) == ("submitted", "Melayani 120 pasien")


def test_accepting_a_monthly_report_asks_first(client, auth, users, report):
    with db.connection_context():
        MonthlyReport.update(state="submitted").where(MonthlyReport.id == report.id).execute()
    auth.login("penilai")
    base = f"/admin/monthly/{report.id}/"
    first = client.post(base + "action/accept", data={"csrf_token": token(client, base)})
    form = asked(first, "Laporan Maret 2026 milik Dewi Lestari akan diterima; laporan tidak "
                        "dapat diubah atau dikembalikan lagi.", "Ya, terima")
    assert state(MonthlyReport, report.id) == "submitted"
    confirm(client, form)
    assert state(MonthlyReport, report.id) == "accepted"


def test_removing_a_monthly_attachment_asks_first(client, auth, users, report):
    auth.login("pegawai")
    base = f"/admin/monthly/{report.id}/"
    client.post(base + "attachment", data={"csrf_token": token(client, base),
                                           "file": (io.BytesIO(PDF),
                                                    "daftar-hadir.pdf")},
                content_type="multipart/form-data")
    with db.connection_context():
        attachment = MonthlyReportAttachment.get(MonthlyReportAttachment.report == report.id)
    first = client.post(f"/admin/monthly/attachment/{attachment.id}/delete",
                        data={"csrf_token": token(client, base)})
    form = asked(first, "Lampiran “daftar-hadir.pdf” akan dihapus; tindakan ini tidak dapat "
                        "dibatalkan.", "Ya, hapus")
    with db.connection_context():
        assert MonthlyReportAttachment.select().count() == 1
    confirm(client, form)
    with db.connection_context():
        assert MonthlyReportAttachment.select().count() == 0


def test_removing_a_content_attachment_asks_first(client, auth, users):
    from portal.models import ContentAttachment, ContentItem
    with db.connection_context():
        item = ContentItem.create(kind="guide", title="Materi Sosialisasi", slug="materi",
                                  created_by=users["operator"])
    auth.login("operator")
    page = f"/admin/content_item/workflow/{item.id}"
    client.post(page + "/attachments", data={"file": (io.BytesIO(PDF), "panduan.pdf"),
                                             "csrf_token": token(client, page)},
                content_type="multipart/form-data")
    with db.connection_context():
        attachment = ContentAttachment.get(ContentAttachment.item == item.id)
    first = client.post(f"/admin/content_item/attachment/{attachment.id}/delete",
                        data={"csrf_token": token(client, page)})
    form = asked(first, "Lampiran “panduan.pdf” akan dihapus; tindakan ini tidak dapat "
                        "dibatalkan.", "Ya, hapus")
    with db.connection_context():
        assert ContentAttachment.select().count() == 1
    confirm(client, form)
    with db.connection_context():
        assert ContentAttachment.select().count() == 0


# -- complaints -------------------------------------------------------------------------

def test_closing_a_complaint_asks_first(app, client, auth, users):
    complaint = make_complaint(app)
    with db.connection_context():
        Complaint.update(state="answered").where(Complaint.id == complaint.id).execute()
    auth.login("admin")
    url = f"/admin/complaint/handle/{complaint.id}"
    page = client.get(url).get_data(as_text=True)
    assert "data-confirm-sentence" in page
    first = client.post(f"{url}/close", data={"close-csrf_token": csrf_token(page),
                                              "close-note": "Selesai ditangani"})
    form = asked(first, f"Pengaduan {complaint.tracking_id} akan ditutup dengan status "
                        "“Selesai”; penanganannya berakhir dan tidak dapat dibuka kembali.",
                 "Ya, tutup (selesai)")
    assert ("close-note", "Selesai ditangani") in form.fields
    assert state(Complaint, complaint.id) == "answered"
    confirm(client, form)
    assert state(Complaint, complaint.id) == "closed"


# -- Flask-Admin's delete button and bulk delete ---------------------------------------------

def new_employee(org, name, nip):
    with db.connection_context():
        return Employee.create(nip=nip, name=name, golongan="III/a", jabatan_kind="pelaksana",
                               position_title="Pengadministrasi Umum", unit=org["dinas"])


def test_the_delete_button_names_the_row_and_asks_first(client, auth, users, org):
    rizki = new_employee(org, "Rizki Utami", "199801012022032001")
    auth.login("admin")
    listing = html.unescape(client.get("/admin/employee/").get_data(as_text=True))
    sentence = "Hapus pegawai Rizki Utami (19980101 202203 2 001)? Tindakan ini tidak dapat " \
               "dibatalkan."
    assert f'data-confirm-sentence="{sentence}"' in listing
    first = client.post("/admin/employee/delete/", data={
        "id": str(rizki.id), "url": "/admin/employee/", "csrf_token": csrf_token(listing)})
    form = asked(first, sentence, "Ya, hapus")
    with db.connection_context():
        assert Employee.get_or_none(Employee.id == rizki.id) is not None
    assert confirm(client, form).status_code == 302
    with db.connection_context():
        assert Employee.get_or_none(Employee.id == rizki.id) is None
    # without its token a confirmed delete does nothing
    ani = new_employee(org, "Ani Wulandari", "199801012022032002")
    client.post("/admin/employee/delete/", data={"id": str(ani.id), "confirmed": "1"})
    with db.connection_context():
        assert Employee.get_or_none(Employee.id == ani.id) is not None


def test_the_bulk_delete_names_the_rows_and_asks_first(client, auth, users, org):
    rows = [new_employee(org, "Rizki Utami", "199801012022032001"),
            new_employee(org, "Ani Wulandari", "199801012022032002")]
    auth.login("admin")
    first = client.post("/admin/employee/action/", data={
        "action": "delete", "rowid": [str(r.id) for r in rows],
        "csrf_token": token(client, "/admin/employee/")})
    form = asked(first, "Hapus 2 data pegawai: ", "Ya, hapus")
    page = first.get_data(as_text=True)
    assert "Rizki Utami" in page and "Ani Wulandari" in page
    with db.connection_context():
        assert Employee.select().where(Employee.id.in_([r.id for r in rows])).count() == 2
    assert "2 data dihapus." in confirm(client, form, follow_redirects=True).get_data(as_text=True)
    with db.connection_context():
        assert Employee.select().where(Employee.id.in_([r.id for r in rows])).count() == 0


# -- event registrations ---------------------------------------------------------------------

@pytest.fixture
def registration(users):
    start = (utcnow().replace(microsecond=0)).replace(year=utcnow().year + 1)
    with db.connection_context():
        event = Event.create(title="Bimtek SKP", kind="sosialisasi", description="Materi",
                             starts_at=start, ends_at=start, place="Aula", capacity=10,
                             published=True, created_by=users["operator"])
        event.ends_at = start.replace(hour=(start.hour + 1) % 24)
        return Registration.create(event=event, name="Ani Wulandari", email="ani@contoh.id",
                                   status="registered")


def test_the_cancel_link_says_what_cancelling_does_and_needs_the_confirmation(client,
                                                                             registration):
    url = f"/acara/batal/{registration.cancel_token}"
    page = client.get(url)
    sentence = "Pendaftaran Anda untuk “Bimtek SKP” pada "
    form = asked(page, sentence, "Batalkan pendaftaran saya", "Tidak, kembali ke acara")
    text = html.unescape(page.get_data(as_text=True))
    assert "atas nama Ani Wulandari (ani@contoh.id) akan dibatalkan; tempat Anda diberikan " \
           "kepada orang berikutnya dalam daftar tunggu" in text
    # a POST without the confirmation (an old form, a script) asks again, cancels nothing
    again = client.post(url, data={"csrf_token": csrf_token(page.get_data(as_text=True))})
    asked(again, sentence, "Batalkan pendaftaran saya", "Tidak, kembali ke acara")
    assert state_of(registration) == "registered"
    done = confirm(client, form)
    assert "Pendaftaran Anda sudah dibatalkan." in done.get_data(as_text=True)
    assert state_of(registration) == "cancelled"


def state_of(registration):
    with db.connection_context():
        return Registration.get_by_id(registration.id).status


def test_cancelling_registrations_in_the_back_office_names_the_people(client, auth, users,
                                                                      registration):
    auth.login("operator")
    first = client.post("/admin/event_registration/action/", data={
        "action": "cancel", "rowid": [str(registration.id)],
        "csrf_token": token(client, "/admin/event_registration/")})
    form = asked(first, "Yang dipilih: Ani Wulandari — Bimtek SKP.", "Ya, lanjutkan")
    assert state_of(registration) == "registered"
    confirm(client, form)
    assert state_of(registration) == "cancelled"
    assert re.search(r"Batalkan pendaftaran yang dipilih\?", html.unescape(
        first.get_data(as_text=True)))
