"""Shared fixtures: an app on a real database (SQLite file or PostgreSQL), a client,
an ``auth`` helper that logs in through the real form, and users of every role.

``LENTERA_TEST_DATABASE`` is ``sqlite`` (default) or the URL of a PostgreSQL
server's maintenance database; each xdist worker gets a database of its own.
"""
import os
import re
import uuid

import psycopg2
import pytest
from werkzeug.security import generate_password_hash

from portal import create_app
from portal.db import db, migrate
from portal.models import (MODELS, Employee, Service, ServicePopulation, SurveyResponse, Unit,
                           User)

PASSWORD = "kata-sandi-uji-123"
REQUIRE_ALL = os.environ.get("LENTERA_REQUIRE_ALL", "").lower() == "true" \
    or os.environ.get("CI", "").lower() == "true"
TEST_DATABASE = os.environ.get("LENTERA_TEST_DATABASE", "sqlite")


def pytest_collection_modifyitems(config, items):
    """A test marked ``postgresql`` exists only on that engine: on SQLite it is left out
    of the run (deselected), not skipped, so that a skip can mean something is missing."""
    if TEST_DATABASE != "sqlite":
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI (``CI=true`` or ``LENTERA_REQUIRE_ALL=true``) nothing may be skipped: a
    skipped test is reported as failed, with the reason it gave."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every test must run: {reason}"


def pg_url(base, name):
    return re.sub(r"/[^/]*$", "/" + name, base)


def create_pg_database(name):
    conn = psycopg2.connect(TEST_DATABASE)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cur.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return pg_url(TEST_DATABASE, name)


@pytest.fixture(scope="session")
def fresh_database_url(tmp_path_factory):
    """A factory of empty databases on the engine under test."""
    def make():
        if TEST_DATABASE == "sqlite":
            return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "portal.db")
        return create_pg_database("lentera_" + uuid.uuid4().hex[:12])
    return make


@pytest.fixture(scope="session")
def database_url(fresh_database_url):
    """One migrated database per worker, emptied before every test."""
    return fresh_database_url()


@pytest.fixture(scope="session")
def password_hash():
    return generate_password_hash(PASSWORD)


def empty_tables():
    names = [m._meta.table_name for m in MODELS]
    if db.obj.__class__.__name__.startswith("Postgres"):
        db.execute_sql("TRUNCATE %s RESTART IDENTITY CASCADE" % ", ".join(f'"{n}"' for n in names))
    else:
        db.execute_sql("PRAGMA foreign_keys = OFF")  # RESTRICT self-references fire per row
        for name in reversed(names):
            db.execute_sql(f'DELETE FROM "{name}"')
        db.execute_sql("PRAGMA foreign_keys = ON")


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "test-" + uuid.uuid4().hex,
        "LOGIN_RATE_LIMIT": "1000 per minute",
        "PUBLIC_CACHE_SECONDS": 0,  # tests of the cache switch it on (tests/test_cache.py)
    })
    migrate()
    with db.connection_context():
        empty_tables()
    yield app
    if not db.is_closed():
        db.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_token(html):
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or \
        re.search(r'value="([^"]+)"[^>]*name="csrf_token"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, username, password=PASSWORD, next_url=None, follow=False):
        url = "/login" + (f"?next={next_url}" if next_url else "")
        token = csrf_token(self.client.get(url).get_data(as_text=True))
        return self.client.post(url, data={"username": username, "password": password,
                                           "csrf_token": token}, follow_redirects=follow)

    def logout(self):
        token = csrf_token(self.client.get("/").get_data(as_text=True))
        return self.client.post("/logout", data={"csrf_token": token})


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def org(app):
    """A small organisation: a dinas with a head, a supervisor and a staff member."""
    with db.connection_context():
        dinas = Unit.create(code="DINKES", name="Dinas Kesehatan", kind="dinas")
        kec = Unit.create(code="KEC-01", name="Kecamatan Sukamaju", kind="kecamatan")
        head = Employee.create(nip="197001012000031001", name="Kepala Dinas", golongan="IV/c",
                               jabatan_kind="jpt_pratama", position_title="Kepala Dinas", unit=dinas)
        boss = Employee.create(nip="198001012005011002", name="Siti Rahmawati", golongan="III/d",
                               jabatan_kind="pengawas", position_title="Kepala Seksi",
                               unit=dinas, supervisor=head)
        staff = Employee.create(nip="199505052020122001", name="Dewi Lestari", golongan="III/a",
                                jabatan_kind="fungsional_ahli_pertama",
                                position_title="Perawat Ahli Pertama", unit=dinas, supervisor=boss)
    return {"dinas": dinas, "kecamatan": kec, "head": head, "boss": boss, "staff": staff}


@pytest.fixture
def users(app, org, password_hash):
    """One account per role, all with the password ``PASSWORD``."""
    specs = {
        "admin": ("admin", None, None),
        "operator": ("operator", None, None),
        "penilai": ("penilai", org["boss"], None),
        "pegawai": ("pegawai", org["staff"], None),
        "petugas": ("petugas_pengaduan", None, None),
    }
    with db.connection_context():
        return {name: User.create(username=name, role=role, employee=emp, unit=unit,
                                  password_hash=password_hash, display_name=name.title())
                for name, (role, emp, unit) in specs.items()}


@pytest.fixture
def survey(app, org):
    """Two services of Dinas Kesehatan, one answer and this year's population."""
    with db.connection_context():
        sip = Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
        lab = Service.create(unit=org["dinas"], code="LAB", name="Laboratorium Kesehatan")
        first = SurveyResponse.create(unit=org["dinas"], service=sip, u1=4, u2=3, u3=3, u4=4,
                                      u5=3, u6=3, u7=4, u8=3, u9=3, gender="P", age=34,
                                      education="S1", occupation="Swasta",
                                      suggestion="Ruang tunggu perlu kipas angin.")
        population = ServicePopulation.create(unit=org["dinas"], year=first.submitted_at.year,
                                              population=300)
    return {"sip": sip, "lab": lab, "response": first, "population": population}


def chromium_path():
    path = "/usr/bin/chromium"
    if not os.path.exists(path):
        if REQUIRE_ALL:
            pytest.fail("Debian's chromium is required under CI but /usr/bin/chromium is missing")
        pytest.skip("chromium is not installed (make test installs it)")
    return path


__all__ = ["PASSWORD", "psycopg2"]
