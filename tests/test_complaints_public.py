"""A citizen sends a report, keeps the tracking ID and follows it without an account."""
import io
import os

from PIL import Image

from portal.db import db
from portal.models import Complaint, ComplaintAttachment, ComplaintEvent, Outbox
from portal.rules import complaints as rules
from tests.complaint_helpers import FIELDS, TRACKING_RE, jpeg_with_exif, make_complaint, move
from tests.conftest import csrf_token


def form_data(client, **overrides):
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    data = {"csrf_token": token, "kind": "pengaduan", "unit": "0", "category": "kesehatan",
            "title": "Jalan berlubang di depan SD", "place": "Jl. Merdeka",
            "description": "Lubang besar di jalan depan SD Negeri 1, sudah dua anak jatuh.",
            "reporter_name": "Ani Pelapor", "reporter_email": "ani@contoh.id"}
    data.update(overrides)
    return data


def test_the_form_explains_anonymous_and_confidential_in_indonesian(client, org):
    page = client.get("/pengaduan/baru").get_data(as_text=True)
    assert "Anonim" in page and "Rahasia" in page
    assert "Kecamatan Sukamaju" in page and "Dinas Kesehatan" in page
    assert 'enctype="multipart/form-data"' in page


def test_submitting_gives_a_tracking_id_and_queues_a_mail(app, client, org):
    data = form_data(client, unit=str(org["dinas"].id))
    response = client.post("/pengaduan/baru", data=data)
    assert response.status_code == 303 and response.location == "/pengaduan/baru/terkirim"
    receipt = client.get(response.location)
    page = receipt.get_data(as_text=True)
    assert receipt.status_code == 200 and "no-store" in receipt.headers["Cache-Control"]
    tracking_id = TRACKING_RE.search(page).group(0)
    assert tracking_id not in response.location  # the ID stays in the signed session
    assert "Simpan kode pelacakan ini" in page
    assert "juga telah kami kirim ke alamat e-mail Anda" in page
    with db.connection_context():
        complaint = Complaint.get(Complaint.tracking_id == tracking_id)
        assert complaint.state == rules.RECEIVED and complaint.unit_id == org["dinas"].id
        assert complaint.events.count() == 1
        mail = Outbox.get()
        assert mail.to == "ani@contoh.id" and tracking_id in mail.subject
        assert tracking_id in mail.body and mail.sent_at is None


def test_reloading_the_receipt_never_sends_the_report_again(app, client, org):
    """Post/Redirect/Get: the browser's reload repeats the GET of the receipt, not the POST."""
    response = client.post("/pengaduan/baru", data=form_data(client), follow_redirects=True)
    assert response.request.method == "GET" and response.request.path == "/pengaduan/baru/terkirim"
    tracking_id = TRACKING_RE.search(response.get_data(as_text=True)).group(0)
    for _reload in range(2):  # the receipt stays until another report replaces it
        again = client.get("/pengaduan/baru/terkirim")
        assert again.status_code == 200 and tracking_id in again.get_data(as_text=True)
    with db.connection_context():
        assert Complaint.select().count() == 1 and Outbox.select().count() == 1
    client.post("/pengaduan/baru", data=form_data(client, reporter_email=""))
    page = client.get("/pengaduan/baru/terkirim").get_data(as_text=True)
    with db.connection_context():
        newest = Complaint.select().order_by(Complaint.id.desc()).get()
    assert newest.tracking_id in page and tracking_id not in page
    assert "alamat e-mail Anda" not in page


def test_the_receipt_without_a_report_sends_back_to_the_form(client, org):
    response = client.get("/pengaduan/baru/terkirim")
    assert response.status_code == 302 and response.location == "/pengaduan/baru"


def test_a_receipt_is_kept_for_half_an_hour_only(client, org):
    """The next person at a shared computer does not find the last tracking ID."""
    from portal import receipts
    client.post("/pengaduan/baru", data=form_data(client))
    assert client.get("/pengaduan/baru/terkirim").status_code == 200
    with client.session_transaction() as session:
        kept = dict(session["complaint_receipt"])
        kept["at"] -= receipts.KEPT_SECONDS + 1
        session["complaint_receipt"] = kept
    response = client.get("/pengaduan/baru/terkirim")
    assert response.status_code == 302 and response.location == "/pengaduan/baru"
    with client.session_transaction() as session:
        assert "complaint_receipt" not in session


