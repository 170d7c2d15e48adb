"""A short version of bench/load.py: browser-like clients against the production
server, on the engine under test. No timing is asserted: only that nothing fails and that
everything the portal acknowledged is in the database with what was sent."""
from bench.load import run_threads
from tests.served import Database, served


def test_short_load_loses_nothing(app, database_url, survey):
    database = Database(database_url)
    targets = database.targets()
    assert targets["services"], "the survey fixture gives the clients services to answer"
    with served(app, database_url, workers=2) as server:
        result = run_threads(server.base_url, targets, clients=8, seconds=5)
    assert result.server_errors == 0, result.failures
    assert result.broken_connections == 0, result.failures
    assert result.failures == []
    assert result.complaints and result.answers
    found, missing = database.verify(result)
    assert missing == []
    assert found == result.acknowledged
    assert database.integrity() == []
    # half the complaints gave an address: their receipt mails were checked as well, and
    # one lost mail is reported
    tracking_id, title, text, email = next(c for c in result.complaints if c[3])
    database.query('DELETE FROM outbox WHERE "to" = ?', (email,))
    found, missing = database.verify(result)
    assert missing == [f"complaint {tracking_id}: {(title, text, email)!r}, no receipt mail"]
