"""Migrations, engine settings, backup and restore."""
import re
import shlex
import sqlite3
import subprocess
import time

import pytest

from portal import create_app
from portal.db import db, is_sqlite, migrate, migration_status
from portal.models import MODELS, Unit


@pytest.fixture
def empty_app(fresh_database_url, tmp_path):
    return create_app({"TESTING": True, "DATABASE_URL": fresh_database_url(),
                       "INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "x"})


def test_migrations_build_an_empty_database_and_rerun_as_a_no_op(empty_app):
    applied = migrate()
    assert applied[0] == "0001_initial"
    with db.connection_context():
        for model in MODELS:
            assert model.table_exists(), model
        Unit.create(code="DINKES", name="Dinas Kesehatan", kind="dinas")
    assert migrate() == []
    assert all(m.applied for m in migration_status())
    with db.connection_context():
        assert Unit.select().count() == 1  # re-running kept the data


def test_init_db_command_is_idempotent(empty_app):
    runner = empty_app.test_cli_runner()
    first = runner.invoke(args=["init-db"])
    assert first.exit_code == 0, first.output
    assert "0001_initial" in first.output
    second = runner.invoke(args=["init-db"])
    assert second.exit_code == 0
    assert "mutakhir" in second.output  # "Basis data sudah mutakhir." (Indonesian default)


def test_engine_settings(app):
    with db.connection_context():
        if not is_sqlite():  # PostgreSQL: text is stored as UTF-8 whatever the server's locale
            assert db.execute_sql("SHOW server_encoding").fetchone()[0] == "UTF8"
            return
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_foreign_keys_are_enforced(app, org):
    from peewee import IntegrityError
    with db.connection_context():
        with pytest.raises(IntegrityError):
            with db.atomic():
                org["dinas"].delete_instance()  # employees still belong to it
        assert Unit.get_by_id(org["dinas"].id)


def test_backup_writes_a_consistent_copy_and_restore_brings_it_back(app, runner, org, tmp_path):
    if not is_sqlite():
        result = runner.invoke(args=["backup"])
        assert result.exit_code == 0, result.output
        assert ".dump" in result.output
        return
    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    backups = list((tmp_path / "instance" / "backups").glob("portal-*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT count(*) FROM employee").fetchone()[0] == 3
    copy.close()

    with db.connection_context():
        Unit.create(code="NEW", name="Unit Baru", kind="badan")
    result = runner.invoke(args=["restore", str(backups[0]), "--yes"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        assert not Unit.select().where(Unit.code == "NEW").exists()
        assert Unit.select().count() == 2


def test_restore_refuses_a_file_that_is_not_a_database(app, runner, tmp_path):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite" * 100)
    result = runner.invoke(args=["restore", str(bogus), "--yes"])
    assert result.exit_code != 0
    if is_sqlite():
        assert "SQLite" in result.output
    else:  # PostgreSQL is restored with its own tool
        assert "pg_restore" in result.output


def table_dump(database):
    """Every row of every table (schema_migration included), sorted, engine-neutral."""
    dump = {}
    for table in database.get_tables():
        rows = database.execute_sql(f'SELECT * FROM "{table}"').fetchall()
        dump[table] = sorted((tuple(str(v) for v in row) for row in rows))
    return dump


def test_backup_and_restore_give_back_every_row_of_every_table(app, runner, tmp_path):
    """The demo kabupaten (every area's tables filled), backed up, then damaged and
    restored (SQLite: the restore command; PostgreSQL: the pg_restore command the backup
    prints, over the damaged database): the result equals the source row for row."""
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "3"])
    assert result.exit_code == 0, result.output
    with db.connection_context():
        source = table_dump(db)
    filled = [t for t, rows in source.items() if rows]
    assert len(filled) >= 0.8 * len(source), sorted(set(source) - set(filled))

    result = runner.invoke(args=["backup"])
    assert result.exit_code == 0, result.output
    if is_sqlite():
        backup = next((tmp_path / "instance" / "backups").glob("portal-*.db"))
        with db.connection_context():
            db.execute_sql("PRAGMA foreign_keys = OFF")
            for table in filled[:5]:
                db.execute_sql(f'DELETE FROM "{table}"')
            Unit.create(code="BARU", name="Unit Baru", kind="badan")
        result = runner.invoke(args=["restore", str(backup), "--yes"])
        assert result.exit_code == 0, result.output
        with db.connection_context():
            restored = table_dump(db)
    else:
        # the command the backup printed, run as printed, over the damaged database
        command = shlex.split(re.search(r"pg_restore .*", result.output).group(0))
        with db.connection_context():
            for table in filled[:5]:
                db.execute_sql(f'TRUNCATE "{table}" CASCADE')
            Unit.create(code="BARU", name="Unit Baru", kind="badan")
        db.close_all()  # the pool's idle connections would wait on the restore's locks
        subprocess.run(command, check=True)
        with db.connection_context():
            restored = table_dump(db)
    assert restored.keys() == source.keys()
    for table in source:
        assert restored[table] == source[table], table


@pytest.mark.postgresql
def test_a_pooled_connection_the_server_ended_is_replaced_without_a_failed_request(app, client):
    """PostgreSQL: a backend ended while its connection sat in the pool (a restart, an
    administrator, an idle timeout) is noticed at check-out by looking at the socket, so the
    next request gets a fresh connection; a live one is handed out again as it is."""
    assert not is_sqlite()
    assert client.get("/").status_code == 200
    with db.connection_context():
        first = db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with db.connection_context():
        assert db.execute_sql("SELECT pg_backend_pid()").fetchone()[0] == first  # reused

    import psycopg2  # PostgreSQL runs only
    other = psycopg2.connect(app.config["DATABASE_URL"])
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", (first,))
    other.close()

    time.sleep(0.2)  # the server's notice and close reach the socket
    assert client.get("/").status_code == 200
    with db.connection_context():
        assert db.execute_sql("SELECT pg_backend_pid()").fetchone()[0] != first
