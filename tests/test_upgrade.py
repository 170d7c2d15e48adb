"""An office's database made by an earlier release goes through every later migration
with all its rows kept, and the portal works on it.

tests/fixtures/upgrade-0004.db was made by tests/fixtures/make_upgrade_db.py with the
schema of migrations 0001-0004 and a few rows in every table. On SQLite the file
itself is upgraded; on PostgreSQL its rows are first loaded into a database migrated
to 0004. Nothing here names the newest migration: whatever migrations exist are
applied, and every one of them must be.
"""
import datetime
import os
import shutil
import sqlite3

from peewee import SqliteDatabase
from playhouse.migrations import Runner

from portal import create_app
from portal.db import MIGRATIONS, db, migrate, migration_status
from tests.conftest import TEST_DATABASE, csrf_token
from tests.fixtures.make_upgrade_db import LAST_MIGRATION, PASSWORD

FIXTURE = os.path.join(os.path.dirname(__file__), "fixtures", "upgrade-0004.db")


def fixture_rows():
    """{table: {id: {column: value}}} of the fixture, schema_migration left out."""
    conn = sqlite3.connect(FIXTURE)
    conn.row_factory = sqlite3.Row
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'schema_migration'")]
    rows = {t: {r["id"]: dict(r) for r in conn.execute(f'SELECT * FROM "{t}"')}
            for t in tables}
    conn.close()
    return rows


def normal(value):
    """One spelling for a value on either engine."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def load_order(rows):
    """Tables ordered so that each comes after those its foreign keys point at."""
    conn = sqlite3.connect(FIXTURE)
    deps = {t: {r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{t}")')} - {t}
            for t in rows}
    conn.close()
    order = []
    while len(order) < len(deps):
        ready = sorted(t for t in deps if t not in order and deps[t] <= set(order))
        assert ready, "foreign keys in a cycle"
        order.extend(ready)
    return order


def copy_into_postgres(rows):
    """A PostgreSQL database at the fixture's schema, holding the fixture's rows."""
    from tests.conftest import create_pg_database
    import uuid
    url = create_pg_database("lentera_up_" + uuid.uuid4().hex[:10])
    from portal.db import connect
    target = connect(url)
    Runner(target, MIGRATIONS).up(target=LAST_MIGRATION)
    with target.atomic():
        for table in load_order(rows):
            types = dict(target.execute_sql(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = %s", (table,)).fetchall())
            for row in sorted(rows[table].values(), key=lambda r: r["id"]):
                values = [bool(v) if types[k] == "boolean" and v is not None else v
                          for k, v in row.items()]
                names = ", ".join(f'"{k}"' for k in row)
                marks = ", ".join(["%s"] * len(row))
                target.execute_sql(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)
            target.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                               f'(SELECT max(id) FROM "{table}"))')
    target.close()
    return url


def test_a_database_from_an_earlier_release_upgrades_with_every_row_kept(tmp_path):
    before = fixture_rows()
    assert all(before.values()), "the fixture has a few rows in every table"
    if TEST_DATABASE == "sqlite":
        copy = tmp_path / "portal.db"
        shutil.copy(FIXTURE, copy)
        url = "sqlite:///" + str(copy)
    else:
        url = copy_into_postgres(before)
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "upgrade",
                      "INSTANCE_PATH": str(tmp_path / "instance")})

    applied = migrate()
    names = sorted(f[:-3] for f in os.listdir(MIGRATIONS) if f[:4].isdigit() and f.endswith(".py"))
    assert applied == [n for n in names if n > LAST_MIGRATION]  # all later ones, in order
    assert all(m.applied for m in migration_status())

    with db.connection_context():
        for table, rows in before.items():
            cursor = db.execute_sql(f'SELECT * FROM "{table}" ORDER BY id')
            columns = [c[0] for c in cursor.description]
            after = {r[columns.index("id")]: dict(zip(columns, r)) for r in cursor.fetchall()}
            assert set(after) == set(rows), table
            for row_id, row in rows.items():
                for column, value in row.items():
                    assert normal(after[row_id][column]) == normal(value), (table, row_id,
                                                                           column)

    # the answers already kept are summed into the monthly tallies (migration 0019)
    with db.connection_context():
        answers = db.execute_sql("SELECT COUNT(*), SUM(u1), SUM(u9) FROM survey_response").fetchone()
        tallied = db.execute_sql("SELECT SUM(responses), SUM(u1), SUM(u9) FROM survey_tally"
                                 ).fetchone()
    assert answers[0] > 0 and [int(v) for v in tallied] == [int(v) for v in answers]

    # and the portal runs on it: the old accounts sign in and see their data
    client = app.test_client()
    token = csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"username": "penilai", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 302
    page = client.get("/admin/skp/").get_data(as_text=True)
    assert "Dewi Lestari" in page
    assert "Dinas Kesehatan" in client.get("/unit/DINKES").get_data(as_text=True)


def test_the_fixture_is_at_the_schema_it_claims():
    fixture = SqliteDatabase(FIXTURE)
    names = [m.name for m in Runner(fixture, MIGRATIONS).status() if m.applied]
    fixture.close()
    assert names[-1] == LAST_MIGRATION


def upgraded(tmp_path, rows):
    """The fixture's database with ``rows`` (the fixture's rows, some changed or added)
    on the test's engine, brought through every later migration."""
    if TEST_DATABASE == "sqlite":
        copy = tmp_path / "portal.db"
        shutil.copy(FIXTURE, copy)
        before = fixture_rows()
        conn = sqlite3.connect(copy)
        for table, table_rows in rows.items():
            for row_id, row in table_rows.items():
                if before[table].get(row_id) != row:
                    names = ", ".join(f'"{k}"' for k in row)
                    marks = ", ".join("?" * len(row))
                    conn.execute(f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})',
                                 list(row.values()))
        conn.commit()
        conn.close()
        url = "sqlite:///" + str(copy)
    else:
        url = copy_into_postgres(rows)
    create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "upgrade",
                "INSTANCE_PATH": str(tmp_path / "instance")})
    migrate()


