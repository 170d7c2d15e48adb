"""Every public form under hostile input: arbitrary unicode, control characters
and NUL bytes, huge values, numbers for text, missing and repeated fields.

Whatever is sent, the portal answers without a server error; input it refuses
is explained (a 4xx, or the form again with a message in Indonesian) and
leaves no row behind.
"""
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from portal.db import db
from portal.models import Complaint, Registration, SurveyResponse, User
from tests.hostile.conftest import (HOSTILE, HOSTILE_FIELD, assert_explained,
                                    assert_no_server_error, count, mutated, token_of)

def accepted(response, added, data):
    """True when the form was taken: one new row, or none when the honeypot was filled."""
    if response.status_code >= 400 or 'class="error"' in response.get_data(as_text=True):
        return False
    honeypot = data.get("website")
    if isinstance(honeypot, list):  # a repeated field: the form reads its first value
        honeypot = honeypot[0] if honeypot else ""
    assert added == (0 if honeypot else 1), (added, data)
    return True


VALID_COMPLAINT = {
    "kind": "pengaduan", "unit": "0", "category": "lainnya", "title": "Lampu jalan mati",
    "description": "Lampu jalan di depan pasar mati sejak seminggu yang lalu.",
    "event_date": "2026-01-05", "place": "Jalan Merdeka", "reporter_name": "Budi",
    "reporter_email": "budi@example.org", "reporter_phone": "0812 3456 7890",
}


@given(data=mutated(VALID_COMPLAINT, list(VALID_COMPLAINT) + ["anonymous", "confidential",
                                                             "website"]))
def test_complaint_form(hclient, targets, data):
    token = token_of(hclient, "/pengaduan/baru")
    before = count(Complaint)
    response = hclient.post("/pengaduan/baru", data={**data, "csrf_token": token})
    if accepted(response, count(Complaint) - before, data):
        return
    assert_explained(response, "complaint")
    assert count(Complaint) == before


@given(value=HOSTILE_FIELD)
def test_complaint_tracking_lookup(hclient, targets, value):
    response = hclient.get("/pengaduan/lacak", query_string={"id": value})
    assert_no_server_error(response, "track")
    assert response.status_code in (200, 404, 413, 414, 400)


def rating_of(complaint):
    with db.connection_context():
        found = Complaint.get_by_id(complaint.id)
    return found.satisfaction, found.satisfaction_comment, found.rated_at


@given(tracking=HOSTILE, data=st.dictionaries(st.sampled_from(["rating", "comment"]),
                                              HOSTILE_FIELD))
def test_complaint_rating(hclient, targets, tracking, data):
    before = rating_of(targets["complaint"])
    url = f"/pengaduan/lacak/{targets['complaint'].tracking_id}/kepuasan"
    token = token_of(hclient, url)
    response = hclient.post(url, data={**data, "csrf_token": token})
    assert_no_server_error(response, "rate")
    body = response.get_data(as_text=True)
    if response.status_code == 200 and 'class="flash flash-success"' in body:
        # taken: the first rating, from one to five
        rating, _comment, rated_at = rating_of(targets["complaint"])
        assert before[2] is None and rated_at is not None and 1 <= rating <= 5, (before, data)
    else:  # refused (or already rated): the rating and its comment stay as they were
        assert rating_of(targets["complaint"]) == before, data
    response = hclient.get("/pengaduan/lacak/" + tracking.replace("/", "%2F") + "/kepuasan")
    assert_no_server_error(response, "rate lookup")


VALID_SURVEY = {**{f"u{i}": "3" for i in range(1, 10)}, "gender": "P", "age": "34",
                "education": "S1", "occupation": "Swasta", "suggestion": "Bagus."}


@given(data=mutated(VALID_SURVEY, list(VALID_SURVEY) + ["website"]))
@example(data=VALID_SURVEY)                                        # taken and kept
@example(data={**VALID_SURVEY, "suggestion": "", "age": ""})       # the optional ones empty
@example(data={**VALID_SURVEY, "website": "http://promo.example"})  # a bot: nothing kept
def test_survey_form(hclient, targets, data):
    url = "/survei/DINKES/SIP"
    token = token_of(hclient, url)
    before = count(SurveyResponse)
    response = hclient.post(url, data={**data, "csrf_token": token})
    if response.status_code == 302:
        assert "/survei/terima-kasih" in response.headers["Location"]
        if data.get("website"):  # the hidden field a bot fills: thanked, nothing kept
            assert count(SurveyResponse) == before, data
            return
        # a taken answer is stored once, with the nine answers as sent
        assert count(SurveyResponse) == before + 1, data
        with db.connection_context():
            newest = SurveyResponse.select().order_by(SurveyResponse.id.desc()).get()
        assert newest.answers == [int(data[f"u{i}"]) for i in range(1, 10)], data
        return
    assert_explained(response, "survey")
    assert count(SurveyResponse) == before


@given(unit=HOSTILE, service=HOSTILE, q=HOSTILE_FIELD)
def test_survey_pages_by_address(hclient, targets, unit, service, q):
    for url, args in ((f"/survei/{unit}/{service}".replace("//", "/x/"), None),
                      ("/survei/", {"q": q}), ("/survei/terima-kasih", {"unit": q})):
        assert_no_server_error(hclient.get(url, query_string=args), url)


