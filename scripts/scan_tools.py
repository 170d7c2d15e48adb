"""Helpers of scripts/scan.sh, run with Debian's /usr/bin/python3 (where wapiti and its
requests live), never against anything but 127.0.0.1.

  wapiti ARGS…              Debian's wapiti 3.0.4 with its URL exclusion working on
                            Python 3.11 (its pattern puts the flags at the end, which
                            Python 3.11 refuses: every -x crashed the crawl)
  login BASE USER PW FILE   sign in through the real form (CSRF token and all) and write
                            the session cookie as wapiti's JSON cookie file
  signed-in BASE FILE       exit 0 when the cookie file still opens the back office
  endpoint PORT LOG         a stand-in for wapiti3.ovh on loopback: records every
                            request the portal would make to a URL planted by the ssrf
                            module, and answers the module's get_ssrf.php question
  crawled SESSION_DIR       "<pages crawled> <of them under /admin/>" from wapiti's session
  summary WORK              the findings of every run; exit 1 on any finding or 5xx
"""
import collections
import glob
import json
import os
import re
import sqlite3
import sys
import urllib.parse

LOOPBACK = "127.0.0.1"


def loopback_only(base):
    host = urllib.parse.urlsplit(base).hostname
    if host != LOOPBACK:
        sys.exit(f"refusing to touch {host}: only {LOOPBACK} may be scanned")
    return base.rstrip("/")


def run_wapiti(args):
    import re as _re

    from wapitiCore.net import crawler

    def wildcard_translate(pattern):
        return _re.compile("(?ms)" + "".join(".*" if c == "*" else _re.escape(c)
                                             for c in pattern) + r"\Z")

    crawler.wildcard_translate = wildcard_translate

    # wapiti guesses the encoding of every page with a form (chardet, in pure Python:
    # about 0.7 s for one 100 KB back-office list, 95 % of its crawl time); our pages
    # say theirs in Content-Type, so use that when it is there
    from wapitiCore.net import page
    guess = page.Page.apparent_encoding

    def apparent_encoding(self):
        if "charset=" in self._response.headers.get("Content-Type", "").lower():
            return self._response.encoding.upper()
        return guess.fget(self)

    page.Page.apparent_encoding = property(apparent_encoding)
    for i, arg in enumerate(args):
        if arg in ("-u", "--url", "-s", "--start", "--endpoint"):
            loopback_only(args[i + 1])
    from wapitiCore.main.wapiti import wapiti_main
    sys.argv = ["wapiti"] + args
    wapiti_main()


def login(base, username, password, cookie_file):
    import requests
    from wapitiCore.net.jsoncookie import JsonCookie

    base = loopback_only(base)
    browser = requests.Session()
    page = browser.get(base + "/login", timeout=30).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or \
        re.search(r'value="([^"]+)"[^>]*name="csrf_token"', page)
    answer = browser.post(base + "/login", allow_redirects=False, timeout=30, data={
        "csrf_token": token.group(1), "username": username, "password": password})
    if answer.status_code != 302:
        sys.exit(f"sign-in as {username} failed: {answer.status_code}")
    if os.path.exists(cookie_file):
        os.unlink(cookie_file)
    jar = JsonCookie()
    jar.open(cookie_file)
    jar.addcookies(browser.cookies)
    jar.dump()
    jar.close()


def signed_in(base, cookie_file):
    import requests
    from wapitiCore.net.jsoncookie import JsonCookie

    base = loopback_only(base)
    jar = JsonCookie()
    jar.open(cookie_file)
    answer = requests.get(base + "/admin/", cookies=jar.cookiejar(LOOPBACK),
                          allow_redirects=False, timeout=30)
    jar.close()
    return answer.status_code == 200


def endpoint(port, log_path):
    import datetime
    import http.server

    # session id → the planted request's path id → hex parameter name → requests
    hits = collections.defaultdict(lambda: collections.defaultdict(
        lambda: collections.defaultdict(list)))

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urllib.parse.urlsplit(self.path)
            with open(log_path, "a") as log:
                log.write(f"{self.client_address[0]} {self.command} {self.path}\n")
            match = re.match(r"/ssrf/(\w+)/(\d+)/(\w+)/", parts.path)
            if match:
                session, path_id, hex_param = match.groups()
                hits[session][path_id][hex_param].append({
                    "url": self.path, "ip": self.client_address[0], "method": self.command,
                    "date": datetime.datetime.utcnow().isoformat(), "size": 0})
            body = b"{}"
            if parts.path == "/get_ssrf.php":
                session = urllib.parse.parse_qs(parts.query).get("id", [""])[0]
                body = json.dumps(hits.get(session, {})).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_PUT = do_HEAD = do_GET

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer((LOOPBACK, int(port)), Handler).serve_forever()


