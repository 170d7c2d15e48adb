"""A rate-limit storage in the portal's own database (``RATELIMIT_STORAGE_URI = "database://"``).

Flask-Limiter's default ``memory://`` storage counts per process: with two
server workers an address gets twice its allowance, and on two machines
four times. This storage keeps the fixed-window counters in one table of the
portal's database (SQLite or PostgreSQL), so every worker counts together;
each hit is one atomic upsert. Expired windows are swept now and then.

The upsert returns the window's count and end together; within the same
request the response headers (``X-RateLimit-Remaining``, ``-Reset``,
``Retry-After``) are answered from those instead of two more reads.
"""
import contextlib
import random
import time

from flask import g, has_request_context
from limits.storage import Storage
from peewee import Case, DatabaseError

from portal.db import db, is_sqlite
from portal.models.ratelimit import RateLimitCounter
from portal.prepared import Statement, slot

SWEEP_EVERY = 200  # on average, one hit in this many deletes the expired windows


def _hit():
    """One hit: a new window, or one more in the current one (a new one once it has ended)."""
    expired = RateLimitCounter.expires_at <= slot("now")
    return (RateLimitCounter
            .insert(key=slot("key"), count=slot("amount"), expires_at=slot("ends"))
            .on_conflict(
                conflict_target=[RateLimitCounter.key],
                update={
                    RateLimitCounter.count: Case(
                        None, [(expired, slot("amount"))], RateLimitCounter.count + slot("amount")),
                    RateLimitCounter.expires_at: Case(
                        None, [(expired, slot("ends"))], RateLimitCounter.expires_at),
                })
            .returning(RateLimitCounter.count, RateLimitCounter.expires_at))


_HIT = Statement(_hit)


class DatabaseStorage(Storage):
    STORAGE_SCHEME = ["database"]

    def __init__(self, uri=None, wrap_exceptions=False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return DatabaseError

    def incr(self, key, expiry, amount=1):
        now = time.time()
        sweep = random.randrange(SWEEP_EVERY) == 0
        with _connected(), _transaction(sweep):
            if sweep:
                RateLimitCounter.delete().where(RateLimitCounter.expires_at <= now).execute()
            row = _HIT.first(key=key, amount=amount, now=now, ends=now + expiry)
        _seen()[key] = row
        return row[0]

    def _window(self, key):
        """(count, end) of ``key``'s window: as this request's own hit left it, else read."""
        seen = _seen().get(key)
        if seen is not None:
            return seen
        with _connected():
            return (RateLimitCounter.select(RateLimitCounter.count, RateLimitCounter.expires_at)
                    .where(RateLimitCounter.key == key).tuples().first())

    def get(self, key):
        row = self._window(key)
        return row[0] if row is not None and row[1] > time.time() else 0

    def get_expiry(self, key):
        row = self._window(key)
        return row[1] if row is not None else time.time()

    def check(self):
        try:
            with _connected():
                db.execute_sql("SELECT 1")
            return True
        except DatabaseError:
            return False

    def reset(self):
        _seen().clear()
        with _connected():
            return RateLimitCounter.delete().execute()

    def clear(self, key):
        _seen().pop(key, None)
        with _connected():
            RateLimitCounter.delete().where(RateLimitCounter.key == key).execute()


def _seen():
    """key → (count, end) this request's hits returned; outside a request, nothing is kept."""
    if not has_request_context():
        return {}
    if "_ratelimit_seen" not in g:
        g._ratelimit_seen = {}
    return g._ratelimit_seen


def _transaction(sweep):
    """Around a hit: on PostgreSQL the upsert alone is atomic (no BEGIN and COMMIT round
    trips); SQLite takes the write lock first (``BEGIN IMMEDIATE``), since a write that
    starts as a read can fail once another worker has committed in between."""
    if sweep or is_sqlite():
        return db.atomic()
    return contextlib.nullcontext()


@contextlib.contextmanager
def _connected():
    """The request's connection: opened here when the limiter runs first, left open for the
    view, and closed with the request like every other (``portal.db``)."""
    db.connect(reuse_if_open=True)
    yield
