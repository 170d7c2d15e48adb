"""An operator who has never heard of Markdown writes a socialisation material with the
editor's buttons, puts a picture in it, previews it and submits it for review from the
edit page; a senior operator allowed to review publishes it; the public reads it.

Under the real Content-Security-Policy: no violation, nothing loaded from another site.
"""
import io
import os
import time

import pytest
from PIL import Image

from portal.db import db
from portal.models import ContentItem, User
from tests.browser.test_csp import LISTEN
from tests.browser.test_content_workflow import sign_in, sign_out

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("LENTERA_SHOTS", "")
TITLE = "Pengembangan Sistem Evaluasi Kinerja ASN di Plaju"


def until(page, expression, timeout=15):
    """Wait until ``expression`` is true in the page. Playwright's wait_for_function
    polls by evaluating a string in the page, which the portal's CSP (no 'unsafe-eval')
    refuses once the first check is false; page.evaluate is not subject to it."""
    deadline = time.monotonic() + timeout
    guarded = f"(() => {{ try {{ return {expression}; }} catch (e) {{ return false; }} }})()"
    while not page.evaluate(guarded):
        assert time.monotonic() < deadline, f"never true: {expression}"
        page.wait_for_timeout(100)



def shot(page, name, full_page=True):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, name), full_page=full_page)


def watched(browser, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: page.outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.refused = []
    page.on("console", lambda msg: page.refused.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text else None)
    return context, page


def assert_clean(page):
    assert page.evaluate("window.__csp || []") == [], page.url
    assert page.refused == [] and page.outside == [], (page.refused, page.outside)


def fits(page, width):
    return page.evaluate("document.documentElement.scrollWidth") <= width


def tool(page, name):
    return page.locator(".editor-toolbar button", has_text=name).first


@pytest.fixture
def senior(app, users, password_hash):
    with db.connection_context():
        return User.create(username="senior", role="operator", content_reviewer=True,
                           password_hash=password_hash, display_name="Operator Senior")


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "apel-pagi.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 40), (20, 110, 200)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_operator_writes_with_buttons_a_senior_operator_publishes(live_server, browser, users,
                                                                  senior, picture):
    context, page = watched(browser, 1280, 900)
    sign_in(page, live_server, "operator")
    page.goto(live_server + "/admin/content_item/new/")
    assert page.locator(".EasyMDEContainer").count() == 1
    assert not page.locator("#body").is_visible()          # the editor took its place
    page.select_option("#kind", "guide")
    page.fill("#title", TITLE)
    page.fill("#summary", "Sosialisasi sistem evaluasi kinerja ASN.")
    page.locator(".CodeMirror").click()
    tool(page, "Judul").click()
    page.keyboard.type("Tujuan Pengembangan Sistem")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.keyboard.type("Evaluasi yang ")
    tool(page, "Tebal").click()
    page.keyboard.type("transparan")
    page.keyboard.press("End")
    page.keyboard.type(" dan akuntabel.")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    tool(page, "• Daftar").click()
    page.keyboard.type("Indikator kinerja yang jelas")
    page.keyboard.press("Enter")
    page.keyboard.type("Umpan balik yang membangun")
    # a new item has no place for pictures yet: the button says what to do
    tool(page, "Gambar").click()
    assert "Simpan materi ini dulu" in page.locator("#content-editor-note").inner_text()
    shot(page, "editor-new-1280.png")
    page.get_by_role("button", name="Simpan dan Lanjut Mengubah").click()
    page.wait_for_url("**/admin/content_item/edit/**")
    with db.connection_context():
        item = ContentItem.get(ContentItem.title == TITLE)
    assert "## Tujuan Pengembangan Sistem" in item.body and "**transparan**" in item.body
    assert "- Indikator kinerja yang jelas" in item.body

    page.locator(".CodeMirror").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")                 # the second Enter ends the list
    with page.expect_file_chooser() as chooser:
        tool(page, "Gambar").click()
    chooser.value.set_files(picture)
    until(page, "document.getElementById('body').value.indexOf('/materi/gambar/') >= 0")
    assert "![apel-pagi](/materi/gambar/" in page.locator("#body").input_value()
    tool(page, "Pratinjau").click()
    preview = page.locator(".editor-preview-active")
    preview.locator("img").wait_for()
    assert preview.locator("h2").inner_text() == "Tujuan Pengembangan Sistem"
    assert preview.locator("strong").inner_text() == "transparan"
    assert preview.locator("li").count() == 2
    until(page, "document.querySelector('.editor-preview-active img').naturalWidth > 0")
    shot(page, "editor-preview-1280.png")
    tool(page, "Pratinjau").click()              # back to writing before saving

    page.get_by_role("button", name="Simpan dan ajukan untuk ditinjau").click()
    page.wait_for_url("**/admin/content_item/workflow/*")
    assert "Diajukan untuk ditinjau: " + TITLE in page.content()
    assert "Menunggu tinjauan" in page.content()
    assert page.get_by_role("button", name="Terbitkan").count() == 0
    page.get_by_role("link", name="Antrean tinjauan").first.click()
    assert page.get_by_role("link", name=TITLE).count() == 1
    assert_clean(page)
    sign_out(page)
    context.close()

    context, page = watched(browser, 390, 844)      # the senior operator, on a phone
    sign_in(page, live_server, "senior")
    page.goto(live_server + "/admin/content_queue/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/workflow/*")
    assert fits(page, 390)
    shot(page, "workflow-pending-390.png")
    page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_load_state()
    assert "Terbit: " + TITLE in page.content()
    with db.connection_context():
        assert ContentItem.get_by_id(item.id).state == "published"
    assert fits(page, 390)
    assert_clean(page)
    context.close()

    reader = browser.new_context(viewport={"width": 390, "height": 844})
    public = reader.new_page()
    public.goto(live_server + "/materi/" + item.slug)
    assert public.locator("h1").inner_text() == TITLE
    assert public.locator(".prose strong").inner_text() == "transparan"
    until(public, "document.querySelector('.prose img').naturalWidth > 0")
    assert public.locator(".prose img").get_attribute("alt") == "apel-pagi"
    assert fits(public, 390)
    shot(public, "public-390.png")
    reader.close()