def test_missing_fields_keep_the_rest_of_the_form(client, org):
    data = form_data(client, description="pendek")
    response = client.post("/pengaduan/baru", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Jalan berlubang di depan SD" in page and "ani@contoh.id" in page
    with db.connection_context():
        assert Complaint.select().count() == 0


def test_a_photo_is_kept_without_its_exif(app, client, org):
    data = form_data(client)
    data["attachments"] = (io.BytesIO(jpeg_with_exif()), "foto.jpg")
    response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
    assert response.status_code == 303
    with db.connection_context():
        attachment = ComplaintAttachment.get()
    path = os.path.join(app.instance_path, "uploads", "complaints", attachment.stored_name)
    stored = open(path, "rb").read()
    assert attachment.content_type == "image/jpeg" and attachment.original_name == "foto.jpg"
    assert b"KameraRahasia" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert image.size == (40, 30)


def test_other_files_are_refused_with_a_clear_message(app, client, org):
    data = form_data(client)
    data["attachments"] = (io.BytesIO(b"MZ\x90\x00 not a photo"), "foto.jpg")
    response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "bukan foto JPEG atau PNG atau dokumen PDF" in page
    assert "Jalan berlubang di depan SD" in page
    with db.connection_context():
        assert Complaint.select().count() == 0 and ComplaintAttachment.select().count() == 0


def test_too_large_files_are_refused(app, client, org):
    app.config["COMPLAINT_ATTACHMENT_MAX_BYTES"] = 1000
    data = form_data(client)
    data["attachments"] = (io.BytesIO(b"%PDF-1.4\n" + b"x" * 2000 + b"\n%%EOF"), "surat.pdf")
    response = client.post("/pengaduan/baru", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "lebih besar dari" in response.get_data(as_text=True)


def test_the_honeypot_saves_nothing(client, org):
    response = client.post("/pengaduan/baru", data=form_data(client, website="http://spam"))
    assert response.status_code == 303  # looks like a report that was received
    assert TRACKING_RE.search(client.get(response.location).get_data(as_text=True))
    with db.connection_context():
        assert Complaint.select().count() == 0 and Outbox.select().count() == 0


def test_posting_without_csrf_is_refused(client, org):
    data = form_data(client)
    del data["csrf_token"]
    assert client.post("/pengaduan/baru", data=data).status_code == 400


def test_submitting_is_rate_limited_per_address(app, client, org):
    app.config["COMPLAINT_SUBMIT_RATE_LIMIT"] = "2 per hour"
    codes = [client.post("/pengaduan/baru", data=form_data(client)).status_code for _ in range(3)]
    assert codes == [303, 303, 429]
    other = client.post("/pengaduan/baru", data=form_data(client),
                        environ_base={"REMOTE_ADDR": "10.0.0.9"})
    assert other.status_code == 303
    assert client.get("/pengaduan/baru").status_code == 200  # reading the form is not limited


def test_lookups_are_rate_limited(app, client):
    app.config["COMPLAINT_LOOKUP_RATE_LIMIT"] = "3 per minute"
    responses = [client.get("/pengaduan/lacak?id=LPR-0000") for _ in range(5)]
    # exactly the three allowed lookups are answered (an unknown number is told so), then
    # the limit: neither more nor fewer than the setting
    assert [r.status_code for r in responses] == [404, 404, 404, 429, 429]
    assert all("LPR-0000" in r.get_data(as_text=True) for r in responses[:3])
    assert "Terlalu banyak" in responses[3].get_data(as_text=True)


def test_a_forged_forwarded_for_header_does_not_escape_the_limits(app, client, org):
    """With no proxy configured in front (``PROXY_FIX_COUNT = 0``) the portal counts per
    connecting address: a client writing a new ``X-Forwarded-For`` on every request is
    still one client, for sending reports and for looking them up."""
    assert app.config["PROXY_FIX_COUNT"] == 0
    app.config["COMPLAINT_SUBMIT_RATE_LIMIT"] = "2 per hour"
    app.config["COMPLAINT_LOOKUP_RATE_LIMIT"] = "3 per minute"
    codes = [client.post("/pengaduan/baru", data=form_data(client),
                         headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
             for n in range(4)]
    assert codes == [303, 303, 429, 429]
    with db.connection_context():
        assert Complaint.select().count() == 2
    codes = [client.get("/pengaduan/lacak?id=LPR-0000",
                        headers={"X-Forwarded-For": f"198.51.100.{n}, 10.0.0.{n}"}).status_code
             for n in range(5)]
    assert codes == [404, 404, 404, 429, 429]


def test_the_status_page_accepts_sloppy_typing(app, client, org):
    complaint = make_complaint(app)
    sloppy = complaint.tracking_id.lower().replace("-", "").replace("1", "l").replace("0", "o")
    page = client.get(f"/pengaduan/lacak?id={sloppy}").get_data(as_text=True)
    assert complaint.tracking_id in page and "Diterima" in page
    assert FIELDS["title"] in page


def test_a_wrong_id_gives_a_clear_message(app, client, org):
    complaint = make_complaint(app)
    tid = complaint.tracking_id
    typo = tid[:5] + ("X" if tid[5] != "X" else "Y") + tid[6:]
    response = client.get(f"/pengaduan/lacak?id={typo}")
    assert response.status_code == 404
    assert "bukan kode pelacakan yang sah" in response.get_data(as_text=True)
    other = rules.new_tracking_id()
    response = client.get(f"/pengaduan/lacak?id={other}")
    assert response.status_code == 404
    assert "Tidak ada laporan dengan kode pelacakan ini" in response.get_data(as_text=True)


def test_the_reporter_never_appears_publicly(app, client, org, users):
    complaint = make_complaint(app, anonymous=True)
    move(app, complaint, ("verify", users["petugas"], {"note": "Laporan lengkap."}))
    page = client.get(f"/pengaduan/lacak?id={complaint.tracking_id}").get_data(as_text=True)
    for secret in (FIELDS["reporter_name"], FIELDS["reporter_email"], FIELDS["reporter_phone"]):
        assert secret not in page
    assert "Laporan lengkap." in page


def test_confidential_content_and_internal_notes_stay_hidden(app, client, org, users):
    complaint = make_complaint(app, confidential=True, title="Pungli di kantor kelurahan X",
                               description="Petugas meminta uang Rp 200.000 untuk surat pindah.")
    move(app, complaint, ("verify", users["petugas"], {"note": "Nama petugas: Pak Joko",
                                                        "public": False}))
    page = client.get(f"/pengaduan/lacak?id={complaint.tracking_id}").get_data(as_text=True)
    for secret in ("Pungli", "Rp 200.000", "Pak Joko", FIELDS["reporter_name"]):
        assert secret not in page
    assert "Terverifikasi" in page
    assert "rahasia" in page.lower()


def test_internal_notes_are_not_public(app, client, org, users):
    complaint = make_complaint(app)
    move(app, complaint, ("verify", users["petugas"], {"note": "Catatan internal saja",
                                                        "public": False}))
    page = client.get(f"/pengaduan/lacak?id={complaint.tracking_id}").get_data(as_text=True)
    assert "Catatan internal saja" not in page


def test_satisfaction_once_after_closing(app, client, org, users):
    complaint = make_complaint(app)
    url = f"/pengaduan/lacak/{complaint.tracking_id}/kepuasan"
    assert client.get(url).status_code == 409
    with db.connection_context():
        users["petugas"].unit = org["dinas"]
        users["petugas"].save()
    coordinator = users["operator"]
    complaint = move(app, complaint,
                     ("verify", coordinator, {}),
                     ("dispose", coordinator, {"unit": org["dinas"]}),
                     ("answer", users["petugas"], {"note": "Antrean kini memakai nomor."}),
                     ("close", coordinator, {}))
    status = client.get(f"/pengaduan/lacak?id={complaint.tracking_id}").get_data(as_text=True)
    assert url in status
    token = csrf_token(client.get(url).get_data(as_text=True))
    response = client.post(url, data={"csrf_token": token, "rating": "3", "comment": "Cukup baik"})
    assert response.status_code == 200 and "Terima kasih" in response.get_data(as_text=True)
    with db.connection_context():
        saved = Complaint.get_by_id(complaint.id)
        assert saved.satisfaction == 3 and saved.satisfaction_comment == "Cukup baik"
    again = client.post(url, data={"csrf_token": token, "rating": "1"})
    assert again.status_code == 409
    with db.connection_context():
        assert Complaint.get_by_id(complaint.id).satisfaction == 3
    assert url not in client.get(f"/pengaduan/lacak?id={complaint.tracking_id}").get_data(as_text=True)


def test_answered_complaints_close_automatically(app, runner, org, users):
    import datetime
    complaint = make_complaint(app)
    coordinator = users["admin"]
    with db.connection_context():
        users["petugas"].unit = org["dinas"]
        users["petugas"].save()
    complaint = move(app, complaint, ("verify", coordinator, {}),
                     ("dispose", coordinator, {"unit": org["dinas"]}),
                     ("answer", users["petugas"], {}))
    with db.connection_context():
        Complaint.update(answered_at=complaint.answered_at - datetime.timedelta(days=11)).execute()
    result = runner.invoke(args=["close-complaints"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        closed = Complaint.get_by_id(complaint.id)
        assert closed.state == rules.CLOSED
        last = closed.events.order_by(ComplaintEvent.id.desc()).get()
        assert last.actor is None and last.to_state == rules.CLOSED
