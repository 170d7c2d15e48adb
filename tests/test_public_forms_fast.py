"""The public forms under load: the empty forms come from the page cache with each
visitor's own CSRF token, the receipt page is put together from a kept copy, a sent
unit is checked without reading the list, and the rate limiter's headers come from
the hit itself. What the visitor sees must not change."""
import datetime
import re

import pytest
from flask import render_template

from portal import prepared
from portal.db import db
from portal.models import (CacheEntry, Complaint, ComplaintEvent, CustomForm, FormField,
                           FormSubmission, Outbox, RateLimitCounter, Service, SurveyResponse,
                           Unit)
from portal.models.base import utcnow
from portal.web import complaints
from tests.complaint_helpers import TRACKING_RE
from tests.conftest import csrf_token
from tests.test_complaints_public import form_data

SURVEY_URL = "/survei/DINKES/SIP"
SURVEY_ANSWERS = {**{f"u{i}": "3" for i in range(1, 10)}, "gender": "P", "age": "35",
                  "education": "", "occupation": "", "website": ""}


@pytest.fixture
def cached_app(app, org):
    """The app with the page cache on (the suite runs with it off) and one survey service."""
    app.config["PUBLIC_CACHE_SECONDS"] = 30
    app.config["PUBLIC_CACHE_BACKGROUND"] = False
    with db.connection_context():
        Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
    return app


def kept_pages():
    with db.connection_context():
        return sorted(e.key for e in CacheEntry.select(CacheEntry.key)
                      if e.key.startswith("page:"))


def test_kept_forms_carry_each_visitors_token_and_both_can_send(cached_app, org):
    first, second = cached_app.test_client(), cached_app.test_client()
    pages = {}
    for name, visitor in (("first", first), ("second", second)):
        pages[name] = (visitor.get("/pengaduan/baru").get_data(as_text=True),
                       visitor.get(SURVEY_URL).get_data(as_text=True))
    assert kept_pages() == ["page:id:/pengaduan/baru?()", "page:id:/survei/DINKES/SIP?()"]
    for complaint_page, survey_page in pages.values():
        assert "csrf-token" not in complaint_page and "Dinas Kesehatan" in complaint_page
        assert "Surat Izin Praktik" in survey_page and survey_page.count('type="radio" ') >= 36
    assert csrf_token(pages["first"][0]) != csrf_token(pages["second"][0])

    for name, visitor in (("first", first), ("second", second)):
        complaint_page, survey_page = pages[name]
        data = form_data(visitor, unit=str(org["dinas"].id))
        data["csrf_token"] = csrf_token(complaint_page)
        response = visitor.post("/pengaduan/baru", data=data, follow_redirects=True)
        assert response.status_code == 200 and TRACKING_RE.search(response.get_data(as_text=True))
        response = visitor.post(SURVEY_URL, data=dict(SURVEY_ANSWERS,
                                                      csrf_token=csrf_token(survey_page)))
        assert response.status_code == 302 and "/survei/terima-kasih" in response.location
    with db.connection_context():
        assert Complaint.select().count() == 2 and SurveyResponse.select().count() == 2


def test_a_token_from_another_visitors_kept_page_is_refused(cached_app, org):
    first, second = cached_app.test_client(), cached_app.test_client()
    token = csrf_token(first.get("/pengaduan/baru").get_data(as_text=True))
    second.get("/pengaduan/baru")
    response = second.post("/pengaduan/baru", data=dict(form_data(second), csrf_token=token))
    assert response.status_code == 400
    with db.connection_context():
        assert Complaint.select().count() == 0


def test_a_form_with_mistakes_is_shown_again_with_them_not_the_kept_page(cached_app, org):
    client = cached_app.test_client()
    client.get("/pengaduan/baru")
    response = client.post("/pengaduan/baru", data=form_data(client, description="pendek"))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Jalan berlubang di depan SD" in page and "ani@contoh.id" in page
    client.get(SURVEY_URL)
    token = csrf_token(client.get(SURVEY_URL).get_data(as_text=True))
    response = client.post(SURVEY_URL, data=dict(SURVEY_ANSWERS, u5="", suggestion="Tetap di sini",
                                                  csrf_token=token))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Silakan pilih salah satu dari empat jawaban." in page and "Tetap di sini" in page
    # the kept empty forms are unchanged
    assert "Jalan berlubang di depan SD" not in client.get("/pengaduan/baru").get_data(as_text=True)
    assert "Tetap di sini" not in client.get(SURVEY_URL).get_data(as_text=True)


