"""A first visit in a real browser: home page, language switch, sign-in."""
import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_home_switch_language_and_sign_in(live_server, page, users, org):
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Perangkat Daerah")
    assert page.locator(".unit-name", has_text="Dinas Kesehatan").is_visible()

    page.get_by_role("button", name="EN").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Government units")

    page.reload()  # the choice is remembered
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("penilai")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    assert "Siti Rahmawati" in page.content()
    # at phone width the back-office menu folds behind its toggle button
    page.locator(".navbar-toggler").click()
    assert page.get_by_role("button", name="Sign out").is_visible()


def test_search_works_without_javascript(browser, live_server, org):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.locator("#q").fill("kesehatan")
    page.locator("form.search button").click()
    page.wait_for_load_state()
    assert "q=kesehatan" in page.url
    assert page.locator(".unit-name").all_inner_texts() == ["Dinas Kesehatan"]
    context.close()
