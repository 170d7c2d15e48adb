"""The app factory and the order in which configuration is read."""
import os
import stat

from portal import create_app


def test_defaults_and_test_config(app):
    assert app.testing
    assert app.config["BABEL_DEFAULT_LOCALE"] == "id"
    assert app.config["PORTAL_TIMEZONE"] == "Asia/Jakarta"
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Asia/Jakarta"


def test_instance_config_overrides_defaults_and_environment_overrides_both(tmp_path, monkeypatch):
    instance = tmp_path / "inst"
    instance.mkdir()
    (instance / "config.py").write_text(
        'PORTAL_REGION = "Kabupaten Bungo"\nPORTAL_TIMEZONE = "Asia/Makassar"\n')
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(instance))
    app = create_app()
    assert app.instance_path == str(instance)
    assert app.config["PORTAL_REGION"] == "Kabupaten Bungo"
    assert app.config["PORTAL_TIMEZONE"] == "Asia/Makassar"
    assert app.config["DATABASE_URL"] == "sqlite:///" + str(instance / "portal.db")

    monkeypatch.setenv("PORTAL_TIMEZONE", "Asia/Jayapura")
    monkeypatch.setenv("DATABASE_URL", "sqlite:///" + str(tmp_path / "other.db"))
    app = create_app()
    assert app.config["PORTAL_TIMEZONE"] == "Asia/Jayapura"
    assert app.config["BABEL_DEFAULT_TIMEZONE"] == "Asia/Jayapura"
    assert app.config["DATABASE_URL"].endswith("other.db")
    assert app.config["PORTAL_REGION"] == "Kabupaten Bungo"


def test_secret_key_is_generated_once_into_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    first = create_app()
    key_file = tmp_path / "secret_key"
    assert key_file.exists()
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) == 64
    second = create_app()
    assert second.config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_secret_key_from_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    assert create_app().config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()


def test_security_headers_on_every_page(client):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"