def test_unknown_addresses_and_queries_are_not_kept(cached_app, org):
    client = cached_app.test_client()
    assert client.get("/survei/dinkes/sip").status_code == 200  # answered, not kept
    assert client.get("/survei/DINKES/NOPE").status_code == 404
    assert client.get("/pengaduan/baru?category=kesehatan").status_code == 200
    assert kept_pages() == []


def test_the_kept_complaint_form_asks_a_categorys_extra_questions(cached_app, org):
    client = cached_app.test_client()
    client.set_cookie("lang", "en")
    with db.connection_context():
        extra = CustomForm.create(title="Pertanyaan kesehatan", slug="pengaduan-kesehatan",
                                  status="published", complaint_category="kesehatan")
        FormField.create(form=extra, key="puskesmas", label="Nama puskesmas",
                         type="short_text", required=True, position=1)
    client.get("/pengaduan/baru")
    html = client.get("/pengaduan/baru").get_data(as_text=True)  # the kept copy
    assert kept_pages() == ["page:en:/pengaduan/baru?()"]
    assert "Nama puskesmas" in html and 'data-when-value="kesehatan"' in html
    data = dict(form_data(client, category="kesehatan"), csrf_token=csrf_token(html))
    response = client.post("/pengaduan/baru", data=data)
    assert response.status_code == 400
    assert 'id="xq_kesehatan-puskesmas-error"' in response.get_data(as_text=True)
    data["xq_kesehatan-puskesmas"] = "Puskesmas Sukamaju"
    assert client.post("/pengaduan/baru", data=data).status_code == 303
    with db.connection_context():
        assert [a.value for a in FormSubmission.get().answers] == ["Puskesmas Sukamaju"]


def test_the_honeypot_still_saves_nothing_from_a_kept_form(cached_app, org):
    client = cached_app.test_client()
    html = client.get("/pengaduan/baru").get_data(as_text=True)
    html = client.get("/pengaduan/baru").get_data(as_text=True)
    assert 'name="website"' in html
    response = client.post("/pengaduan/baru", data=dict(form_data(client, website="http://spam"),
                                                        csrf_token=csrf_token(html)),
                           follow_redirects=True)
    assert response.status_code == 200 and TRACKING_RE.search(response.get_data(as_text=True))
    with db.connection_context():
        assert Complaint.select().count() == 0 and Outbox.select().count() == 0


# -- the receipt ---------------------------------------------------------------------

@pytest.mark.parametrize("check", ["Z", "*", "~", "$", "="])
@pytest.mark.parametrize("email", [True, False])
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_receipt_is_the_page_a_full_rendering_gives(app, check, email, language):
    tracking_id = f"LPR-7K2M-Q9XD-3HBT-N0PA-{check}"
    headers = {"Cookie": f"lang={language}"}
    with app.test_request_context("/pengaduan/baru", method="POST", headers=headers):
        complaints.receipt("LPR-AAAA-BBBB-CCCC-DDDD-E", email)  # keeps the copy
        kept = complaints.receipt(tracking_id, email).get_data(as_text=True)
        rendered = render_template("complaints/created.html", tracking_id=tracking_id,
                                   email=email)
    assert kept == rendered
    assert tracking_id in kept and "TRACKINGIDPLACEHOLDER" not in kept


