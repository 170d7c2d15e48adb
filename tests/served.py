"""The portal served by the production server (uWSGI with ``uwsgi.ini``) in real
processes, for the load, fault and server tests.

The server uses the test's database (``database_url``) and the test app's
instance folder; ``config`` is written to ``instance/config.py``, which the
portal reads at start, so a test can change settings without touching the
environment of other tests.
"""
import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from urllib.parse import urlsplit

from bench.load import Browser, Database, Server, csrf_token, multipart

COMPLAINT = {
    "kind": "pengaduan", "unit": "0", "category": "infrastruktur",
    "title": "Jembatan desa retak",
    "description": "Jembatan di Dusun Krajan retak di tengah, motor masih lewat setiap hari.",
    "event_date": "", "place": "Dusun Krajan", "reporter_name": "Sari Warga",
    "reporter_email": "", "reporter_phone": "", "website": "",
}


@contextlib.contextmanager
def served(app, database_url, workers=2, config="", wrapper=(), env=None, options=()):
    instance = app.instance_path
    os.makedirs(instance, exist_ok=True)
    if config:
        with open(os.path.join(instance, "config.py"), "w", encoding="utf-8") as fh:
            fh.write(config)
    server = Server(database_url, instance, workers=workers, wrapper=wrapper, env=env,
                    options=options)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def file_complaint(server_or_browser, files=None, **fields):
    """GET the form and POST a complaint like a browser: (status, page text)."""
    browser = server_or_browser if isinstance(server_or_browser, Browser) \
        else Browser(server_or_browser.base_url)
    status, _h, html, _s = browser.request("GET", "/pengaduan/baru")
    assert status == 200, html[:500]
    data = dict(COMPLAINT, **fields, csrf_token=csrf_token(html))
    body, content_type = multipart(
        data, files or {"attachments": ("", "application/octet-stream", b"")})
    status, headers, html, _s = browser.request("POST", "/pengaduan/baru", body=body,
                                                headers={"Content-Type": content_type})
    if status == 303:  # Post/Redirect/Get: the receipt is the page it redirects to
        status, _h, html, _s = browser.request("GET", urlsplit(headers.get("Location")).path)
    return status, html


def wait_for(predicate, timeout=20, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    return predicate()


class OwnPostgres:
    """A PostgreSQL server of the test's own, which the test may stop and start
    (the suite's shared server must keep serving the other tests)."""

    def __init__(self):
        bins = sorted(d for d in os.listdir("/usr/lib/postgresql") if d.isdigit())
        self.bin = f"/usr/lib/postgresql/{bins[-1]}/bin"
        # not under pytest's private temporary folder: the postgres user must reach it
        self.dir = tempfile.mkdtemp(prefix="lentera-pg-")
        self.data = os.path.join(self.dir, "data")
        from bench.load import free_port
        self.port = free_port()
        self.url = f"postgresql://lentera@127.0.0.1:{self.port}/postgres"

    def run(self, *args):
        command = list(args)
        if os.getuid() == 0:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def init(self):
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        self.run(f"{self.bin}/initdb", "-D", self.data, "-U", "lentera", "-A", "trust",
                 "--no-sync", "-E", "UTF8", "--locale=C.UTF-8")
        return self.start()

    def start(self):
        self.run(f"{self.bin}/pg_ctl", "-D", self.data, "-l", os.path.join(self.dir, "server.log"),
                 "-w", "-t", "60", "-o",
                 f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                 "-c synchronous_commit=off -c full_page_writes=off", "start")
        return self

    def stop(self, mode="fast"):
        self.run(f"{self.bin}/pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def destroy(self):
        try:
            self.stop("immediate")
        except subprocess.SubprocessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


def migrate(database_url, instance):
    """``flask init-db`` in a process of its own (the test's app keeps its database)."""
    from bench.load import ROOT, bin_path
    env = dict(os.environ, DATABASE_URL=database_url, PORTAL_INSTANCE_PATH=instance)
    subprocess.run([bin_path("flask"), "--app", "wsgi", "init-db"], env=env, check=True,
                   capture_output=True, cwd=ROOT, timeout=120)


__all__ = ["Browser", "Database", "Server", "csrf_token", "multipart"]
