"""Faults, through the production server (uWSGI with uwsgi.ini) in real processes: a
killed worker, the database going away, the mail server down, a full upload disk, a
crash.

What is checked each time: the visitor sees a friendly page in their language and
never a traceback, nothing the portal acknowledged is lost, and the portal comes
back by itself.
"""
import functools
import os
import shlex
import signal
import sqlite3
import subprocess
import threading
import time

from aiosmtpd.controller import Controller

from bench.load import ROOT, TRACKING_RE, bin_path, free_port, run_threads
from tests.conftest import PASSWORD, TEST_DATABASE, csrf_token
from tests.served import (Browser, Database, OwnPostgres, file_complaint, migrate, multipart,
                          served, wait_for)

PDF_HEAD = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n"


def pdf(size):
    return PDF_HEAD + b"%" + b"0" * max(0, size - len(PDF_HEAD) - 8) + b"\n%%EOF\n"


def in_background(target, *args):
    box = {}
    thread = threading.Thread(target=lambda: box.update(result=target(*args)))
    thread.start()
    return thread, box


def accepted(server):
    """A new report goes through (False while the portal is still answering 503)."""
    try:
        status, html = file_complaint(server)
    except AssertionError:  # the form itself is not served yet
        return False
    return status == 200 and bool(TRACKING_RE.search(html))


def assert_nothing_lost(database, result):
    found, missing = database.verify(result)
    assert missing == []
    assert found == result.acknowledged
    assert database.integrity() == []


# -- a worker killed mid-load ----------------------------------------------------------

def test_a_killed_worker_is_replaced_and_nothing_acknowledged_is_lost(app, database_url, survey):
    database = Database(database_url)
    targets = database.targets()
    with served(app, database_url, workers=2) as server:
        before = server.worker_pids()
        assert len(before) == 2
        thread, box = in_background(run_threads, server.base_url, targets, 8, 6)
        time.sleep(2)
        os.kill(before[0], signal.SIGKILL)
        thread.join()
        after = wait_for(lambda: len(server.worker_pids()) == 2 and server.worker_pids())
        assert after and before[0] not in after, "the master starts a new worker"
        assert server.process.poll() is None
        status, html = file_complaint(server)
        assert status == 200 and TRACKING_RE.search(html)
    result = box["result"]
    assert result.server_errors == 0, result.failures
    assert result.acknowledged > 0
    assert_nothing_lost(database, result)


# -- the database goes away and comes back -------------------------------------------------

class SqliteLocked:
    """SQLite's outage: another process holds the write lock longer than the busy timeout."""

    def __init__(self, database_url):
        self.url = database_url
        self.conn = None

    def start(self):
        self.conn = sqlite3.connect(self.url.split(":///", 1)[1], isolation_level=None)
        self.conn.execute("BEGIN IMMEDIATE")

    def stop(self):
        self.conn.execute("ROLLBACK")
        self.conn.close()


class PostgresDown:
    """PostgreSQL's outage: the server is stopped, then started again."""

    def __init__(self, own):
        self.own = own

    def start(self):
        self.own.stop("fast")

    def stop(self):
        self.own.start()


def test_a_database_outage_answers_503_and_the_portal_recovers_by_itself(app, database_url):
    if TEST_DATABASE == "sqlite":
        url, own = database_url, None
        outage = SqliteLocked(url)
    else:
        own = OwnPostgres().init()
        url = own.url
        migrate(url, app.instance_path)
        outage = PostgresDown(own)
    database = Database(url)
    targets = {"services": [], "unit_ids": []}
    try:
        with served(app, url, workers=2, config="SQLITE_BUSY_TIMEOUT_MS = 300\n") as server:
            status, html = file_complaint(server)
            assert status == 200
            workers = server.worker_pids()
            thread, box = in_background(run_threads, server.base_url, targets, 4, 6)
            time.sleep(1.5)
            outage.start()
            try:
                for lang, title in (("id", "Layanan sementara tidak tersedia"),
                                    ("en", "Temporarily unavailable")):
                    visitor = Browser(server.base_url)
                    visitor.cookies["lang"] = lang
                    if own is None:  # SQLite: pages still read; a report cannot be written
                        status, html = file_complaint(visitor)
                    else:  # PostgreSQL: nothing can be read either
                        status, _h, html, _s = visitor.request("GET", "/pengaduan/baru")
                    assert status == 503
                    assert title in html
                    assert "Traceback" not in html and "OperationalError" not in html
                page = file_complaint(server)[1] if own is None else \
                    Browser(server.base_url).request("GET", "/pengaduan/baru")[2]
                assert "Portal saat ini tidak dapat terhubung ke basis data" in page
                health = Browser(server.base_url).request("GET", "/healthz")
                if own is not None:
                    assert health[0] == 503 and '"database":"failed"' in health[2].replace(" ", "")
                else:  # reading still works under a write lock
                    assert health[0] == 200
            finally:
                outage.stop()
            assert wait_for(lambda: accepted(server), timeout=20)
            thread.join()
            assert server.worker_pids() == workers, "recovered without restarting a worker"
            assert Browser(server.base_url).request("GET", "/healthz")[0] == 200
        result = box["result"]
        assert set(result.statuses) <= {200, 303, 503}, result.statuses
        assert result.acknowledged > 0
        assert_nothing_lost(database, result)
    finally:
        if own is not None:
            own.destroy()