def test_a_signed_in_user_gets_the_receipt_with_their_own_menu(client, org, auth, users):
    auth.login("admin")
    response = client.post("/pengaduan/baru", data=form_data(client), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and TRACKING_RE.search(page)
    assert "Keluar" in page or "Sign out" in page


# -- the unit, checked without the list --------------------------------------------

@pytest.mark.parametrize("unit", ["inactive", "999999", "99999999999999999999999", "-3"])
def test_a_unit_that_is_not_offered_is_refused_with_a_message(client, org, unit):
    if unit == "inactive":
        with db.connection_context():
            closed = Unit.create(code="TUTUP", name="Unit Tutup", kind="dinas", active=False)
        unit = str(closed.id)
    response = client.post("/pengaduan/baru", data=form_data(client, unit=unit))
    assert response.status_code == 400
    assert "Pilih perangkat daerah dari daftar." in response.get_data(as_text=True)
    with db.connection_context():
        assert Complaint.select().count() == 0


def test_an_offered_unit_and_dont_know_are_accepted(client, org):
    assert client.post("/pengaduan/baru", data=form_data(client, unit="0")).status_code == 303
    assert client.post("/pengaduan/baru",
                       data=form_data(client, unit=str(org["kecamatan"].id))).status_code == 303
    with db.connection_context():
        assert sorted(c.unit_id or 0 for c in Complaint.select()) == sorted(
            [0, org["kecamatan"].id])


# -- the rate limiter's headers ----------------------------------------------------------

def test_the_limit_headers_count_down_and_reset_with_the_window(app, client, org):
    app.config["SURVEY_RATE_LIMIT"] = "5 per hour"
    with db.connection_context():
        Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
    token = csrf_token(client.get(SURVEY_URL).get_data(as_text=True))
    remaining = []
    for _ in range(3):
        response = client.post(SURVEY_URL, data=dict(SURVEY_ANSWERS, csrf_token=token))
        assert response.status_code == 302
        remaining.append(response.headers["X-RateLimit-Remaining"])
        reset = int(response.headers["X-RateLimit-Reset"])
    assert remaining == ["4", "3", "2"]
    with db.connection_context():
        [counter] = RateLimitCounter.select()
        assert counter.count == 3 and reset == int(counter.expires_at + 1)
        RateLimitCounter.update(expires_at=1.0).execute()  # the window is over
    response = client.post(SURVEY_URL, data=dict(SURVEY_ANSWERS, csrf_token=token))
    assert response.headers["X-RateLimit-Remaining"] == "4"
    assert int(response.headers["X-RateLimit-Reset"]) > utcnow().timestamp() - 86400


def test_past_the_limit_the_answer_says_when_to_try_again(app, client, org):
    app.config["SURVEY_RATE_LIMIT"] = "1 per hour"
    with db.connection_context():
        Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
    token = csrf_token(client.get(SURVEY_URL).get_data(as_text=True))
    assert client.post(SURVEY_URL, data=dict(SURVEY_ANSWERS, csrf_token=token)).status_code == 302
    response = client.post(SURVEY_URL, data=dict(SURVEY_ANSWERS, csrf_token=token))
    assert response.status_code == 429
    assert 3000 < int(response.headers["Retry-After"]) <= 3600
    assert response.headers["X-RateLimit-Remaining"] == "0"


# -- statements kept as SQL text --------------------------------------------------------

def test_a_kept_insert_saves_what_save_would(app, org):
    now = utcnow().replace(microsecond=0)
    with app.test_request_context(), db.connection_context():
        complaint = Complaint(tracking_id="LPR-TEST-0000-0000-0000-0", kind="pengaduan",
                              unit=org["dinas"], category="kesehatan", title="Judul laporan",
                              description="Isi laporan yang cukup panjang untuk disimpan.",
                              event_date=datetime.date(2026, 1, 2), state="received",
                              created_at=now, updated_at=now)
        new_id = prepared.insert(complaint)
        assert complaint.id == new_id and not complaint.dirty_fields
        event = ComplaintEvent(complaint=complaint, to_state="received", created_at=now)
        prepared.insert(event)
        again = ComplaintEvent(complaint=complaint, to_state="verified", created_at=now)
        prepared.insert(again)  # the same statement, other values
        read = Complaint.get_by_id(new_id)
        assert (read.unit_id, read.event_date, read.created_at, read.anonymous,
                read.satisfaction_comment) == (org["dinas"].id, datetime.date(2026, 1, 2), now,
                                               False, "")
        assert [e.to_state for e in read.events.order_by(ComplaintEvent.id)] == [
            "received", "verified"]
        assert again.id == event.id + 1


def test_the_text_is_kept_per_engine_and_the_values_stay_parameters(app, org):
    with app.app_context(), db.connection_context():
        statement = prepared.Statement(
            lambda: Unit.select(Unit.name).where(Unit.code == prepared.slot("code")))
        assert statement.first(code="DINKES") == ("Dinas Kesehatan",)
        assert statement.first(code="x' OR '1'='1") is None
        sql, params = statement.compiled(db.obj)
        assert "DINKES" not in sql and len(params) == 1
        assert re.search(r'"code" = (\?|%s)', sql)
