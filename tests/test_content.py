"""Content in the back office and on the public site: workflow, visibility, audiences, files."""
import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from portal.db import db
from portal.models import ContentAttachment, ContentItem, ContentTransition, User
from portal.models.base import utcnow
from portal.models.content import set_tags
from tests.conftest import csrf_token

HOUR = datetime.timedelta(hours=1)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def make_item(app, users):
    def make(title, state="published", kind="guide", **fields):
        fields.setdefault("slug", title.lower().replace(" ", "-"))
        fields.setdefault("created_by", users["operator"])
        fields.setdefault("body", f"Isi {title}")
        if state == "published":
            fields.setdefault("published_at", utcnow() - HOUR)
        with db.connection_context():
            return ContentItem.create(title=title, state=state, kind=kind, **fields)
    return make


def token(client, url="/account/password"):
    return csrf_token(client.get(url).get_data(as_text=True))


def transition(client, item, name, comment=""):
    return client.post(f"/admin/content_item/workflow/{item.id}/transition",
                       data={"transition": name, "comment": comment,
                             "csrf_token": token(client)}, follow_redirects=True)


def state_of(item):
    with db.connection_context():
        return ContentItem.get_by_id(item.id).state


# --- the workflow in the back office -----------------------------------------

def test_operator_drafts_and_submits_a_reviewer_rejects_then_publishes(client, auth, users):
    auth.login("operator")
    response = client.post("/admin/content_item/new/", data={
        "kind": "guide", "title": "Panduan Menyusun SKP", "slug": "", "summary": "Langkah demi langkah",
        "body": "## RHK\n\nTulis **RHK** Anda.", "language": "id", "audience": "public",
        "tags": "SKP, Kinerja", "csrf_token": token(client, "/admin/content_item/new/")})
    assert response.status_code == 302
    with db.connection_context():
        item = ContentItem.get(ContentItem.title == "Panduan Menyusun SKP")
        assert item.slug == "panduan-menyusun-skp"
        assert item.state == "private" and item.created_by_id == users["operator"].id
    page = client.get(f"/admin/content_item/workflow/{item.id}").get_data(as_text=True)
    assert "Ajukan untuk ditinjau" in page and 'value="publish"' not in page
    assert "<strong>RHK</strong>" in page          # the preview

    page = transition(client, item, "submit").get_data(as_text=True)
    assert "Diajukan untuk ditinjau" in page and state_of(item) == "pending"
    # an operator without the reviewer flag cannot publish, even by forging the POST
    page = transition(client, item, "publish").get_data(as_text=True)
    assert "tidak boleh" in page and state_of(item) == "pending"
    assert client.get("/admin/content_queue/").status_code == 200
    auth.logout()

    auth.login("admin")
    assert "Panduan Menyusun SKP" in client.get("/admin/content_queue/").get_data(as_text=True)
    page = transition(client, item, "reject").get_data(as_text=True)
    assert "Berikan alasan" in page and state_of(item) == "pending"
    transition(client, item, "reject", "Tambahkan contoh IKI")
    assert state_of(item) == "private"
    auth.logout()

    auth.login("operator")
    transition(client, item, "submit")
    auth.logout()
    auth.login("admin")
    page = transition(client, item, "publish").get_data(as_text=True)
    assert state_of(item) == "published"
    assert "Tambahkan contoh IKI" in page           # the log keeps the reason
    with db.connection_context():
        log = [(t.transition, t.from_state, t.to_state, t.actor.username)
               for t in ContentTransition.select().order_by(ContentTransition.id)]
    assert log == [("submit", "private", "pending", "operator"),
                   ("reject", "pending", "private", "admin"),
                   ("submit", "private", "pending", "operator"),
                   ("publish", "pending", "published", "admin")]
    assert "Panduan Menyusun SKP" in client.get("/materi").get_data(as_text=True)
    assert "Tidak ada yang menunggu" in client.get("/admin/content_queue/").get_data(as_text=True)


def test_an_operator_with_the_reviewer_flag_publishes(client, auth, users, make_item):
    item = make_item("Berita Apel", state="pending", kind="news", created_by=users["admin"])
    with db.connection_context():
        User.update(content_reviewer=True).where(User.username == "operator").execute()
    auth.login("operator")
    page = client.get(f"/admin/content_item/workflow/{item.id}").get_data(as_text=True)
    assert 'value="publish"' in page and 'value="reject"' in page
    transition(client, item, "publish")
    assert state_of(item) == "published"