def test_the_edit_page_on_a_phone(live_server, browser, users):
    context, page = watched(browser, 390, 844)
    sign_in(page, live_server, "operator")
    page.goto(live_server + "/admin/content_item/new/")
    assert tool(page, "Tebal").is_visible() and tool(page, "Pratinjau").is_visible()
    assert fits(page, 390)
    shot(page, "editor-new-390.png")
    assert_clean(page)
    context.close()


def test_the_workflow_page_fits_a_phone(live_server, browser, users, tmp_path, app):
    """A wide photo, a table, a long address and a long file name stay inside 390 px."""
    from portal import content_files
    from werkzeug.datastructures import FileStorage

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), (200, 120, 20)).save(buffer, "JPEG")
    with db.connection_context():
        item = ContentItem.create(
            title="Sosialisasi", slug="sosialisasi-" + "penilaian-kinerja" * 6, kind="guide",
            created_by=users["operator"],
            body="Lihat https://jdih.example.go.id/" + "peraturan" * 12 + "\n\n"
                 "| No | Unsur | Bobot | Target | Realisasi | Capaian | Keterangan panjang |\n"
                 "|---|---|---|---|---|---|---|\n| 1 | Disiplin kerja pegawai | 30 | 100 | 95 "
                 "| 95 | Sesuai ketentuan yang berlaku |\n")
    with app.test_request_context(), db.connection_context():
        picture = content_files.save(item, FileStorage(io.BytesIO(buffer.getvalue()),
                                                       "foto-" + "kegiatan" * 8 + ".jpg"),
                                     app.instance_path)
    with db.connection_context():
        ContentItem.update(body=item.body + f"\n![Apel](/materi/gambar/{picture.stored_name})\n"
                           ).where(ContentItem.id == item.id).execute()
    context, page = watched(browser, 390, 844)
    sign_in(page, live_server, "operator")
    page.goto(live_server + f"/admin/content_item/workflow/{item.id}")
    until(page, "document.querySelector('.lentera-workflow img').complete")
    assert fits(page, 390), page.evaluate("document.documentElement.scrollWidth")
    shot(page, "workflow-wide-390.png")
    assert_clean(page)
    context.close()


@pytest.mark.parametrize("width, height", [(1280, 720), (390, 844)])
def test_the_picture_button_of_an_unsaved_item_says_why_in_view(live_server, browser, users,
                                                                 width, height):
    """On a new item with a long text the "Gambar" button's message stands above the
    editor, inside the visible screen, where the click was."""
    context, page = watched(browser, width, height)
    sign_in(page, live_server, "operator")
    page.goto(live_server + "/admin/content_item/new/")
    page.fill("#title", TITLE)
    page.locator(".CodeMirror").click()
    for line in range(30):
        page.keyboard.type(f"Baris {line + 1} tentang evaluasi kinerja.")
        page.keyboard.press("Enter")
    tool(page, "Gambar").click()
    note = page.locator("#content-editor-note")
    assert "Simpan materi ini dulu" in note.inner_text()
    box = note.bounding_box()
    editor = page.locator(".EasyMDEContainer").bounding_box()
    assert box["y"] < editor["y"]                              # above the editor
    assert 0 <= box["y"] and box["y"] + box["height"] <= height  # inside the screen
    page.wait_for_timeout(200)
    shot(page, f"editor-picture-unsaved-{width}.png", full_page=False)
    assert_clean(page)
    context.close()
