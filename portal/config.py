"""Configuration: defaults here, then ``instance/config.py``, then the environment.

Every setting a deployment may change is listed in the README's configuration
table. Nothing secret lives in this file: the secret key is generated once into
the instance folder when the environment does not provide one.
"""
import os
import re
import secrets
import time

# --- defaults -------------------------------------------------------------
PORTAL_NAME = "Lentera"
PORTAL_REGION = "Kabupaten Contoh"
PORTAL_TIMEZONE = "Asia/Jakarta"
LANGUAGES = ("id", "en")
BABEL_DEFAULT_LOCALE = "id"

# DATABASE_URL is filled in from the instance path when left empty.
DATABASE_URL = ""
SQLITE_BUSY_TIMEOUT_MS = 10_000

# Login protection: a locked account waits LOGIN_LOCK_MINUTES.
LOGIN_MAX_FAILURES = 5
LOGIN_LOCK_MINUTES = 15
LOGIN_RATE_LIMIT = "20 per minute"
PASSWORD_MIN_LENGTH = 10

# Public satisfaction survey: answers one address (IP) may send.
SURVEY_RATE_LIMIT = "30 per hour"

# "database://": counters in the portal's database, shared by every worker and machine
# (portal/ratelimit.py); "memory://" counts per process.
RATELIMIT_STORAGE_URI = "database://"
# When the counters cannot be read (the database is down), let the request through:
# the page itself then answers with the friendly "temporarily unavailable" (503).
RATELIMIT_SWALLOW_ERRORS = True
RATELIMIT_HEADERS_ENABLED = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# Secure cookies: sent only over HTTPS. Turned on by itself when PORTAL_BASE_URL is https://.
SESSION_COOKIE_SECURE = False
# Reverse proxies in front of the portal (nginx: 1) whose X-Forwarded-* headers are
# trusted: the client's address (rate limits) and HTTPS (HSTS) come from them. 0: none.
PROXY_FIX_COUNT = 0
REMEMBER_COOKIE_HTTPONLY = True
REMEMBER_COOKIE_SAMESITE = "Lax"
PERMANENT_SESSION_LIFETIME = 8 * 60 * 60

WTF_CSRF_TIME_LIMIT = 8 * 60 * 60
PAGE_SIZE = 25

# Performance (SKP): evidence uploads, and the formula for "less is better"
# targets: "difference" (2×target−realisation)/target or "ratio" target/realisation.
SKP_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
ACHIEVEMENT_LOWER_FORMULA = "difference"
# The portal's public address, e.g. https://lentera.example.go.id: printed in survey QR
# codes and used for links in mail sent from cron jobs. Empty: the address a request came
# in on (and http://127.0.0.1:5000, what `make run` serves, outside a request).
PORTAL_BASE_URL = ""

# Complaints (pengaduan). Time limits: (unit, amount), unit "working_days" or "days".
COMPLAINT_LIMITS = {
    "verification": ("working_days", 3),
    "follow_up": ("days", 14),
    "resolution": ("days", 60),
    "auto_close": ("days", 10),
}
# Who sees the name, e-mail and phone of an ANONYMOUS report besides the complaint
# coordinator(s) (a petugas_pengaduan without a unit): nobody, unless the office names
# roles here ("admin", "operator"), e.g. ANONYMOUS_REPORTER_VISIBLE_TO = ("admin",).
# The complaint form's promise to the reporter names whoever is listed.
ANONYMOUS_REPORTER_VISIBLE_TO = ()
COMPLAINT_SUBMIT_RATE_LIMIT = "10 per hour"
COMPLAINT_LOOKUP_RATE_LIMIT = "30 per minute"
# Public event pages: registrations and attendance codes per address.
EVENT_REGISTER_RATE_LIMIT = "20 per hour"
EVENT_ATTENDANCE_RATE_LIMIT = "30 per hour"
# Low-code forms (/formulir/<slug>): sendings per address, and one file answer's size.
FORM_SUBMIT_RATE_LIMIT = "20 per hour"
FORM_FILE_MAX_BYTES = 5 * 1024 * 1024
COMPLAINT_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024
COMPLAINT_MAX_ATTACHMENTS = 3
# A file accepted on a form sent back for a correction is held this long for the
# visitor's next try (portal/held_uploads.py), then removed.
HELD_UPLOAD_SECONDS = 60 * 60
DEMO_LARGE_COMPLAINTS = 200_000  # complaints written by `demo-data --scale large`
MAX_CONTENT_LENGTH = 20 * 1024 * 1024
# A request over MAX_CONTENT_LENGTH but within this is still read to its end (files
# thrown away) so that the visitor gets the form back with a message, not a broken
# connection (portal/oversized.py). nginx's client_max_body_size should be as large.
OVERSIZED_REQUEST_READ_LIMIT = 64 * 1024 * 1024
# Spreadsheet import in the back office (Impor data): the largest XLSX or CSV file.
IMPORT_MAX_BYTES = 5 * 1024 * 1024

