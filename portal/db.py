"""The database: one peewee proxy, a connection per request, migrations.

``DATABASE_URL`` picks the engine through ``playhouse.db_url``: SQLite by
default (WAL, foreign keys, a busy timeout), PostgreSQL when an office runs
several workers against one server. The schema is built and upgraded only by
the numbered scripts in ``portal/migrations`` (``flask --app wsgi init-db``).
"""
import os
import select
import time

import click
from flask import request
from flask.cli import with_appcontext
from flask_babel import gettext as _
from peewee import DatabaseProxy, OperationalError, SqliteDatabase
from playhouse import db_url
from playhouse.migrations import Runner
from playhouse.pool import PooledDatabase, PooledPostgresqlDatabase, PooledSqliteDatabase

db = DatabaseProxy()

# Endpoints served without opening a connection before the request.
NO_CONNECTION_ENDPOINTS = {"static", "healthz"}

MIGRATIONS = os.path.join(os.path.dirname(__file__), "migrations")


# Connections are pooled per worker process: opening one per request costs a
# PostgreSQL backend (a fork on the server) or, on SQLite, a checkpoint of the
# write-ahead log each time the last connection closes. A request takes one from
# the pool in before_request and gives it back in teardown_request.
POOL_MAX_CONNECTIONS = 32       # per worker process (each of its threads)
POOL_WAIT_SECONDS = 10          # a request waits this long for a free connection
POOL_STALE_SECONDS = 300        # PostgreSQL connections are renewed after five minutes


class PostgresqlCheckedPool(PooledPostgresqlDatabase):
    """A PostgreSQL pool that never hands out a connection the server has closed.

    An idle connection has nothing to read; when the server restarts or ends the
    session it sends a notice and closes the socket, which makes it readable.
    Such a connection is discarded at check-out instead of failing the request
    (and every pooled connection after a restart would otherwise fail once).
    This look at the socket replaces peewee's own check, a ``SELECT 1`` round trip
    on every check-out (one per request); a transaction left open is rolled back.
    """

    def _is_closed(self, conn):
        adapter = self._adapter
        if conn.closed:
            return True
        status = adapter.txn_status(conn)  # the driver's own flag, no round trip
        if status == adapter.txn_unknown:
            return True
        try:
            if status != adapter.txn_idle:
                adapter.rollback(conn)
            readable, _w, _x = select.select([conn.fileno()], [], [], 0)
        except Exception:  # a closed or broken connection object: discard it
            return True
        return bool(readable)


class SqliteWriterPool(PooledSqliteDatabase):
    """The pooled SQLite database, waiting for the write lock in short steps.

    A write transaction begins with ``BEGIN IMMEDIATE``. When another worker holds the
    lock, SQLite's own busy handler sleeps 1, 2, 5, 10 … ms between tries, while a
    transaction here holds the lock for well under a millisecond: the worker would sit
    idle most of that sleep. ``begin`` therefore tries without SQLite's wait and
    retries every 0.2 ms itself, up to the same busy timeout; every other statement
    keeps SQLite's handler.
    """

    RETRY_SECONDS = 0.0002

    def __init__(self, *args, busy_timeout_ms=10_000, **kwargs):
        super().__init__(*args, **kwargs)
        self.busy_timeout_ms = busy_timeout_ms

    def begin(self, lock_type=None):
        conn = self.connection()
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            deadline = None
            while True:
                try:
                    return super().begin(lock_type)
                except OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    now = time.monotonic()
                    deadline = deadline or now + self.busy_timeout_ms / 1000
                    if now >= deadline:
                        raise
                    time.sleep(self.RETRY_SECONDS)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")


def connect(url, busy_timeout_ms=10_000):
    """Open (lazily) the database named by ``url``, tuned for its engine."""
    scheme = url.split(":", 1)[0]
    pool = {"max_connections": POOL_MAX_CONNECTIONS, "timeout": POOL_WAIT_SECONDS}
    if scheme == "sqlite":
        return SqliteWriterPool(
            **db_url.parse(url),
            busy_timeout_ms=busy_timeout_ms,
            pragmas={
                "journal_mode": "wal",
                "foreign_keys": 1,
                "busy_timeout": busy_timeout_ms,
                "synchronous": "normal",
                "cache_size": -16_000,
            },
            check_same_thread=False,  # pooled: a connection may serve another thread later
            # Transactions take the write lock when they begin. A deferred one that reads
            # first and writes later fails at once with "database is locked" when another
            # connection wrote in between (the busy timeout cannot help it).
            lock_type="IMMEDIATE",
            **pool,
        )
    if scheme in ("postgres", "postgresql"):
        return PostgresqlCheckedPool(autoconnect=True, stale_timeout=POOL_STALE_SECONDS,
                                               **pool, **db_url.parse(url))
    return db_url.connect(url, autoconnect=True)


def init_app(app):
    if isinstance(db.obj, PooledDatabase):
        db.obj.close_idle()  # a new app (tests) replaces the previous pool
    db.initialize(connect(app.config["DATABASE_URL"], app.config["SQLITE_BUSY_TIMEOUT_MS"]))

    @app.before_request
    def _open():
        if request.endpoint in NO_CONNECTION_ENDPOINTS:
            return  # static files need none; /healthz opens its own and reports failure
        db.connect(reuse_if_open=True)

    @app.teardown_request
    def _close(exc):
        if not db.is_closed():
            db.close()

    app.cli.add_command(init_db_command)


def is_sqlite():
    return isinstance(db.obj, SqliteDatabase)


def migrate():
    """Apply pending migrations; return the names applied (empty when current)."""
    with db.connection_context():
        return Runner(db.obj, MIGRATIONS).up()


def migration_status():
    with db.connection_context():
        return Runner(db.obj, MIGRATIONS).status()


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create the database or upgrade it to the latest schema (safe to repeat)."""
    applied = migrate()
    if applied:
        click.echo(_("Migrations applied: %(names)s", names=", ".join(applied)))
    else:
        click.echo(_("The database is up to date."))
