"""Load: browser-like clients filing complaints and survey answers against the production
server (uWSGI with ``uwsgi.ini``, as ``make run`` starts it).

    bash bench/load.sh                    # SQLite and a throw-away PostgreSQL, 32 clients, 60 s
    python bench/load.py --engine sqlite --clients 32 --seconds 60 --workers 2

Each client behaves like one browser: it keeps its cookies, GETs the form, takes
the CSRF token from the page and POSTs the form (the complaint as
multipart/form-data, as a browser sends it). A complaint is acknowledged when
the receipt page the answer redirects to (303, fetched like a browser does) shows its
tracking ID; a survey answer when the portal redirects to the thank-you page (the bench
does not fetch that page). Every acknowledged submission is looked up in the database
afterwards, with its content.

The public forms are rate-limited per IP address, and every client comes from
127.0.0.1: the bench raises the limits through the environment
(``COMPLAINT_SUBMIT_RATE_LIMIT``, ``SURVEY_RATE_LIMIT``) for the server it
starts. The limiter still runs (its cost is measured); the defaults are untouched.

The same code runs a short version in the test suite (tests/test_load.py) and
drives the fault tests (tests/test_faults.py).
"""
import argparse
import gc
import http.client
import json
import os
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_LIMIT = "1000000 per minute"
TOKEN_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
RECEIPT_PATH = "/pengaduan/baru/terkirim"  # the POST redirects (303) to the receipt
TRACKING_RE = re.compile(r'<output id="tracking-id"[^>]*>\s*(LPR-[^<\s]+)\s*</output>')
ANSWERS = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bin_path(name):
    return os.path.join(os.path.dirname(sys.executable), name)


# -- the server ------------------------------------------------------------------

class Server:
    """The production server (uWSGI with ``uwsgi.ini``) serving the portal on a free
    loopback port."""

    def __init__(self, database_url, instance, workers=2, env=None, log_path=None,
                 wrapper=(), root=ROOT, options=()):
        self.database_url = database_url
        self.instance = instance
        self.workers = workers
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.extra_env = env or {}
        self.log_path = log_path or os.path.join(instance, "server.log")
        self.process = None
        self.wrapper = list(wrapper)  # a command the server is started through (unshare …)
        self.root = root              # the checkout served (bench/paired.py compares two)
        self.options = list(options)  # more uWSGI options

    def env(self):
        env = dict(os.environ, DATABASE_URL=self.database_url, PORTAL_INSTANCE_PATH=self.instance,
                   COMPLAINT_SUBMIT_RATE_LIMIT=BENCH_LIMIT, SURVEY_RATE_LIMIT=BENCH_LIMIT)
        env.update(self.extra_env)
        return env

    def command(self):
        """The command of `make run`, on this server's port."""
        return [bin_path("uwsgi"), "--ini", os.path.join(ROOT, "uwsgi.ini"),
                "--chdir", self.root, "--http-socket", f"127.0.0.1:{self.port}",
                "--processes", str(self.workers), *self.options]

    def start(self, timeout=60):
        os.makedirs(self.instance, exist_ok=True)
        self.log = open(self.log_path, "ab")
        self.process = subprocess.Popen(self.wrapper + self.command(), env=self.env(),
                                        stdout=self.log, stderr=self.log, start_new_session=True)
        self.wait_ready(timeout)
        return self

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the server exited:\n" + self.read_log())
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
                conn.close()
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError("the server did not become ready:\n" + self.read_log())

    def worker_pids(self):
        """The worker processes' ids (children of the master)."""
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    stat = fh.read()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z" and int(fields[1]) == self.process.pid:
                pids.append(int(entry))
        return sorted(pids)

    def cpu_seconds(self):
        """CPU time (user + system) used so far by the workers alive now."""
        total = 0
        for pid in self.worker_pids():
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")

    def read_log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as fh:
                return fh.read()
        except OSError:
            return ""

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class GunicornServer(Server):
    """gunicorn with sync workers, the portal's server until 2026-12-07, kept for
    comparisons (``bench/paired.py old=server:gunicorn now=``; needs
    ``pip install gunicorn==27.0.1``, which the portal no longer depends on)."""

    def command(self):
        return [bin_path("gunicorn"), "--workers", str(self.workers),
                "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "5",
                "--chdir", self.root, *self.options, "wsgi:app"]


