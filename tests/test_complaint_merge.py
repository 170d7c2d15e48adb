"""The coordinator merges a duplicate report into another one; its reporter follows the
survivor. Nobody else may merge."""
import pytest

from portal.db import db
from portal.models import Complaint, ComplaintEvent, Outbox, User
from portal.rules import complaints as rules
from tests.complaint_helpers import make_complaint, move
from tests.conftest import csrf_token


@pytest.fixture
def pair(app, org):
    survivor = make_complaint(app, unit=org["dinas"].id, title="Antrean puskesmas lama",
                              reporter_email="pertama@contoh.id")
    duplicate = make_complaint(app, unit=org["dinas"].id, title="Antrean di puskesmas",
                               reporter_email="kedua@contoh.id", anonymous=True)
    return survivor, duplicate


def post_merge(client, complaint, survivor_id, confirmed=True, token=True, **extra):
    url = f"/admin/complaint/handle/{complaint.id}"
    page = client.get(url)
    data = {"merge-survivor": survivor_id, **extra}
    if token:
        data["csrf_token"] = csrf_token(page.get_data(as_text=True) if page.status_code == 200
                                        else client.get("/account/password").get_data(
                                            as_text=True))
    if confirmed:
        data["confirmed"] = "1"
    return client.post(f"{url}/merge", data=data)


def test_the_coordinator_merges_a_duplicate_and_its_reporter_follows_the_survivor(
        app, client, auth, users, org, pair):
    survivor, duplicate = pair
    auth.login("petugas")
    page = client.get(f"/admin/complaint/handle/{duplicate.id}").get_data(as_text=True)
    assert "Gabungkan ke laporan lain" in page
    # first the question, nothing changed yet
    asked = post_merge(client, duplicate, survivor.tracking_id.lower(), confirmed=False)
    assert asked.status_code == 200 and "tidak dapat dibatalkan" in asked.get_data(as_text=True)
    with db.connection_context():
        assert Complaint.get_by_id(duplicate.id).state == rules.RECEIVED
    done = post_merge(client, duplicate, survivor.tracking_id.lower().replace("-", ""),
                      **{"merge-note": "Masalah yang sama sudah dilaporkan."})
    assert done.status_code == 302
    handled = client.get(done.location).get_data(as_text=True)
    assert "Digabung ke" in handled and survivor.tracking_id in handled
    with db.connection_context():
        merged = Complaint.get_by_id(duplicate.id)
        assert merged.state == rules.MERGED and merged.merged_into_id == survivor.id
        events = {c: [(e.to_state, e.public) for e in ComplaintEvent.select().where(
            ComplaintEvent.complaint == c).order_by(ComplaintEvent.id)]
            for c in (duplicate.id, survivor.id)}
        assert events[duplicate.id][-1] == (rules.MERGED, True)
        assert events[survivor.id][-1] == (rules.RECEIVED, False)  # internal: names the other ID
        mail = Outbox.select().where(Outbox.to == "kedua@contoh.id").order_by(Outbox.id.desc()).get()
        assert "digabungkan" in mail.subject and mail.anonymous_recipient
        assert "Masalah yang sama sudah dilaporkan." in mail.body
    survivor_page = client.get(f"/admin/complaint/handle/{survivor.id}").get_data(as_text=True)
    assert "Digabungkan ke laporan ini" in survivor_page and duplicate.tracking_id in survivor_page

    # her tracking link shows the survivor's progress
    move(app, survivor, ("verify", users["petugas"], {"note": "Sedang kami periksa.",
                                                      "public": True}))
    track = client.get("/pengaduan/lacak", query_string={"id": duplicate.tracking_id})
    text = track.get_data(as_text=True)
    assert "Laporan Anda digabungkan ke laporan lain" in text
    assert survivor.title in text and "Sedang kami periksa." in text
    assert "Terverifikasi" in text or "Diverifikasi" in text
    assert survivor.tracking_id not in text  # the other reporter's key stays hers
    assert f"/pengaduan/laporan/{survivor.id}" in text
    # and the survivor's public steps reach her by mail, with her own link
    with db.connection_context():
        followed = Outbox.select().where(Outbox.to == "kedua@contoh.id").order_by(
            Outbox.id.desc()).get()
        assert duplicate.tracking_id in followed.subject and "Sedang kami periksa." in followed.body
        assert followed.anonymous_recipient
    # the public page of the duplicate points to the survivor
    public = client.get(f"/pengaduan/laporan/{duplicate.id}").get_data(as_text=True)
    assert "Digabung ke laporan lain" in public and f"/pengaduan/laporan/{survivor.id}" in public


def test_a_merge_is_refused_with_a_clear_message(app, client, auth, users, org, pair):
    survivor, duplicate = pair
    auth.login("petugas")
    itself = post_merge(client, duplicate, duplicate.tracking_id)
    assert itself.status_code == 400 and "ke dirinya sendiri" in itself.get_data(as_text=True)
    unknown = post_merge(client, duplicate, rules.new_tracking_id())
    assert unknown.status_code == 400 and "Tidak ada laporan" in unknown.get_data(as_text=True)
    typo = post_merge(client, duplicate, "LPR-XXXX")
    assert typo.status_code == 400 and "bukan kode pelacakan" in typo.get_data(as_text=True)
    move(app, survivor, ("archive", users["petugas"], {}))
    closed = post_merge(client, duplicate, survivor.tracking_id)
    assert closed.status_code == 400 and "sudah ditutup" in closed.get_data(as_text=True)
    with db.connection_context():
        assert Complaint.get_by_id(duplicate.id).state == rules.RECEIVED


def test_only_the_coordinator_may_merge_and_only_with_a_csrf_token(
        app, client, auth, users, org, pair, password_hash):
    survivor, duplicate = pair
    with db.connection_context():
        User.create(username="petugas-dinkes", role="petugas_pengaduan", unit=org["dinas"],
                    password_hash=password_hash, display_name="Petugas Dinkes")
    move(app, duplicate, ("verify", users["petugas"], {}),
         ("dispose", users["petugas"], {"unit": org["dinas"]}))
    auth.login("petugas-dinkes")
    page = client.get(f"/admin/complaint/handle/{duplicate.id}").get_data(as_text=True)
    assert "Gabungkan ke laporan lain" not in page
    assert post_merge(client, duplicate, survivor.tracking_id).status_code == 403
    auth.logout()
    auth.login("petugas")
    assert post_merge(client, duplicate, survivor.tracking_id, token=False).status_code == 400
    with db.connection_context():
        assert Complaint.get_by_id(duplicate.id).state == rules.DISPOSED
