"""WCAG 2.1 AA: axe-core (vendored, tests/browser/vendor) finds no serious or critical
violation on the pages a citizen uses — home, a unit report card, the complaint form
and the survey — in Indonesian and in English, at phone and desktop width."""
import datetime
import pathlib

import pytest

from portal.db import db
from portal.models import (Complaint, IndicatorRealisation, Period, ServicePopulation,
                           SurveyResponse, UnitIndicator)
from portal.rules import complaints as complaint_rules
from tests.complaint_helpers import make_complaint

pytestmark = pytest.mark.browser

AXE = pathlib.Path(__file__).parent / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ("/", "/unit/DINKES", "/pengaduan/baru", "/survei/DINKES/SIP", "/kriteria",
         "/api/v1/docs", "/survei/")
YEAR = datetime.date.today().year


@pytest.fixture
def filled(app, org, survey):
    """A report card with something in every section."""
    with db.connection_context():
        indicator = UnitIndicator.create(unit=org["dinas"], year=YEAR, code="IKU-01",
                                         name="Cakupan imunisasi dasar lengkap",
                                         measurement_unit="%", target=95)
        IndicatorRealisation.create(indicator=indicator, value=90,
                                    period=Period.create(year=YEAR, quarter=1))
        for _ in range(4):
            SurveyResponse.create(unit=org["dinas"], service=survey["lab"],
                                  **{f"u{i}": 3 for i in range(1, 10)})
    now = datetime.datetime.utcnow()
    for rating in (4, 3, 3, 2, 4):
        complaint = make_complaint(app, unit=org["dinas"].id)
        with db.connection_context():
            Complaint.update(state=complaint_rules.CLOSED, closed_at=now, satisfaction=rating,
                             rated_at=now).where(Complaint.id == complaint.id).execute()
    return org


def serious_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_serious_accessibility_violations(browser, live_server, filled, width):
    # the portal's Content-Security-Policy forbids inline scripts; axe is a test tool
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    try:
        found = {}
        for language in ("id", "en"):
            page.goto(live_server + "/")
            if language == "en":
                page.get_by_role("button", name="EN").click()
                page.wait_for_load_state()
            for path in PAGES:
                page.goto(live_server + path)
                assert page.locator("html").get_attribute("lang") == language, path
                assert page.title(), path
                problems = serious_violations(page)
                if problems:
                    found[f"{language} {path}"] = problems
        assert found == {}
    finally:
        context.close()


def test_charts_have_a_text_alternative(live_server, page, filled):
    """Every chart is an image with a name, and its numbers are also in a table."""
    page.goto(live_server + "/unit/DINKES")
    charts = page.locator("figure.chart svg")
    assert charts.count() >= 3
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.get_attribute("role") == "img"
        label = page.locator("#" + chart.get_attribute("aria-labelledby")).text_content()
        assert label.strip()
        # the figure is followed by a table (possibly in a scroll box) with the same rows
        following = chart.locator("xpath=ancestor::figure/following-sibling::*[1]")
        assert following.evaluate("e => e.matches('table') || !!e.querySelector('table')")


@pytest.mark.parametrize("path", ["/pengaduan/baru", "/survei/DINKES/SIP"])
def test_forms_with_errors_stay_accessible(browser, live_server, filled, path):
    """A form sent empty shows its errors; the page still passes axe, and the errors
    are announced (role=alert) and tied to their fields."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(live_server + path)
        page.locator("form[method=post] [type=submit].primary").click()
        page.wait_for_load_state()
        assert page.get_by_role("alert").count() >= 1
        # each field in error says so (aria-invalid) or points to its message
        tied = page.locator("[aria-invalid=true], fieldset.has-error[aria-describedby]")
        assert tied.count() >= 1
        assert serious_violations(page) == []
    finally:
        context.close()


def test_keyboard_reaches_the_menu_and_skips_to_content(live_server, page, filled):
    page.goto(live_server + "/unit/DINKES")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert skip.evaluate("e => e === document.activeElement") and skip.is_visible()
    # the menu links, Kriteria and open data included, are reachable by Tab
    reached = set()
    for _ in range(25):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.getAttribute('href')"))
    assert {"/kriteria", "/api/v1/docs", "/materi", "/penghargaan"} <= reached
    page.goto(live_server + "/unit/DINKES")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
