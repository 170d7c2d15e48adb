"""A complaint is a conversation: through her own link the reporter adds information,
replies to the unit's answer and, within the auto-close window, says "belum selesai";
the tracking ID alone stays read-only; the report card counts reopened complaints."""
import datetime
import io
import re

import pytest

from portal import complaint_conversation as conversation
from portal.db import db
from portal.models import Complaint, ComplaintAttachment, ComplaintEvent, User
from portal.models.base import utcnow
from portal.rules import complaints as rules
from tests.complaint_helpers import jpeg_with_exif, make_complaint, move
from tests.conftest import csrf_token


@pytest.fixture
def unit_officer(app, org, password_hash):
    with db.connection_context():
        return User.create(username="petugas-dinkes", role="petugas_pengaduan",
                           unit=org["dinas"], password_hash=password_hash,
                           display_name="Petugas Dinkes")


def own_link(app, complaint):
    with app.test_request_context():
        return conversation.own_url(complaint, external=False)


def handled(app, complaint, users, org, unit_officer, answer=True):
    steps = [("verify", users["admin"], {}), ("dispose", users["admin"], {"unit": org["dinas"]})]
    if answer:
        steps.append(("answer", unit_officer, {"note": "Antrean sudah diatur ulang."}))
    return move(app, complaint, *steps)


def post(client, page_url, action, text, **extra):
    token = csrf_token(client.get(page_url).get_data(as_text=True))
    prefix = "reopen" if action == "belum-selesai" else "message"
    data = {"csrf_token": token, f"{prefix}-message": text}
    data.update(extra)
    return client.post(f"{page_url}/{action}", data=data, content_type="multipart/form-data")


# --- rules -------------------------------------------------------------------------

def test_the_reporter_key_fits_its_own_report_only():
    key = rules.reporter_key("rahasia", "LPR-AAAA-BBBB-CCCC-DDDD-E")
    assert rules.reporter_key_matches("rahasia", "LPR-AAAA-BBBB-CCCC-DDDD-E", key)
    assert not rules.reporter_key_matches("rahasia", "LPR-AAAA-BBBB-CCCC-DDDD-F", key)
    assert not rules.reporter_key_matches("lain", "LPR-AAAA-BBBB-CCCC-DDDD-E", key)
    assert not rules.reporter_key_matches("rahasia", "LPR-AAAA-BBBB-CCCC-DDDD-E", "é" + key)


def test_reopening_only_after_the_answer_and_within_the_auto_close_window():
    answered = datetime.datetime(2026, 3, 2, 3, 0)
    inside = answered + datetime.timedelta(days=9)
    after = answered + datetime.timedelta(days=10, seconds=1)
    assert rules.reporter_may_reopen(rules.ANSWERED, answered, inside)
    assert not rules.reporter_may_reopen(rules.ANSWERED, answered, after)
    for state in (rules.DISPOSED, rules.IN_PROGRESS, rules.CLOSED):
        assert not rules.reporter_may_reopen(state, answered, inside)
    assert rules.transition(rules.ANSWERED, "reopen", rules.REPORTER) == rules.IN_PROGRESS
    with pytest.raises(rules.TransitionRefused):
        rules.transition(rules.ANSWERED, "reopen", rules.UNIT_OFFICER)
    with pytest.raises(rules.TransitionRefused):
        rules.transition(rules.CLOSED, "reopen", rules.REPORTER)
    # the unit gets a full follow-up period again from the reopening
    assert rules.follow_up_start(answered, inside) == inside
    assert rules.follow_up_start(inside, None) == inside
    assert rules.reporter_may_add(rules.RECEIVED) and not rules.reporter_may_add(rules.ANSWERED)
    assert not rules.reporter_may_add(rules.CLOSED)
    assert rules.reporter_event_kind(rules.ANSWERED, rules.IN_PROGRESS) == rules.REPORTER_REOPENED


# --- views -------------------------------------------------------------------------

def test_the_receipt_and_the_mails_carry_the_reporters_own_link(app, client, org):
    complaint = make_complaint(app)
    link = own_link(app, complaint)
    with db.connection_context():
        from portal.models import Outbox
        assert link in Outbox.get().body
    page = client.get(link).get_data(as_text=True)
    assert "Ini tautan pribadi laporan Anda" in page and "Tambah keterangan" in page


