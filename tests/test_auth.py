"""Signing in and out: wrong passwords, lock-out, safe next, CSRF, password change."""
import datetime
import threading

import pytest

from portal.db import db
from portal.models import User
from portal.models.base import utcnow
from tests.conftest import PASSWORD, csrf_token


def test_login_page_is_in_indonesian(client):
    page = client.get("/login").get_data(as_text=True)
    assert "Nama pengguna" in page and "Kata sandi" in page


def test_login_and_logout(client, auth, users):
    response = auth.login("operator")
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    auth.logout()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_logout_needs_a_post_with_csrf(client, auth, users):
    auth.login("operator")
    assert client.get("/logout").status_code == 405
    client.post("/logout", data={})  # no token: nothing happens
    assert client.get("/admin/").status_code == 200


def test_wrong_password_and_unknown_user_get_the_same_message(client, auth, users):
    wrong = auth.login("operator", "salah-sandi-xyz").get_data(as_text=True)
    unknown = auth.login("tidak-ada", "salah-sandi-xyz").get_data(as_text=True)
    assert "Nama pengguna atau kata sandi salah." in wrong
    assert "Nama pengguna atau kata sandi salah." in unknown
    with db.connection_context():
        assert User.get(User.username == "operator").failed_logins == 1


def test_account_locks_after_repeated_failures_and_unlocks_for_admin(app, client, auth, users):
    limit = app.config["LOGIN_MAX_FAILURES"]
    for _ in range(limit):
        auth.login("pegawai", "salah-sandi-xyz")
    response = auth.login("pegawai")  # even the right password is refused now
    assert response.status_code == 429
    assert "dikunci" in response.get_data(as_text=True)
    with db.connection_context():
        user = User.get(User.username == "pegawai")
        assert user.locked_for() is not None
        user.unlock()
    assert auth.login("pegawai").status_code == 302