@given(data=mutated({"username": "admin", "password": "salah-sandi-123"},
                    ["username", "password", "remember"]))
def test_login(hclient, targets, data):
    token = token_of(hclient, "/login")
    response = hclient.post("/login", data={**data, "csrf_token": token})
    assert_no_server_error(response, "login")
    assert response.status_code != 302  # never signed in with a wrong password
    with hclient.session_transaction() as session:
        assert "_user_id" not in session
    assert count(User) == 5


@given(code=HOSTILE, data=st.dictionaries(st.sampled_from(["next", "csrf_token"]), HOSTILE_FIELD))
def test_language_switch(hclient, targets, code, data):
    response = hclient.post("/language/" + code.replace("/", "%2F"), data=data)
    assert_no_server_error(response, "language")
    location = response.headers.get("Location", "")
    assert not location.startswith("//") and "://" not in location.split("?")[0].replace(
        "http://localhost/", "")


VALID_REGISTRATION = {"name": "Budi Santoso", "email": "budi@example.org",
                      "phone": "0812 3456 7890", "organisation": "Dinas Kesehatan",
                      "nip": "199505052020122001"}


@given(data=mutated(VALID_REGISTRATION, list(VALID_REGISTRATION) + ["website"]))
def test_event_registration(hclient, targets, data):
    url = f"/acara/{targets['event'].id}"
    token = token_of(hclient, url)
    before = count(Registration)
    response = hclient.post(url, data={**data, "csrf_token": token})
    if accepted(response, count(Registration) - before, data):
        return
    assert_explained(response, "registration")
    assert count(Registration) == before


@pytest.fixture
def attendee(targets):
    """Budi holds a seat at the open event, not yet marked present."""
    with db.connection_context():
        return Registration.create(event=targets["event"], name="Budi Santoso",
                                   email="budi@example.org", status="registered")


def attendance_of(registration):
    with db.connection_context():
        found = Registration.get_by_id(registration.id)
    return found.attended_at, found.attended_via


@given(data=mutated({"email": "budi@example.org", "code": "ABC123"}))
def test_event_attendance(hclient, targets, attendee, data):
    before = attendance_of(attendee)
    url = f"/acara/{targets['event'].id}/hadir"
    token = token_of(hclient, url)
    response = hclient.post(url, data={**data, "csrf_token": token})
    assert_no_server_error(response, "attendance")
    body = response.get_data(as_text=True)
    if response.status_code == 200 and '<section class="card narrow receipt">' in body:
        assert attendance_of(attendee)[0] is not None, data  # marked present (now or before)
        return
    assert_explained(response, "attendance")
    assert attendance_of(attendee) == before, data


@given(token=HOSTILE, event_id=st.one_of(st.integers(-10**20, 10**20).map(str), HOSTILE))
def test_event_addresses(hclient, targets, token, event_id):
    safe = token.replace("/", "%2F") or "x"
    for url in (f"/acara/batal/{safe}", f"/acara/{event_id.replace('/', '%2F') or 'x'}",
                f"/acara/{event_id.replace('/', '%2F') or 'x'}.ics"):
        assert_no_server_error(hclient.get(url), url)
    response = hclient.post(f"/acara/batal/{safe}", data={"csrf_token": "x"})
    assert_no_server_error(response, "cancel")


@given(data=st.dictionaries(st.sampled_from(["name", "email", "phone", "organisation"]), HOSTILE))
def test_forms_without_a_token_save_nothing(hclient, targets, data):
    before = (count(Complaint), count(SurveyResponse), count(Registration))
    for url in ("/pengaduan/baru", "/survei/DINKES/SIP", f"/acara/{targets['event'].id}",
                "/login", "/logout"):
        response = hclient.post(url, data={**VALID_REGISTRATION, **VALID_COMPLAINT,
                                           **VALID_SURVEY, **data})
        assert_no_server_error(response, url)
        assert response.status_code in (302, 400), (url, response.status_code)
    assert (count(Complaint), count(SurveyResponse), count(Registration)) == before


def test_nul_characters_are_refused_with_a_message_on_every_engine(hclient, targets):
    """PostgreSQL cannot store NUL in text, SQLite can: the portal refuses it first."""
    token = token_of(hclient, "/pengaduan/baru")
    before = count(Complaint)
    response = hclient.post("/pengaduan/baru", data={
        **VALID_COMPLAINT, "title": "Lampu\x00jalan", "csrf_token": token})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Karakter tidak valid" in page
    assert "karakter kendali" in page and count(Complaint) == before
    for url in ("/unit/DIN%00KES", "/materi?q=a%00b", "/pengaduan/lacak?id=LPR%00"):
        response = hclient.get(url)
        assert response.status_code == 400 and "Karakter tidak valid" in response.get_data(
            as_text=True), url
    response = hclient.post("/api/v1/complaints", json={**VALID_COMPLAINT, "place": "a\x00"},
                            headers={"X-API-Key": "kunci-uji"})
    assert response.status_code == 400 and "NUL" in response.get_json()["error"]
    assert count(Complaint) == before


def test_ids_beyond_a_database_integer_are_not_found(hclient, targets):
    for url in ("/acara/99999999999999999999", "/acara/99999999999999999999.ics",
                "/materi/panduan-skp/lampiran/99999999999999999999"):
        assert hclient.get(url).status_code == 404, url
