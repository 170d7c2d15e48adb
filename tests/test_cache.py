"""The shared cache of public numbers and pages (portal.cache): new answers and
complaints show within its bound, one worker refreshes while the others serve
the kept value, visitors get their own CSRF token, signed-in users bypass it,
and the benchmark runs on small data (correctness only, no timing)."""
import datetime
import os
import re
import subprocess
import sys

import pytest

from portal import cache, stats
from portal.db import db
from portal.models import CacheEntry, Service, SurveyResponse
from portal.models.base import utcnow
from tests.complaint_helpers import make_complaint
from tests.conftest import csrf_token
from tests.served import wait_for

YEAR = datetime.date.today().year
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def cached_app(app, org):
    """The app with the cache on (the suite runs with it off) and one survey service."""
    app.config["PUBLIC_CACHE_SECONDS"] = 30
    app.config["PUBLIC_CACHE_BACKGROUND"] = False  # refresh within the request: see below
    app.config["PUBLIC_CACHE_WARM_SECONDS"] = 0  # nothing refreshed ahead unless a test says so
    with db.connection_context():
        Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
    return app


def answer(unit):
    with db.connection_context():
        service = Service.get(Service.unit == unit)
        SurveyResponse.create(unit=unit, service=service, **{f"u{i}": 4 for i in range(1, 10)})


def report(client):
    response = client.get("/api/v1/units/DINKES/report")
    assert response.status_code == 200
    return response.get_json()


def responses_on_page(client):
    html = client.get("/unit/DINKES").get_data(as_text=True)
    return int(re.search(r'<dd class="responses">([\d.,]+)</dd>', html).group(1).replace(".", ""))


def age_entries(app, seconds, lock_until=None):
    """Move every entry's data ``seconds`` into the past (what waiting would do)."""
    with app.app_context():
        cache.local_copies().clear()  # this worker's copies age with them
    with db.connection_context():
        for entry in CacheEntry.select():
            CacheEntry.update(computed_at=entry.computed_at - datetime.timedelta(seconds=seconds),
                              lock_until=lock_until).where(CacheEntry.key == entry.key).execute()


def forget_pages(app):
    """Drop the kept pages (and API answers), keeping the numbers: what the pages'
    own, shorter bound does after a few seconds."""
    with app.app_context():
        for key in [k for k in cache.local_copies() if k.startswith("page:")]:
            del cache.local_copies()[key]
    with db.connection_context():
        CacheEntry.delete().where(CacheEntry.key.startswith("page:")).execute()


def test_every_public_stats_function_goes_through_the_cache(app):
    public = [name for name, value in vars(stats).items()
              if callable(value) and getattr(value, "__module__", "") == "portal.stats"
              and not name.startswith("_")]
    assert "ikm_for" in public and "complaint_summary" in public
    for name in public:
        wrapped = getattr(getattr(stats, name), "__wrapped_by_cache__", False)
        assert wrapped == (name not in cache.LIVE), name


def test_new_answer_and_complaint_show_once_the_kept_numbers_expire(cached_app, client, org):
    answer(org["dinas"])
    make_complaint(cached_app, unit=org["dinas"].id)
    assert report(client)["ikm"]["responses"] == 1
    assert report(client)["complaints"]["received"] == 1
    assert responses_on_page(client) == 1

    answer(org["dinas"])
    make_complaint(cached_app, unit=org["dinas"].id)
    # within the bound the kept numbers may still be served ...
    assert report(client)["ikm"]["responses"] == 1
    assert responses_on_page(client) == 1
    # ... and once it has passed, the new answer and complaint are counted
    age_entries(cached_app, 30)
    numbers = report(client)
    assert numbers["ikm"]["responses"] == 2
    assert numbers["complaints"]["received"] == 2
    assert responses_on_page(client) == 2


def test_numbers_and_pages_share_the_bound(cached_app):
    with cached_app.app_context():
        numbers, pages = cache.bounds()
    assert numbers + pages == 30