def test_operator_edits_only_own_drafts(client, auth, users, make_item):
    own_published = make_item("Terbit", state="published")
    others_draft = make_item("Draf Admin", state="private", created_by=users["admin"])
    auth.login("operator")
    for item in (own_published, others_draft):
        response = client.get(f"/admin/content_item/edit/?id={item.id}")
        assert response.status_code == 302
        assert f"/workflow/{item.id}" in response.headers["Location"]
        response = client.post(f"/admin/content_item/edit/?id={item.id}", data={
            "kind": "guide", "title": "Diubah", "slug": item.slug, "language": "id",
            "audience": "public", "csrf_token": token(client)})
        with db.connection_context():
            assert ContentItem.get_by_id(item.id).title != "Diubah"
        # nor may they retract someone else's item or delete it
    transition(client, others_draft, "submit")
    assert state_of(others_draft) == "private"
    client.post("/admin/content_item/delete/", data={"id": others_draft.id, "confirmed": "1",
                                                     "csrf_token": token(client)})
    with db.connection_context():
        assert ContentItem.get_or_none(ContentItem.id == others_draft.id) is not None
    # the operator's own retract works
    transition(client, own_published, "retract")
    assert state_of(own_published) == "private"


@pytest.mark.parametrize("username", ["pegawai", "penilai", "petugas"])
def test_other_roles_cannot_reach_the_workflow(client, auth, users, make_item, username):
    item = make_item("Draf", state="pending")
    auth.login(username)
    response = client.post(f"/admin/content_item/workflow/{item.id}/transition",
                           data={"transition": "publish", "csrf_token": token(client)})
    assert response.status_code == 403
    assert state_of(item) == "pending"


def test_transitions_need_the_csrf_token(client, auth, users, make_item):
    item = make_item("Draf", state="pending")
    auth.login("admin")
    response = client.post(f"/admin/content_item/workflow/{item.id}/transition",
                           data={"transition": "publish"})
    assert response.status_code == 400
    assert state_of(item) == "pending"


def test_slug_is_unique_per_language_and_unit_audience_needs_a_unit(client, auth, users, make_item):
    make_item("Panduan SKP", slug="panduan-skp")
    auth.login("admin")
    form = {"kind": "guide", "title": "Lain", "slug": "panduan-skp", "language": "id",
            "audience": "public", "csrf_token": token(client, "/admin/content_item/new/")}
    page = client.post("/admin/content_item/new/", data=form).get_data(as_text=True)
    assert "sudah memakai alamat" in page
    form.update(language="en")
    assert client.post("/admin/content_item/new/", data=form).status_code == 302
    form.update(slug="khusus", audience="unit")
    page = client.post("/admin/content_item/new/", data=form).get_data(as_text=True)
    assert "Pilih unit" in page


def test_an_empty_address_of_a_taken_title_gets_the_next_number(client, auth, users, make_item):
    make_item("Panduan SKP", slug="panduan-skp")
    auth.login("operator")
    form = {"kind": "guide", "title": "Panduan SKP", "slug": "", "language": "id",
            "audience": "public", "csrf_token": token(client, "/admin/content_item/new/")}
    assert client.post("/admin/content_item/new/", data=form).status_code == 302
    with db.connection_context():
        assert sorted(i.slug for i in ContentItem.select()) == ["panduan-skp", "panduan-skp-2"]


# --- the public side ---------------------------------------------------------

def test_only_published_current_items_appear_anywhere(client, make_item):
    now = utcnow()
    make_item("Terbit Sekarang", kind="news", summary="kata kunci")
    make_item("Masih Draf", state="private", kind="news", summary="kata kunci")
    make_item("Menunggu Tinjauan", state="pending", kind="news", summary="kata kunci")
    make_item("Terjadwal Besok", kind="news", publish_at=now + 24 * HOUR, summary="kata kunci")
    make_item("Sudah Kedaluwarsa", kind="news", expire_at=now - HOUR, summary="kata kunci")
    hidden = ["Masih Draf", "Menunggu Tinjauan", "Terjadwal Besok", "Sudah Kedaluwarsa"]
    for url in ("/materi", "/materi?q=kata+kunci", "/materi?kind=news", "/berita/feed.atom"):
        page = client.get(url).get_data(as_text=True)
        assert "Terbit Sekarang" in page, url
        for title in hidden:
            assert title not in page, (url, title)
    assert client.get("/materi/terbit-sekarang").status_code == 200
    for title in hidden:
        assert client.get("/materi/" + title.lower().replace(" ", "-")).status_code == 404