# APIs: JSON (/api/v1) and Open311 GeoReport v2 (/open311/v2). Writes need one of
# these keys (key → client name); reads are public but rate-limited.
OPEN311_API_KEYS = {}
API_RATE_LIMIT = "60 per minute"
# the smallest group of employees whose predikat count is published (smaller: hidden)
PUBLISH_MIN_GROUP = 5
API_WRITE_RATE_LIMIT = "10 per minute"
# The licence of the open data (/data/..., the catalogue and the Data Package): its title,
# the address of its text and, when it has one, its SPDX identifier.
OPEN_DATA_LICENCE = {
    "id": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}

# Backups (`flask backup`, portal/backups.py): the newest of each of the last
# BACKUP_KEEP_DAILY days and BACKUP_KEEP_WEEKLY weeks are kept in instance/backups/;
# BACKUP_COPY_TO, a folder on another disk or a mounted share, gets a checked copy.
BACKUP_KEEP_DAILY = 14
BACKUP_KEEP_WEEKLY = 8
BACKUP_COPY_TO = ""

# Outgoing mail (the outbox is sent by ``flask --app wsgi send-mail``).
MAIL_SERVER = "localhost"
MAIL_PORT = 25
MAIL_USE_TLS = False
MAIL_USERNAME = ""
MAIL_PASSWORD = ""
MAIL_DEFAULT_SENDER = "pengaduan@localhost"
MAIL_TIMEOUT = 10
MAIL_MAX_ATTEMPTS = 20
MAIL_RETRY_SECONDS = 60

# Tests only: /_test/crash raises an error, to prove that a crash shows the
# friendly error page and no traceback through the production server; /_test/stall
# never answers, to prove that the server ends a stuck request (uwsgi.ini, harakiri).
TEST_FAULT_ROUTES = False
# Public numbers and pages are kept in a cache shared by all workers (portal.cache): a
# new answer or complaint shows within PUBLIC_CACHE_SECONDS (at most 60) plus one
# recomputation; 0 switches it off. Numbers are refreshed in a background thread
# (PUBLIC_CACHE_BACKGROUND); a worker refreshing an entry holds it for at most
# PUBLIC_CACHE_LOCK_SECONDS before another may take over. A number asked for in the
# last PUBLIC_CACHE_WARM_SECONDS is recomputed before it expires (0: only when asked).
PUBLIC_CACHE_SECONDS = 30
PUBLIC_CACHE_BACKGROUND = True
PUBLIC_CACHE_LOCK_SECONDS = 120
PUBLIC_CACHE_WARM_SECONDS = 600
# The start page (Beranda kerja) shows the operator the SKP that have not moved from a
# draft, submitted or returned state for more than this many days, per unit.
WORK_STUCK_DAYS = 14
# bench/report_card.py only: /_bench/memory answers a page's bytes from memory. Never on.
BENCH_MEMORY_ROUTE = False

