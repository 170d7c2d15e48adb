"""Security headers, the Content-Security-Policy and cookie flags, as a browser receives them.

What this proves: every page (public and back office) forbids inline scripts except
those carrying this response's nonce, refuses to be framed, and sends the other
headers; HSTS only on HTTPS (also behind a trusted proxy); every <script> on every
page the walk reaches is allowed by the page's own policy, and no page carries an
inline event handler (Chromium reports each one as a violation when the page loads).
"""
import re

import pytest

from portal import create_app
from tests.access_walk import make_records, routes, url_for_route
from tests.conftest import csrf_token

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
HANDLER = re.compile(r"""\son[a-z]+\s*=\s*("[^"]*"|'[^']*')""", re.I)



def policy(response):
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


def test_public_and_back_office_pages_carry_the_headers(client, auth, users):
    for url in ("/", "/pengaduan/baru", "/login"):
        check_headers(client.get(url))
    auth.login("admin")
    for url in ("/admin/", "/admin/employee/", "/admin/employee/new/"):
        check_headers(client.get(url))


def check_headers(response, status=200):
    assert response.status_code == status
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert [s for s in csp["script-src"] if s.startswith("'nonce-")]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in response.headers  # plain HTTP


def test_error_pages_carry_the_headers_too(app, client, database_url, tmp_path):
    """404, 405, 400 (CSRF), 429, 500 and 503 pages are pages like any other."""
    check_headers(client.get("/no-such-page"), 404)
    check_headers(client.post("/"), 405)
    check_headers(client.post("/pengaduan/baru", data={"title": "x"}), 400)
    app.config["LOGIN_RATE_LIMIT"] = "1 per minute"
    token = csrf_token(client.get("/login").get_data(as_text=True))
    for _ in range(2):
        response = client.post("/login", data={"username": "x", "password": "y",
                                               "csrf_token": token})
    check_headers(response, 429)
    crashing = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "x" * 32,
                           "INSTANCE_PATH": str(tmp_path / "crash"), "TEST_FAULT_ROUTES": True})
    check_headers(crashing.test_client().get("/_test/crash"), 500)
    down = create_app({"TESTING": True, "SECRET_KEY": "x" * 32,
                       "INSTANCE_PATH": str(tmp_path / "down"),
                       "DATABASE_URL": "sqlite:///" + str(tmp_path / "gone" / "portal.db")})
    check_headers(down.test_client().get("/pengaduan/lacak?id=LPR-0000"), 503)


def test_the_public_site_allows_no_inline_style_either(client):
    assert policy(client.get("/"))["style-src"] == ["'self'"]


def test_each_response_gets_a_fresh_nonce(client, auth, users):
    auth.login("admin")
    first = policy(client.get("/admin/employee/"))["script-src"]
    second = policy(client.get("/admin/employee/"))["script-src"]
    assert first != second


def test_hsts_only_over_https(app, client):
    assert "Strict-Transport-Security" not in client.get("/").headers
    response = client.get("/", base_url="https://lentera.example.go.id")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    # without a trusted proxy, a forwarded scheme is not believed
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers


def test_behind_a_trusted_proxy_the_forwarded_scheme_counts(database_url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "x",
                      "INSTANCE_PATH": str(tmp_path / "inst"), "PROXY_FIX_COUNT": 1})
    client = app.test_client()
    response = client.get("/", headers={"X-Forwarded-Proto": "https",
                                        "X-Forwarded-For": "203.0.113.9"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def cookie_flags(response, name):
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(name + "="):
            return {part.strip().split("=")[0].lower(): part for part in header.split(";")}
    raise AssertionError(f"no {name} cookie set")


def test_cookies_are_httponly_and_samesite_lax_not_secure_on_plain_http(client, users):
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"username": "admin", "password": "kata-sandi-uji-123",
                                           "remember": "y", "csrf_token": token})
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        flags = cookie_flags(response, name)
        assert "httponly" in flags and flags["samesite"].strip().lower() == "samesite=lax"
        assert "secure" not in flags
    token = csrf_token(client.get("/").get_data(as_text=True))
    response = client.post("/language/en", data={"csrf_token": token, "next": "/"})
    flags = cookie_flags(response, "lang")
    assert "httponly" in flags and "secure" not in flags


@pytest.mark.parametrize("setting", [{"SESSION_COOKIE_SECURE": True},
                                     {"PORTAL_BASE_URL": "https://lentera.example.go.id"}])
def test_cookies_are_secure_when_https_is_configured(database_url, tmp_path, users, setting):
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "x",
                      "INSTANCE_PATH": str(tmp_path / "inst"), **setting})
    client = app.test_client()
    base = "https://lentera.example.go.id"
    token = csrf_token(client.get("/login", base_url=base).get_data(as_text=True))
    # over HTTPS Flask-WTF also wants a same-site Referer
    response = client.post("/login", base_url=base, headers={"Referer": base + "/login"}, data={
        "username": "admin", "password": "kata-sandi-uji-123", "remember": "y",
        "csrf_token": token})
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        assert "secure" in cookie_flags(response, name)
    assert response.headers["Strict-Transport-Security"]
    token = csrf_token(client.get("/", base_url=base).get_data(as_text=True))
    response = client.post("/language/en", base_url=base, headers={"Referer": base + "/"},
                           data={"csrf_token": token, "next": "/"})
    assert "secure" in cookie_flags(response, "lang")


def scripts_allowed(html, csp):
    nonces = {s[len("'nonce-"):-1] for s in csp["script-src"] if s.startswith("'nonce-")}
    problems = []
    for attrs, body in SCRIPT.findall(html):
        src = re.search(r'\bsrc="([^"]+)"', attrs)
        if src:
            if re.match(r"^(https?:)?//", src.group(1)):
                problems.append("script from another site: " + src.group(1))
            continue
        nonce = re.search(r'\bnonce="([^"]+)"', attrs)
        if body.strip() and not (nonce and nonce.group(1) in nonces):
            problems.append("inline script without this page's nonce: " + body.strip()[:60])
    for value in HANDLER.findall(html):
        problems.append("inline handler (use a data- attribute and static/js/admin.js): "
                        + value)
    return problems


@pytest.mark.parametrize("username", ["admin", "penilai", "petugas"])
def test_every_page_keeps_to_its_own_policy(app, client, auth, users, org, survey, username):
    """Every GET route the walk reaches, rendered as a role that sees it."""
    records = make_records(app, org, users, survey)
    auth.login(username)
    checked = 0
    for endpoint, method in sorted(routes(app)):
        if method != "GET":
            continue
        response = client.get(url_for_route(app, endpoint, records))
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        problems = scripts_allowed(html, policy(response))
        if not endpoint.split(".")[0] in {v.endpoint for v in app.extensions["admin"][0]._views}:
            if re.search(r"\sstyle\s*=", html):
                problems.append("style attribute on a public page (style-src 'self')")
        assert not problems, (endpoint, problems)
        checked += 1
    assert checked > 20
