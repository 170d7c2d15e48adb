"""At 390 px (a phone) no back-office page is wider than the screen, and every list
shows the columns it keeps on a phone (name, status, deadline: admin/phone.py) within
the screen, without scrolling sideways.

For each role: the start page, every list in its menu, an SKP and its evaluation page
(evidence), the complaint handling page and the content workflow page, on the demo
kabupaten. A table may scroll sideways inside its own box (Bootstrap's
.table-responsive); the page itself may not. With LENTERA_SHOTS=<folder> each page is
also saved as a screenshot there.
"""
import os
import re

import pytest

from portal import demo
from portal.db import db
from tests.conftest import PASSWORD

WIDTH = 390
ROLES = ("admin", "operator", "penilai", "pegawai", "petugas", "petugas-dinkes")
# pages reached from a list: (list, link on it to the page)
DEEPER = (("/admin/skp/", r"^/admin/skp/\d+/$"),
          ("/admin/complaint/", r"^/admin/complaint/handle/\d+$"),
          ("/admin/content_item/", r"^/admin/content_item/workflow/\d+$"))
EVALUATION = r"^/admin/skp/\d+/evaluation/\d+$"

# what sticks out of the screen, outside any box that scrolls sideways by itself
WIDER = """(width) => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right <= width + 0.5 || box.width === 0) continue;
    let scrolls = false;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const x = getComputedStyle(up).overflowX;
      if (x === 'auto' || x === 'scroll' || x === 'hidden') { scrolls = true; break; }
    }
    if (!scrolls) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim()
        .split(/\\s+/).join('.') : '') + ' ' + Math.round(box.right) + 'px');
  }
  return out.slice(0, 8);
}"""


# a list's columns a phone shows that start or end past the screen's edge
OFF_SCREEN = """(width) => Array.from(document.querySelectorAll('table.model-list th'))
  .filter(th => th.offsetParent !== null && th.getBoundingClientRect().right > width + 0.5)
  .map(th => th.textContent.trim() || th.className)"""


@pytest.fixture
def kabupaten(app):
    with app.app_context(), db.connection_context():
        demo.load("small", 7, PASSWORD, survey_responses=200)


def sign_in(page, base, username):
    page.goto(base + "/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def links(page):
    return page.eval_on_selector_all(
        "a[href]", "els => els.map(a => a.getAttribute('href'))")


def menu_lists(page):
    """The back-office lists in the role's menu."""
    hrefs = page.eval_on_selector_all(
        "nav.navbar a[href^='/admin/']", "els => els.map(a => a.getAttribute('href'))")
    return [h for h in dict.fromkeys(hrefs) if "export" not in h and "/new/" not in h]


def main_pages(page, base):
    """The start page, the menu's lists and the pages behind them the role can open."""
    page.goto(base + "/admin/")
    pages = ["/admin/"] + menu_lists(page)
    for list_url, pattern in DEEPER:
        if list_url not in pages:
            continue
        page.goto(base + list_url)
        found = next((h for h in links(page) if re.match(pattern, h)), None)
        if found:
            pages.append(found)
            if "/skp/" in found:
                page.goto(base + found)
                evaluation = next((h for h in links(page) if re.match(EVALUATION, h)), None)
                if evaluation:
                    pages.append(evaluation)
    return pages


def too_wide(page, base, username, url, shots):
    page.goto(base + url)
    page.wait_for_load_state()
    if shots:
        name = re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "start"
        page.screenshot(path=os.path.join(shots, f"{username}-{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > WIDTH:
        return f"{url}: {width}px wide; sticking out: {page.evaluate(WIDER, WIDTH)}"
    off = page.evaluate(OFF_SCREEN, WIDTH)
    if off:
        return f"{url}: the list's columns {off} are off the screen"
    return None


@pytest.mark.parametrize("username", ROLES)
def test_main_pages_fit_a_phone(page, live_server, kabupaten, username):
    shots = os.environ.get("LENTERA_SHOTS")
    if shots:
        os.makedirs(shots, exist_ok=True)
    sign_in(page, live_server, username)
    urls = main_pages(page, live_server)
    assert len(urls) > 2, urls
    if username == "penilai":
        assert any(re.match(EVALUATION, url) for url in urls), urls
    if username.startswith("petugas"):
        assert any("/handle/" in url for url in urls), urls
    wide = [problem for url in urls
            if (problem := too_wide(page, live_server, username, url, shots))]
    assert not wide, "\n".join(wide)
