"""``/healthz``: is this server able to serve? For load balancers and monitoring.

200 ``{"status": "ok", "checks": {...}}`` when the database answers a query on
the portal's own schema (its migration log: an empty or missing SQLite file, or
a database ``init-db`` never ran on, fails) and the instance folder (uploads,
SQLite's journal, backups) is writable; 503 with ``"status": "unavailable"`` and the failed check marked
``"failed"`` otherwise. The answer never carries error texts (they may name
hosts, users or paths): those go to the log. Not rate-limited, no session.
"""
import os
import secrets

from flask import current_app, jsonify

from portal.db import db
from portal.extensions import limiter

ENDPOINT = "healthz"


def check_database():
    try:
        db.connect(reuse_if_open=True)
        db.execute_sql("SELECT 1 FROM schema_migration LIMIT 1").fetchone()
        return True
    except Exception:  # any failure is a failed check, reported without details
        current_app.logger.exception("health check: database")
        return False
    finally:
        try:
            if not db.is_closed():
                db.close()
        except Exception:
            current_app.logger.exception("health check: closing the database connection")


def check_instance():
    path = os.path.join(current_app.instance_path, f".healthz-{secrets.token_hex(8)}")
    try:
        with open(path, "xb") as fh:
            fh.write(b"ok")
        os.remove(path)
        return True
    except OSError:
        current_app.logger.exception("health check: instance folder not writable")
        return False


@limiter.exempt
def healthz():
    checks = {"database": check_database(), "instance": check_instance()}
    ok = all(checks.values())
    body = {"status": "ok" if ok else "unavailable",
            "checks": {name: "ok" if passed else "failed" for name, passed in checks.items()}}
    response = jsonify(body)
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def init_app(app):
    app.add_url_rule("/healthz", ENDPOINT, healthz)
