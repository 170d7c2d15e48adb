"""/healthz: the database and the instance folder, no secrets, never rate-limited."""
import json

from portal import create_app
from tests.conftest import TEST_DATABASE


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok",
                                   "checks": {"database": "ok", "instance": "ok"}}
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_not_rate_limited(app, client):
    app.config["RATELIMIT_DEFAULT"] = "2 per minute"
    assert {client.get("/healthz").status_code for _ in range(50)} == {200}


def test_an_unwritable_instance_folder_fails_the_check(app, client, tmp_path):
    not_a_folder = tmp_path / "instance-file"
    not_a_folder.write_text("x")
    app.instance_path = str(not_a_folder)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable",
                                   "checks": {"database": "ok", "instance": "failed"}}


def test_an_unreachable_database_fails_the_check_without_telling_where_it_is(tmp_path):
    if TEST_DATABASE == "sqlite":
        url = "sqlite:///" + str(tmp_path / "no-such-folder" / "secret-name.db")
    else:
        url = "postgresql://lentera:s3cret-password@127.0.0.1:1/secret-name"
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "x" * 32,
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    body = response.get_data(as_text=True)
    assert json.loads(body) == {"status": "unavailable",
                                "checks": {"database": "failed", "instance": "ok"}}
    for secret in ("secret-name", "s3cret", "127.0.0.1", "no-such-folder", "Error"):
        assert secret not in body


def test_a_database_without_the_portal_schema_fails_the_check(fresh_database_url, tmp_path):
    """SQLite opens a missing or empty file without complaint; the check reads the
    portal's own schema, so a wrong or lost database (or one init-db never ran on) is
    reported."""
    app = create_app({"TESTING": True, "DATABASE_URL": fresh_database_url(),
                      "SECRET_KEY": "x" * 32, "INSTANCE_PATH": str(tmp_path / "instance")})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["checks"]["database"] == "failed"