# -- the mail server is down for a while ------------------------------------------------------

class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def send_mail(server, port):
    env = server.env()
    env.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=str(port))
    return subprocess.Popen([bin_path("flask"), "--app", "wsgi", "send-mail"], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def outbox(database):
    return database.query("SELECT id, sent_at, attempts, last_error FROM outbox ORDER BY id")


def test_mail_queued_while_the_smtp_server_is_down_is_sent_once_it_is_back(app, database_url):
    database = Database(database_url)
    port = free_port()
    with served(app, database_url, workers=1, config="MAIL_RETRY_SECONDS = 1\n") as server:
        tracking_ids = []
        for n in range(4):
            status, html = file_complaint(server, reporter_email=f"warga{n}@contoh.id")
            assert status == 200
            tracking_ids.append(TRACKING_RE.search(html).group(1))

        # nobody listens on the port: every mail fails and is kept
        run = send_mail(server, port)
        assert run.wait(timeout=120) == 0, run.stdout.read()
        rows = outbox(database)
        assert len(rows) == 4
        assert all(sent is None and attempts == 1 and error for _i, sent, attempts, error in rows)

        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            time.sleep(1.2)  # the first pause (MAIL_RETRY_SECONDS) is over
            # two cron runs overlapping: each mail still goes out once
            runs = [send_mail(server, port), send_mail(server, port)]
            assert [r.wait(timeout=120) for r in runs] == [0, 0]
        finally:
            controller.stop()
    rows = outbox(database)
    assert all(sent is not None and attempts == 2 for _i, sent, attempts, _e in rows)
    assert sorted(m.rcpt_tos[0] for m in inbox.messages) == [f"warga{n}@contoh.id" for n in range(4)]
    bodies = [m.content.decode() for m in inbox.messages]
    for tracking_id in tracking_ids:
        assert sum(tracking_id in body for body in bodies) == 1


# -- uploads: a full disk, an oversized file ---------------------------------------------------

def files_under(root):
    """The names of the files anywhere under ``root``, sorted."""
    return sorted(name for _dir, _subdirs, names in os.walk(root) for name in names)


def tmpfs_wrapper(*paths, size="64k"):
    """Start the server in a mount namespace of its own where each of ``paths`` is a tiny
    tmpfs (as root; otherwise in a user namespace, where an ordinary user may mount tmpfs)."""
    namespace = ["unshare", "--mount", "--propagation", "private"]
    if os.getuid() != 0:
        namespace = ["unshare", "--user", "--map-root-user", "--mount"]
    mounts = " && ".join(f"mount -t tmpfs -o size={size} tmpfs {shlex.quote(path)}"
                         for path in paths)
    return namespace + ["sh", "-c", f'{mounts} && exec "$@"', "sh"]


def test_a_full_upload_disk_keeps_the_report_and_says_why(app, database_url):
    uploads = os.path.join(app.instance_path, "uploads", "complaints")
    os.makedirs(uploads)
    database = Database(database_url)
    with served(app, database_url, workers=1, wrapper=tmpfs_wrapper(uploads)) as server:
        with open(f"/proc/{server.process.pid}/mountinfo") as fh:
            assert any(f" {uploads} " in line and "tmpfs" in line for line in fh)
        title = "Saluran air tersumbat sampah"
        description = "Saluran air di Jalan Pahlawan tersumbat sampah, air meluap ke rumah warga."
        status, html = file_complaint(server, title=title, description=description,
                                      files={"attachments": ("foto.pdf", "application/pdf",
                                                             pdf(200_000))})
        assert status == 503
        assert "penyimpanan portal penuh" in html
        assert title in html and description in html  # the form is shown again, filled in
        assert "Traceback" not in html
        assert database.query("SELECT count(*) FROM complaint") == [(0,)]
        assert os.listdir(f"/proc/{server.process.pid}/root{uploads}") == []  # no partial file
        # a file that fits is stored, and a report without attachments still goes through
        status, html = file_complaint(server, files={"attachments": ("surat.pdf", "application/pdf",
                                                                     pdf(8_000))})
        assert status == 200 and TRACKING_RE.search(html)
        assert len(os.listdir(f"/proc/{server.process.pid}/root{uploads}")) == 1
        assert file_complaint(server)[0] == 200
    assert "Traceback" in server.read_log()  # the details are in the log
    assert database.query("SELECT count(*) FROM complaint") == [(2,)]


def test_a_full_upload_disk_in_the_back_office_says_why_and_leaves_nothing_behind(
        app, database_url, org, users, survey):
    """SKP evidence, a monthly report's attachment and a content attachment, each sent
    while the upload disk is full: the officer reads why, no row and no partial file is
    left, and the same upload goes through once it fits."""
    from tests.access_walk import make_records
    from portal.db import db
    from portal.models import ContentItem
    records = make_records(app, org, users, survey)
    with db.connection_context():
        draft = ContentItem.create(kind="guide", title="Panduan e-Kinerja", slug="panduan-ekinerja",
                                   state="private", created_by=users["operator"])
    uploads = os.path.join(app.instance_path, "uploads")
    imports = os.path.join(app.instance_path, "imports")
    os.makedirs(imports, exist_ok=True)
    database = Database(database_url)
    tables = ("evidence", "monthly_report_attachment", "content_attachment")
    before = {table: database.query(f"SELECT count(*) FROM {table}")[0][0] for table in tables}
    sends = (("pegawai", f"/admin/skp/{records['skp']}/evaluation/{records['period']}/evidence"),
             ("pegawai", f"/admin/monthly/{records['report']}/attachment"),
             ("operator", f"/admin/content_item/workflow/{draft.id}/attachments"))
    with served(app, database_url, workers=1, wrapper=tmpfs_wrapper(uploads, imports)) as server:
        root = f"/proc/{server.process.pid}/root{uploads}"
        stored = functools.partial(files_under, root)
        for username, url in sends:
            browser = Browser(server.base_url)
            token = csrf_token(browser.request("GET", "/login")[2])
            body, content_type = multipart({"username": username, "password": PASSWORD,
                                            "csrf_token": token}, {})
            assert browser.request("POST", "/login", body=body,
                                   headers={"Content-Type": content_type})[0] == 302
            token = csrf_token(browser.request("GET", "/")[2])
            for size, outcome in ((200_000, "penyimpanan portal penuh"), (8_000, None)):
                files = stored()
                body, content_type = multipart({"csrf_token": token}, {
                    "file": ("laporan.pdf", "application/pdf", pdf(size))})
                status, headers, _html, _s = browser.request(
                    "POST", url, body=body, headers={"Content-Type": content_type})
                assert status == 302, (url, status)
                page = browser.request("GET", headers.get("Location"))[2]
                if outcome:
                    assert outcome in page, (url, page[:2000])
                    assert "Traceback" not in page
                    assert stored() == files  # no partial file
                else:
                    assert "penyimpanan portal penuh" not in page
                    assert len(stored()) == len(files) + 1
            if username == "operator":  # and a file kept for an import's preview
                csv = ("nip;nama\n" + "199001012015011001;Sri\n" * 9000).encode()
                for data, status in ((csv, 503), (csv[:800], 302)):
                    files = stored()
                    body, content_type = multipart({"csrf_token": token, "kind": "employees"},
                                                   {"file": ("pegawai.csv", "text/csv", data)})
                    answer, _h, page, _s = browser.request(
                        "POST", "/admin/import/", body=body,
                        headers={"Content-Type": content_type})
                    assert answer == status, page[:2000]
                    if status == 503:
                        assert "penyimpanan portal penuh" in page and "Traceback" not in page
                    kept = os.listdir(f"/proc/{server.process.pid}/root{imports}")
                    assert len(kept) == (0 if status == 503 else 2), kept
    after = {table: database.query(f"SELECT count(*) FROM {table}")[0][0] for table in tables}
    assert after == {table: count + 1 for table, count in before.items()}  # only the small ones


def test_a_full_upload_disk_on_a_public_form_keeps_the_answers_and_saves_nothing(
        app, database_url, org, users, survey):
    """A low-code form's file question, on the form's own page and as an extra question
    of an event's registration: while the upload disk is full the form comes back with
    every answer and a translated reason, and no submission, registration or file is
    kept; once the file fits, the same answers go through."""
    from portal.db import db
    from portal.models import CustomForm
    from tests.access_walk import make_records
    from tests.hostile.test_public_forms import VALID_REGISTRATION
    from tests.test_custom_forms import add_fields, good_answers
    event = make_records(app, org, users, survey)["event"]
    with db.connection_context():
        for slug, attached in (("klinik-umkm", None), ("tambahan-acara", event)):
            form = CustomForm.create(title="Klinik UMKM", slug=slug, status="published",
                                     unit=org["dinas"], event=attached)
            add_fields(form)
    answers = {key: value for key, value in good_answers("").items()
               if key not in ("csrf_token", "topik")}
    pages = (("/formulir/klinik-umkm", "", {}, "form_submission", 303),  # to its receipt
             (f"/acara/{event}", "extra-", VALID_REGISTRATION, "event_registration", 200))
    uploads = os.path.join(app.instance_path, "uploads")
    database = Database(database_url)
    with served(app, database_url, workers=1, wrapper=tmpfs_wrapper(uploads)) as server:
        root = f"/proc/{server.process.pid}/root{uploads}"
        stored = functools.partial(files_under, root)
        for url, prefix, own, table, saved in pages:
            browser = Browser(server.base_url)
            for size, status in ((200_000, 503), (8_000, saved)):
                rows = database.query(f"SELECT count(*) FROM {table}")[0][0]
                files = stored()
                token = csrf_token(browser.request("GET", url)[2])
                body, content_type = multipart(
                    {**own, **{prefix + k: v for k, v in answers.items()}, "csrf_token": token},
                    {prefix + "foto": ("produk.pdf", "application/pdf", pdf(size))})
                answer, _h, html, _s = browser.request("POST", url, body=body,
                                                       headers={"Content-Type": content_type})
                assert answer == status, (url, answer, html[:2000])
                if status == 503:
                    assert "penyimpanan portal penuh" in html and "Traceback" not in html
                    assert "Sri Wahyuni" in html and "1234567890123" in html  # answers kept
                    assert database.query(f"SELECT count(*) FROM {table}")[0][0] == rows
                    assert stored() == files  # no partial file
                else:
                    assert database.query(f"SELECT count(*) FROM {table}")[0][0] == rows + 1
                    assert len(stored()) == len(files) + 1


def test_an_oversized_attachment_is_refused_and_the_form_kept(app, database_url):
    with served(app, database_url, workers=1,
                config="COMPLAINT_ATTACHMENT_MAX_BYTES = 50_000\n") as server:
        browser = Browser(server.base_url)
        title = "Pungutan liar di loket"
        description = "Petugas loket meminta uang tambahan di luar tarif resmi untuk mempercepat."
        status, html = file_complaint(browser, title=title, description=description,
                                      files={"attachments": ("bukti.pdf", "application/pdf",
                                                             pdf(120_000))})
        assert status == 400
        assert "bukti.pdf lebih besar dari" in html
        assert "formulir lainnya tetap tersimpan" in html or title in html
        assert title in html and description in html
        assert Database(database_url).query("SELECT count(*) FROM complaint") == [(0,)]



def test_a_report_over_the_whole_limit_comes_back_instead_of_a_broken_connection(
        app, database_url):
    """25 MB of attachments sent with JavaScript off, at the real limits (20 MB; read up to
    64 MB). uWSGI, answering before the body was read, ended the connection: the browser
    showed its own "connection reset" page and the report typed was lost."""
    with served(app, database_url, workers=1) as server:
        browser = Browser(server.base_url)
        title = "Banjir di jalan desa"
        description = "Air setinggi lutut menggenangi jalan desa sejak pagi, ada videonya."
        status, html = file_complaint(browser, title=title, description=description,
                                      files={"attachments": ("video-banjir.pdf",
                                                             "application/pdf",
                                                             pdf(25 * 1024 * 1024))})
        assert status == 400
        assert "Dengan video-banjir.pdf formulir lebih besar dari 20,0 MB" in html
        assert title in html and description in html
        assert Database(database_url).query("SELECT count(*) FROM complaint") == [(0,)]
        # the next report on the same browser goes through
        status, html = file_complaint(browser, title=title, description=description)
        assert status == 200 and TRACKING_RE.search(html)
        # a page that does not keep its form: the 413 page, after the body was read
        status, _h, html, _s = browser.request(
            "POST", "/login", body=b"username=x&password=" + b"x" * (25 * 1024 * 1024),
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 413 and "Berkas terlalu besar" in html

# -- a crash in one request ------------------------------------------------------------------------

def test_a_crash_shows_a_friendly_page_and_the_details_go_to_the_log(app, database_url):
    with served(app, database_url, workers=1, config="TEST_FAULT_ROUTES = True\n") as server:
        browser = Browser(server.base_url)
        status, _h, html, _s = browser.request("GET", "/_test/crash")
        assert status == 500
        assert "Terjadi kesalahan" in html
        for leak in ("Traceback", "RuntimeError", "deliberate crash", "File \""):
            assert leak not in html
        browser.cookies["lang"] = "en"
        status, _h, html, _s = browser.request("GET", "/_test/crash")
        assert status == 500 and "Something went wrong" in html and "Traceback" not in html
        # the worker goes on serving
        assert browser.request("GET", "/pengaduan/baru")[0] == 200
    log = server.read_log()
    assert "Traceback" in log and "deliberate crash for the error-page test" in log


def test_the_fault_routes_exist_only_when_configured(client):
    assert client.get("/_test/crash").status_code == 404
    assert client.get("/_test/stall").status_code == 404
