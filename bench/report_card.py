"""Requests per second of the public pages against the same bytes served from memory.

Starts the production server (uWSGI with uwsgi.ini, 2 workers, a free loopback port)
on the database named by PORTAL_INSTANCE_PATH / DATABASE_URL, with the
bench-only route /_bench/memory switched on (BENCH_MEMORY_ROUTE; never on by
default). It answers a page's bytes kept in the worker's memory: the same
Flask request cycle with no work behind it, the ceiling a page can reach.

Then, in interleaved rounds, each route gets ``--seconds`` of load from
``--concurrency`` client threads (a new connection per request, as the
server's workers end every connection): the home page, a unit's report card, the unit's
JSON report, the comparison of every unit (/bandingkan, this year), and the memory route
for each of the four. With
``--small-instance`` a second server on small data runs beside it and its
routes join the same rounds, so "ratio vs small" compares figures measured
under the same load (the machine may be shared). Printed: median req/s over
the rounds, p50/p95 latency, each route's ratio to its memory twin and to the
small data. ``--markdown`` appends table rows, ``--json`` keeps the figures.

Every response must be 200 and non-empty and each memory route must answer
the same bytes as its page (CSRF tokens aside); otherwise the exit status is 1.

    PORTAL_INSTANCE_PATH=/tmp/large python bench/report_card.py --label large \
        --small-instance /tmp/small
"""
import argparse
import datetime
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSRF = re.compile(rb'(name="csrf_token"[^>]*value=")[^"]*(")')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, timeout=120):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def start_server(port, workers, env=None):
    # the first computations on the large data may take minutes: no harakiri at 30 s
    command = [os.path.join(os.path.dirname(sys.executable), "uwsgi"), "--ini", "uwsgi.ini",
               "--http-socket", f"127.0.0.1:{port}", "--processes", str(workers),
               "--module", "bench.memory_app:app", "--harakiri", "300", "--disable-logging"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        try:
            get(port, "/_bench/memory?path=/api/v1/units", timeout=300)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start within 120 s")


def stop_server(server):
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def data_summary(env):
    """Engine and volumes of the database named by ``env``."""
    saved = {name: os.environ.get(name) for name in ("PORTAL_INSTANCE_PATH", "DATABASE_URL")}
    os.environ.update({k: v for k, v in env.items() if k in saved})
    for name in saved:
        if name not in env:
            os.environ.pop(name, None)
    try:
        return _summary()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _summary():
    sys.path.insert(0, ROOT)
    from portal import create_app
    from portal.db import db, is_sqlite
    from peewee import fn

    from portal.models import Complaint, Skp, SurveyResponse, Unit
    app = create_app()
    with app.app_context(), db.connection_context():
        engine = "SQLite" if is_sqlite() else "PostgreSQL " + ".".join(
            str(db.obj.server_version)[i:i + 2].lstrip("0") or "0" for i in (0, 2))
        units = [u.code for u in Unit.public()]
        busiest = (SurveyResponse.select(SurveyResponse.unit)
                   .group_by(SurveyResponse.unit)
                   .order_by(fn.COUNT(SurveyResponse.id).desc()).limit(1).scalar())
        unit = Unit.get_by_id(busiest).code if busiest else (units[0] if units else None)
        return {"engine": engine, "unit": unit,
                "survey_responses": SurveyResponse.select().count(),
                "complaints": Complaint.select().count(), "skps": Skp.select().count()}


def hammer(port, path, seconds, concurrency):
    """(requests per second, latencies in ms, failures) of ``seconds`` of load."""
    latencies, failures, lock = [], [], threading.Lock()
    stop_at = time.monotonic() + seconds

    def client():
        mine, bad = [], []
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                status, body = get(port, path)
            except OSError as exc:
                bad.append(repr(exc))
                continue
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200 or not body:
                bad.append(f"{status} ({len(body)} bytes)")
        with lock:
            latencies.extend(mine)
            failures.extend(bad)

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return len(latencies) / elapsed, latencies, failures


def percentile(values, pct):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def masked(body):
    return CSRF.sub(rb"\1-\2", body)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", default="", help="e.g. large (printed and kept)")
    parser.add_argument("--unit", help="unit code of the report card (default: most answers)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=3.0, help="per route and round")
    parser.add_argument("--concurrency", type=int, default=4, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--small-instance", help="PORTAL_INSTANCE_PATH of small data served "
                        "side by side in the same rounds, for the ratio vs small")
    parser.add_argument("--small-database-url", help="its DATABASE_URL (default: its portal.db)")
    parser.add_argument("--json", help="write the figures here")
    parser.add_argument("--markdown", help="append the table rows to this file")
    parser.add_argument("--note", default="", help="free text for the rows' last column")
    args = parser.parse_args(argv)
    # stopped with SIGTERM: still stop the servers (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    main_env = {k: os.environ[k] for k in ("PORTAL_INSTANCE_PATH", "DATABASE_URL")
                if os.environ.get(k)}
    datasets = []
    if args.small_instance:
        small_env = {"PORTAL_INSTANCE_PATH": args.small_instance}
        if args.small_database_url:
            small_env["DATABASE_URL"] = args.small_database_url
        datasets.append(("small", small_env))
    datasets.append((args.label or "data", main_env))
    prefix = len(datasets) > 1

    sets = []
    for label, env in datasets:
        data = data_summary(env)
        unit = args.unit or data["unit"]
        if not unit:
            raise SystemExit("the database has no unit: load demo data first")
        print(f"# {label}: {data['engine']}, {data['survey_responses']:,} survey answers, "
              f"{data['complaints']:,} complaints, {data['skps']:,} SKPs; unit {unit}",
              flush=True)
        pages = {"home": "/", "unit": f"/unit/{unit}", "api": f"/api/v1/units/{unit}/report",
                 "compare": f"/bandingkan?tahun={datetime.date.today().year}"}
        routes = dict(pages)
        for name, path in pages.items():
            routes[f"memory:{name}"] = "/_bench/memory?path=" + urllib.parse.quote(path)
        server_env = dict(os.environ)
        for name in ("PORTAL_INSTANCE_PATH", "DATABASE_URL"):
            server_env.pop(name, None)
        server_env.update(env)
        sets.append({"label": label, "data": data, "unit": unit, "pages": pages,
                     "routes": routes, "env": server_env, "port": free_port()})

    def name_of(dataset, route):
        return f"{dataset['label']}:{route}" if prefix else route

    problems = []
    servers = []
    results = {}
    try:
        for dataset in sets:
            servers.append(start_server(dataset["port"], args.workers, dataset["env"]))
        for dataset in sets:
            port, routes, pages = dataset["port"], dataset["routes"], dataset["pages"]
            # warm up (the first request computes the numbers) and check the bytes
            for _ in range(2 * args.workers):
                for name, path in routes.items():
                    status, body = get(port, path, timeout=600)
                    if status != 200 or not body:
                        problems.append(f"{name_of(dataset, name)}: {status}, {len(body)} bytes")
            for name, path in pages.items():
                page = get(port, path)[1]
                memory = get(port, routes[f"memory:{name}"])[1]
                if masked(page) != masked(memory):
                    problems.append(f"{name_of(dataset, name)}: the memory route's bytes "
                                    "differ from the page's")
            for name in routes:
                results[name_of(dataset, name)] = {"rps": [], "latencies": [], "failures": []}
        order = [(dataset, name) for dataset in sets for name in dataset["routes"]]
        rng = random.Random(1)
        for round_no in range(args.rounds):
            rng.shuffle(order)  # interleaved: every route in every round, in a new order
            for dataset, name in order:
                rps, latencies, failures = hammer(dataset["port"], dataset["routes"][name],
                                                  args.seconds, args.concurrency)
                result = results[name_of(dataset, name)]
                result["rps"].append(rps)
                result["latencies"].extend(latencies)
                result["failures"].extend(failures)
            print(f"round {round_no + 1}/{args.rounds}: " + ", ".join(
                f"{name} {result['rps'][-1]:.0f}" for name, result in results.items()),
                flush=True)
    finally:
        for server in servers:
            stop_server(server)

    summary = {"date": datetime.date.today().isoformat(), "rounds": args.rounds,
               "seconds": args.seconds, "concurrency": args.concurrency,
               "workers": args.workers, "datasets": {}, "routes": {}}
    print(f"\n{'route':<20} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'requests':>9}")
    for name, result in results.items():
        route = {"rps": statistics.median(result["rps"]),
                 "p50_ms": percentile(result["latencies"], 50),
                 "p95_ms": percentile(result["latencies"], 95),
                 "requests": len(result["latencies"]), "failures": len(result["failures"])}
        summary["routes"][name] = route
        print(f"{name:<20} {route['rps']:>8.1f} {route['p50_ms']:>8.1f} "
              f"{route['p95_ms']:>8.1f} {route['requests']:>9}")
        if result["failures"]:
            problems.append(f"{name}: {len(result['failures'])} failed requests, e.g. "
                            f"{result['failures'][0]}")

    rows = []
    for dataset in sets:
        label, data = dataset["label"], dataset["data"]
        summary["datasets"][label] = {"unit": dataset["unit"], **data}
        ratios = {}
        for name in dataset["pages"]:
            rps = summary["routes"][name_of(dataset, name)]["rps"]
            memory = summary["routes"][name_of(dataset, f"memory:{name}")]["rps"]
            ratios[name] = {"memory": rps / memory}
            if prefix and label != "small":
                ratios[name]["small"] = rps / summary["routes"][f"small:{name}"]["rps"]
        summary.setdefault("ratios", {})[label] = ratios
        print(f"\n{label}: ratio vs memory: " + ", ".join(
            f"{name} {r['memory']:.2f}" for name, r in ratios.items()))
        if any("small" in r for r in ratios.values()):
            print(f"{label}: ratio vs small:  " + ", ".join(
                f"{name} {r['small']:.2f}" for name, r in ratios.items()))

        def cell(name, ratios=ratios, dataset=dataset):
            r = summary["routes"][name_of(dataset, name)]
            text = f"{r['rps']:.0f} ({r['p50_ms']:.0f}/{r['p95_ms']:.0f} ms)"
            if name in ratios:
                text += f" · {ratios[name]['memory']:.0%} of memory"
                if "small" in ratios[name]:
                    text += f" · {ratios[name]['small']:.0%} of small"
            return text

        rows.append("| " + " | ".join([
            summary["date"], data["engine"],
            f"{label} ({data['survey_responses']:,} / {data['complaints']:,} / "
            f"{data['skps']:,})",
            *[cell(name) for name in ("home", "memory:home", "unit", "memory:unit", "api",
                                      "memory:api", "compare", "memory:compare")],
            args.note]) + " |")
    print("\n" + "\n".join(rows))
    if args.markdown:
        with open(args.markdown, "a", encoding="utf-8") as fh:
            fh.write("\n".join(rows) + "\n")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(summary, fh, indent=1)
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
