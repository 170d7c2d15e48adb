"""The public list of reports, each unit's Atom feed, the look-alike reports offered while
filing, and old tracking IDs still found."""
import datetime
import xml.etree.ElementTree as ET

from portal.db import db
from portal.models import Complaint
from portal.public_reports import PAGE_SIZE
from tests.complaint_helpers import make_complaint, move
from tests.conftest import csrf_token

ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_list_shows_public_reports_without_reporters_ids_or_confidential_ones(
        app, client, org):
    named = make_complaint(app, unit=org["dinas"].id, title="Lampu jalan mati di Merdeka",
                           reporter_name="Budi Terlihat", reporter_email="budi@contoh.id")
    anonymous = make_complaint(app, unit=org["dinas"].id, title="Obat habis di puskesmas",
                               reporter_name="Ani Anonim", anonymous=True)
    secret = make_complaint(app, unit=org["dinas"].id, title="Pungutan liar oleh petugas",
                            confidential=True)
    response = client.get("/pengaduan/daftar")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Daftar laporan publik" in page
    assert "Lampu jalan mati di Merdeka" in page and "Obat habis di puskesmas" in page
    assert "Pungutan liar" not in page
    for trace in ("Budi Terlihat", "budi@contoh.id", "Ani Anonim", "081234567890",
                  named.tracking_id, anonymous.tracking_id, secret.tracking_id):
        assert trace not in page
    assert f'href="/pengaduan/laporan/{named.id}"' in page
    assert "2 laporan" in page
    # each row opens a read-only page: content and history, no reporter, no tracking ID
    report = client.get(f"/pengaduan/laporan/{named.id}").get_data(as_text=True)
    assert "Lampu jalan mati di Merdeka" in report and "Diterima" in report
    assert "Budi Terlihat" not in report and named.tracking_id not in report
    assert "/kepuasan" not in report
    assert client.get(f"/pengaduan/laporan/{secret.id}").status_code == 404
    assert client.get("/pengaduan/laporan/999999").status_code == 404


def test_the_list_filters_by_unit_category_status_and_month(app, client, org, users):
    dinas = make_complaint(app, unit=org["dinas"].id, category="kesehatan",
                           title="Antrean puskesmas panjang")
    kec = make_complaint(app, unit=org["kecamatan"].id, category="infrastruktur",
                         title="Jembatan desa retak")
    old = make_complaint(app, unit=org["kecamatan"].id, category="infrastruktur",
                         title="Drainase tersumbat di pasar")
    with db.connection_context():
        Complaint.update(created_at=datetime.datetime(2025, 3, 10, 5)).where(
            Complaint.id == old.id).execute()
    # passed on to the dinas: listed under the unit that handles it now
    move(app, kec, ("verify", users["petugas"], {}),
         ("dispose", users["petugas"], {"unit": org["dinas"]}))

    def titles(**args):
        page = client.get("/pengaduan/daftar", query_string=args).get_data(as_text=True)
        return {t for t in ("Antrean puskesmas", "Jembatan desa", "Drainase") if t in page}

    assert titles(unit=org["dinas"].id) == {"Antrean puskesmas", "Jembatan desa"}
    assert titles(unit=org["kecamatan"].id) == {"Drainase"}
    assert titles(category="infrastruktur") == {"Jembatan desa", "Drainase"}
    assert titles(status="disposed") == {"Jembatan desa"}
    assert titles(month="2025-03") == {"Drainase"}
    assert titles(month="2025-03", category="kesehatan") == set()
    page = client.get("/pengaduan/daftar?month=2025-13&status=x").get_data(as_text=True)
    assert "saringan itu diabaikan" in page and "Antrean puskesmas" in page
    assert dinas.id


def test_the_list_is_paged(app, client, org):
    for number in range(PAGE_SIZE + 3):
        make_complaint(app, title=f"Laporan nomor {number:02d} tentang jalan")
    first = client.get("/pengaduan/daftar?category=kesehatan").get_data(as_text=True)
    assert "Halaman 1 dari 2" in first and "Laporan nomor 22" in first
    assert "Laporan nomor 00" not in first
    assert 'href="/pengaduan/daftar?page=2&amp;category=kesehatan"' in first
    second = client.get("/pengaduan/daftar?category=kesehatan&page=2").get_data(as_text=True)
    assert "Laporan nomor 00" in second and "Laporan nomor 22" not in second


