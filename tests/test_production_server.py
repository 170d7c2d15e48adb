"""The production server as `make run` starts it (uWSGI with ``uwsgi.ini``), in real
processes: what each of its settings promises.

The other tests reach the portal through Flask's test client or Werkzeug's server;
these go through the one that offices run, on the test's own database.
"""
import http.client
import io
import os
import signal
import subprocess

import openpyxl

from bench.load import ROOT
from portal import imports
from tests.conftest import PASSWORD, csrf_token
from tests.served import Browser, Database, multipart, served, wait_for


def fetch(server, path, headers=None):
    """(status, headers, body bytes) of one GET on a connection of its own."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read()
    finally:
        conn.close()


def signed_in(server, username):
    browser = Browser(server.base_url)
    token = csrf_token(browser.request("GET", "/login")[2])
    body, content_type = multipart({"username": username, "password": PASSWORD,
                                    "csrf_token": token}, {})
    status = browser.request("POST", "/login", body=body,
                             headers={"Content-Type": content_type})[0]
    assert status == 302
    return browser


def test_files_on_disk_and_files_made_in_memory_arrive_whole(app, database_url, users):
    with open(os.path.join(ROOT, "portal", "static", "css", "portal.css"), "rb") as fh:
        stylesheet = fh.read()
    with served(app, database_url, workers=1) as server:
        status, headers, body = fetch(server, "/static/css/portal.css")
        assert status == 200 and body == stylesheet
        assert int(headers["Content-Length"]) == len(stylesheet)

        # an XLSX written into memory (send_file of a BytesIO), for a signed-in operator
        browser = signed_in(server, "operator")
        cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
        status, headers, body = fetch(server, "/admin/import/template/employees",
                                      {"Cookie": cookie})
        assert status == 200, body[:300]
        assert headers["Content-Type"].startswith("application/vnd.openxmlformats")
        assert len(body) == int(headers["Content-Length"]) > 1000
        with app.app_context():
            expected = openpyxl.load_workbook(io.BytesIO(imports.template("employees")))
        received = openpyxl.load_workbook(io.BytesIO(body))
        assert [[c.value for c in row] for row in received.active.iter_rows()] == \
            [[c.value for c in row] for row in expected.active.iter_rows()]


def test_every_answer_ends_its_connection_and_large_headers_are_read(app, database_url):
    with served(app, database_url, workers=1) as server:
        status, headers, body = fetch(server, "/pengaduan/baru")
        assert status == 200
        # one worker serves one request at a time: a kept connection would hold it
        assert headers.get_all("Connection") == ["close"]
        # a browser with many cookies sends more than uWSGI's default 4 KB of headers
        cookies = "; ".join(f"c{i}={'x' * 90}" for i in range(100))
        assert len(cookies) > 9000
        status, headers, body = fetch(server, "/pengaduan/baru", {"Cookie": cookies})
        assert status == 200 and b'name="csrf_token"' in body


def test_a_stuck_request_is_ended_and_its_worker_replaced(app, database_url):
    with served(app, database_url, workers=1, config="TEST_FAULT_ROUTES = True\n",
                options=["--harakiri", "3"]) as server:
        before = server.worker_pids()
        try:
            status = fetch(server, "/_test/stall")[0]
        except TimeoutError:  # fetch's own bound: nothing ended the stalled request
            raise AssertionError("the stuck request was still open after 30 s: "
                                 "harakiri did not end it") from None
        except (OSError, http.client.HTTPException):
            status = None  # the connection ends with its worker
        assert status in (None, 502, 504)
        def replaced():
            pids = server.worker_pids()
            return len(pids) == 1 and pids != before and pids

        assert wait_for(replaced), "a new worker takes the stuck one's place"
        assert fetch(server, "/pengaduan/baru")[0] == 200
    assert "HARAKIRI" in server.read_log()


def test_sigterm_stops_the_server_and_its_workers(app, database_url):
    with served(app, database_url, workers=2) as server:
        workers = server.worker_pids()
        assert len(workers) == 2
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            raise AssertionError("SIGTERM did not stop the server within 20 s "
                                 "(uWSGI reloads unless die-on-term)") from None
        for pid in workers:
            assert not os.path.exists(f"/proc/{pid}") or \
                open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] == "Z"


def test_the_cache_refresher_thread_runs_in_a_worker(app, database_url, org):
    # numbers asked for are recomputed ahead of expiry by a thread of the worker
    # (portal/cache.py), which uWSGI runs only with enable-threads
    with served(app, database_url, workers=1, config="PUBLIC_CACHE_SECONDS = 3\n") as server:
        assert fetch(server, "/")[0] == 200
        database = Database(database_url)

        def newest():
            return database.query("SELECT max(computed_at) FROM public_cache")[0][0]

        first = wait_for(newest)
        assert first, "the home page's numbers are kept"
        # no request from here on: only the worker's own thread can recompute them
        assert wait_for(lambda: newest() != first, timeout=20), "recomputed with no request"
