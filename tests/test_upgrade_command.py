"""``scripts/upgrade.sh`` (and ``flask --app wsgi upgrade`` inside it) on an office's
database from an earlier release (tests/fixtures/upgrade-0004.db), then the roll-back
it prints, run as printed: the database is the fixture again, row for row, and the
uploaded files are those before the upgrade. A backup that cannot be written stops
the upgrade before anything changes.

The script runs without root and systemd (``LENTERA_RENDER_ONLY=1``: the restart is
skipped with a message) and without reinstalling the lock into the shared test
environment (``LENTERA_SKIP_LOCK=1``).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys

from playhouse.migrations import Runner

from bench.load import ROOT
from portal.db import MIGRATIONS, connect
from tests.conftest import TEST_DATABASE
from tests.fixtures.make_upgrade_db import LAST_MIGRATION
from tests.test_upgrade import FIXTURE, copy_into_postgres, fixture_rows, normal

SCRIPT = os.path.join(ROOT, "scripts", "upgrade.sh")


def office(tmp_path):
    """An instance folder holding the fixture's database (or its PostgreSQL copy) and a photo."""
    instance = tmp_path / "instance"
    (instance / "uploads" / "complaints").mkdir(parents=True)
    (instance / "uploads" / "complaints" / "foto.jpg").write_bytes(b"\xff\xd8photo\xff\xd9")
    if TEST_DATABASE == "sqlite":
        shutil.copy(FIXTURE, instance / "portal.db")
        url = "sqlite:///" + str(instance / "portal.db")
    else:
        url = copy_into_postgres(fixture_rows())
    return instance, url


def run_upgrade(instance, url):
    env = dict(os.environ, LENTERA_RENDER_ONLY="1", LENTERA_SKIP_LOCK="1", LENTERA_CODE=ROOT,
               LENTERA_VENV=os.path.dirname(os.path.dirname(sys.executable)),
               LENTERA_INSTANCE=str(instance), DATABASE_URL=url)
    return subprocess.run(["bash", SCRIPT], env=env, capture_output=True, text=True, timeout=300)


def applied(url):
    database = connect(url)
    try:
        return [m.name for m in Runner(database, MIGRATIONS).status() if m.applied]
    finally:
        database.close()


def rows_of(url, tables):
    database = connect(url)
    try:
        found = {}
        for table in tables:
            cursor = database.execute_sql(f'SELECT * FROM "{table}" ORDER BY id')
            columns = [c[0] for c in cursor.description]
            found[table] = {r[columns.index("id")]: {c: normal(v) for c, v in zip(columns, r)}
                            for r in cursor.fetchall()}
        return found, set(database.get_tables())
    finally:
        database.close()


def test_upgrade_then_roll_back_to_the_backup_it_printed(tmp_path):
    instance, url = office(tmp_path)
    before = {t: {i: {c: normal(v) for c, v in row.items()} for i, row in rows.items()}
              for t, rows in fixture_rows().items()}
    before_tables = rows_of(url, before)[1]

    done = run_upgrade(instance, url)
    assert done.returncode == 0, done.stdout + done.stderr
    names = sorted(f[:-3] for f in os.listdir(MIGRATIONS) if f[:4].isdigit() and f.endswith(".py"))
    assert applied(url) == names  # every later migration
    assert "1/4 backup" in done.stdout and "no systemd" in done.stdout
    command = re.findall(r"(flask --app wsgi restore \S+)$", done.stdout, re.M)[-1]
    backup = command.split()[-1]
    assert os.path.exists(backup) and backup.startswith(str(instance / "backups"))

    # after the upgrade the office goes on: a photo is replaced, one is added
    (instance / "uploads" / "complaints" / "foto.jpg").write_bytes(b"changed")
    (instance / "uploads" / "complaints" / "baru.jpg").write_bytes(b"new")

    # the roll-back, as printed
    env = dict(os.environ, PORTAL_INSTANCE_PATH=str(instance), DATABASE_URL=url)
    restore = subprocess.run([os.path.join(os.path.dirname(sys.executable), "flask"),
                              *shlex.split(command)[1:], "--yes"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=300)
    assert restore.returncode == 0, restore.stdout + restore.stderr
    assert applied(url)[-1] == LAST_MIGRATION
    after, tables = rows_of(url, before)
    assert tables == before_tables  # the newer releases' tables are gone again
    assert after == before
    assert sorted(os.listdir(instance / "uploads" / "complaints")) == ["foto.jpg"]
    assert (instance / "uploads" / "complaints" / "foto.jpg").read_bytes() == b"\xff\xd8photo\xff\xd9"


def test_a_failed_backup_stops_the_upgrade_before_anything_changes(tmp_path):
    instance, url = office(tmp_path)
    (instance / "backups").write_text("a file where the backup folder should be")
    done = run_upgrade(instance, url)
    assert done.returncode != 0
    assert "The backup failed: nothing was upgraded." in done.stderr
    assert "2/4" not in done.stdout
    assert applied(url)[-1] == LAST_MIGRATION

    # flask upgrade on its own refuses the same way
    env = dict(os.environ, PORTAL_INSTANCE_PATH=str(instance), DATABASE_URL=url)
    alone = subprocess.run([os.path.join(os.path.dirname(sys.executable), "flask"), "--app",
                            "wsgi", "upgrade"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert alone.returncode != 0 and "Traceback" not in alone.stderr
    assert applied(url)[-1] == LAST_MIGRATION
