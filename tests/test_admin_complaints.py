"""Officers handle complaints in the back office, each seeing only what they may."""
import datetime
import io
import re

import pytest

from portal.db import db
from portal.models import Complaint, ComplaintAttachment, ComplaintEvent, Outbox, User
from portal.rules import complaints as rules
from tests.complaint_helpers import FIELDS, jpeg_with_exif, make_complaint, move
from tests.conftest import csrf_token


@pytest.fixture
def officers(app, users, org, password_hash):
    """A petugas for Dinas Kesehatan and one for the kecamatan (the coordinator is 'petugas')."""
    with db.connection_context():
        dinkes = User.create(username="petugas-dinkes", role="petugas_pengaduan",
                             unit=org["dinas"], password_hash=password_hash,
                             display_name="Petugas Dinkes")
        kec = User.create(username="petugas-kec", role="petugas_pengaduan",
                          unit=org["kecamatan"], password_hash=password_hash,
                          display_name="Petugas Kecamatan")
    return {"dinkes": dinkes, "kec": kec, "coordinator": users["petugas"]}


def post_action(client, complaint, action, **data):
    url = f"/admin/complaint/handle/{complaint.id}"
    page = client.get(url)
    token = csrf_token(page.get_data(as_text=True)) if page.status_code == 200 else \
        csrf_token(client.get("/account/password").get_data(as_text=True))
    form = {"csrf_token": token, "confirmed": "1"}  # as the confirmation page posts it
    form.update({f"{action}-{k}": v for k, v in data.items()})
    return client.post(f"{url}/{action}", data=form)


def test_the_coordinator_handles_a_complaint_through_to_the_unit(app, client, auth, officers, org):
    complaint = make_complaint(app)
    auth.login("petugas")
    page = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    for label in ("Verifikasi", "Tunda", "Bukan wewenang", "Arsipkan"):
        assert label in page
    assert "Mulai tindak lanjut" not in page
    assert FIELDS["reporter_name"] in page
    response = post_action(client, complaint, "verify", note="Lengkap", public="y")
    assert response.status_code == 302
    response = post_action(client, complaint, "dispose", unit=str(org["dinas"].id),
                           note="Mohon ditindaklanjuti", public="y")
    assert response.status_code == 302
    with db.connection_context():
        saved = Complaint.get_by_id(complaint.id)
        assert saved.state == rules.DISPOSED and saved.assigned_unit_id == org["dinas"].id
        assert [e.to_state for e in saved.events.order_by(saved.events.model.id)] == \
            [rules.RECEIVED, rules.VERIFIED, rules.DISPOSED]
        assert saved.events.order_by(saved.events.model.id.desc()).get().actor_id == \
            officers["coordinator"].id


def test_the_unit_follows_up_and_answers(app, client, auth, officers, org, users):
    complaint = make_complaint(app)
    move(app, complaint, ("verify", users["admin"], {}),
         ("dispose", users["admin"], {"unit": org["dinas"]}))
    auth.login("petugas-dinkes")
    page = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    assert "Mulai tindak lanjut" in page and "Jawab pelapor" in page
    assert ">Verifikasi<" not in page
    assert post_action(client, complaint, "verify").status_code == 403
    assert post_action(client, complaint, "follow_up", note="Sedang dicek",
                       public="y").status_code == 302
    for blank in ("", "   "):  # an answer the reporter would read as nothing
        response = post_action(client, complaint, "answer", note=blank, public="y")
        assert response.status_code == 400
        assert "Tulis jawaban yang akan dibaca pelapor." in response.get_data(as_text=True)
    with db.connection_context():
        assert Complaint.get_by_id(complaint.id).state == rules.IN_PROGRESS
    # the answer is public even when the box was left unticked: the reporter reads it
    assert post_action(client, complaint, "answer", note="Sudah diperbaiki").status_code == 302
    with db.connection_context():
        saved = Complaint.get_by_id(complaint.id)
        assert saved.state == rules.ANSWERED
        reply = saved.events.order_by(saved.events.model.id.desc()).get()
        assert (reply.note, reply.public) == ("Sudah diperbaiki", True)


