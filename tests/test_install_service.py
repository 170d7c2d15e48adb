"""``scripts/install-service.sh``: the files it generates, checked by the tools that
will read them, and the request path they describe, run for real.

The script runs in "render only" mode into a temporary prefix (this machine has
no systemd running and the test is not the server's root): the systemd units and
timers go through ``systemd-analyze verify`` (which loads and checks unit files
without a running systemd), the nginx site through Debian's ``nginx -t``, and then
nginx (on a loopback port) in front of uWSGI started with the unit's own
``ExecStart`` and ``Environment`` serves a page, a static file, a 2 MB photo and a
rate-limited form. The client connects from 127.0.0.3 and forges
``X-Forwarded-For``: the rate limiter counts 127.0.0.3, the address nginx passed.
"""
import io
import os
import pwd
import random
import shlex
import shutil
import socket
import subprocess
import sys
import time

import pytest
from PIL import Image

from bench.load import ROOT, Browser, csrf_token, free_port, multipart
from portal.db import connect
from tests.served import COMPLAINT, migrate

SCRIPT = os.path.join(ROOT, "scripts", "install-service.sh")
JOBS = ("send-mail", "remind-events", "close-complaints", "backup", "clean-held-uploads")


def need(tool):
    """A Debian tool the test needs, installed by scripts/system-deps.sh when missing."""
    if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
        subprocess.run(["bash", os.path.join(ROOT, "scripts", "system-deps.sh")], check=True)
    return shutil.which(tool) or f"/usr/sbin/{tool}"


