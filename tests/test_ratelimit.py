"""The database rate-limit storage: atomic counts that every worker shares, windows that end."""
import threading

from portal.db import db
from portal.models import RateLimitCounter
from portal.ratelimit import DatabaseStorage


def test_counts_add_up_and_a_window_starts_again_after_it_ends(app):
    storage = DatabaseStorage("database://")
    with app.app_context():
        assert [storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
        assert storage.get("k") == 3 and storage.get("other") == 0
        assert storage.get_expiry("k") > 0
        with db.connection_context():
            RateLimitCounter.update(expires_at=1.0).execute()  # the window is over
        assert storage.get("k") == 0
        assert storage.incr("k", 60, amount=2) == 2
        storage.clear("k")
        assert storage.get("k") == 0
        assert storage.check()


def test_simultaneous_hits_are_all_counted(app):
    storage = DatabaseStorage("database://")
    barrier = threading.Barrier(8)
    seen = []

    def hit():
        with app.app_context():
            barrier.wait(timeout=30)
            for _ in range(5):
                seen.append(storage.incr("burst", 60))
            db.close()

    threads = [threading.Thread(target=hit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(seen) == list(range(1, 41))  # each hit saw its own number