def test_the_reporter_adds_information_with_a_photo(app, client, org):
    complaint = make_complaint(app)
    link = own_link(app, complaint)
    response = post(client, link, "keterangan", "Antrean hari ini sampai jam 3 sore.",
                    **{"message-attachments": (io.BytesIO(jpeg_with_exif()), "antrean.jpg")})
    assert response.status_code == 303
    page = client.get(response.location).get_data(as_text=True)
    assert "Keterangan Anda telah ditambahkan ke laporan." in page
    assert "Keterangan tambahan dari pelapor" in page and "sampai jam 3 sore" in page
    assert "antrean.jpg" in page
    with db.connection_context():
        event = ComplaintEvent.get(ComplaintEvent.by_reporter == True)  # noqa: E712
        assert event.to_state == rules.RECEIVED and event.actor is None
        assert ComplaintAttachment.select().count() == 1


def test_a_blank_message_is_refused_in_indonesian_and_the_photo_is_kept(app, client, org):
    complaint = make_complaint(app)
    link = own_link(app, complaint)
    response = post(client, link, "keterangan", "  ",
                    **{"message-attachments": (io.BytesIO(jpeg_with_exif()), "antrean.jpg")})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Tuliskan keterangan yang ingin Anda tambahkan." in page
    assert "antrean.jpg" in page  # held for the next try
    with db.connection_context():
        assert ComplaintEvent.select().where(ComplaintEvent.by_reporter == True).count() == 0  # noqa: E712


def test_the_tracking_id_alone_never_writes_as_the_reporter(app, client, org):
    complaint = make_complaint(app)
    public = client.get("/pengaduan/lacak", query_string={"id": complaint.tracking_id})
    page = public.get_data(as_text=True)
    assert public.status_code == 200 and "Tambah keterangan" not in page
    assert "/pengaduan/saya/" not in page and 'enctype="multipart/form-data"' not in page
    wrong = f"/pengaduan/saya/{complaint.tracking_id}/bukan-kunci-yang-benar"
    shown = client.get(wrong)
    assert shown.status_code == 403
    assert "Tautan ini tidak cocok dengan laporan ini" in shown.get_data(as_text=True)
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    sent = client.post(f"{wrong}/keterangan", data={"csrf_token": token,
                                                    "message-message": "Saya pelapornya"})
    assert sent.status_code == 403
    assert "Tautan ini tidak cocok dengan laporan ini" in sent.get_data(as_text=True)
    # another report's key does not fit either
    other = make_complaint(app)
    with app.test_request_context():
        other_key = conversation.reporter_key(other)
    assert client.get(f"/pengaduan/saya/{complaint.tracking_id}/{other_key}").status_code == 403
    with db.connection_context():
        assert ComplaintEvent.select().where(ComplaintEvent.by_reporter == True).count() == 0  # noqa: E712


def test_a_message_without_the_csrf_token_is_refused(app, client, org):
    complaint = make_complaint(app)
    link = own_link(app, complaint)
    response = client.post(f"{link}/keterangan", data={"message-message": "Tanpa token"})
    assert response.status_code == 400
    with db.connection_context():
        assert ComplaintEvent.select().where(ComplaintEvent.by_reporter == True).count() == 0  # noqa: E712


def test_belum_selesai_sends_the_answered_report_back_to_the_unit(app, client, org, users,
                                                                   unit_officer, auth):
    complaint = handled(app, make_complaint(app), users, org, unit_officer)
    handled(app, make_complaint(app, title="Obat di apotek puskesmas habis"), users, org,
            unit_officer, answer=False)  # waiting longer, in the usual group
    link = own_link(app, complaint)
    page = client.get(link).get_data(as_text=True)
    assert "Balas jawaban" in page and "Belum selesai?" in page
    assert "Unit sudah menjawab: menunggu tanggapan Anda" in page
    missing = post(client, link, "belum-selesai", "")
    assert missing.status_code == 400
    assert "Tuliskan mengapa masalahnya belum selesai" in missing.get_data(as_text=True)
    response = post(client, link, "belum-selesai", "Hari ini antrean masih empat jam.")
    assert response.status_code == 303
    after = client.get(response.location).get_data(as_text=True)
    assert "Laporan Anda telah dikembalikan ke Dinas Kesehatan" in after
    assert "Belum selesai: dikembalikan ke unit oleh pelapor" in after
    assert "Tindak lanjut oleh unit penangan" in after
    with db.connection_context():
        saved = Complaint.get_by_id(complaint.id)
        assert saved.state == rules.IN_PROGRESS and saved.reopened_at is not None
        assert saved.due_at > saved.reopened_at  # the follow-up limit runs again
    # the unit's officer sees it first on her start page, with the reason
    auth.login("petugas-dinkes")
    start = client.get("/admin/").get_data(as_text=True)
    assert "Dikembalikan pelapor: belum selesai" in start
    assert "Alasan: Hari ini antrean masih empat jam." in start
    assert start.index("Dikembalikan pelapor") < start.index("Obat di apotek puskesmas habis")
    assert start.count("Antrean puskesmas terlalu lama") == 1  # not twice
    handle = client.get(f"/admin/complaint/handle/{complaint.id}").get_data(as_text=True)
    assert "Hari ini antrean masih empat jam." in handle


