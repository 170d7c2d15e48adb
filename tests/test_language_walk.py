"""Every page each role reaches, in Indonesian, says nothing in English, shows no time to
the microsecond and never fails.

The demo kabupaten gives every list, record and workflow page something to show; each
role signs in and follows the links its pages offer (tests/language_walk.py).
"""
import pytest

from portal import demo
from portal.db import db
from tests.conftest import PASSWORD
from tests.language_walk import PageText, english_texts, pieces, walk

ROLES = ("admin", "operator", "penilai", "pegawai", "petugas", "petugas-dinkes")


@pytest.fixture
def kabupaten(app):
    with app.app_context(), db.connection_context():
        demo.load("small", 7, PASSWORD, survey_responses=200)


@pytest.fixture(scope="module")
def english():
    return english_texts()


def report(found, failed):
    lines = [f"{url}: {', '.join(repr(text) for text in texts)}" for url, texts in found.items()]
    lines += [f"{url}: server error" for url in failed]
    return "\n".join(lines)


def test_public_pages_are_indonesian(client, kabupaten, english):
    found, failed = walk(client, ["/"], english)
    assert not found and not failed, report(found, failed)


@pytest.mark.parametrize("username", ROLES)
def test_back_office_pages_are_indonesian(client, auth, kabupaten, english, username):
    response = auth.login(username)
    assert response.status_code == 302, username
    found, failed = walk(client, ["/admin/"], english, within=("/admin", "/account"))
    assert not found and not failed, report(found, failed)


def test_the_walk_reads_what_a_person_sees_in_indonesian(english):
    """The walk's own check: English text, a placeholder and a filter named "A / B" are
    caught; the language switch's "English" (marked lang="en") and scripts are not."""
    page = PageText()
    page.feed('<html lang="id"><body><p>Sign in</p><input placeholder="Search">'
              '<a>Unit / Name</a><button lang="en" title="English">EN</button>'
              '<script>var x = "Save";</script><br><p>Simpan</p></body></html>')
    seen = {piece for text in page.texts for piece in pieces(text) if piece in english}
    assert seen == {"Sign in", "Search", "Unit", "Name"}
