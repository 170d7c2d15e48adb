"""Every route of the portal and the back office × every role, against the one table
in ``tests/access_table.py``.

A route, list action or workflow step added without a line in the table fails
(drift); a route answering a role differently from the table fails (deviation),
deleting or changing a record included. The back-office lines must also agree with
``admin/access.py`` VIEW_ROLES, which the views themselves obey.
"""
import json
import os

import pytest

from admin.access import VIEW_ROLES
from tests.access_table import TABLE, parse
from tests.access_walk import ROLE_USER, ROLES, cases, make_records, walk
from tests.conftest import csrf_token

RECORD = os.environ.get("LENTERA_RECORD_ACCESS")  # a folder: write what was seen, to review


@pytest.fixture
def records(app, org, users, survey):
    return make_records(app, org, users, survey)


def test_every_route_has_a_line_in_the_table(app):
    expected = parse(TABLE)
    missing = sorted(cases(app) - set(expected))
    assert not missing, "routes missing from tests/access_table.py: %s" % missing
    stale = sorted(set(expected) - cases(app))
    assert not stale, "lines for routes that no longer exist: %s" % stale


def test_back_office_lines_agree_with_view_roles(app):
    """A role outside a view's VIEW_ROLES is refused on every route of the view."""
    admin = app.extensions["admin"][0]
    views = {view.endpoint for view in admin._views}
    for (endpoint, method), row in parse(TABLE).items():
        view = endpoint.split(".")[0]
        if view not in views or endpoint == "admin.static":
            continue
        for role, got in row.items():
            if role == "anonymous":
                assert got == "login", (endpoint, method, role)
            elif role not in VIEW_ROLES[view]:
                assert got == "403", (endpoint, method, role)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(app, client, auth, users, records, role):
    if role == "anonymous":
        token = csrf_token(client.get("/login").get_data(as_text=True))
    else:
        assert auth.login(ROLE_USER[role]).status_code == 302
        token = csrf_token(client.get("/account/password").get_data(as_text=True))
    seen = walk(app, client, records, token)
    if RECORD:
        with open(os.path.join(RECORD, role + ".json"), "w") as fh:
            json.dump({f"{e} {m}": v for (e, m), v in seen.items()}, fh)
    expected = {route: row[role] for route, row in parse(TABLE).items()}
    wrong = sorted(f"{e} {m}: expected {expected.get((e, m))}, got {got}"
                   for (e, m), got in seen.items() if expected.get((e, m)) != got)
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
