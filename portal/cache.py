"""The cache every public number and public page goes through.

Why: the public numbers are aggregates over raw rows (portal.stats). With a
million survey answers and 200,000 complaints one home page costs seconds of
database time; the portal must not slow down as its data grows.

How:

* **Where** — a table (``public_cache``) in the portal's own database. Every
  server worker (and every server, on PostgreSQL) shares it, it needs no
  extra service, and a backup or restore carries nothing stale for long.
* **What** — every public function of ``portal.stats`` says where it is
  defined whether its result is kept: ``@cached`` (keyed by function name and
  arguments, models by id) or ``@live`` (computed at every call); a test
  requires one of the two. ``@cached`` wraps any other function the same way. The home page and the unit report card are also kept as
  rendered bytes per address and language (:func:`cached_page`), for visitors
  who are not signed in; the CSRF token of the language switch is put back per
  visitor when a stored page is served.
* **How fresh** — of ``PUBLIC_CACHE_SECONDS`` (30 s, at most 60), a number
  is fresh for two thirds counted from the moment its rows were read, a page
  for one third counted from when it was rendered (from kept numbers). A new
  survey answer or complaint therefore shows within that many seconds plus one
  recomputation, and never later than a minute: an expired number is answered
  while it is recomputed only until it is 40 s old, a page until 20 s.
  ``0`` switches the cache off (the test suite).
* **Two tiers** — each worker keeps the entries it has read or computed in
  memory too (``local_copies()``) and serves them from there under the same
  bound, so a fresh page costs no database query.
* **Ahead of time** — a number asked for in the last
  ``PUBLIC_CACHE_WARM_SECONDS`` (10 minutes) is recomputed by the background
  thread a moment before it expires, so while the site is visited nobody finds
  it expired; after a quiet spell the first visitor computes it (the tallies
  and indexes behind portal.stats keep that short).
* **No stampede, no waiting** — when an entry has expired, the first worker to
  claim it (one ``UPDATE ... WHERE lock_until`` has passed) recomputes it; the
  others keep serving the previous value meanwhile. A number is recomputed in
  the claiming worker's background thread (``PUBLIC_CACHE_BACKGROUND``), so no
  visitor waits for an aggregate over a million rows once it has been
  computed; a page is re-rendered at once. A worker that dies while computing
  loses its claim after ``PUBLIC_CACHE_LOCK_SECONDS``; when nothing is kept
  yet, the other workers wait for the first one's result instead of
  computing it too.

Values are pickled into the portal's own database: whoever can write there can
already change every number, so this opens nothing new. A value that no
longer unpickles (after an upgrade) is recomputed. If the cache table cannot
be read or written (database busy, not yet migrated) the number is computed
directly: the cache only ever makes the portal faster, never wrong.
"""
import datetime
import functools
import hashlib
import logging
import os
import pickle
import queue
import threading
import time
from decimal import Decimal

from flask import current_app, g, has_app_context, make_response, request, session
from flask_login import current_user
from peewee import DatabaseError, Model

from portal.db import db
from portal.models import CacheEntry
from portal.models.base import utcnow

log = logging.getLogger(__name__)

# The names of portal.stats functions marked ``@live`` where they are defined (filled in
# as portal.stats is imported): every other public function there says ``@cached``.
LIVE = set()

CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
MAX_SECONDS = 60

# This worker's copies of fresh entries (per app, in app.extensions["public_cache"]):
# key → (encoded value, time its rows were read). A copy is served under the same
# bound as the table's, without asking the database.
LOCAL_MAX = 256


def local_copies():
    return current_app.extensions.setdefault("public_cache", {})


class Uncacheable(Exception):
    """The arguments (or the response) cannot be kept: compute it directly."""

    def __init__(self, value=None):
        super().__init__()
        self.value = value


def ttl():
    if not has_app_context():  # a stats function used on its own: no cache
        return 0
    seconds = current_app.config.get("PUBLIC_CACHE_SECONDS", 0) or 0
    return min(float(seconds), MAX_SECONDS)