def test_a_unit_officer_sees_only_their_units_complaints(app, client, auth, officers, org, users):
    mine = make_complaint(app, title="Untuk Dinkes")
    other = make_complaint(app, title="Untuk Kecamatan")
    waiting = make_complaint(app, title="Belum didisposisi")
    move(app, mine, ("verify", users["admin"], {}),
         ("dispose", users["admin"], {"unit": org["dinas"]}))
    move(app, other, ("verify", users["admin"], {}),
         ("dispose", users["admin"], {"unit": org["kecamatan"]}))
    auth.login("petugas-dinkes")
    listing = client.get("/admin/complaint/").get_data(as_text=True)
    assert "Untuk Dinkes" in listing
    assert "Untuk Kecamatan" not in listing and "Belum didisposisi" not in listing
    assert client.get(f"/admin/complaint/handle/{other.id}").status_code == 404
    assert client.get(f"/admin/complaint/handle/{waiting.id}").status_code == 404
    assert post_action(client, other, "follow_up").status_code == 404
    export = client.get("/admin/complaint/export/csv/").get_data(as_text=True)
    assert mine.tracking_id in export and other.tracking_id not in export
    assert FIELDS["reporter_email"] not in export
    auth.logout()
    auth.login("petugas")
    listing = client.get("/admin/complaint/").get_data(as_text=True)
    for title in ("Untuk Dinkes", "Untuk Kecamatan", "Belum didisposisi"):
        assert title in listing


def test_anonymous_reporters_stay_hidden_from_the_unit(app, client, auth, officers, org, users):
    complaint = make_complaint(app, anonymous=True)
    move(app, complaint, ("verify", users["admin"], {}),
         ("dispose", users["admin"], {"unit": org["dinas"]}))
    auth.login("petugas-dinkes")
    page = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    assert FIELDS["title"] in page
    for secret in (FIELDS["reporter_name"], FIELDS["reporter_email"], FIELDS["reporter_phone"]):
        assert secret not in page
    auth.logout()
    auth.login("petugas")
    page = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    assert FIELDS["reporter_name"] in page


def test_other_roles_are_refused(client, auth, users):
    auth.login("penilai")
    assert client.get("/admin/complaint/").status_code == 403
    assert client.get("/admin/complaint/handle/1").status_code == 403


def test_overdue_complaints_are_flagged_and_counted(app, client, auth, officers):
    late = make_complaint(app, title="Sudah lama sekali")
    make_complaint(app, title="Baru saja masuk")
    with db.connection_context():
        old = datetime.datetime(2026, 1, 5, 8, 0)
        Complaint.update(created_at=old, due_at=rules.deadline("verification", old)) \
            .where(Complaint.id == late.id).execute()
    auth.login("petugas")
    listing = client.get("/admin/complaint/").get_data(as_text=True)
    assert "Terlambat: 1" in listing
    import re
    overdue_url = re.search(r'href="([^"]*flt0_[^"]*)"[^>]*>\s*Terlambat: 1', listing).group(1)
    filtered = client.get(overdue_url.replace("&amp;", "&")).get_data(as_text=True)
    assert "Sudah lama sekali" in filtered and "Baru saja masuk" not in filtered
    page = client.get(f"/admin/complaint/handle/{late.id}").get_data(as_text=True)
    assert "Terlambat: verifikasi" in page


def test_search_by_a_sloppily_typed_tracking_id(app, client, auth, officers):
    wanted = make_complaint(app, title="Yang dicari")
    make_complaint(app, title="Yang lain")
    auth.login("petugas")
    sloppy = wanted.tracking_id.lower().replace("-", "")
    listing = client.get(f"/admin/complaint/?search={sloppy}").get_data(as_text=True)
    assert "Yang dicari" in listing and "Yang lain" not in listing


def test_attachments_download_only_for_those_who_may_see(app, client, auth, officers, org, users):
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    data = {"csrf_token": token, "kind": "pengaduan", "unit": "0", "category": "kesehatan",
            "title": "Dengan foto", "description": "Foto kondisi ruang tunggu yang rusak parah.",
            "attachments": (io.BytesIO(jpeg_with_exif()), "ruang.jpg")}
    assert client.post("/pengaduan/baru", data=data,
                       content_type="multipart/form-data").status_code == 303
    with db.connection_context():
        attachment = ComplaintAttachment.get()
        complaint = attachment.complaint
    url = f"/admin/complaint/attachment/{attachment.id}"
    assert client.get(url).status_code == 302  # anonymous: to the login page
    auth.login("petugas-kec")
    assert client.get(url).status_code == 404
    auth.logout()
    move(app, complaint, ("verify", users["admin"], {}),
         ("dispose", users["admin"], {"unit": org["kecamatan"]}))
    auth.login("petugas-kec")
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "ruang.jpg" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.data[:3] == b"\xff\xd8\xff"


