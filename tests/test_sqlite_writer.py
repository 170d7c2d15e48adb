"""SQLite's write lock: a transaction waits for it in short steps, up to the busy timeout,
and every other statement keeps SQLite's own busy handler. (These build their own
SQLite file, whatever engine the suite runs on.)"""
import threading
import time

import pytest
from peewee import OperationalError

from portal.db import connect


def database(tmp_path, busy_timeout_ms=10_000):
    db = connect("sqlite:///" + str(tmp_path / "lock.db"), busy_timeout_ms=busy_timeout_ms)
    db.execute_sql("CREATE TABLE IF NOT EXISTS t (n INTEGER)")
    return db


def hold_the_lock(tmp_path, seconds, started):
    other = database(tmp_path)
    with other.connection_context():
        with other.atomic():
            other.execute_sql("INSERT INTO t VALUES (1)")
            started.set()
            time.sleep(seconds)
    other.close_all()


def test_a_writer_waits_for_the_lock_and_then_writes(tmp_path):
    db = database(tmp_path)
    started = threading.Event()
    holder = threading.Thread(target=hold_the_lock, args=(tmp_path, 0.3, started))
    holder.start()
    started.wait(10)
    with db.connection_context():
        with db.atomic():
            db.execute_sql("INSERT INTO t VALUES (2)")
        assert [r[0] for r in db.execute_sql("SELECT n FROM t ORDER BY n")] == [1, 2]
        # SQLite's own wait is back for every other statement
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 10_000
    holder.join()
    db.close_all()


def test_past_the_busy_timeout_the_writer_gives_up(tmp_path):
    db = database(tmp_path, busy_timeout_ms=200)
    started = threading.Event()
    holder = threading.Thread(target=hold_the_lock, args=(tmp_path, 1.5, started))
    holder.start()
    started.wait(10)
    with db.connection_context():
        with pytest.raises(OperationalError, match="locked|busy"):
            with db.atomic():
                db.execute_sql("INSERT INTO t VALUES (2)")
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 200
    holder.join()
    with db.connection_context():
        assert [r[0] for r in db.execute_sql("SELECT n FROM t")] == [1]
    db.close_all()