def test_filter_by_kind_and_tag_search_and_pagination(client, make_item):
    skp = make_item("Apa itu SKP", body="Rencana Hasil Kerja dan IKI")
    make_item("Jadwal Survei", kind="news", body="SKM dibuka")
    with db.connection_context():
        set_tags(skp, ["SKP", "Kinerja ASN"])
    page = client.get("/materi?kind=news").get_data(as_text=True)
    assert "Jadwal Survei" in page and "Apa itu SKP" not in page
    page = client.get("/materi?tag=kinerja-asn").get_data(as_text=True)
    assert "Apa itu SKP" in page and "Jadwal Survei" not in page
    page = client.get("/materi?q=hasil+kerja").get_data(as_text=True)   # found in the body
    assert "Apa itu SKP" in page and "Jadwal Survei" not in page
    for i in range(13):
        make_item(f"Berita {i:02d}", kind="news")
    first = client.get("/materi?kind=news").get_data(as_text=True)
    second = client.get("/materi?kind=news&page=2").get_data(as_text=True)
    assert "Halaman 1 dari 2" in first and "Halaman 2 dari 2" in second
    assert first.count("content-card") == 12 and second.count("content-card") == 2


def test_item_page_renders_markdown_safely_and_links_the_translation(client, make_item):
    item = make_item("Memahami IKM", slug="memahami-ikm",
                     body="## Sembilan unsur\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2))")
    make_item("Understanding the IKM", slug="understanding-ikm", language="en",
              translation_of=item, body="Nine elements")
    page = client.get("/materi/memahami-ikm").get_data(as_text=True)
    assert "<h2>Sembilan unsur</h2>" in page
    assert "<script>alert" not in page and "javascript:" not in page
    assert "/materi/understanding-ikm?lang=en" in page and "Baca dalam English" in page
    english = client.get("/materi/understanding-ikm").get_data(as_text=True)
    assert "/materi/memahami-ikm?lang=id" in english
    # the listing shows one language of a translated pair
    listing = client.get("/materi").get_data(as_text=True)
    assert "Memahami IKM" in listing and "Understanding the IKM" not in listing


def test_audiences(client, auth, users, org, make_item):
    make_item("Untuk Semua ASN", slug="semua-asn", audience="all_asn")
    make_item("Khusus Dinkes", slug="khusus-dinkes", audience="unit", audience_unit=org["dinas"])
    make_item("Khusus Kecamatan", slug="khusus-kec", audience="unit", audience_unit=org["kecamatan"])
    make_item("Untuk Atasan", slug="untuk-atasan", audience="supervisors")
    listing = client.get("/materi").get_data(as_text=True)
    for title in ("Untuk Semua ASN", "Khusus Dinkes", "Khusus Kecamatan", "Untuk Atasan"):
        assert title not in listing
    response = client.get("/materi/semua-asn")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")

    auth.login("pegawai")   # a nurse of the Dinas Kesehatan, no subordinates
    listing = client.get("/materi").get_data(as_text=True)
    assert "Untuk Semua ASN" in listing and "Khusus Dinkes" in listing
    assert "Khusus Kecamatan" not in listing and "Untuk Atasan" not in listing
    assert client.get("/materi/khusus-kec").status_code == 403
    assert client.get("/materi/untuk-atasan").status_code == 403
    auth.logout()

    auth.login("penilai")   # her supervisor
    assert "Untuk Atasan" in client.get("/materi").get_data(as_text=True)
    assert client.get("/materi/untuk-atasan").status_code == 200
    auth.logout()

    auth.login("petugas")   # an account with no employee behind it
    assert client.get("/materi/semua-asn").status_code == 403


def test_feed_is_valid_atom_of_public_news(client, make_item):
    make_item("Berita Publik", kind="news", summary="Ringkasan <b>tebal</b>")
    make_item("Berita Internal", kind="news", audience="all_asn")
    make_item("Sebuah Panduan", kind="guide")
    response = client.get("/berita/feed.atom")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)
    assert feed.tag == ATOM + "feed"
    assert feed.find(ATOM + "updated").text.endswith("Z")
    entries = feed.findall(ATOM + "entry")
    assert [e.find(ATOM + "title").text for e in entries] == ["Berita Publik"]
    entry = entries[0]
    assert entry.find(ATOM + "link").get("href").endswith("/materi/berita-publik?lang=id")
    assert entry.find(ATOM + "summary").text == "Ringkasan <b>tebal</b>"
    assert entry.find(ATOM + "id").text and entry.find(ATOM + "updated").text


