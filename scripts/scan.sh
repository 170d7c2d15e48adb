#!/usr/bin/env bash
# An outside scan of the production server (README: "Keamanan / Security", "Web scanner").
# Not part of `make test`: it takes about half an hour on two cores.
#
#   sudo bash scripts/scan.sh        (VENV=/path/to/venv if not .venv; root only to install)
#
# 1. installs Debian's wapiti and sqlmap when missing;
# 2. makes a throw-away instance (temporary folder, SQLite, demo data) and serves it with
#    uWSGI exactly as `make run` does, on a free port of 127.0.0.1 — the only address
#    this script ever scans;
# 3. runs wapiti twice: signed in as no one, then as the demo `operator` (signed in
#    through the real login form), with sign-out (and, as operator, the language
#    switch) excluded so the session survives;
# 4. runs sqlmap --batch --level 3 (SQLite payloads: the instance's engine) on the public
#    pages that take parameters;
# 5. prints the findings per module, sqlmap's verdicts and the 5xx answers in the
#    uWSGI log; exits 1 on any finding or any 5xx.
# Time limits: SCAN_CRAWL_SECONDS (crawl, per wapiti run), SCAN_ATTACK_SECONDS (per
# wapiti module), SCAN_SQLMAP_SECONDS (per sqlmap target). The work folder (reports,
# logs) is kept and named at the end; SCAN_WORK=DIR to choose it.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=$(cd "${VENV:-.venv}/bin" && pwd)
SYSPY=/usr/bin/python3                  # Debian's Python: wapiti's own libraries
TOOLS="$ROOT/scripts/scan_tools.py"
MODULES=xss,permanentxss,sql,blindsql,exec,file,redirect,crlf,ssrf
CRAWL=${SCAN_CRAWL_SECONDS:-240}
ATTACK=${SCAN_ATTACK_SECONDS:-90}
SQLMAP=${SCAN_SQLMAP_SECONDS:-60}

# -- 1. the scanners -----------------------------------------------------------------
if ! command -v wapiti >/dev/null || ! command -v sqlmap >/dev/null; then
    if [ "$(id -u)" -ne 0 ]; then echo "run as root to install wapiti and sqlmap" >&2; exit 2; fi
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wapiti sqlmap \
        || exit 2
fi
echo "wapiti $(wapiti --version 2>/dev/null | tail -n 1 | awk '{print $2}'), sqlmap $(sqlmap --version 2>/dev/null | head -n 1)"

