"""Two languages: Indonesian by default, English one click away, catalogues complete."""
import os

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.conftest import csrf_token

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}


def switch(client, code, next_url="/"):
    token = csrf_token(client.get(next_url).get_data(as_text=True))
    return client.post(f"/language/{code}", data={"csrf_token": token, "next": next_url})


def test_indonesian_is_the_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="id">' in page
    assert "Cari" in page and "Masuk" in page


def test_switch_to_english_is_remembered(client):
    response = switch(client, "en", "/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert "lang=en" in response.headers["Set-Cookie"]
    assert "Max-Age=31536000" in response.headers["Set-Cookie"]
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in page and "Sign in" in page and "Search" in page
    switch(client, "id")
    assert "Masuk" in client.get("/").get_data(as_text=True)


def test_language_switch_refuses_unknown_languages_and_missing_tokens(client):
    client.post("/language/fr", data={"csrf_token": csrf_token(client.get("/").get_data(as_text=True))})
    assert '<html lang="id">' in client.get("/").get_data(as_text=True)
    assert client.post("/language/en", data={}).status_code == 400


def test_back_office_speaks_indonesian_including_flask_admin(client, auth, users):
    auth.login("admin")
    page = client.get("/admin/employee/").get_data(as_text=True)
    assert "Pegawai (ASN)" in page
    assert "Buat" in page          # Flask-Admin's own "Create"
    assert "Filter" in page
    switch(client, "en", "/admin/employee/")
    page = client.get("/admin/employee/").get_data(as_text=True)
    assert "Employees (ASN)" in page and "Create" in page


def _catalogue(domain, lang="id"):
    with open(os.path.join(ROOT, "translations", lang, "LC_MESSAGES", f"{domain}.po"), "rb") as fh:
        return read_po(fh)


def test_every_string_in_the_code_has_an_indonesian_translation():
    catalogue = _catalogue("messages")
    missing = []
    for folder in ("portal", "admin", "forms"):
        method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2"),
                      ("templates/**.html", "jinja2")]
        for _f, _l, message, _c, _x in extract_from_dir(os.path.join(ROOT, folder), method_map,
                                                          keywords=KEYWORDS):
            msgid = message if isinstance(message, str) else message[0]
            entry = catalogue.get(msgid)
            if entry is None or not entry.string or (
                    isinstance(entry.string, tuple) and not all(entry.string)) or entry.fuzzy:
                missing.append(msgid)
    assert not missing, f"untranslated Indonesian strings: {sorted(set(missing))}"


def test_flask_admin_and_wtforms_catalogues_are_complete():
    for domain in ("admin", "wtforms"):
        for message in _catalogue(domain):
            if message.id:
                assert message.string and not message.fuzzy, (domain, message.id)