def test_each_unit_has_an_atom_feed_of_its_public_reports(app, client, org):
    make_complaint(app, unit=org["dinas"].id, title="Lampu jalan mati",
                   reporter_name="Budi Terlihat")
    make_complaint(app, unit=org["dinas"].id, title="Rahasia pungli", confidential=True)
    make_complaint(app, unit=org["kecamatan"].id, title="Jembatan retak")
    response = client.get("/pengaduan/feed/DINKES.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.get_data())
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{name}") is not None and (
            name == "author" or feed.find(f"{ATOM}{name}").text)
    assert "Dinas Kesehatan" in feed.find(f"{ATOM}title").text
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Lampu jalan mati"]
    for name in ("id", "title", "updated", "link"):
        assert entries[0].find(f"{ATOM}{name}") is not None
    assert "/pengaduan/laporan/" in entries[0].find(f"{ATOM}link").get("href")
    assert "Budi" not in response.get_data(as_text=True)
    assert client.get("/pengaduan/feed/dinkes.atom").status_code == 200
    assert client.get("/pengaduan/feed/TIDAKADA.atom").status_code == 404
    listing = client.get(f"/pengaduan/daftar?unit={org['dinas'].id}").get_data(as_text=True)
    assert 'href="/pengaduan/feed/DINKES.atom"' in listing


def test_open_look_alike_reports_are_offered_while_filing(app, client, org, users):
    alike = make_complaint(app, unit=org["dinas"].id, category="kesehatan",
                           title="Antrean puskesmas Sukamaju terlalu lama")
    make_complaint(app, unit=org["dinas"].id, category="kesehatan",
                   title="Rahasia antrean puskesmas Sukamaju", confidential=True)
    make_complaint(app, unit=org["kecamatan"].id, category="kesehatan",
                   title="Antrean puskesmas di kecamatan")
    closed = make_complaint(app, unit=org["dinas"].id, category="kesehatan",
                            title="Antrean puskesmas lama sekali")
    move(app, closed, ("archive", users["petugas"], {}))
    answer = client.get("/pengaduan/serupa", query_string={
        "unit": org["dinas"].id, "category": "kesehatan", "title": "antrean di PUSKESMAS"})
    data = answer.get_json()
    assert data["heading"] == "Apakah ini masalah yang sama?"
    assert [r["title"] for r in data["reports"]] == [alike.title]
    assert data["reports"][0]["url"] == f"/pengaduan/laporan/{alike.id}"
    assert data["reports"][0]["shared"] == "Kata yang sama: antrean, puskesmas"
    assert client.get("/pengaduan/serupa?category=nope&title=antrean").get_json()["reports"] == []

    # without JavaScript: the form's button shows the same list and sends nothing
    token = csrf_token(client.get("/pengaduan/baru").get_data(as_text=True))
    form = {"csrf_token": token, "kind": "pengaduan", "unit": str(org["dinas"].id),
            "category": "kesehatan", "title": "Antrean puskesmas", "description": "",
            "reporter_name": "Sari", "check_similar": "1"}
    response = client.post("/pengaduan/baru", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Apakah ini masalah yang sama?" in page
    assert alike.title in page and f"/pengaduan/laporan/{alike.id}" in page
    assert 'value="Sari"' in page  # the form is kept as typed
    assert "belum terkirim" not in page  # nothing marked wrong in this step
    with db.connection_context():
        assert Complaint.select().count() == 4
    form.update(title="Pohon tumbang di taman")
    page = client.post("/pengaduan/baru", data=form).get_data(as_text=True)
    assert "Tidak ada laporan yang masih diproses" in page


def test_an_old_25_character_id_still_finds_its_report(app, client, org):
    report = make_complaint(app)
    with db.connection_context():
        Complaint.update(tracking_id="LPR-AB12-CD34-EF56-GH78-X").where(
            Complaint.id == report.id).execute()
    for typed in ("LPR-AB12-CD34-EF56-GH78-X", " lpr-ab12-cd34-ef56-gh78-x "):
        response = client.get("/pengaduan/lacak", query_string={"id": typed})
        assert response.status_code == 200 and report.title in response.get_data(as_text=True)
    # a new, short ID is found however it is typed
    fresh = make_complaint(app)
    sloppy = fresh.tracking_id.lower().replace("-", "").replace("0", "o").replace("1", "i")
    response = client.get("/pengaduan/lacak", query_string={"id": sloppy})
    assert response.status_code == 200 and fresh.tracking_id in response.get_data(as_text=True)
