"""Paired comparison: two or more servers side by side, the same load alternated between
them in short slices, so a ratio is measured in one run.

    python bench/paired.py before=root:/tmp/lentera-before now=
    python bench/paired.py --engine postgresql w2=workers:2 w4=workers:4
    python bench/paired.py plain= thunder=--thunder-lock
    python bench/paired.py gunicorn=server:gunicorn uwsgi=   # pip install gunicorn==27.0.1

Each argument is ``NAME=SETTINGS``; SETTINGS is a comma-separated list of
``root:PATH`` (serve another checkout of the portal, e.g. a ``git worktree`` of the
commit before a change, with this checkout's ``uwsgi.ini``), ``workers:N``,
``ENV_NAME:VALUE`` (an environment variable of that server), ``server:gunicorn``
(gunicorn's sync workers instead of uWSGI) or an option of the server
(``--thunder-lock``, ``--harakiri=60``). Every server runs on
the same freshly made database (the small demo kabupaten); in every round each one
gets ``--slice`` seconds of the load of ``bench/load.py`` (32 browser-like clients),
the order reversed every other round. Printed per server: acknowledged writes/s over
all its slices, its ratio to the first server, and its workers' CPU per write.

The machine's speed drifts by 10-20 % within minutes when it is shared; runs one after
the other then compare the machine, not the code. Slices of a few seconds, alternated,
see the same machine.
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from bench import load  # noqa: E402


def server_for(spec, url, instance):
    name, _, settings = spec.partition("=")
    root, env, options, workers, kind = load.ROOT, {}, [], 2, load.Server
    for item in filter(None, settings.split(",")):
        if item.startswith("--"):
            options += item.split("=", 1)
        elif item == "server:gunicorn":
            kind = load.GunicornServer
        elif item.startswith("root:"):
            root = item[len("root:"):]
        elif item.startswith("workers:"):
            workers = int(item[len("workers:"):])
        else:
            key, _, value = item.partition(":")
            env[key] = value or "1"
    server = kind(url, instance, workers=workers, env=env,
                         log_path=os.path.join(instance, f"{name}.log"), root=root, options=options)
    return name, server


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--slice", type=float, default=5, help="seconds per server per round")
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("servers", nargs="+", metavar="NAME=SETTINGS")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="lentera-paired-") as instance:
        url = load.prepared_database(args.engine, instance)
        targets = load.Database(url).targets()
        servers = dict(server_for(spec, url, instance) for spec in args.servers)
        totals = {name: [0, 0.0, 0.0, 0] for name in servers}  # writes, seconds, CPU, 5xx
        try:
            for server in servers.values():
                server.start()
            for round_ in range(args.rounds):
                order = list(servers) if round_ % 2 == 0 else list(servers)[::-1]
                for name in order:
                    server = servers[name]
                    cpu = server.cpu_seconds()
                    result = load.run_processes(server.base_url, targets, args.clients,
                                                args.slice, 2)
                    total = totals[name]
                    total[0] += result.acknowledged
                    total[1] += result.seconds
                    total[2] += server.cpu_seconds() - cpu
                    total[3] += result.server_errors
        finally:
            for server in servers.values():
                server.stop()
        first = None
        for name, (writes, seconds, cpu, errors) in totals.items():
            rate = writes / seconds
            first = first or rate
            print(f"{name:16s} {rate:6.1f} writes/s ({100 * rate / first:5.1f} %)  "
                  f"workers' CPU {1000 * cpu / max(writes, 1):.2f} ms per write  5xx {errors}")
        return 1 if any(total[3] for total in totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
