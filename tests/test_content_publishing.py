"""Content staff publish: "save and submit for review" on the edit page, the reviewer flag
on the account, nobody publishing their own item, and the body's editor (vendored, its
preview cleaned like the public page, pictures uploaded into the text)."""
import io
import re

import pytest
from PIL import Image

from portal.db import db
from portal.models import ContentAttachment, ContentItem, User
from tests.conftest import csrf_token
from tests.test_content import make_item, state_of, token, transition  # noqa: F401

EASYMDE = "/static/vendor/easymde-2.21.0/"


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (0, 90, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def senior(app, password_hash):
    """A senior operator the administrator has allowed to review and publish."""
    with db.connection_context():
        return User.create(username="senior", role="operator", content_reviewer=True,
                           password_hash=password_hash, display_name="Operator Senior")


def edit_form(item, **extra):
    data = {"kind": item.kind, "title": item.title, "slug": item.slug, "summary": "",
            "body": item.body, "language": "id", "audience": "public", "tags": ""}
    data.update(extra)
    return data


# --- who may publish -----------------------------------------------------------

def test_a_senior_operator_with_the_flag_publishes_one_without_is_refused(
        client, auth, users, senior, make_item):
    first = make_item("Sosialisasi SKP", state="pending")
    second = make_item("Sosialisasi IKM", state="pending")
    auth.login("operator")                      # the flag is off: refused, in Indonesian
    page = transition(client, second, "publish").get_data(as_text=True)
    assert "Akun Anda tidak boleh melakukan tindakan ini" in page
    assert state_of(second) == "pending"
    auth.logout()
    auth.login("senior")
    page = client.get(f"/admin/content_item/workflow/{first.id}").get_data(as_text=True)
    assert 'value="publish"' in page
    page = transition(client, first, "publish").get_data(as_text=True)
    assert "Terbit: Sosialisasi SKP" in page and state_of(first) == "published"
    assert "Sosialisasi SKP" in client.get("/materi").get_data(as_text=True)


@pytest.mark.parametrize("author", ["admin", "senior"])
def test_nobody_publishes_an_item_they_wrote(client, auth, users, senior, make_item, author):
    writer = users["admin"] if author == "admin" else senior
    pending = make_item("Tulisan Sendiri", state="pending", created_by=writer)
    draft = make_item("Draf Sendiri", state="private", created_by=writer)
    auth.login(author)
    page = client.get(f"/admin/content_item/workflow/{pending.id}").get_data(as_text=True)
    assert 'value="publish"' not in page
    assert "Anda penulis materi ini: peninjau lain yang memeriksa dan menerbitkannya." in page
    for item in (pending, draft):               # a forged POST is refused all the same
        page = transition(client, item, "publish").get_data(as_text=True)
        assert "Anda penulis materi ini, jadi tidak dapat menerbitkannya sendiri" in page
    assert state_of(pending) == "pending" and state_of(draft) == "private"
    auth.logout()
    auth.login("operator" if author == "admin" else "admin")
    if author == "admin":                        # the plain operator is no reviewer
        assert state_of(pending) == "pending"
        return
    transition(client, pending, "publish")       # another reviewer may
    assert state_of(pending) == "published"


def test_the_account_page_says_who_may_review(client, auth, users):
    auth.login("admin")
    page = client.get(f"/admin/account/edit/?id={users['operator'].id}").get_data(as_text=True)
    assert "Boleh meninjau dan menerbitkan konten" in page
    assert "tidak ada yang menerbitkan materi tulisannya sendiri" in page


# --- submit for review from the edit page -------------------------------------------

def test_the_edit_page_saves_and_submits_for_review(client, auth, users, make_item):
    item = make_item("Materi Apel Pagi", state="private", body="Isi lama")
    auth.login("operator")
    page = client.get(f"/admin/content_item/edit/?id={item.id}").get_data(as_text=True)
    assert 'name="_submit_for_review"' in page and "Simpan dan ajukan untuk ditinjau" in page
    assert 'href="/admin/content_queue/"' in page           # the review queue, one click away
    assert re.search(r'<textarea[^>]*id="body"', page)      # without JavaScript: a textarea
    response = client.post(f"/admin/content_item/edit/?id={item.id}", data=edit_form(
        item, body="## Jadwal\n\nApel **Senin** pukul 07.30", _submit_for_review="1",
        csrf_token=token(client)), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Diajukan untuk ditinjau: Materi Apel Pagi" in page
    assert "antrean tinjauan" in page and "Menunggu tinjauan" in page
    with db.connection_context():
        saved = ContentItem.get_by_id(item.id)
    assert saved.state == "pending" and "Apel **Senin**" in saved.body
    assert "Materi Apel Pagi" in client.get("/admin/content_queue/").get_data(as_text=True)


def test_a_new_item_can_be_saved_and_submitted_at_once(client, auth, users):
    auth.login("operator")
    page = client.get("/admin/content_item/new/").get_data(as_text=True)
    assert "Simpan dan ajukan untuk ditinjau" in page
    client.post("/admin/content_item/new/", data={
        "kind": "news", "title": "Berita Sosialisasi", "slug": "", "body": "Isi", "language": "id",
        "audience": "public", "_submit_for_review": "1",
        "csrf_token": token(client, "/admin/content_item/new/")})
    with db.connection_context():
        assert ContentItem.get(ContentItem.title == "Berita Sosialisasi").state == "pending"


def test_the_submit_button_is_offered_only_where_the_workflow_allows(client, auth, users,
                                                                     make_item):
    pending = make_item("Menunggu", state="pending", created_by=users["admin"])
    auth.login("admin")
    page = client.get(f"/admin/content_item/edit/?id={pending.id}").get_data(as_text=True)
    assert "Simpan dan ajukan untuk ditinjau" not in page
    # pressed anyway (a stale page): saved, and the refusal is said
    page = client.post(f"/admin/content_item/edit/?id={pending.id}", data=edit_form(
        pending, body="Diperbaiki", _submit_for_review="1", csrf_token=token(client)),
        follow_redirects=True).get_data(as_text=True)
    assert "Tindakan ini tidak mungkin pada status materi sekarang" in page
    with db.connection_context():
        assert ContentItem.get_by_id(pending.id).body == "Diperbaiki"


def test_submitting_from_the_edit_page_needs_the_csrf_token(client, auth, users, make_item):
    item = make_item("Tanpa Token", state="private", body="Isi")
    auth.login("operator")
    response = client.post(f"/admin/content_item/edit/?id={item.id}", data=edit_form(
        item, body="Diubah", _submit_for_review="1"))
    assert response.status_code in (200, 400)
    with db.connection_context():
        stored = ContentItem.get_by_id(item.id)
    assert stored.state == "private" and stored.body == "Isi"
    for url in ("/admin/content_item/preview", f"/admin/content_item/workflow/{item.id}/image"):
        assert client.post(url, data={"body": "x"}).status_code == 400


# --- the editor: vendored, previewed as readers see it, pictures ---------------------

def test_the_editor_is_served_from_the_portal_with_no_other_site(client, auth, users):
    auth.login("operator")
    page = client.get("/admin/content_item/new/").get_data(as_text=True)
    assert f'src="{EASYMDE}easymde.min.js"' in page and f'href="{EASYMDE}easymde.min.css"' in page
    sources = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources)
    assert "cdn" not in page.lower()
    nonce = re.search(r"'nonce-([^']+)'",
                      client.get("/admin/content_item/new/").headers["Content-Security-Policy"])
    assert nonce
    script = client.get(EASYMDE + "easymde.min.js")
    assert script.status_code == 200 and b"easymde v2.21.0" in script.data[:200]
    assert client.get(EASYMDE + "easymde.min.css").status_code == 200
    assert client.get("/static/js/content_editor.js").status_code == 200


def test_the_preview_is_the_public_rendering_cleaned_by_nh3(client, auth, users):
    auth.login("operator")
    response = client.post("/admin/content_item/preview", data={
        "body": "## Tujuan\n\n**Penting** <script>alert(1)</script>"
                "<img src=x onerror=alert(1)> [x](javascript:alert(1))",
        "csrf_token": token(client)})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h2>Tujuan</h2>" in html and "<strong>Penting</strong>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    auth.logout()
    auth.login("pegawai")                        # not a content editor
    assert client.post("/admin/content_item/preview", data={
        "body": "x", "csrf_token": token(client)}).status_code in (302, 403)


def test_a_picture_uploaded_from_the_editor_shows_in_the_text(client, auth, users, make_item):
    item = make_item("Bergambar", state="private", body="Isi")
    auth.login("operator")
    url = f"/admin/content_item/workflow/{item.id}/image"
    response = client.post(url, data={"image": (io.BytesIO(png()), "apel.png"),
                                      "csrf_token": token(client)},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    picture = response.get_json()["url"]
    assert picture.startswith("/materi/gambar/") and picture.endswith(".png")
    assert client.get(picture).status_code == 200            # the editor previews drafts
    refused = client.post(url, data={"image": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "a.pdf"),
                                     "csrf_token": token(client)},
                          content_type="multipart/form-data")
    assert refused.status_code == 400
    assert "Hanya gambar (PNG, JPEG, GIF, WebP)" in refused.get_json()["error"]
    with db.connection_context():
        assert ContentAttachment.select().where(ContentAttachment.item == item.id).count() == 1
        ContentItem.update(body=f"Foto apel:\n\n![Apel]({picture})").where(
            ContentItem.id == item.id).execute()
    auth.logout()
    assert client.get(picture).status_code == 404            # a draft's picture is not public
    with db.connection_context():
        ContentItem.update(state="published", published_at=item.created_at).where(
            ContentItem.id == item.id).execute()
    public = client.get(f"/materi/{item.slug}").get_data(as_text=True)
    assert f'<img alt="Apel" src="{picture}"' in public or f'src="{picture}"' in public
    assert "apel.png</a>" not in public                      # not listed again as a file
    assert client.get(picture).status_code == 200


def test_only_who_may_edit_the_item_uploads_pictures_to_it(client, auth, users, make_item):
    others = make_item("Milik Admin", state="private", created_by=users["admin"])
    auth.login("operator")
    response = client.post(f"/admin/content_item/workflow/{others.id}/image",
                           data={"image": (io.BytesIO(png()), "a.png"),
                                 "csrf_token": token(client)},
                           content_type="multipart/form-data")
    assert response.status_code == 403 and "tidak dapat diubah" in response.get_json()["error"]


def test_an_author_who_may_not_publish_is_told_who_may(client, auth, users, senior):
    """The operator without the reviewer permission: her workflow page, the queue and the
    start page name who may publish her waiting item (not herself, not inactive
    accounts); with nobody left, they say how an administrator lets someone publish."""
    with db.connection_context():
        item = ContentItem.create(title="Jadwal Bimtek", slug="jadwal-bimtek", kind="news",
                                  state="pending", created_by=users["operator"])
        User.update(active=False).where(User.username == "admin").execute()
        User.create(username="admin2", role="admin", display_name="Bu Rina",
                    password_hash=users["admin"].password_hash)
    auth.login("operator")
    expected = "Yang dapat menerbitkan: Bu Rina, Operator Senior."
    page = client.get(f"/admin/content_item/workflow/{item.id}").get_data(as_text=True)
    assert expected in page and 'value="publish"' not in page
    queue = client.get("/admin/content_queue/").get_data(as_text=True)
    assert expected in queue and "Buka salah satu untuk menerbitkannya" not in queue
    home = client.get("/admin/").get_data(as_text=True)
    assert "“Jadwal Bimtek” menunggu tinjauan" in home and expected in home
    with db.connection_context():
        User.update(active=False).where(User.username.in_(["admin2", "senior"])).execute()
    page = client.get(f"/admin/content_item/workflow/{item.id}").get_data(as_text=True)
    assert "administrator harus memberi seseorang izin “Boleh meninjau dan menerbitkan " \
           "konten” di Akun pengguna" in page


def test_an_operator_who_may_not_review_sees_no_empty_review_group(client, auth, users):
    auth.login("operator")
    assert "Konten yang menunggu ditinjau" not in client.get("/admin/").get_data(as_text=True)
