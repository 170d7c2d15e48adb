"""A rate-limit storage in the portal's own database (``RATELIMIT_STORAGE_URI = "database://"``).

Flask-Limiter's default ``memory://`` storage counts per process: with two
gunicorn workers an address gets twice its allowance, and on two machines
four times. This storage keeps the fixed-window counters in one table of the
portal's database (SQLite or PostgreSQL), so every worker counts together;
each hit is one atomic upsert. Expired windows are swept now and then.
"""
import contextlib
import random
import time

from limits.storage import Storage
from peewee import Case, DatabaseError

from portal.db import db
from portal.models.ratelimit import RateLimitCounter

SWEEP_EVERY = 200  # on average, one hit in this many deletes the expired windows


class DatabaseStorage(Storage):
    STORAGE_SCHEME = ["database"]

    def __init__(self, uri=None, wrap_exceptions=False, **options):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return DatabaseError

    def incr(self, key, expiry, amount=1):
        now = time.time()
        expired = RateLimitCounter.expires_at <= now
        with _connected(), db.atomic():
            if random.randrange(SWEEP_EVERY) == 0:
                RateLimitCounter.delete().where(expired).execute()
            query = (RateLimitCounter
                     .insert(key=key, count=amount, expires_at=now + expiry)
                     .on_conflict(
                         conflict_target=[RateLimitCounter.key],
                         update={
                             RateLimitCounter.count: Case(
                                 None, [(expired, amount)], RateLimitCounter.count + amount),
                             RateLimitCounter.expires_at: Case(
                                 None, [(expired, now + expiry)], RateLimitCounter.expires_at),
                         })
                     .returning(RateLimitCounter.count))
            return list(query.execute())[0].count

    def _count(self, key, now):
        row = RateLimitCounter.get_or_none(RateLimitCounter.key == key)
        return row.count if row is not None and row.expires_at > now else 0

    def get(self, key):
        with _connected():
            return self._count(key, time.time())

    def get_expiry(self, key):
        with _connected():
            row = RateLimitCounter.get_or_none(RateLimitCounter.key == key)
        return row.expires_at if row is not None else time.time()

    def check(self):
        try:
            with _connected():
                db.execute_sql("SELECT 1")
            return True
        except DatabaseError:
            return False

    def reset(self):
        with _connected():
            return RateLimitCounter.delete().execute()

    def clear(self, key):
        with _connected():
            RateLimitCounter.delete().where(RateLimitCounter.key == key).execute()


@contextlib.contextmanager
def _connected():
    """The request's connection: opened here when the limiter runs first, left open for the
    view, and closed with the request like every other (``portal.db``)."""
    db.connect(reuse_if_open=True)
    yield