def test_expired_numbers_are_refreshed_in_the_background(cached_app, client, org):
    cached_app.config["PUBLIC_CACHE_BACKGROUND"] = True
    assert report(client)["ikm"]["responses"] == 0
    answer(org["dinas"])
    age_entries(cached_app, 30)
    assert report(client)["ikm"]["responses"] == 0  # the kept numbers at once, while ...
    cache.wait_for_refreshes()  # ... this worker's thread recomputes them
    forget_pages(cached_app)  # the answer rendered meanwhile holds the old numbers
    assert report(client)["ikm"]["responses"] == 1
    assert responses_on_page(client) == 1
    with db.connection_context():
        assert not CacheEntry.select().where(CacheEntry.lock_until.is_null(False)).exists()


def test_with_a_one_second_bound_a_new_answer_shows_a_second_later(cached_app, client, org):
    """Once its one second is up, the kept number gives way to the new answer: the report
    is asked again until it shows it, for at most half of the usual 30-second bound (a
    bound of one second that was not applied would keep the old number past that)."""
    cached_app.config["PUBLIC_CACHE_SECONDS"] = 1
    assert report(client)["ikm"]["responses"] == 0
    answer(org["dinas"])
    assert wait_for(lambda: report(client)["ikm"]["responses"] == 1, timeout=15, interval=0.5), \
        "the new answer did not show within 15 s although the cache bound is one second"
    assert responses_on_page(client) == 1


def test_while_one_worker_refreshes_the_others_serve_the_kept_value(cached_app, client, org):
    assert report(client)["ikm"]["responses"] == 0
    answer(org["dinas"])
    # expired, but another worker has claimed the refresh
    age_entries(cached_app, 30, lock_until=utcnow() + datetime.timedelta(seconds=30))
    assert report(client)["ikm"]["responses"] == 0
    # that worker died: its claim runs out and this one refreshes
    age_entries(cached_app, 0, lock_until=utcnow() - datetime.timedelta(seconds=1))
    assert report(client)["ikm"]["responses"] == 1
    with db.connection_context():
        assert not CacheEntry.select().where(CacheEntry.lock_until.is_null(False)).exists()


def test_a_kept_page_carries_each_visitors_own_csrf_token(cached_app, org):
    first, second = cached_app.test_client(), cached_app.test_client()
    first.get("/unit/DINKES")
    html = second.get("/unit/DINKES").get_data(as_text=True)
    assert "csrf-token" not in html
    response = second.post("/language/en", data={"csrf_token": csrf_token(html),
                                                 "next": "/unit/DINKES"})
    assert response.status_code == 302
    english = second.get("/unit/DINKES").get_data(as_text=True)
    assert '<html lang="en">' in english


def test_signed_in_users_and_searches_bypass_the_page_cache(cached_app, client, auth, users):
    client.get("/")
    auth.login("admin")
    html = client.get("/").get_data(as_text=True)
    assert "Sign out" in html or "Keluar" in html
    with db.connection_context():
        keys = [e.key for e in CacheEntry.select(CacheEntry.key)]
    assert [k for k in keys if k.startswith("page:")] == ["page:id:/?()"]
    assert client.get("/?q=kesehatan").status_code == 200
    with db.connection_context():
        assert not CacheEntry.select().where(CacheEntry.key.contains("q=")).exists()


def test_the_bench_route_is_off_by_default(client):
    assert client.get("/_bench/memory?path=/").status_code == 404