# -- one browser ---------------------------------------------------------------------

class Headers(dict):
    """A response's headers: lower-case name → list of values."""

    def get(self, name, default=None):
        values = dict.get(self, name.lower())
        return values[0] if values else default

    def get_all(self, name):
        return list(dict.get(self, name.lower(), ()))


def _tokens(value):
    """The comma-separated tokens of a header value, lower-case."""
    return {token.strip().lower() for token in (value or "").split(",")}


class Browser:
    """One visitor: an HTTP/1.1 connection, kept open while the server allows, and a
    cookie jar.

    Written on a plain socket rather than http.client: the clients run on the machine
    whose server they measure, and http.client parses every response's headers with
    the email package (about half of the clients' CPU per request)."""

    def __init__(self, base_url, timeout=30):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.address = socket.gethostbyname(self.host)  # once, not at every connection
        self.timeout = timeout
        self.cookies = {}
        self.sock = None
        self.buffer = b""

    def request(self, method, path, body=None, headers=None):
        """(status, headers, text, seconds); raises OSError/HTTPException on a broken connection."""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        if body is not None or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(body or b'')}")
        message = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")
        start = time.perf_counter()
        try:
            if self.sock is None:
                self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
                self.sock.settimeout(self.timeout)
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self.sock.connect((self.address, self.port))
                self.buffer = b""
            self.sock.sendall(message)
            status, response_headers, data, keep = self._response(method)
        except (OSError, http.client.HTTPException):
            self.close()
            raise
        seconds = time.perf_counter() - start
        for cookie in response_headers.get_all("Set-Cookie"):
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        if not keep:
            self.close()
        return status, response_headers, data.decode("utf-8", "replace"), seconds

    def _recv(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise http.client.IncompleteRead(self.buffer)
        self.buffer += chunk

    def _take(self, n):
        while len(self.buffer) < n:
            self._recv()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _line(self):
        while (end := self.buffer.find(b"\r\n")) < 0:
            self._recv()
        line, self.buffer = self.buffer[:end], self.buffer[end + 2:]
        return line

    def _response(self, method):
        """(status, headers, body, keep the connection?) of the next final response (an
        interim 1xx is skipped); a malformed one raises http.client.HTTPException."""
        try:
            while True:
                status, headers, keep = self._head()
                if not 100 <= status < 200:
                    break
            if method == "HEAD" or status in (204, 304):
                return status, headers, b"", keep
            if "chunked" in _tokens(headers.get("Transfer-Encoding")):
                parts = []
                while size := int(self._line().split(b";", 1)[0], 16):
                    parts.append(self._take(size))
                    self._take(2)
                while self._line():
                    pass
                return status, headers, b"".join(parts), keep
            if (length := headers.get("Content-Length")) is not None:
                return status, headers, self._take(int(length)), keep
        except ValueError as exc:  # a chunk size or length that is not a number
            raise http.client.HTTPException(f"malformed response: {exc}") from None
        while chunk := self.sock.recv(65536):
            self.buffer += chunk
        data, self.buffer = self.buffer, b""
        return status, headers, data, False

    def _head(self):
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            self._recv()
        head, self.buffer = self.buffer[:end].decode("latin-1"), self.buffer[end + 4:]
        status_line, *header_lines = head.split("\r\n")
        version, _, rest = status_line.partition(" ")
        try:
            status = int(rest[:3])
        except ValueError:
            raise http.client.BadStatusLine(status_line) from None
        headers = Headers()
        for line in header_lines:
            name, _, value = line.partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        keep = version == "HTTP/1.1" and "close" not in _tokens(headers.get("Connection"))
        return status, headers, keep

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None


def multipart(fields, files):
    boundary = "----lentera" + uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    for name, (filename, content_type, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                     + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def csrf_token(html):
    match = TOKEN_RE.search(html)
    return match.group(1) if match else None


# -- what the clients do --------------------------------------------------------------

@dataclass
class Result:
    seconds: float = 0.0
    latencies: list = field(default_factory=list)       # every request, seconds
    post_latencies: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)        # status code → count
    complaints: list = field(default_factory=list)      # (tracking_id, title, description)
    answers: list = field(default_factory=list)         # (suggestion, [u1..u9])
    failures: list = field(default_factory=list)        # what went wrong, first few
    broken_connections: int = 0

    def merge(self, other):
        self.latencies += other.latencies
        self.post_latencies += other.post_latencies
        for code, n in other.statuses.items():
            self.statuses[code] = self.statuses.get(code, 0) + n
        self.complaints += other.complaints
        self.answers += other.answers
        self.failures += other.failures[:10]
        self.broken_connections += other.broken_connections

    @property
    def requests(self):
        return sum(self.statuses.values())

    @property
    def server_errors(self):
        return sum(n for code, n in self.statuses.items() if code >= 500)

    @property
    def acknowledged(self):
        return len(self.complaints) + len(self.answers)


def new_complaint_fields(tag, unit_ids, rnd):
    fields = {
        "kind": rnd.choice(["pengaduan", "aspirasi", "permintaan_informasi"]),
        "unit": str(rnd.choice(unit_ids)) if unit_ids and rnd.random() < 0.7 else "0",
        "category": "infrastruktur",
        "title": f"Lampu jalan mati {tag}",
        "description": f"Laporan {tag}: lampu jalan di depan rumah nomor {rnd.randint(1, 300)} "
                       "sudah mati sejak minggu lalu, jalan gelap pada malam hari.",
        "event_date": "", "place": "Jalan Merdeka",
        "reporter_name": "Warga Uji", "reporter_phone": "",
        "reporter_email": f"warga.{tag.lower()}@contoh.id" if rnd.random() < 0.5 else "",
        "website": "",
    }
    return fields


def client_loop(base_url, deadline, targets, seed, result, stop=None):
    """Submit until ``deadline`` (monotonic), alternating complaints and survey answers."""
    rnd = random.Random(seed)
    browser = Browser(base_url)
    seq = 0
    kinds = ["complaint", "survey"]
    while time.monotonic() < deadline and not (stop and stop.is_set()):
        seq += 1
        kind = kinds[seq % 2] if targets["services"] else "complaint"
        tag = f"B{seed}X{seq}Z{uuid.uuid4().hex[:8]}"
        try:
            if kind == "complaint":
                path = "/pengaduan/baru"
            else:
                unit_code, service_code = rnd.choice(targets["services"])
                path = f"/survei/{unit_code}/{service_code}"
            status, _h, html, seconds = browser.request("GET", path)
            result.latencies.append(seconds)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            token = csrf_token(html) if status == 200 else None
            if token is None:
                if len(result.failures) < 10:
                    result.failures.append(f"GET {path}: {status} without a form")
                continue
            if kind == "complaint":
                fields = dict(new_complaint_fields(tag, targets["unit_ids"], rnd), csrf_token=token)
                body, content_type = multipart(fields, {"attachments": ("", "application/octet-stream", b"")})
            else:
                answers = [rnd.randint(1, 4) for _ in ANSWERS]
                fields = dict(zip(ANSWERS, map(str, answers)))
                fields.update(gender=rnd.choice(["L", "P"]), age=str(rnd.randint(18, 70)),
                              education="", occupation="", suggestion=f"Saran {tag}", website="",
                              csrf_token=token)
                body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
            status, headers, html, seconds = browser.request(
                "POST", path, body=body, headers={"Content-Type": content_type})
            result.latencies.append(seconds)
            result.post_latencies.append(seconds)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            if kind == "complaint" and status == 303 and RECEIPT_PATH == urlsplit(
                    headers.get("Location") or "").path:  # Post/Redirect/Get
                status, _h, html, seconds = browser.request("GET", RECEIPT_PATH)
                result.latencies.append(seconds)
                result.statuses[status] = result.statuses.get(status, 0) + 1
            if kind == "complaint" and status == 200 and (match := TRACKING_RE.search(html)):
                result.complaints.append((match.group(1), fields["title"], fields["description"],
                                          fields["reporter_email"]))
            elif kind == "survey" and status == 302 and "/survei/terima-kasih" in (headers.get("Location") or ""):
                result.answers.append((fields["suggestion"], answers))
            elif len(result.failures) < 10:
                result.failures.append(f"POST {path}: {status} {html[:200]!r}")
        except (OSError, http.client.HTTPException) as exc:
            result.broken_connections += 1
            if len(result.failures) < 10:
                result.failures.append(f"{kind}: connection broken: {exc!r}")
            time.sleep(0.01)
    browser.close()


def run_threads(base_url, targets, clients, seconds, seed=1, stop=None):
    """``clients`` threads in this process; returns a Result."""
    results = [Result() for _ in range(clients)]
    deadline = time.monotonic() + seconds
    start = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(base_url, deadline, targets,
                                                           seed * 1000 + i, results[i], stop))
               for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    total = Result(seconds=time.perf_counter() - start)
    for r in results:
        total.merge(r)
    return total


