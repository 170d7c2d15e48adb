"""A citizen answers the survey on a phone."""
import pytest

from portal.db import db
from portal.models import SurveyResponse

pytestmark = pytest.mark.browser


def test_answer_the_survey_on_a_phone(live_server, page, survey):
    page.goto(live_server + "/survei/")
    page.get_by_role("link", name="Surat Izin Praktik").click()
    page.wait_for_url("**/survei/DINKES/SIP")
    assert page.get_by_role("heading", level=1).inner_text() == "Surat Izin Praktik"

    # sending with one question unanswered explains what is missing and keeps the rest
    for number in range(1, 9):
        page.locator(f"#u{number}").get_by_text("Sangat", exact=False).first.click()
    page.get_by_label("Saran untuk layanan ini (tidak wajib)").fill("Antrean cepat.")
    page.get_by_role("button", name="Kirim jawaban saya").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    assert "1 jawaban perlu diperhatikan" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Saran untuk layanan ini (tidak wajib)").input_value() == "Antrean cepat."
    assert page.locator("#u1 input:checked").count() == 1

    # the answers are large enough to tap: each one at least 44 px high and on screen
    box = page.locator("#u9 label.answer").first.bounding_box()
    assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.locator("#u9").get_by_text("Dikelola dengan baik").click()
    page.locator("#gender").get_by_text("Perempuan").click()
    page.get_by_label("Usia (tahun)").fill("29")
    page.get_by_label("Pendidikan").select_option("S1")
    page.get_by_role("button", name="Kirim jawaban saya").click()
    page.wait_for_url("**/survei/terima-kasih**")
    assert "Terima kasih" in page.get_by_role("heading", level=1).inner_text()

    with db.connection_context():
        row = SurveyResponse.select().order_by(SurveyResponse.id.desc()).get()
        assert row.u9 == 4 and row.gender == "P" and row.age == 29 and row.education == "S1"
        assert row.suggestion == "Antrean cepat."
    # the page is no wider than the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
