"""Every redirect to a target a visitor supplies: control characters (CR, LF, TAB, NUL
and the rest) are refused and the visitor lands on a safe default, never on a 500 and
never on another host (browsers drop TAB and newlines from a URL, so "/\\t/evil.test"
would become "//evil.test")."""
from urllib.parse import urlencode

import pytest

from tests.conftest import PASSWORD, csrf_token

CONTROL_TARGETS = ["/?\nenv;", "/\nSet-Cookie: x=1", "/\r\nLocation: //evil.test",
                   "/\t/evil.test", "/pengaduan\x0b", "/\x7f", "/\x85next", "\n/", "/%0D%0A"]


def test_a_nul_in_a_target_is_refused_with_the_nul_message(client):
    token = _form_token(client)
    response = client.post("/language/en", data={"next": "/\x00", "csrf_token": token})
    assert response.status_code == 400
    assert "NUL" in response.get_data(as_text=True)


def _form_token(client, path="/"):
    return csrf_token(client.get(path).get_data(as_text=True))


@pytest.mark.parametrize("target", CONTROL_TARGETS)
def test_language_switch_falls_back_on_a_target_with_control_characters(client, target):
    token = _form_token(client)
    response = client.post("/language/en", data={"next": target, "csrf_token": token})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in location)
    assert "evil" not in location and "Set-Cookie" not in location
    if "%0" not in target:  # an already-encoded target is a harmless path
        assert location in ("/", "http://localhost/")
    assert "lang=en" in response.headers.get("Set-Cookie", "")


@pytest.mark.parametrize("target", CONTROL_TARGETS)
def test_sign_in_next_with_control_characters_lands_on_the_start_page(client, users, target):
    page = client.get("/login", query_string={"next": target})
    assert page.status_code == 200
    token = csrf_token(page.get_data(as_text=True))
    response = client.post("/login", query_string={"next": target},
                           data={"username": "operator", "password": PASSWORD,
                                 "csrf_token": token, "next": target})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in location)
    assert "evil" not in location


@pytest.mark.parametrize("target", CONTROL_TARGETS)
def test_back_office_return_url_with_control_characters(client, auth, users, org, target):
    auth.login("admin")
    page = client.get("/admin/unit/edit/", query_string={"id": org["dinas"].id, "url": target})
    assert page.status_code == 200
    token = csrf_token(page.get_data(as_text=True))
    response = client.post("/admin/unit/edit/", query_string={"id": org["dinas"].id,
                                                               "url": target},
                           data={"code": "DINKES", "name": "Dinas Kesehatan", "kind": "dinas",
                                 "active": "y", "csrf_token": token})
    assert response.status_code in (200, 302)
    location = response.headers.get("Location", "")
    assert not any(ord(ch) < 32 or ord(ch) == 127 for ch in location)
    assert "evil" not in location


@pytest.mark.parametrize("value", ["/\r\nSet-Cookie: x=1", "/\t/evil.test", "/\u2028x", "\n"])
def test_no_page_answers_500_to_a_redirect_parameter_with_control_characters(
        app, client, auth, users, org, survey, value):
    """Every GET route of the portal and the back office, signed in as the administrator,
    with ``next`` and ``url`` carrying a control character."""
    from tests.access_walk import make_records, routes, url_for_route
    records = make_records(app, org, users, survey)
    auth.login("admin")
    failed = []
    for endpoint, method in sorted(routes(app)):
        if method != "GET":
            continue
        url = url_for_route(app, endpoint, records)
        url += ("&" if "?" in url else "?") + urlencode({"next": value, "url": value})
        response = client.get(url)
        location = response.headers.get("Location", "")
        if response.status_code >= 500 or "evil" in location \
                or any(ord(ch) < 32 for ch in location):
            failed.append((url, response.status_code, location))
    assert not failed


def test_a_back_office_delete_with_a_poisoned_return_url_goes_back_to_the_list(
        app, client, auth, users):
    from portal.db import db
    from portal.models import Period
    with db.connection_context():
        spare = Period.create(year=2031, quarter=4)
    auth.login("admin")
    token = csrf_token(client.get("/admin/period/").get_data(as_text=True))
    response = client.post("/admin/period/delete/", data={
        "id": spare.id, "url": "/\r\nLocation: //evil.test", "csrf_token": token,
        "confirmed": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/period/")
    with db.connection_context():
        assert Period.get_or_none(Period.id == spare.id) is None
