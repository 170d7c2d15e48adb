"""An operator drafts a guide and submits it; an administrator publishes it; the public reads it."""
import pytest

from portal.db import db
from portal.models import ContentItem
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def sign_in(page, base, username):
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def sign_out(page):
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()


def test_a_guide_goes_from_draft_to_the_public_site(live_server, browser, users):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, "operator")
    page.goto(live_server + "/admin/content_item/new/")
    page.select_option("#kind", "guide")
    page.fill("#title", "Cara Mengisi Realisasi IKI")
    page.fill("#summary", "Langkah mengisi realisasi setiap triwulan.")
    page.locator(".CodeMirror").click()          # the body's editor: typed Markdown works too
    page.keyboard.type("## Langkah\n\n1. Buka SKP Anda\n2. Isi **realisasi**")
    page.fill("#tags", "SKP")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url("**/admin/content_item/workflow/*")
    assert "Draf (privat)" in page.content()
    page.fill("#comment", "Siap ditinjau")
    page.get_by_role("button", name="Ajukan untuk ditinjau").click()
    page.wait_for_load_state()
    assert "Menunggu tinjauan" in page.content()
    assert page.get_by_role("button", name="Terbitkan").count() == 0
    sign_out(page)

    sign_in(page, live_server, "admin")
    page.goto(live_server + "/admin/content_queue/")
    page.get_by_role("link", name="Cara Mengisi Realisasi IKI").click()
    page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_load_state()
    assert "Siap ditinjau" in page.content()          # the operator's comment in the history
    with db.connection_context():
        assert ContentItem.get(ContentItem.title == "Cara Mengisi Realisasi IKI").state == "published"
    context.close()

    reader = browser.new_context(viewport={"width": 390, "height": 844})
    public = reader.new_page()
    public.goto(live_server + "/")
    public.get_by_role("link", name="Materi", exact=True).click()
    public.get_by_role("link", name="Cara Mengisi Realisasi IKI").click()
    assert public.locator("h1").inner_text() == "Cara Mengisi Realisasi IKI"
    assert public.locator(".prose strong").inner_text() == "realisasi"
    reader.close()