def _session_db(session_dir):
    (db,) = glob.glob(os.path.join(session_dir, "*.db"))
    return sqlite3.connect(db)


def crawled(session_dir):
    """(URLs and forms wapiti fetched while crawling, of them in the back office)."""
    paths = [row[0] for row in _session_db(session_dir).execute(
        "SELECT path FROM paths WHERE evil = 0 AND headers IS NOT NULL")]
    return len(paths), sum("/admin/" in path for path in paths)


def attacked(session_dir):
    """{module: URLs and forms it attacked within its time limit}."""
    return dict(_session_db(session_dir).execute(
        "SELECT module_name, COUNT(DISTINCT path_id) FROM attack_log GROUP BY module_name"))


def sqlmap_verdict(log_path):
    text = open(log_path, errors="replace").read()
    if "identified the following injection point" in text:
        return "INJECTABLE"
    if "do not appear to be injectable" in text:
        return "not injectable"
    if "connection timed out" in text or "unable to connect" in text:
        return "NO ANSWER"
    return "stopped at its time limit (no injection found so far)"


UWSGI_LINE = re.compile(r"\] (\w+) (\S+) => generated .*?\(HTTP/[\d.]+ (\d{3})\)")
KNOWN_500 = re.compile(r"^POST /language/")


def summary(work):
    failed = False
    print("=" * 72)
    print("wapiti (modules: %s)" % open(os.path.join(work, "modules")).read().strip())
    for run in ("anonymous", "operator"):
        report = os.path.join(work, f"wapiti-{run}.json")
        if not os.path.exists(report):
            print(f"  {run}: NO REPORT (wapiti did not finish)")
            failed = True
            continue
        data = json.load(open(report))
        pages, admin = crawled(os.path.join(work, f"wapiti-{run}"))
        print(f"  {run}: {pages} URLs and forms crawled ({admin} in the back office); attacked"
              " per module: " + ", ".join(f"{module} {n}" for module, n in
                                         sorted(attacked(os.path.join(work, f"wapiti-{run}")).items())))
        for kind in ("vulnerabilities", "anomalies"):
            for category, items in sorted(data.get(kind, {}).items()):
                if items:
                    failed = True
                    label = "vulnerability" if kind == "vulnerabilities" else "anomaly"
                    print(f"    {label} {category}: {len(items)}")
                    for item in items:
                        print(f"      {item['method']} {item['path']} "
                              f"[{item['parameter']}] {item['info'].splitlines()[0]}")
        if not any(data.get("vulnerabilities", {}).values()) and \
                not any(data.get("anomalies", {}).values()):
            print("    no vulnerability, no anomaly")
    ssrf_log = os.path.join(work, "endpoint.log")
    planted = [line for line in open(ssrf_log)] if os.path.exists(ssrf_log) else []
    fetched = [line for line in planted if " /ssrf/" in line]
    print(f"  requests the portal made to planted URLs (SSRF): {len(fetched)}")
    failed |= bool(fetched)

    print("sqlmap --batch --level 3")
    for log in sorted(glob.glob(os.path.join(work, "sqlmap-*.log"))):
        target = open(log).readline().strip()
        verdict = sqlmap_verdict(log)
        failed |= verdict in ("INJECTABLE", "NO ANSWER")
        print(f"  {verdict:>14}  {target}")

    statuses = collections.Counter()
    errors = collections.Counter()
    for line in open(os.path.join(work, "uwsgi.log"), errors="replace"):
        match = UWSGI_LINE.search(line)
        if match:
            method, path, status = match.groups()
            statuses[status[0] + "xx"] += 1
            if status.startswith("5"):
                errors[(status, method, path.split("?")[0])] += 1
        if "HARAKIRI" in line:
            errors[("harakiri", "", line.strip()[:80])] += 1
    known = sum(n for (s, m, p), n in errors.items() if KNOWN_500.match(f"{m} {p}"))
    print("uWSGI log: %s requests (%s)" % (sum(statuses.values()), ", ".join(
        f"{k}: {v}" for k, v in sorted(statuses.items()))))
    print(f"  5xx answers: {sum(errors.values())} (of them POST /language/…: {known})")
    for (status, method, path), n in errors.most_common():
        print(f"    {n:5} × {status} {method} {path}")
    failed |= bool(errors)
    print("RESULT:", "FINDINGS (see above)" if failed else "clean")
    return 1 if failed else 0


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "wapiti":
        run_wapiti(args)
    elif command == "login":
        login(*args)
    elif command == "signed-in":
        sys.exit(0 if signed_in(*args) else 1)
    elif command == "endpoint":
        endpoint(*args)
    elif command == "crawled":
        print(*crawled(args[0]))
    elif command == "summary":
        sys.exit(summary(args[0]))
    else:
        sys.exit(__doc__)