# --- attachments -------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
def _png():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "navy").save(out, "PNG")  # images are decoded and re-encoded
    return out.getvalue()


PNG = _png()


def upload(client, item, name, data):
    return client.post(f"/admin/content_item/workflow/{item.id}/attachments",
                       data={"file": (io.BytesIO(data), name), "csrf_token": token(client)},
                       content_type="multipart/form-data", follow_redirects=True)


def test_attachments_are_checked_stored_and_downloaded(client, auth, users, app, make_item):
    item = make_item("Materi Sosialisasi", state="private")
    auth.login("operator")
    page = upload(client, item, "Paparan SKP.pdf", PDF).get_data(as_text=True)
    assert "Dilampirkan: Paparan SKP.pdf" in page
    page = upload(client, item, "virus.pdf", b"MZ\x90\x00 not a pdf").get_data(as_text=True)
    assert "Hanya PDF" in page
    upload(client, item, "bagan.png", PNG)
    with db.connection_context():
        files = {a.original_name: a for a in ContentAttachment.select()}
    assert set(files) == {"Paparan SKP.pdf", "bagan.png"}
    assert files["Paparan SKP.pdf"].size == len(PDF) and files["Paparan SKP.pdf"].file_kind == "pdf"
    stored = files["Paparan SKP.pdf"].path(app.instance_path)
    assert "/uploads/content/" in stored and open(stored, "rb").read() == PDF
    auth.logout()

    url = f"/materi/materi-sosialisasi/lampiran/{files['Paparan SKP.pdf'].id}"
    assert client.get(url).status_code == 404           # not published yet
    with db.connection_context():
        ContentItem.update(state="published").where(ContentItem.id == item.id).execute()
    page = client.get("/materi/materi-sosialisasi").get_data(as_text=True)
    assert "Paparan SKP.pdf" in page and f"PDF · {len(PDF)} B" in page
    response = client.get(url)
    assert response.data == PDF and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    image = client.get(f"/materi/materi-sosialisasi/lampiran/{files['bagan.png'].id}")
    assert image.headers["Content-Disposition"].startswith("inline")
    # an attachment cannot be fetched through another item's address
    make_item("Lain", slug="lain")
    assert client.get(f"/materi/lain/lampiran/{files['bagan.png'].id}").status_code == 404


def test_published_items_lock_attachments_for_their_operator(client, auth, users, make_item):
    item = make_item("Terbit", state="published")
    auth.login("operator")
    response = client.post(f"/admin/content_item/workflow/{item.id}/attachments",
                           data={"file": (io.BytesIO(PDF), "a.pdf"), "csrf_token": token(client)},
                           content_type="multipart/form-data")
    assert response.status_code == 403


def test_schedule_is_typed_in_office_time_and_stored_in_utc(client, auth, users):
    auth.login("admin")
    response = client.post("/admin/content_item/new/", data={
        "kind": "news", "title": "Pengumuman Terjadwal", "language": "id", "audience": "public",
        "publish_at": "2030-12-01T08:00", "expire_at": "2030-12-31T17:00",
        "csrf_token": token(client, "/admin/content_item/new/")})
    assert response.status_code == 302
    with db.connection_context():
        item = ContentItem.get(ContentItem.title == "Pengumuman Terjadwal")
    assert item.publish_at == datetime.datetime(2030, 12, 1, 1, 0)    # 08:00 WIB
    assert item.expire_at == datetime.datetime(2030, 12, 31, 10, 0)
    page = client.get(f"/admin/content_item/edit/?id={item.id}").get_data(as_text=True)
    assert 'value="2030-12-01T08:00"' in page
    with db.connection_context():  # written by the operator: the admin may publish it
        ContentItem.update(created_by=users["operator"]).where(ContentItem.id == item.id).execute()
    transition(client, item, "publish")
    page = client.get(f"/admin/content_item/workflow/{item.id}").get_data(as_text=True)
    assert "Terjadwal: tampil mulai" in page
    assert client.get("/materi/pengumuman-terjadwal").status_code == 404
    page = client.post("/admin/content_item/new/", data={
        "kind": "news", "title": "Terbalik", "language": "id", "audience": "public",
        "publish_at": "2030-12-01T08:00", "expire_at": "2030-11-01T08:00",
        "csrf_token": token(client, "/admin/content_item/new/")}).get_data(as_text=True)
    assert "Waktu berakhir harus sesudah waktu terbit" in page


