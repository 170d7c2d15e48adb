"""A journalist asks which dinas handles complaints worst this year and whether it has
improved: on a phone and on a desktop she filters the comparison to the dinas, sorts by
the share resolved within the time limit (worst first, no script needed) and opens the
worst one's five-year trend."""
import pytest

from tests.test_compare import YEAR, kabupaten  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1280])
def test_journalist_finds_the_worst_dinas_and_its_trend(live_server, browser, kabupaten,  # noqa: F811
                                                        width):
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_role("link", name="Bandingkan semua unit dalam satu tabel").click()
    page.select_option("#jenis", "dinas")
    page.get_by_role("button", name="Tampilkan").click()
    page.locator("#compare-table thead").get_by_role("link", name="Tepat waktu").click()
    assert page.locator("th[aria-sort]").inner_text().lower().startswith("tepat waktu ▼")
    first = page.locator("#compare-table tbody tr").first
    assert "100,0 %" in first.inner_text()  # the first click: the best first
    page.locator("#compare-table thead").get_by_role("link", name="Tepat waktu").click()
    assert page.locator("th[aria-sort]").inner_text().lower().startswith("tepat waktu ▲")
    first = page.locator("#compare-table tbody tr").first
    assert "Dinas Kesehatan" in first.inner_text() and "50,0 %" in first.inner_text()
    assert page.locator("#compare-table tbody tr").count() == 2
    page.screenshot(path=f"/tmp/shots-compare/compare-{width}.png", full_page=False)
    first.get_by_role("link", name="Tren lima tahun").click()
    page.wait_for_url("**/unit/DINKES/tren**")
    assert page.locator("h1").inner_text() == "Dinas Kesehatan"
    within = page.locator("#trend-within table")
    assert within.locator("tbody tr").count() == 5
    assert "50,0 %" in within.locator("tbody tr").last.inner_text()
    page.screenshot(path=f"/tmp/shots-compare/trend-{width}.png", full_page=True)
    context.close()