def install(prefix, **settings):
    """Run the script in render-only mode under ``prefix``; return (output, settings)."""
    env = dict(os.environ, LENTERA_RENDER_ONLY="1", LENTERA_DESTDIR=str(prefix),
               LENTERA_CODE=ROOT, LENTERA_VENV=os.path.dirname(os.path.dirname(sys.executable)),
               LENTERA_INSTANCE=str(prefix / "srv" / "instance"),
               LENTERA_LOG_DIR=str(prefix / "log"), LENTERA_NGINX_LOG_DIR=str(prefix / "log"))
    env.update(settings)
    done = subprocess.run(["bash", SCRIPT], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout, env


def units(prefix):
    folder = prefix / "etc" / "systemd" / "system"
    return sorted(folder.iterdir())


def generated(prefix):
    return {str(p.relative_to(prefix)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in prefix.rglob("*") if p.is_file()}


def test_every_unit_and_timer_passes_systemd_analyze_verify(tmp_path):
    analyze = need("systemd-analyze")
    install(tmp_path)
    files = units(tmp_path)
    names = {p.name for p in files}
    assert {f"lentera-{job}.{kind}" for job in JOBS for kind in ("service", "timer")} \
        | {"lentera.service"} == names
    done = subprocess.run([analyze, "verify", *map(str, files)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr

    server = (tmp_path / "etc/systemd/system/lentera.service").read_text()
    for line in ("User=lentera", "NoNewPrivileges=yes", "ProtectSystem=strict",
                 f"ReadWritePaths={tmp_path}/srv/instance {tmp_path}/log",
                 "Environment=PROXY_FIX_COUNT=1", "--http-socket 127.0.0.1:8001"):
        assert line in server, line
    assert "User=root" not in server
    assert "OnCalendar=minutely" in (tmp_path / "etc/systemd/system/lentera-send-mail.timer"
                                     ).read_text()
    for job in JOBS:
        service = (tmp_path / f"etc/systemd/system/lentera-{job}.service").read_text()
        assert f"/bin/flask --app wsgi {job}\n" in service and "User=lentera" in service

    # the check has teeth: a timer with a calendar systemd cannot read is refused
    broken = tmp_path / "lentera-broken.timer"
    broken.write_text((tmp_path / "etc/systemd/system/lentera-backup.timer").read_text()
                      .replace("*-*-* 02:15:00", "every night at two"))
    shutil.copy(tmp_path / "etc/systemd/system/lentera-backup.service",
                tmp_path / "lentera-broken.service")
    done = subprocess.run([analyze, "verify", str(broken)], capture_output=True, text=True)
    assert done.returncode != 0 and "every night" in done.stderr, done.stderr


def test_a_second_run_changes_nothing(tmp_path):
    first, _env = install(tmp_path)
    before = generated(tmp_path)
    assert len(before) == 14  # 11 units, the nginx site and its link, logrotate
    time.sleep(0.05)
    second, _env = install(tmp_path)
    assert generated(tmp_path) == before  # same bytes, not even rewritten
    assert "changed" not in second.replace("unchanged", "")
    assert "changed" in first.replace("unchanged", "")
    # a changed setting rewrites exactly the file it appears in
    third, _env = install(tmp_path, LENTERA_WORKERS="4")
    assert [line.split()[-1] for line in third.splitlines() if line.strip().startswith("changed")] \
        == [str(tmp_path / "etc/systemd/system/lentera.service")]


def nginx_config(tmp_path, site):
    """A main nginx.conf around the generated site, everything under ``tmp_path``."""
    run = tmp_path / "nginx"
    run.mkdir(exist_ok=True)
    (tmp_path / "log").mkdir(exist_ok=True)  # LENTERA_NGINX_LOG_DIR of install()
    config = run / "nginx.conf"
    user = "user root root;\n" if os.getuid() == 0 else ""
    config.write_text(f"""{user}worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {site};
}}
""")
    return config


def test_nginx_accepts_the_generated_site(tmp_path):
    nginx = need("nginx")
    install(tmp_path)
    site = tmp_path / "etc/nginx/sites-enabled/lentera"
    assert "client_max_body_size 64m;" in site.read_text()
    config = nginx_config(tmp_path, site)
    done = subprocess.run([nginx, "-t", "-c", str(config), "-p", str(tmp_path / "nginx"),
                           "-e", str(tmp_path / "nginx/error.log")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr and "test is successful" in done.stderr


class FromAddress(Browser):
    """A visitor whose connections come from another loopback address."""

    def __init__(self, base_url, source):
        super().__init__(base_url)
        self.source = source

    def request(self, method, path, body=None, headers=None):
        if self.sock is None:
            self.sock = socket.create_connection((self.address, self.port), self.timeout,
                                                 source_address=(self.source, 0))
            self.buffer = b""
        return super().request(method, path, body, headers)


def unit_command(unit_file):
    """The ExecStart of a unit and its Environment= settings."""
    command, env = None, {}
    for line in unit_file.read_text().splitlines():
        if line.startswith("ExecStart="):
            command = shlex.split(line[len("ExecStart="):])
        elif line.startswith("Environment="):
            name, _eq, value = line[len("Environment="):].partition("=")
            env[name] = value
    return command, env


def big_photo():
    """A real JPEG over 1 MB (nginx's default limit), under the portal's 5 MB."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (1100, 1100), rng.randbytes(1100 * 1100 * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    data = out.getvalue()
    assert 1024 * 1024 < len(data) < 5 * 1024 * 1024
    return data


def send_complaint(browser, headers=None, photo=None, title="Jembatan desa retak"):
    status, _h, html, _s = browser.request("GET", "/pengaduan/baru", headers=headers)
    if status != 200:
        return status, html
    data = dict(COMPLAINT, title=title, csrf_token=csrf_token(html))
    files = {"attachments": ("jembatan.jpg", "image/jpeg", photo)} if photo else \
        {"attachments": ("", "application/octet-stream", b"")}
    body, content_type = multipart(data, files)
    status, headers_in, html, _s = browser.request(
        "POST", "/pengaduan/baru", body=body,
        headers=dict(headers or {}, **{"Content-Type": content_type}))
    return status, html


@pytest.fixture
def behind_nginx(tmp_path, fresh_database_url):
    """nginx on 127.0.0.1 in front of uWSGI, both from the generated files."""
    nginx = need("nginx")
    public, private = free_port(), free_port()
    _out, env = install(tmp_path, LENTERA_PORT=str(private), LENTERA_LISTEN=f"127.0.0.1:{public}",
                        LENTERA_SERVER_NAME="lentera.test")
    instance = env["LENTERA_INSTANCE"]
    os.makedirs(instance)
    os.makedirs(env["LENTERA_LOG_DIR"], exist_ok=True)
    database_url = fresh_database_url()
    migrate(database_url, instance)
    command, unit_env = unit_command(tmp_path / "etc/systemd/system/lentera.service")
    assert unit_env == {"PORTAL_INSTANCE_PATH": instance, "PROXY_FIX_COUNT": "1"}
    server_env = dict(os.environ, **unit_env, DATABASE_URL=database_url,
                      COMPLAINT_SUBMIT_RATE_LIMIT="3 per hour")
    uwsgi = subprocess.Popen(command, env=server_env, cwd=ROOT, start_new_session=True)
    web = subprocess.Popen([nginx, "-c", str(nginx_config(tmp_path, tmp_path / "etc/nginx/"
                                                                       "sites-enabled/lentera")),
                            "-p", str(tmp_path / "nginx"), "-e", str(tmp_path / "nginx/error.log")],
                           start_new_session=True, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{public}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if Browser(base).request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            assert uwsgi.poll() is None and web.poll() is None, \
                open(os.path.join(env["LENTERA_LOG_DIR"], "uwsgi.log")).read()[-3000:]
            assert time.monotonic() < deadline, "nginx and uWSGI did not come up"
            time.sleep(0.2)
        yield base, instance, database_url
    finally:
        for process in (web, uwsgi):  # the masters stop their workers
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
                process.wait()


def test_nginx_in_front_of_uwsgi_serves_pages_uploads_and_counts_the_real_address(behind_nginx):
    base, instance, database_url = behind_nginx
    visitor = FromAddress(base, "127.0.0.3")

    status, headers, html, _s = visitor.request("GET", "/")
    assert status == 200 and "Lentera" in html
    assert headers.get("Server", "").startswith("nginx")
    status, headers, css, _s = visitor.request("GET", "/static/css/portal.css")
    assert status == 200 and headers.get("Cache-Control") == "max-age=3600"  # nginx's
    assert css == open(os.path.join(ROOT, "portal/static/css/portal.css"), encoding="utf-8").read()

    # a photo over nginx's default 1 MB limit reaches the portal and is stored
    status, html = send_complaint(visitor, photo=big_photo())
    assert status == 303, html[:500]
    stored = os.listdir(os.path.join(instance, "uploads", "complaints"))
    assert len(stored) == 1

    # "3 per hour": two more, each claiming to come from another address, then refused
    for n, forged in enumerate(("10.9.8.7", "203.0.113.5")):
        status, html = send_complaint(visitor, headers={"X-Forwarded-For": forged},
                                      title=f"Lampu jalan mati nomor {n}")
        assert status == 303, html[:500]
    status, html = send_complaint(visitor, headers={"X-Forwarded-For": "198.51.100.1"},
                                  title="Satu lagi dengan alamat palsu")
    assert status == 429
    assert "Terlalu banyak" in html or "terlalu sering" in html.lower(), html[:800]

    database = connect(database_url)
    keys = [row[0] for row in database.execute_sql("SELECT key FROM rate_limit_counter")]
    database.close()
    assert any("127.0.0.3" in key for key in keys), keys
    for forged in ("10.9.8.7", "203.0.113.5", "198.51.100.1", "127.0.0.1"):
        assert not any(forged in key for key in keys), keys

    # another visitor (another address) may still send
    status, html = send_complaint(FromAddress(base, "127.0.0.4"), title="Dari warga lain")
    assert status == 303, html[:500]


def test_logrotate_rotates_the_uwsgi_log_in_place(tmp_path):
    logrotate = need("logrotate")
    _out, env = install(tmp_path, LENTERA_USER=pwd.getpwuid(os.getuid()).pw_name)
    log = tmp_path / "log" / "uwsgi.log"
    log.parent.mkdir()
    log.write_text("a request\n" * 100)
    config = tmp_path / "etc/logrotate.d/lentera"
    done = subprocess.run([logrotate, "--force", "--verbose", "--state", str(tmp_path / "state"),
                           str(config)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # copytruncate: uWSGI keeps writing to the same, now empty, file
    assert log.exists() and log.stat().st_size == 0
    assert (tmp_path / "log" / "uwsgi.log.1").read_text() == "a request\n" * 100
