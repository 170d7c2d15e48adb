"""Time `flask --app wsgi demo-data --scale large` on SQLite and PostgreSQL.

    bash bench/demo_data.sh            # starts a throw-away PostgreSQL, runs both, 3 runs each

Each run starts from an empty database (migrated first, not timed). Prints the
median wall time per engine and the counts loaded.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import psycopg2

FLASK = [sys.executable, "-m", "flask", "--app", "wsgi"]


def run(url, instance):
    env = dict(os.environ, DATABASE_URL=url, PORTAL_INSTANCE_PATH=instance)
    subprocess.run(FLASK + ["init-db"], env=env, check=True, capture_output=True)
    start = time.perf_counter()
    out = subprocess.run(FLASK + ["demo-data", "--scale", "large", "--password", "bench-password-1"],
                         env=env, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - start, out.splitlines()[0]


def fresh_pg(base):
    name = "bench_" + uuid.uuid4().hex[:8]
    conn = psycopg2.connect(base)
    conn.autocommit = True
    conn.cursor().execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return base.rsplit("/", 1)[0] + "/" + name


def main(runs=3):
    engines = {"sqlite": lambda d: "sqlite:///" + os.path.join(d, "portal.db")}
    if os.environ.get("THROWAWAY_PG_URL"):
        engines["postgresql"] = lambda d: fresh_pg(os.environ["THROWAWAY_PG_URL"])
    for engine, make_url in engines.items():
        times = []
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as instance:
                seconds, summary = run(make_url(instance), instance)
                times.append(seconds)
        print(f"{engine:10s} median {statistics.median(times):6.2f} s  "
              f"(runs: {', '.join(f'{t:.2f}' for t in times)})  {summary}")


if __name__ == "__main__":
    main()
