"""Sessions, CSRF and rate limits, asserted over every route that writes.

What this proves:
- a session cookie handed out before signing in (a fixation attempt) never carries the
  signed-in session, and signing out makes even a copy of the signed-in cookie (or of
  the remember-me cookie) worthless;
- every state-changing route of the portal and the back office refuses a request
  without a CSRF token with the friendly 400 page and writes nothing (the API routes,
  which take no cookies, refuse a request without an API key instead);
- every public form that an anonymous visitor can send is rate limited per address.
"""
import pytest

from portal.db import db
from portal.models import MODELS
from tests.access_table import TABLE, parse
from tests.access_walk import make_records, routes, url_for_route
from tests.conftest import PASSWORD, csrf_token

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Tables the portal writes for every request, whatever it says: the rate-limit counters
# (a refused request still counts against its sender) and the public cache.
BOOKKEEPING = {"rate_limit_counter", "public_cache"}
CSRF_EXEMPT = ("api.", "open311.")  # API key, no cookies: see portal/web/api.py


def authenticated(app, cookies):
    """Does a fresh browser holding only these cookies reach the back office?"""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other.get("/admin/").status_code == 200


def test_a_session_fixed_before_sign_in_is_not_signed_in(app, client, users):
    """Nothing of the session held before signing in survives it: neither a value put
    there beforehand (here signed with the app's own key, the strongest case) nor the
    CSRF secret, so a token learnt before the login is refused after it."""
    serializer = app.session_interface.get_signing_serializer(app)
    page = client.get("/login").get_data(as_text=True)
    before = serializer.loads(client.get_cookie("session").value)
    planted = serializer.dumps(dict(before, planted="chosen by someone else"))
    client.set_cookie("session", planted)
    old_token = csrf_token(page)
    client.post("/login", data={"username": "admin", "password": PASSWORD,
                                "csrf_token": old_token})
    assert client.get("/admin/").status_code == 200
    after = client.get_cookie("session").value
    assert "planted" not in serializer.loads(after)
    assert serializer.loads(after).get("csrf_token") != before["csrf_token"]
    assert not authenticated(app, {"session": planted})
    assert authenticated(app, {"session": after})
    # the token of the page shown before the login no longer signs out
    assert client.post("/logout", data={"csrf_token": old_token}).status_code == 400
    assert client.get("/admin/").status_code == 200


def test_signing_out_clears_the_session_and_retires_copies(app, client, users):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    client.post("/login", data={"username": "admin", "password": PASSWORD, "remember": "y",
                                "csrf_token": token})
    session_copy = client.get_cookie("session").value
    remember_copy = client.get_cookie("remember_token").value
    assert authenticated(app, {"remember_token": remember_copy})

    token = csrf_token(client.get("/").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/admin/").status_code == 302
    assert client.get_cookie("remember_token") is None
    assert not authenticated(app, {"session": session_copy})
    assert not authenticated(app, {"remember_token": remember_copy})


def snapshot():
    """Every row of every table, to compare before and after."""
    with db.connection_context():
        return {m._meta.table_name: sorted(map(repr, m.select().tuples())) for m in MODELS
                if m._meta.table_name not in BOOKKEEPING}


@pytest.mark.parametrize("username", [None, "admin"])
def test_every_write_without_a_csrf_token_is_refused_and_writes_nothing(
        app, client, auth, users, org, survey, username):
    records = make_records(app, org, users, survey)
    if username:
        auth.login(username)
    before = snapshot()
    checked = []
    for endpoint, method in sorted(routes(app)):
        if method not in WRITES or endpoint.startswith(CSRF_EXEMPT):
            continue
        url = url_for_route(app, endpoint, records)
        response = client.open(url, method=method, data={"name": "x", "id": "1"})
        assert response.status_code == 400, (endpoint, method, response.status_code)
        assert "Formulir kedaluwarsa" in response.get_data(as_text=True), endpoint
        checked.append(endpoint)
    assert snapshot() == before
    assert len(checked) > 60
    if username:
        assert client.get("/admin/").status_code == 200  # still signed in


def test_api_writes_need_a_key_not_a_cookie(app, client, auth, users, org, survey):
    records = make_records(app, org, users, survey)
    auth.login("admin")  # a signed-in browser's cookies give the API nothing
    before = snapshot()
    for endpoint, method in sorted(routes(app)):
        if method in WRITES and endpoint.startswith(CSRF_EXEMPT):
            response = client.open(url_for_route(app, endpoint, records), method=method,
                                   json={"description": "x"})
            assert response.status_code in (401, 403), endpoint
    assert snapshot() == before


# Public writes an anonymous visitor can send, and the setting that limits each.
RATE_LIMITED = {
    ("auth.login", "POST"): "LOGIN_RATE_LIMIT",
    ("survey.answer", "POST"): "SURVEY_RATE_LIMIT",
    ("complaints.new", "POST"): "COMPLAINT_SUBMIT_RATE_LIMIT",
    ("complaints.rate", "POST"): "COMPLAINT_LOOKUP_RATE_LIMIT",
    # the reporter's own link: add information / reply, and "belum selesai"
    ("conversation.message", "POST"): "COMPLAINT_SUBMIT_RATE_LIMIT",
    ("conversation.reopen", "POST"): "COMPLAINT_SUBMIT_RATE_LIMIT",
    ("events.event", "POST"): "EVENT_REGISTER_RATE_LIMIT",
    ("events.attend", "POST"): "EVENT_ATTENDANCE_RATE_LIMIT",
    ("events.cancel_view", "POST"): "EVENT_ATTENDANCE_RATE_LIMIT",
    ("api.create_complaint", "POST"): "API_WRITE_RATE_LIMIT",
    ("open311.request_create", "POST"): "API_WRITE_RATE_LIMIT",
    ("custom_forms.page", "POST"): "FORM_SUBMIT_RATE_LIMIT",
}
# anonymous writes that change nothing stored: no limit needed
UNLIMITED = {("auth.logout", "POST"), ("auth.set_language", "POST")}


def test_every_public_write_is_in_the_rate_limit_list():
    """A new public form must be added to RATE_LIMITED (and limited) or to UNLIMITED."""
    public_writes = {route for route, row in parse(TABLE).items()
                     if route[1] in WRITES and row["anonymous"] not in ("login", "403")}
    public_writes |= {route for route in parse(TABLE) if route[0].startswith(CSRF_EXEMPT)
                      and route[1] in WRITES}
    assert public_writes - UNLIMITED == set(RATE_LIMITED)


@pytest.mark.parametrize("route", sorted(RATE_LIMITED))
def test_each_public_write_answers_429_past_its_limit(app, client, users, org, survey, route):
    records = make_records(app, org, users, survey)
    endpoint, method = route
    app.config[RATE_LIMITED[route]] = "2 per minute"
    url = url_for_route(app, endpoint, records)
    token = csrf_token(client.get("/login").get_data(as_text=True))
    codes = [client.open(url, method=method, data={"csrf_token": token}).status_code
             for _ in range(3)]
    assert 429 not in codes[:2] and codes[2] == 429, (route, codes)
    page = client.open(url, method=method, data={"csrf_token": token})
    if page.mimetype == "text/html":
        assert "Terlalu banyak permintaan" in page.get_data(as_text=True)