# Environment variables read after instance/config.py, with their parsers.
ENVIRONMENT = {
    "DATABASE_URL": str,
    "SECRET_KEY": str,
    "PORTAL_TIMEZONE": str,
    "PORTAL_NAME": str,
    "PORTAL_REGION": str,
    "RATELIMIT_STORAGE_URI": str,
    "SURVEY_RATE_LIMIT": str,
    "COMPLAINT_SUBMIT_RATE_LIMIT": str,
    "SESSION_COOKIE_SECURE": lambda v: v.lower() in ("1", "true", "yes"),
    "PORTAL_BASE_URL": str,
    "PROXY_FIX_COUNT": int,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USE_TLS": lambda v: v.lower() in ("1", "true", "yes"),
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_DEFAULT_SENDER": str,
    "PUBLIC_CACHE_SECONDS": int,
    "PUBLIC_CACHE_WARM_SECONDS": int,
    "BACKUP_KEEP_DAILY": int,
    "BACKUP_KEEP_WEEKLY": int,
    "BACKUP_COPY_TO": str,
}


def load(app, test_config=None):
    """Fill ``app.config`` in the documented order of precedence."""
    app.config.from_object(__name__)
    app.config.from_pyfile("config.py", silent=True)
    for name, parse in ENVIRONMENT.items():
        if os.environ.get(name):
            app.config[name] = parse(os.environ[name])
    if test_config:
        app.config.update(test_config)

    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config["DATABASE_URL"]:
        path = os.path.join(app.instance_path, "portal.db")
        app.config["DATABASE_URL"] = "sqlite:///" + path
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret(app.instance_path)
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config["SESSION_COOKIE_SECURE"]) \
        or app.config["PORTAL_BASE_URL"].startswith("https://")
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["PORTAL_TIMEZONE"]
    check_anonymous_reporter_roles(app.config["ANONYMOUS_REPORTER_VISIBLE_TO"])
    check_open_data_licence(app.config["OPEN_DATA_LICENCE"])


def check_anonymous_reporter_roles(roles):
    """Refuse to start with a misspelt role: a typo must not widen or silently narrow
    who sees anonymous reporters."""
    unknown = set(roles) - {"admin", "operator"}
    if isinstance(roles, str) or unknown:
        raise ValueError("ANONYMOUS_REPORTER_VISIBLE_TO takes a tuple of roles from "
                         "'admin', 'operator'; got %r" % (roles,))


def check_open_data_licence(licence):
    """Refuse to start with a licence the catalogue cannot name: a title and an http(s)
    address are required, an identifier (SPDX, e.g. "CC-BY-4.0") is optional."""
    problem = None
    if not isinstance(licence, dict) or set(licence) - {"id", "title", "url"}:
        problem = "a dict with the keys 'title', 'url' and optionally 'id'"
    elif not str(licence.get("title") or "").strip():
        problem = "a non-empty 'title'"
    elif not str(licence.get("url") or "").startswith(("https://", "http://")) \
            or any(c.isspace() for c in licence["url"]):
        problem = "a 'url' starting with https:// or http://"
    elif licence.get("id") and not re.fullmatch(r"[A-Za-z0-9.+-]+", licence["id"]):
        problem = "an 'id' of letters, digits, '.', '+' and '-' (SPDX)"
    if problem:
        raise ValueError(f"OPEN_DATA_LICENCE needs {problem}; got {licence!r}")


def instance_secret(instance_path):
    """Read the instance's secret key, creating it (mode 0600) the first time.

    ``O_EXCL`` makes two workers starting at once agree on one key.
    """
    path = os.path.join(instance_path, "secret_key")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        # Another worker may have created the file an instant ago.
        for _ in range(100):
            with open(path, encoding="ascii") as fh:
                key = fh.read().strip()
            if key:
                return key
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty: delete it to generate a new key")
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        key = secrets.token_hex(32)
        fh.write(key)
    return key