def test_belum_selesai_only_after_an_answer_and_within_the_window(app, client, org, users,
                                                                  unit_officer):
    waiting = handled(app, make_complaint(app), users, org, unit_officer, answer=False)
    link = own_link(app, waiting)
    assert "Belum selesai?" not in client.get(link).get_data(as_text=True)
    refused = post(client, link, "belum-selesai", "Belum dijawab sama sekali.")
    assert refused.status_code == 303
    assert "hanya dapat dilakukan setelah unit menjawab" in \
        client.get(refused.location).get_data(as_text=True)
    late = handled(app, make_complaint(app), users, org, unit_officer)
    with db.connection_context():
        Complaint.update(answered_at=utcnow() - datetime.timedelta(days=11)) \
            .where(Complaint.id == late.id).execute()
    late_link = own_link(app, late)
    assert "Belum selesai?" not in client.get(late_link).get_data(as_text=True)
    post(client, late_link, "belum-selesai", "Masih belum beres.")
    with db.connection_context():
        assert Complaint.get_by_id(late.id).state == rules.ANSWERED
        assert Complaint.get_by_id(waiting.id).state == rules.DISPOSED


def test_a_reply_keeps_the_answered_state(app, client, org, users, unit_officer):
    complaint = handled(app, make_complaint(app), users, org, unit_officer)
    link = own_link(app, complaint)
    response = post(client, link, "keterangan", "Terima kasih, sudah lebih baik.")
    assert "Balasan Anda telah dikirim ke unit." in client.get(response.location).get_data(as_text=True)
    with db.connection_context():
        assert Complaint.get_by_id(complaint.id).state == rules.ANSWERED


def test_the_public_page_shows_unit_step_deadline_but_not_the_reporters_words(
        app, client, org, users, unit_officer):
    complaint = handled(app, make_complaint(app, anonymous=True), users, org, unit_officer,
                        answer=False)
    post(client, own_link(app, complaint), "keterangan", "Nama saya Budi Warga dari RT 3.",
         **{"message-attachments": (io.BytesIO(jpeg_with_exif()), "wajah.jpg")})
    page = client.get("/pengaduan/lacak", query_string={"id": complaint.tracking_id}) \
        .get_data(as_text=True)
    assert "Dinas Kesehatan" in page and "Tindak lanjut oleh unit penangan" in page
    assert "Batas waktu tahap ini" in page
    assert "Keterangan tambahan dari pelapor" in page
    assert "Budi Warga" not in page and "wajah.jpg" not in page  # anonymous: nothing of hers
    with db.connection_context():
        attachment = ComplaintAttachment.get()
    assert client.get(f"/pengaduan/lacak/{complaint.tracking_id}/lampiran/"
                      f"{attachment.id}").status_code == 404


def test_the_report_card_counts_reopened_complaints(app, client, org, users, unit_officer):
    complaint = handled(app, make_complaint(app, unit=org["dinas"].id), users, org, unit_officer)
    handled(app, make_complaint(app, unit=org["dinas"].id), users, org, unit_officer)
    post(client, own_link(app, complaint), "belum-selesai", "Masih antre lama.")
    year = utcnow().year
    page = client.get(f"/unit/{org['dinas'].code}", query_string={"year": year}) \
        .get_data(as_text=True)
    assert "Dibuka kembali" in page
    assert re.search(r'class="num reopened">1<', page)