def test_parallel_wrong_passwords_all_count_and_lock_the_account(app, users):
    """Guesses sent at once each load the account before any has saved: every one counts."""
    limit = app.config["LOGIN_MAX_FAILURES"]
    guesses = 2 * limit + 2
    user_id = users["pegawai"].id
    ready = threading.Barrier(guesses)
    errors = []

    def guess():
        try:
            with app.app_context(), db.connection_context():  # a connection per thread
                stale = User.get_by_id(user_id)
                ready.wait(timeout=30)
                stale.record_failure(limit, 15)
                assert stale.failed_logins >= 1
        except Exception as exc:  # reported below: a thread's exception is otherwise lost
            errors.append(exc)

    threads = [threading.Thread(target=guess) for _ in range(guesses)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with db.connection_context():
        user = User.get_by_id(user_id)
    assert user.failed_logins == guesses
    assert user.locked_for() is not None


def test_a_failure_after_an_expired_lock_starts_counting_again(app, users):
    now = utcnow()
    with db.connection_context():
        user = User.get(User.username == "pegawai")
        User.update(failed_logins=5, locked_until=now - datetime.timedelta(minutes=1)).where(
            User.id == user.id).execute()
        user.record_failure(5, 15, now=now)
        assert (user.failed_logins, user.locked_until) == (1, None)
        assert User.get_by_id(user.id).locked_for() is None
        for _ in range(4):
            user.record_failure(5, 15, now=now)
        stored = User.get_by_id(user.id)
        assert stored.failed_logins == 5
        assert stored.locked_until == user.locked_until == now + datetime.timedelta(minutes=15)


def test_login_without_csrf_token_is_refused(client, users):
    response = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 400
    assert "kedaluwarsa" in response.get_data(as_text=True)


@pytest.mark.parametrize("next_url, expected", [
    ("/admin/employee/", "/admin/employee/"),
    ("https://evil.example/", "/admin/"),
    ("//evil.example/", "/admin/"),
    ("/\\evil.example", "/admin/"),
    ("javascript:alert(1)", "/admin/"),
])
def test_next_redirects_stay_on_this_site(auth, users, next_url, expected):
    response = auth.login("admin", next_url=next_url)
    assert response.headers["Location"] == expected


def test_inactive_accounts_cannot_sign_in(client, auth, users):
    with db.connection_context():
        User.update(active=False).where(User.username == "pegawai").execute()
    response = auth.login("pegawai")
    assert response.status_code == 200  # the form again, with an error
    assert "Nama pengguna atau kata sandi salah." in response.get_data(as_text=True)
    # nobody is signed in: no user in the session, and the back office sends to the form
    with client.session_transaction() as session:
        assert "_user_id" not in session
    back_office = client.get("/admin/")
    assert back_office.status_code == 302 and "/login" in back_office.headers["Location"]


def test_change_password_ends_other_sessions(app, client, auth, users):
    other = app.test_client()
    token = csrf_token(other.get("/login").get_data(as_text=True))
    other.post("/login", data={"username": "pegawai", "password": PASSWORD, "csrf_token": token})
    assert other.get("/admin/").status_code == 200

    auth.login("pegawai")
    page = client.get("/account/password").get_data(as_text=True)
    response = client.post("/account/password", data={
        "current_password": PASSWORD, "new_password": "sandi-baru-yang-panjang",
        "confirm": "sandi-baru-yang-panjang", "csrf_token": csrf_token(page)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200       # this session continues
    assert other.get("/admin/").status_code == 302        # the other one is signed out
    with db.connection_context():
        assert User.get(User.username == "pegawai").check_password("sandi-baru-yang-panjang")


@pytest.mark.parametrize("current, new, confirm, message", [
    ("salah-sandi-xyz", "sandi-baru-yang-panjang", "sandi-baru-yang-panjang", "salah"),
    (PASSWORD, "pendek", "pendek", "10"),
    (PASSWORD, "sandi-baru-yang-panjang", "sandi-lain-yang-panjang", "tidak sama"),
    (PASSWORD, "pegawai-12345678", "pegawai-12345678", "nama pengguna"),
])
def test_change_password_explains_what_is_wrong(client, auth, users, current, new, confirm, message):
    auth.login("pegawai")
    page = client.get("/account/password").get_data(as_text=True)
    response = client.post("/account/password", data={
        "current_password": current, "new_password": new, "confirm": confirm,
        "csrf_token": csrf_token(page)})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    with db.connection_context():
        assert User.get(User.username == "pegawai").check_password(PASSWORD)


def test_login_rate_limit_answers_429_with_a_friendly_page(app, client, users):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    responses = []
    for _ in range(5):
        token = csrf_token(client.get("/login").get_data(as_text=True))
        responses.append(client.post("/login", data={"username": "x", "password": "y",
                                                      "csrf_token": token}))
    assert [r.status_code for r in responses] == [200, 200, 200, 429, 429]
    assert "Terlalu banyak" in responses[-1].get_data(as_text=True)
    assert client.get("/login").status_code == 200  # reading the form is not limited


def test_a_forged_forwarded_for_header_does_not_reset_the_login_limit(app, client, users):
    """Password guessing with a new ``X-Forwarded-For`` on every try is still counted
    against the one connecting address (no proxy configured: ``PROXY_FIX_COUNT = 0``)."""
    assert app.config["PROXY_FIX_COUNT"] == 0
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    codes = []
    for n in range(5):
        token = csrf_token(client.get("/login").get_data(as_text=True))
        codes.append(client.post("/login", data={"username": "x", "password": "y",
                                                 "csrf_token": token},
                                 headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code)
    assert codes == [200, 200, 200, 429, 429]


def test_every_worker_counts_against_one_login_limit(app, database_url, tmp_path, users):
    """Two app instances on one database, as two server workers: the limit is shared."""
    from portal import create_app
    from portal.models import RateLimitCounter

    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    second = create_app({"TESTING": True, "DATABASE_URL": database_url,
                         "INSTANCE_PATH": str(tmp_path / "second"), "SECRET_KEY": "second",
                         "LOGIN_RATE_LIMIT": "3 per minute"})
    assert app.config["RATELIMIT_STORAGE_URI"] == "database://"
    codes = []
    for n in range(5):
        worker = (app if n % 2 == 0 else second).test_client()
        token = csrf_token(worker.get("/login").get_data(as_text=True))
        codes.append(worker.post("/login", data={"username": "x", "password": "y",
                                                 "csrf_token": token}).status_code)
    assert codes == [200, 200, 200, 429, 429]
    with db.connection_context():
        [counter] = RateLimitCounter.select()
    assert counter.count == 5 and "login" in counter.key