def test_bench_script_on_small_data(app, runner, database_url, tmp_path):
    """bench/report_card.py against small demo data: every answer 200 and non-empty, the
    memory route answers the page's bytes, the ratios are printed (no timing asserted)."""
    result = runner.invoke(args=["demo-data", "--password", "demo-sandi-123", "--seed", "3",
                                 "--survey-responses", "500"])
    assert result.exit_code == 0, result.output
    env = dict(os.environ, DATABASE_URL=database_url,
               PORTAL_INSTANCE_PATH=str(tmp_path / "bench-instance"))
    out = tmp_path / "row.md"
    done = subprocess.run(
        [sys.executable, "bench/report_card.py", "--label", "test", "--rounds", "1",
         "--seconds", "0.5", "--concurrency", "2", "--markdown", str(out),
         "--json", str(tmp_path / "bench.json")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PROBLEM" not in done.stderr
    assert "ratio vs memory: home " in done.stdout
    for route in ("home", "unit", "api", "memory:home", "memory:unit", "memory:api"):
        assert re.search(rf"^{re.escape(route)}\s+\d", done.stdout, re.M), route
    assert out.read_text().startswith("| ")


def test_only_addresses_the_site_links_to_are_kept(cached_app, client, org):
    for path in ("/unit/DINKES", "/unit/dinkes", "/unit/DINKES?year=1999",
                 "/unit/DINKES?year=abc", "/unit/NOPE", f"/unit/DINKES?year={YEAR - 1}"):
        assert client.get(path).status_code in (200, 404)
    with db.connection_context():
        pages = sorted(e.key for e in CacheEntry.select(CacheEntry.key)
                       if e.key.startswith("page:"))
    assert pages == ["page:id:/unit/DINKES?()", f"page:id:/unit/DINKES?year={YEAR - 1}()"]


def test_numbers_older_than_the_limit_are_not_answered_even_while_refreshed(cached_app,
                                                                            client, org):
    cached_app.config["PUBLIC_CACHE_BACKGROUND"] = True
    assert report(client)["ikm"]["responses"] == 0
    answer(org["dinas"])
    age_entries(cached_app, 41)  # the site was idle: no refresh has started
    assert report(client)["ikm"]["responses"] == 1  # computed for this visitor
    assert responses_on_page(client) == 1
    # another worker has claimed them, but they are too old to answer meanwhile
    answer(org["dinas"])
    age_entries(cached_app, 41, lock_until=utcnow() + datetime.timedelta(seconds=30))
    assert report(client)["ikm"]["responses"] == 2
    cache.wait_for_refreshes()


def test_numbers_asked_for_lately_are_refreshed_before_they_expire(cached_app, client, org):
    """While a site is visited its numbers are recomputed by the background thread
    before they expire: a new answer reaches the kept numbers without any visitor
    computing them, and numbers nobody asks for any more are let go."""
    import pickle
    import time
    cached_app.config.update(PUBLIC_CACHE_SECONDS=3, PUBLIC_CACHE_BACKGROUND=True,
                             PUBLIC_CACHE_WARM_SECONDS=60)
    cache._paused_until[0] = 0.0  # no pause left by an earlier failure in this process

    def kept_responses():
        with db.connection_context():
            entry = CacheEntry.get_or_none(CacheEntry.key.startswith("stats.ikm_for("))
        return None if entry is None or entry.value is None else \
            pickle.loads(bytes(entry.value))["responses"]
    try:
        assert report(client)["ikm"]["responses"] == 0
        assert kept_responses() == 0
        answer(org["dinas"])
        deadline = time.monotonic() + 30
        while kept_responses() != 1 and time.monotonic() < deadline:
            time.sleep(0.2)  # no request meanwhile: only the background thread computes
        assert kept_responses() == 1
        while report(client)["ikm"]["responses"] != 1 and time.monotonic() < deadline:
            time.sleep(0.2)  # the report that holds it follows at the next look
        assert report(client)["ikm"]["responses"] == 1
        assert any(key.startswith("stats.ikm_for(") for key in cache._warm)
    finally:
        cached_app.config["PUBLIC_CACHE_WARM_SECONDS"] = 0
    deadline = time.monotonic() + 10
    while any(entry[0] is cached_app for entry in cache._warm.values()) \
            and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(entry[0] is cached_app for entry in cache._warm.values())


def test_api_answers_are_kept_like_pages(cached_app, client, org):
    """The open-data answers are kept as bytes too (same freshness), per address; an
    address the site does not offer (a year outside the selector) is answered, not kept."""
    first = client.get("/api/v1/units/DINKES/report")
    assert first.status_code == 200 and first.mimetype == "application/json"
    assert client.get("/api/v1/units/DINKES/report").get_data() == first.get_data()
    assert client.get("/api/v1/ikm").get_json()["year"] == YEAR
    assert client.get("/api/v1/ikm?year=2001").get_json()["year"] == 2001
    assert client.get("/api/v1/units/NOPE/report").status_code == 404
    with db.connection_context():
        pages = sorted(e.key for e in CacheEntry.select(CacheEntry.key)
                       if e.key.startswith("page:"))
    assert pages == ["page:id:/api/v1/ikm?()", "page:id:/api/v1/units/DINKES/report?()"]