# -- keys ------------------------------------------------------------------------------
def _part(value):
    if isinstance(value, Model):
        return f"{type(value).__name__}#{value.get_id()}"
    if value is None or isinstance(value, (bool, int, float, str, Decimal, datetime.date)):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return "[" + ",".join(_part(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{_part(k)}:{_part(v)}" for k, v in sorted(value.items())) + "}"
    raise Uncacheable()


def make_key(prefix, args=(), kwargs=None):
    text = prefix + "(" + ",".join(
        [_part(a) for a in args] + [f"{k}={_part(v)}" for k, v in sorted((kwargs or {}).items())]
    ) + ")"
    if len(text) > 255:
        text = text[:200] + "#" + hashlib.sha256(text.encode()).hexdigest()
    return text


# -- the store -------------------------------------------------------------------------
def _note(as_of):
    """Tell an enclosing computation (a page) how old the data it just used is."""
    frames = g.get("_cache_frames")
    if frames and as_of is not None:
        frames[-1] = min(frames[-1], as_of)


def _read(key):
    try:
        return (CacheEntry.select(CacheEntry.value, CacheEntry.computed_at)
                .where(CacheEntry.key == key).tuples().first())
    except DatabaseError:
        log.warning("public cache unreadable; computing %s directly", key, exc_info=True)
        _rollback()
        return False


def _rollback():
    """Leave the connection usable after a failed cache statement (PostgreSQL aborts
    the statement's transaction); a caller's own transaction is theirs to end."""
    try:
        if not db.in_transaction():
            db.rollback()
    except Exception:  # closed, or nothing to roll back
        pass


def _claim(key, now, exists):
    """True when this worker may compute ``key`` (nobody else is computing it)."""
    lock_seconds = current_app.config.get("PUBLIC_CACHE_LOCK_SECONDS", 120)
    try:
        if not exists:
            CacheEntry.insert(key=key).on_conflict_ignore().execute()
        claimed = (CacheEntry.update(lock_until=now + datetime.timedelta(seconds=lock_seconds))
                   .where(CacheEntry.key == key,
                          CacheEntry.lock_until.is_null() | (CacheEntry.lock_until < now))
                   .execute())
        return claimed == 1
    except DatabaseError:
        log.warning("public cache not writable; computing %s directly", key, exc_info=True)
        _rollback()
        return None


def _store(key, blob, as_of):
    try:
        (CacheEntry.update(value=blob, computed_at=as_of, lock_until=None)
         .where(CacheEntry.key == key).execute())
    except DatabaseError:
        log.warning("public cache not writable; %s not kept", key, exc_info=True)
        _rollback()


def _release(key):
    """Give up a claim (the computation failed, or was a 404): nothing new is kept."""
    try:
        CacheEntry.delete().where(CacheEntry.key == key, CacheEntry.value.is_null()).execute()
        CacheEntry.update(lock_until=None).where(CacheEntry.key == key).execute()
    except DatabaseError:
        _rollback()


def _compute(compute, page=False):
    """Run ``compute``; return its value and the time of the oldest data it used (for a
    page: the time it was rendered, its numbers having their own bound)."""
    frames = g.setdefault("_cache_frames", [])
    started = utcnow()
    frames.append(started)
    try:
        value = compute()
    finally:
        as_of = frames.pop()
    if page:
        return value, started
    _note(as_of)
    return value, as_of


def bounds():
    """(numbers, pages): how long each stays fresh. Together they make the setting."""
    seconds = ttl()
    return seconds * 2 / 3, seconds / 3


def get_or_compute(key, compute, encode=pickle.dumps, decode=pickle.loads, page=False):
    """The value kept under ``key``, computed by ``compute()`` when missing or expired.

    An expired number is refreshed in this worker's background thread (the kept value
    is answered meanwhile) unless ``PUBLIC_CACHE_BACKGROUND`` is off; a page is
    re-rendered at once (from kept numbers, it is quick).
    """
    if ttl() <= 0:
        return compute()
    seconds = bounds()[1 if page else 0]
    # an expired value may be answered while it is recomputed, but never so old that
    # a page could show numbers read more than MAX_SECONDS ago
    servable = MAX_SECONDS * (1 / 3 if page else 2 / 3)
    now = utcnow()
    if not page:
        _remember(key, compute, encode)
    local = local_copies().get(key)
    if local is not None and (now - local[1]).total_seconds() < seconds:
        page or _note(local[1])
        return decode(local[0])
    row = _read(key)
    if row is False:
        return compute()
    stale = None
    if row is not None and row[0] is not None:
        blob, as_of = row
        try:
            stale = decode(bytes(blob))
        except Exception:  # an old format: recompute
            log.info("public cache entry %s unreadable; recomputing", key)
            stale, as_of = None, None
        if stale is not None and (now - as_of).total_seconds() < seconds:
            _keep_local(key, blob, as_of)
            page or _note(as_of)
            return stale
        if stale is not None and (now - as_of).total_seconds() >= servable:
            stale = None  # too old to answer even while it is being recomputed
    claimed = _claim(key, now, exists=row is not None)
    if claimed is None:
        return compute()
    if not claimed:
        if stale is not None:  # another worker is refreshing it: serve what we have
            page or _note(as_of)
            return stale
        if row is not None and row[0] is not None:
            return compute()  # theirs is late and ours too old: compute it here as well
        # nothing kept yet and another worker is computing it: wait for theirs
        value = _wait_for(key, decode)
        return compute() if value is None else value
    if stale is not None and not page and _background():
        _schedule(key, compute, encode)
        _note(as_of)
        return stale
    return _compute_and_keep(key, compute, encode, page)


def _compute_and_keep(key, compute, encode, page=False):
    """Compute ``key`` (claimed by this worker), store it for every worker and keep a
    copy here; a failed computation gives up the claim."""
    try:
        value, as_of = _compute(compute, page)
    except BaseException:
        _release(key)
        raise
    blob = encode(value)
    _store(key, blob, as_of)
    _keep_local(key, blob, as_of)
    return value


def _wait_for(key, decode):
    """The value another worker is computing, once stored; None if it gives up."""
    while True:
        time.sleep(0.1)
        try:
            row = (CacheEntry.select(CacheEntry.value, CacheEntry.lock_until)
                   .where(CacheEntry.key == key).tuples().first())
        except DatabaseError:
            _rollback()
            return None
        if row is None:
            return None
        if row[0] is not None:
            return decode(bytes(row[0]))
        if row[1] is None or row[1] < utcnow():
            return None


# -- refreshing numbers off the request path -------------------------------------------
_refreshes = queue.Queue()
_refresher = {"thread": None, "pid": None}
_refresher_lock = threading.Lock()


def _background():
    return (current_app.config.get("PUBLIC_CACHE_BACKGROUND", True)
            and not g.get("_cache_in_background"))


def _start_refresher():
    with _refresher_lock:
        thread = _refresher["thread"]
        if thread is None or not thread.is_alive() or _refresher["pid"] != os.getpid():
            if _refresher["pid"] != os.getpid():
                _warm.clear()  # a forked worker starts with its own list
            thread = threading.Thread(target=_refresh_forever, name="public-cache",
                                      daemon=True)
            _refresher.update(thread=thread, pid=os.getpid())
            thread.start()


def _schedule(key, compute, encode):
    app = current_app._get_current_object()
    _start_refresher()
    _refreshes.put((app, key, compute, encode))


def _refresh_forever():
    while True:
        try:
            app, key, compute, encode = _refreshes.get(timeout=TICK)
        except queue.Empty:
            _refresh_ahead()
            continue
        try:
            with app.app_context(), db.connection_context():
                _refresh(key, compute, encode)
        except Exception:
            log.exception("refreshing %s failed", key)
        finally:
            _refreshes.task_done()
        _refresh_ahead()


def _refresh(key, compute, encode):
    """Compute ``key`` (claimed by this worker) and keep it; return the seconds it took."""
    g._cache_in_background = True  # what it uses is computed here, not queued
    started = time.monotonic()
    _compute_and_keep(key, compute, encode)
    return time.monotonic() - started


# -- keeping asked-for numbers fresh ahead of time ---------------------------------------
# A number asked for in the last PUBLIC_CACHE_WARM_SECONDS is recomputed by the
# background thread shortly before it expires, so while a site is being visited no
# visitor ever finds it expired and waits; one worker claims each refresh, as above,
# and the others read its result from the table. Per process:
# key → [app, compute, encode, when last asked (monotonic), seconds the last computation took]
_warm = {}
WARM_MAX = 512
TICK = 1.0  # how often the background thread looks for numbers about to expire
PAUSE_SECONDS = 30  # after a failure (the database down), before looking again
_paused_until = [0.0]


def _remember(key, compute, encode):
    app = current_app._get_current_object()
    if not app.config.get("PUBLIC_CACHE_WARM_SECONDS") or not _background():
        return
    entry = _warm.get(key)
    if entry is not None:
        entry[3] = time.monotonic()
        return
    if len(_warm) >= WARM_MAX:  # forget the one asked for longest ago
        oldest = min(list(_warm.items()), key=lambda item: item[1][3])[0]  # a copy: threads
        _warm.pop(oldest, None)
    _warm[key] = [app, compute, encode, time.monotonic(), 0.0]
    _start_refresher()


def _refresh_ahead():
    """Refresh every warm number that would expire before the next look, unless another
    worker has just done so; forget the ones nobody asked for lately."""
    if time.monotonic() < _paused_until[0]:
        return
    for key, entry in reversed(list(_warm.items())):  # the numbers a page or report uses first
        app, compute, encode, asked, took = entry
        warm_for = app.config.get("PUBLIC_CACHE_WARM_SECONDS") or 0
        if time.monotonic() - asked > warm_for or not app.config.get("PUBLIC_CACHE_SECONDS"):
            _warm.pop(key, None)
            continue
        try:
            with app.app_context():
                if _fresh_enough(local_copies().get(key), took):
                    continue
                with db.connection_context():
                    row = _read(key)
                    if row is False:  # the database is unreachable: try again later
                        _paused_until[0] = time.monotonic() + PAUSE_SECONDS
                        return
                    if row and row[0] is not None and _fresh_enough(row, took):
                        _keep_local(key, row[0], row[1])  # another worker refreshed it
                        continue
                    if _claim(key, utcnow(), exists=row is not None):
                        entry[4] = _refresh(key, compute, encode)
        except Exception:
            log.exception("refreshing %s ahead of time failed; pausing for %d s", key,
                          PAUSE_SECONDS)
            _paused_until[0] = time.monotonic() + PAUSE_SECONDS
            return


def _fresh_enough(kept, took):
    """Whether a kept (value, as_of) stays fresh until the next look and a recomputation."""
    if kept is None or kept[1] is None:
        return False
    age = (utcnow() - kept[1]).total_seconds()
    return age + took + 2 * TICK < bounds()[0]


def wait_for_refreshes():
    """Block until this process's queued refreshes are done (tests, the CLI)."""
    _refreshes.join()


def _keep_local(key, blob, as_of):
    copies = local_copies()
    if len(copies) >= LOCAL_MAX:
        copies.clear()
    copies[key] = (bytes(blob), as_of)


def clear():
    """Forget every entry (after a restore or a bulk import)."""
    CacheEntry.delete().execute()
    local_copies().clear()


# -- functions -------------------------------------------------------------------------
def cached(func, prefix=None):
    """Keep ``func``'s results in the shared cache, keyed by its module's last name, its
    own name and its arguments (``stats.ikm_for(…)``). A kept number is fresh for two
    thirds of ``PUBLIC_CACHE_SECONDS`` (see "How fresh" above)."""
    if getattr(func, "__wrapped_by_cache__", False):
        return func
    name = prefix or f"{func.__module__.rpartition('.')[2]}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if ttl() <= 0:
            return func(*args, **kwargs)
        try:
            key = make_key(name, args, kwargs)
        except Uncacheable:
            return func(*args, **kwargs)
        return get_or_compute(key, lambda: func(*args, **kwargs))

    wrapper.__wrapped_by_cache__ = True
    return wrapper


def live(func):
    """Say where a function is defined that its result is never kept: a pure helper, or a
    number someone acts on at once (an event's free seats)."""
    LIVE.add(func.__name__)
    return func


# -- pages -----------------------------------------------------------------------------
def _page_cacheable(allowed_args, canonical, kwargs):
    if ttl() <= 0 or request.method != "GET":
        return False
    if current_user.is_authenticated or "_flashes" in session:
        return False
    if not set(request.args) <= set(allowed_args):
        return False
    return canonical is None or canonical(**kwargs)


def _csrf_field():
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def cached_page(allowed_args=(), canonical=None, mimetype="text/html"):
    """Keep a public page's rendered bytes per address and language (anonymous visitors
    only; query parameters other than ``allowed_args`` bypass the cache).

    ``canonical(**view_args)`` says whether this address is one the site links to (a
    unit code in capitals, a year it offers): only those are kept, so the number of
    entries stays bounded whatever addresses are requested. ``mimetype`` is what the
    view answers (``application/json`` for the open-data API).
    """
    def decorator(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not _page_cacheable(allowed_args, canonical, kwargs):
                return view(*args, **kwargs)
            from portal.i18n import select_locale  # what get_locale() resolves, cheaper

            def render():
                response = make_response(view(*args, **kwargs))
                if response.status_code != 200 or response.mimetype != mimetype:
                    raise Uncacheable(response)
                body = response.get_data()
                token = g.get(_csrf_field())
                if token:
                    body = body.replace(token.encode(), CSRF_PLACEHOLDER)
                return body

            key = make_key(f"page:{select_locale()}:{request.full_path}")
            try:
                body = get_or_compute(key, render, encode=bytes, decode=bytes, page=True)
            except Uncacheable as exc:
                return exc.value
            return page_response(body, mimetype)
        return wrapper
    return decorator


def page_response(body, mimetype="text/html"):
    """A stored page with this visitor's CSRF token in its forms."""
    if CSRF_PLACEHOLDER in body:
        from flask_wtf.csrf import generate_csrf
        body = body.replace(CSRF_PLACEHOLDER, generate_csrf().encode())
    return current_app.response_class(body, mimetype=mimetype)


# -- the benchmark's reference route -----------------------------------------------------
def init_app(app):
    app.config.setdefault("PUBLIC_CACHE_SECONDS", 30)
    app.config.setdefault("PUBLIC_CACHE_LOCK_SECONDS", 120)
    app.config.setdefault("PUBLIC_CACHE_BACKGROUND", True)
    app.config.setdefault("PUBLIC_CACHE_WARM_SECONDS", 600)
    if app.config.get("BENCH_MEMORY_ROUTE"):
        register_memory_route(app)


def register_memory_route(app):
    """``/_bench/memory?path=/unit/X``: the bytes of a public page, fetched once per
    worker and then answered from memory. Only for bench/report_card.py, whose
    reference this is; on only when ``BENCH_MEMORY_ROUTE`` is set."""
    pages = {}

    @app.route("/_bench/memory")
    def bench_memory():
        path = request.args.get("path", "/")
        if path not in pages:
            with app.test_client() as client:
                response = client.get(path)
            pages[path] = (response.get_data(), response.mimetype, response.status_code)
            db.connect(reuse_if_open=True)  # the inner request closed this thread's connection
        body, mimetype, status = pages[path]
        return app.response_class(body, mimetype=mimetype, status=status)