def _process_main(args):
    base_url, targets, clients, seconds, seed, queue = args
    result = run_threads(base_url, targets, clients, seconds, seed)
    queue.put(result)


def run_processes(base_url, targets, clients, seconds, processes):
    """Spread the clients over ``processes`` processes (the client's own CPU use
    would otherwise be capped by one interpreter's lock)."""
    import multiprocessing
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    start = time.perf_counter()
    procs = [ctx.Process(target=_process_main, args=((base_url, targets, n, seconds, i + 1, queue),))
             for i, n in enumerate(per) if n]
    for p in procs:
        p.start()
    parts = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    total = Result(seconds=time.perf_counter() - start)
    for r in parts:
        total.merge(r)
    return total


# -- the database ------------------------------------------------------------------------

class Database:
    """Direct access to the portal's database, without the app."""

    def __init__(self, url):
        self.url = url
        self.sqlite = url.startswith("sqlite")

    def connect(self):
        if self.sqlite:
            return sqlite3.connect(self.url.split(":///", 1)[1], timeout=30)
        import psycopg2
        return psycopg2.connect(self.url)

    def query(self, sql, params=()):
        conn = self.connect()
        try:
            cur = conn.cursor()
            cur.execute(sql if self.sqlite else sql.replace("?", "%s"), params)
            rows = cur.fetchall() if cur.description is not None else []  # a DELETE: none
            conn.commit()
            return rows
        finally:
            conn.close()

    def targets(self):
        services = self.query("SELECT u.code, s.code FROM service s JOIN unit u ON u.id = s.unit_id "
                              "WHERE s.active = ? AND u.active = ?", (True, True))
        units = [r[0] for r in self.query("SELECT id FROM unit WHERE active = ?", (True,))]
        return {"services": [tuple(r) for r in services], "unit_ids": units}

    def verify(self, result, chunk=500):
        """(found, missing descriptions) for every acknowledged submission, content included;
        a complaint that gave an e-mail address also needs its receipt mail in the outbox
        (written in the same transaction), to that address and naming its tracking ID."""
        found, missing = 0, []
        for i in range(0, len(result.complaints), chunk):
            part = result.complaints[i:i + chunk]
            marks = ",".join("?" * len(part))
            rows = {r[0]: tuple(r[1:]) for r in self.query(
                "SELECT tracking_id, title, description, reporter_email FROM complaint "
                f"WHERE tracking_id IN ({marks})", [p[0] for p in part])}
            emails = [p[3] for p in part if p[3]]
            mails = set(self.query(
                f'SELECT "to", subject FROM outbox WHERE "to" IN ({",".join("?" * len(emails))})',
                emails)) if emails else set()
            for tracking_id, title, description, email in part:
                mailed = not email or any(to == email and tracking_id in subject
                                          for to, subject in mails)
                if rows.get(tracking_id) == (title, description, email) and mailed:
                    found += 1
                else:
                    missing.append(f"complaint {tracking_id}: {rows.get(tracking_id)!r}"
                                   f"{'' if mailed else ', no receipt mail'}")
        for i in range(0, len(result.answers), chunk):
            part = result.answers[i:i + chunk]
            marks = ",".join("?" * len(part))
            rows = {}
            for r in self.query(f"SELECT suggestion, {', '.join(ANSWERS)} FROM survey_response "
                                f"WHERE suggestion IN ({marks})", [p[0] for p in part]):
                rows.setdefault(r[0], []).append(list(r[1:]))
            for suggestion, answers in part:
                if rows.get(suggestion) == [answers]:
                    found += 1
                else:
                    missing.append(f"survey answer {suggestion!r}: {rows.get(suggestion)!r}")
        return found, missing

    def integrity(self):
        """Problems found (empty: none): SQLite's own check, and on every engine no event
        or attachment row that lost its complaint (mails are checked by ``verify``)."""
        problems = []
        if self.sqlite:
            check = self.query("PRAGMA integrity_check")
            if check != [("ok",)]:
                problems.append(f"integrity_check: {check[:5]}")
        for table in ("complaint_event", "complaint_attachment"):
            orphans = self.query(f"SELECT count(*) FROM {table} e LEFT JOIN complaint c "
                                 "ON c.id = e.complaint_id WHERE c.id IS NULL")[0][0]
            if orphans:
                problems.append(f"{orphans} rows of {table} without their complaint")
        return problems