def test_steps_not_allowed_for_the_user_are_refused(app, client, auth, officers, org, users):
    complaint = make_complaint(app)
    auth.login("petugas")
    # the coordinator cannot answer for the unit, nor skip verification
    assert post_action(client, complaint, "answer", note="x").status_code == 403
    assert post_action(client, complaint, "dispose", unit=str(org["dinas"].id)).status_code == 403
    assert post_action(client, complaint, "nonsense").status_code == 403
    # dispose without a unit is explained, nothing changes
    post_action(client, complaint, "verify")
    response = post_action(client, complaint, "dispose", unit="")
    assert response.status_code == 400
    assert "Pilih instansi yang akan menindaklanjuti" in response.get_data(as_text=True)
    with db.connection_context():
        assert Complaint.get_by_id(complaint.id).state == rules.VERIFIED
    post_action(client, complaint, "dispose", unit=str(org["dinas"].id))
    assert post_action(client, complaint, "follow_up").status_code == 403
    auth.logout()
    auth.login("petugas-dinkes")
    assert post_action(client, complaint, "answer", note="Selesai diperbaiki").status_code == 302
    assert post_action(client, complaint, "close").status_code == 302
    assert post_action(client, complaint, "close").status_code == 403
    with db.connection_context():
        assert Complaint.get_by_id(complaint.id).state == rules.CLOSED


def test_a_note_is_internal_unless_the_officer_ticks_public(app, client, auth, officers, org):
    """The box starts unticked; a note sent as it is stays with the officers, never on
    the reporter's status page nor in a mail to them; the history marks which notes the
    reporter reads."""
    complaint = make_complaint(app)
    auth.login("petugas")
    page = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    boxes = re.findall(r'<input[^>]*name="(\w+)-public"[^>]*>', page)
    assert boxes, "no public box on the page"
    assert not re.search(r'<input[^>]*name="\w+-public"[^>]*checked', page)
    assert "hanya petugas yang membacanya" in page
    with db.connection_context():
        mails_before = Outbox.select().count()
    assert post_action(client, complaint, "verify",
                       note="Pelapor ini sering mengirim laporan ganda").status_code == 302
    with db.connection_context():
        event = complaint.events.order_by(ComplaintEvent.id.desc()).first()
        assert (event.note, event.public) == ("Pelapor ini sering mengirim laporan ganda", False)
        assert Outbox.select().count() == mails_before
    status = client.get("/pengaduan/lacak", query_string={"id": complaint.tracking_id})
    status = status.get_data(as_text=True)
    assert "laporan ganda" not in status
    page = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    assert "internal" in page
    assert post_action(client, complaint, "dispose", note="Mohon segera ditangani",
                       unit=org["dinas"].id, public="y").status_code == 302
    page = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    assert "publik: dibaca pelapor" in page
    status = client.get("/pengaduan/lacak", query_string={"id": complaint.tracking_id})
    status = status.get_data(as_text=True)
    assert "Mohon segera ditangani" in status


def test_the_step_that_ends_handling_looks_different(app, client, auth, officers):
    complaint = make_complaint(app)
    auth.login("petugas")
    page = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    buttons = dict((label.strip(), cls) for cls, label in re.findall(
        r'<button type="submit" class="btn ([\w-]+)">([^<]+)</button>', page))
    assert buttons["Verifikasi"] == "btn-primary"
    assert buttons["Tunda"] == "btn-outline-secondary"
    assert buttons["Arsipkan"] == buttons["Bukan wewenang"] == "btn-outline-danger"
    assert "Langkah ini mengakhiri penanganan pengaduan." in page


def test_the_list_shows_the_deadline_as_a_day_and_keeps_the_subject_on_a_phone(
        app, client, auth, officers):
    complaint = make_complaint(app, title="Lampu jalan padam di Jalan Merdeka")
    with db.connection_context():
        # the end of 10 December 2026 in the office's time (WIB, UTC+7)
        Complaint.update(due_at=datetime.datetime(2026, 12, 10, 16, 59, 59)).where(
            Complaint.id == complaint.id).execute()
    auth.login("petugas")
    listing = client.get("/admin/complaint/").get_data(as_text=True)
    due = re.search(r'<td class="col-due_at">(.*?)</td>', listing, re.S).group(1)
    assert re.sub(r"<[^>]*>", "", due).split()[-3:] == ["10", "Des", "2026"]
    assert "23.59" not in due and "16.59" not in due
    title = re.search(r'<td class="col-title">(.*?)</td>', listing, re.S).group(1)
    assert f'href="/admin/complaint/handle/{complaint.id}"' in title
    phone_rule = re.search(r"@media[^{]*\{([^@]*?display: none;)", listing).group(1)
    assert ".col-tracking_id" in phone_rule and ".col-title" not in phone_rule