def test_admin_marks_an_operator_as_content_reviewer(client, auth, users):
    auth.login("admin")
    operator = users["operator"]
    page = client.get(f"/admin/account/edit/?id={operator.id}").get_data(as_text=True)
    assert "Boleh meninjau dan menerbitkan konten" in page
    response = client.post(f"/admin/account/edit/?id={operator.id}", data={
        "username": "operator", "display_name": "Operator", "role": "operator",
        "content_reviewer": "y", "active": "y", "csrf_token": token(client)})
    assert response.status_code == 302
    response = client.post(f"/admin/account/edit/?id={users['pegawai'].id}", data={
        "username": "pegawai", "display_name": "Pegawai", "role": "pegawai",
        "employee": users["pegawai"].employee_id, "content_reviewer": "y", "active": "y",
        "csrf_token": token(client)})
    assert response.status_code == 302
    with db.connection_context():
        assert User.get_by_id(operator.id).content_reviewer is True
        assert User.get_by_id(users["pegawai"].id).content_reviewer is False   # operators only


def test_oversized_uploads_are_refused_with_a_message(client, auth, users, make_item, monkeypatch):
    from portal.rules import uploads
    monkeypatch.setattr(uploads, "MAX_ATTACHMENT_BYTES", 1024)
    item = make_item("Draf", state="private")
    auth.login("operator")
    response = upload(client, item, "besar.pdf", PDF + b"0" * 200_000)
    assert response.status_code == 413
    assert "Berkas terlalu besar" in response.get_data(as_text=True)
    page = upload(client, item, "sedang.pdf", PDF + b"0" * 2000).get_data(as_text=True)
    assert "Berkas lebih besar dari" in page
    with db.connection_context():
        assert ContentAttachment.select().count() == 0


def test_deleting_a_draft_removes_its_files_and_log(client, auth, users, app, make_item):
    import os
    item = make_item("Draf Berlampiran", state="private")
    auth.login("operator")
    upload(client, item, "paparan.pdf", PDF)
    transition(client, item, "submit")
    transition(client, item, "retract")     # not from pending: refused, nothing logged
    auth.logout()
    auth.login("admin")
    transition(client, item, "reject", "Belum lengkap")
    with db.connection_context():
        path = ContentAttachment.get().path(app.instance_path)
        assert ContentTransition.select().count() == 2
    assert os.path.exists(path)
    auth.logout()
    auth.login("operator")
    response = client.post("/admin/content_item/delete/", data={"id": item.id, "confirmed": "1",
                                                                "csrf_token": token(client)})
    assert response.status_code == 302
    with db.connection_context():
        assert ContentItem.select().count() == 0
        assert ContentAttachment.select().count() == 0 and ContentTransition.select().count() == 0
    assert not os.path.exists(path)


def test_a_comment_typed_before_an_upload_is_kept_for_the_step(client, auth, users, make_item):
    """The file input and its button belong to the workflow's form: uploading a file
    after typing a comment keeps the comment in the box, and the step then records it."""
    item = make_item("Materi Rapat", state="private")
    auth.login("operator")
    url = f"/admin/content_item/workflow/{item.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'form="workflow-form"' in page and 'formaction="' + url + '/attachments"' in page
    page = client.post(url + "/attachments", data={
        "file": (io.BytesIO(PDF), "Notulen.pdf"), "csrf_token": token(client, url),
        "comment": "Sudah dicek bersama kepala bidang"}, content_type="multipart/form-data",
        follow_redirects=True).get_data(as_text=True)
    assert "Dilampirkan: Notulen.pdf" in page
    assert ">Sudah dicek bersama kepala bidang</textarea>" in page
    transition(client, item, "submit", comment="Sudah dicek bersama kepala bidang")
    with db.connection_context():
        logged = [t.comment for t in ContentItem.get_by_id(item.id).transitions]
    assert logged == ["Sudah dicek bersama kepala bidang"]
    # once recorded, the comment is not offered again for the next step
    after = client.get(url).get_data(as_text=True)
    assert ">Sudah dicek bersama kepala bidang</textarea>" not in after