# -- reporting ------------------------------------------------------------------------------

def percentile(values, p):
    if not values:
        return 0.0
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def _reference_work():
    """A fixed piece of pure-Python work, shaped like a request's: calls, attribute and
    dict look-ups, string formatting, a little JSON."""
    class Field:
        def __init__(self, name, value):
            self.name, self.value, self.errors = name, value, []

        def validate(self):
            if not self.value.strip():
                self.errors.append(f"{self.name} is required")
            return not self.errors

    rows = [{"name": f"field{i}", "value": "x" * (i % 7)} for i in range(40)]
    out = []
    for _ in range(1000):
        fields = [Field(row["name"], row["value"]) for row in rows]
        valid = sum(field.validate() for field in fields)
        out.append(json.dumps({field.name: field.errors for field in fields if field.errors}))
        out.append("".join(f'<input name="{f.name}" value="{f.value}">' for f in fields))
    return valid, len(out)


def reference_ms(rounds=5):
    """CPU milliseconds this machine takes for ``_reference_work`` (median of ``rounds``),
    measured with nothing else of the bench running: its speed at that moment. On a
    shared host it moves by up to a factor of two between hours; the figures of runs
    made at different speeds differ by as much, whatever the code. Lower is faster."""
    _reference_work()  # warm: the first round also pays for imports and caches
    times = []
    gc.disable()  # the collector's passes grow with this process's heap (a run's results)
    try:
        for _ in range(rounds):
            start = time.process_time()
            _reference_work()
            times.append(time.process_time() - start)
    finally:
        gc.enable()
    return round(1000 * sorted(times)[len(times) // 2], 1)


def summary(result, found, missing):
    ms = lambda v: f"{v * 1000:.0f} ms"  # noqa: E731
    return {
        "seconds": round(result.seconds, 1),
        "requests": result.requests,
        "requests_per_s": round(result.requests / result.seconds, 1) if result.seconds else 0,
        "acknowledged": result.acknowledged,
        "acknowledged_per_s": round(result.acknowledged / result.seconds, 1) if result.seconds else 0,
        "complaints": len(result.complaints), "survey_answers": len(result.answers),
        "found": found, "missing": len(missing),
        "p50": ms(percentile(result.latencies, 50)), "p95": ms(percentile(result.latencies, 95)),
        "p99": ms(percentile(result.latencies, 99)),
        "post_p50": ms(percentile(result.post_latencies, 50)),
        "post_p99": ms(percentile(result.post_latencies, 99)),
        "status": dict(sorted(result.statuses.items())),
        "server_errors_5xx": result.server_errors,
        "broken_connections": result.broken_connections,
    }


def prepare(url, instance):
    """Migrate and load the small demo kabupaten (its units and survey services)."""
    env = dict(os.environ, DATABASE_URL=url, PORTAL_INSTANCE_PATH=instance)
    flask = [bin_path("flask"), "--app", "wsgi"]
    subprocess.run(flask + ["init-db"], env=env, check=True, capture_output=True, cwd=ROOT)
    subprocess.run(flask + ["demo-data", "--password", "bench-password-1"], env=env, check=True,
                   capture_output=True, cwd=ROOT)


def fresh_pg(base):
    import psycopg2
    name = "load_" + uuid.uuid4().hex[:8]
    conn = psycopg2.connect(base)
    conn.autocommit = True
    conn.cursor().execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return base.rsplit("/", 1)[0] + "/" + name


def prepared_database(engine, instance):
    """The URL of a fresh database with the small demo kabupaten (SQLite in ``instance``,
    or a new database on the throw-away PostgreSQL)."""
    if engine == "sqlite":
        url = "sqlite:///" + os.path.join(instance, "portal.db")
    else:
        url = fresh_pg(os.environ["THROWAWAY_PG_URL"])
    prepare(url, instance)
    return url


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--option", action="append", default=[], metavar="UWSGI_OPTION",
                        help="one more uWSGI option, e.g. --option=--thunder-lock (repeatable)")
    parser.add_argument("--processes", type=int, default=2, help="client processes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    speed_before = reference_ms()
    with tempfile.TemporaryDirectory(prefix="lentera-load-") as instance:
        url = prepared_database(args.engine, instance)
        db = Database(url)
        targets = db.targets()
        server = Server(url, instance, workers=args.workers,
                        options=[part for o in args.option for part in o.split("=", 1)])
        with server:
            workers_cpu = server.cpu_seconds()
            client_cpu = sum(os.times()[:4])
            if args.processes > 1:
                result = run_processes(server.base_url, targets, args.clients, args.seconds,
                                       args.processes)
            else:
                result = run_threads(server.base_url, targets, args.clients, args.seconds)
            workers_cpu = server.cpu_seconds() - workers_cpu
            client_cpu = sum(os.times()[:4]) - client_cpu
        if result.server_errors:
            errors = [line for line in server.read_log().splitlines()
                      if "Error" in line or "error" in line]
            print("server log, lines naming an error (last 10):", *errors[-10:], sep="\n  ")
        found, missing = db.verify(result)
        report = summary(result, found, missing)
        report.update(engine=args.engine, clients=args.clients, workers=args.workers,
                      options=args.option,
                      workers_cpu_s=round(workers_cpu, 1), clients_cpu_s=round(client_cpu, 1),
                      workers_cpu_ms_per_write=round(1000 * workers_cpu / max(result.acknowledged, 1), 1),
                      load_average=open("/proc/loadavg").read().split()[:3],
                      reference_ms=[speed_before, reference_ms()])
        if args.json:
            print(json.dumps(report))
        else:
            print(f"{args.engine}: {args.clients} clients, {args.workers} uWSGI workers"
                  f"{' ' + ' '.join(args.option) if args.option else ''}, {report['seconds']} s")
            print(f"  requests {report['requests']} ({report['requests_per_s']}/s), latency "
                  f"p50 {report['p50']} p95 {report['p95']} p99 {report['p99']} "
                  f"(POST p50 {report['post_p50']} p99 {report['post_p99']})")
            print(f"  acknowledged {report['acknowledged']} ({report['acknowledged_per_s']}/s: "
                  f"{report['complaints']} complaints, {report['survey_answers']} survey answers), "
                  f"found in the database {found}, missing {len(missing)}")
            print(f"  status {report['status']}, 5xx {report['server_errors_5xx']}, "
                  f"broken connections {report['broken_connections']}")
            print(f"  CPU: the server's workers {report['workers_cpu_s']} s "
                  f"({report['workers_cpu_ms_per_write']} ms per acknowledged write), "
                  f"clients {report['clients_cpu_s']} s; load average at the end "
                  f"{' '.join(report['load_average'])}")
            print(f"  machine's speed: the reference work took {report['reference_ms'][0]} ms "
                  f"before the run and {report['reference_ms'][1]} ms after (lower is faster)")
            for line in result.failures[:5] + missing[:5]:
                print("  !", line)
        problems = db.integrity()
        for line in problems:
            print("  ! integrity:", line)
        ok = (report["server_errors_5xx"] == 0 and not missing and not problems
              and not result.broken_connections)
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