def test_mail_already_queued_to_an_anonymous_reporter_is_hidden_after_the_upgrade(tmp_path):
    """Migration 0022: an outbox row written before the anonymity mark existed, addressed
    to the reporter of an anonymous complaint, comes out of the upgrade marked, so the
    outbox masks it; mail to anyone else stays unmarked."""
    rows = fixture_rows()
    rows["complaint"][2]["reporter_email"] = "anonim@contoh.id"   # complaint 2 is anonymous
    rows["outbox"][2]["to"] = "anonim@contoh.id"
    upgraded(tmp_path, rows)
    with db.connection_context():
        marked = dict(db.execute_sql(
            'SELECT "to", anonymous_recipient FROM outbox ORDER BY id').fetchall())
    assert {to: bool(flag) for to, flag in marked.items()} == {
        "budi@contoh.id": False, "anonim@contoh.id": True}


def test_the_upgrade_guesses_what_each_upt_serves_from_its_name(tmp_path):
    """Migration 0031: a UPT named as a puskesmas or a school gets that facility, for the
    comparison of units; other units and other UPTs are left without one."""
    rows = fixture_rows()
    extra = {4: ("SDN-1", "SD Negeri 1 Sukamaju"), 5: ("PKM-2", "UPTD Puskesmas Mekar"),
             6: ("UPT-AIR", "UPT Pengelolaan Air")}
    for unit_id, (code, name) in extra.items():
        rows["unit"][unit_id] = {"id": unit_id, "code": code, "name": name, "kind": "upt",
                                 "parent_id": 1, "active": 1}
    upgraded(tmp_path, rows)
    with db.connection_context():
        facility = dict(db.execute_sql("SELECT code, facility FROM unit").fetchall())
    assert facility == {"DINKES": None, "PKM-SKM": None, "KEC-LAMA": None,
                        "SDN-1": "sekolah", "PKM-2": "puskesmas", "UPT-AIR": None}