# -- 2. a throw-away instance on the production server --------------------------------
WORK=${SCAN_WORK:-$(mktemp -d /tmp/lentera-scan.XXXXXX)}
mkdir -p "$WORK"
echo "$MODULES" > "$WORK/modules"
export PORTAL_INSTANCE_PATH="$WORK/instance"
unset DATABASE_URL
mkdir -p "$PORTAL_INSTANCE_PATH"
# The scanners send thousands of requests from one address: without this they would
# mostly meet the rate limits' 429 page instead of the code behind it.
echo "RATELIMIT_ENABLED = False" > "$PORTAL_INSTANCE_PATH/config.py"
PASSWORD=$("$SYSPY" -c 'import secrets; print(secrets.token_urlsafe(12))')
free_port() { "$SYSPY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
EPORT=$(free_port)
BASE="http://127.0.0.1:$PORT"

"$BIN/flask" --app wsgi init-db > "$WORK/setup.log" 2>&1 \
    && "$BIN/flask" --app wsgi demo-data --password "$PASSWORD" >> "$WORK/setup.log" 2>&1 \
    || { cat "$WORK/setup.log"; exit 2; }

PIDS=()
cleanup() {  # SIGTERM, then after 20 s SIGKILL to what is left (and uWSGI's workers)
    kill "${PIDS[@]}" 2>/dev/null
    for _ in $(seq 20); do kill -0 "${PIDS[@]}" 2>/dev/null || return 0; sleep 1; done
    for pid in "${PIDS[@]}"; do pkill -KILL -P "$pid"; kill -KILL "$pid"; done 2>/dev/null
}
trap cleanup EXIT
"$BIN/uwsgi" --ini uwsgi.ini --http-socket "127.0.0.1:$PORT" --processes 2 > "$WORK/uwsgi.log" 2>&1 &
PIDS+=($!)
"$SYSPY" "$TOOLS" endpoint "$EPORT" "$WORK/endpoint.log" &
PIDS+=($!)
for _ in $(seq 60); do
    curl -fs -o /dev/null "$BASE/healthz" && break
    sleep 1
done
curl -fs -o /dev/null "$BASE/healthz" || { echo "the server did not start"; cat "$WORK/uwsgi.log"; exit 2; }
echo "serving $BASE from $WORK (log: $WORK/uwsgi.log)"

# -- 3. wapiti, anonymous and as an operator ------------------------------------------
wapiti_run() {  # NAME URL [extra wapiti arguments]
    local name=$1 url=$2; shift 2
    echo "=== wapiti: $name ($(date +%T)) ==="
    "$SYSPY" "$TOOLS" wapiti -u "$url" --scope folder -m "$MODULES" \
        -x "$BASE/logout" -x "$BASE/static/*" -x "$BASE/admin/static/*" \
        --max-scan-time "$CRAWL" --max-attack-time "$ATTACK" \
        --max-links-per-page 40 --max-files-per-dir 40 --max-parameters 25 -d 5 \
        -t 30 --endpoint "http://127.0.0.1:$EPORT/" --no-bugreport -v 1 \
        --store-session "$WORK/wapiti-$name" --flush-session \
        -f json -o "$WORK/wapiti-$name.json" "$@" > "$WORK/wapiti-$name.log" 2>&1
    echo "wapiti $name: exit $?, crawled (URLs and forms, of them back office): $("$SYSPY" "$TOOLS" crawled "$WORK/wapiti-$name")"
}
wapiti_run anonymous "$BASE/"
"$SYSPY" "$TOOLS" login "$BASE" operator "$PASSWORD" "$WORK/operator-cookie.json" > /dev/null || exit 2
# the back office (the public pages were the anonymous run's); the language switch is
# attacked in the anonymous run, here it could end the session
wapiti_run operator "$BASE/admin/" -c "$WORK/operator-cookie.json" -x "$BASE/language/*"
if "$SYSPY" "$TOOLS" signed-in "$BASE" "$WORK/operator-cookie.json"; then
    echo "the operator's session survived the scan"
else
    echo "the operator's session no longer opens the back office (the scan changed it)"
fi

# -- 4. sqlmap on the public pages that take parameters ------------------------------
tracking=$("$SYSPY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT tracking_id FROM complaint WHERE confidential = 0 LIMIT 1").fetchone()[0])' \
    "$PORTAL_INSTANCE_PATH/portal.db")
unit=$("$SYSPY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT code FROM unit WHERE active = 1 ORDER BY id LIMIT 1").fetchone()[0])' \
    "$PORTAL_INSTANCE_PATH/portal.db")
service=$("$SYSPY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT u.code || \"/\" || s.code FROM service s JOIN unit u ON u.id = s.unit_id LIMIT 1").fetchone()[0])' \
    "$PORTAL_INSTANCE_PATH/portal.db")
category=$("$SYSPY" -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT category FROM complaint LIMIT 1").fetchone()[0])' "$PORTAL_INSTANCE_PATH/portal.db")
year=$(date +%Y)
n=0
for target in \
    "$BASE/pengaduan/lacak?id=$tracking" \
    "$BASE/?q=dinas" \
    "$BASE/unit/$unit?year=$year" \
    "$BASE/kriteria?year=$year" \
    "$BASE/materi?kind=news&tag=kesehatan&q=layanan&page=1" \
    "$BASE/survei/?q=ktp" \
    "$BASE/survei/terima-kasih?unit=$unit" \
    "$BASE/api/v1/ikm?year=$year" \
    "$BASE/api/v1/units/$unit/report?year=$year" \
    "$BASE/api/v1/complaints/$tracking*" \
    "$BASE/open311/v2/requests.json?service_request_id=$tracking&status=open" \
    "$BASE/open311/v2/requests.json?start_date=$year-01-01T00:00:00Z&end_date=$year-12-31T00:00:00Z&service_code=$category" \
    "$BASE/survei/$service*"; do
    n=$((n + 1))
    log="$WORK/sqlmap-$(printf %02d $n).log"
    echo "$target" > "$log"
    echo "=== sqlmap $n: $target ($(date +%T)) ==="
    timeout --signal=INT --kill-after=20 "$SQLMAP" sqlmap -u "$target" --batch --level 3 --dbms SQLite \
        --timeout 30 --retries 1 --output-dir "$WORK/sqlmap" --disable-coloring \
        >> "$log" 2>&1 < /dev/null
done

# -- 5. summary -----------------------------------------------------------------------
"$SYSPY" "$TOOLS" summary "$WORK"
status=$?
echo "reports and logs: $WORK"
exit $status
