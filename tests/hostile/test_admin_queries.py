"""The back office's list, details and edit pages under hostile query arguments
(page, sort, search, filters, ids), as an administrator who may open them all."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from admin.access import VIEW_ROLES
from tests.hostile.conftest import HOSTILE, assert_no_server_error

NUMBERISH = st.one_of(st.integers(-10**30, 10**30).map(str), HOSTILE)


@pytest.fixture
def admin_client(hostile_app, targets, users):
    client = hostile_app.test_client()
    from tests.conftest import AuthActions
    AuthActions(client).login("admin")
    return client


def model_views(app):
    from flask_admin.contrib.peewee import ModelView
    admin = app.extensions["admin"][0]
    return [v for v in admin._views if isinstance(v, ModelView) and v.endpoint in VIEW_ROLES]


@settings(max_examples=12)  # every example walks ~80 pages
@given(page=NUMBERISH, sort=NUMBERISH, search=HOSTILE, flt=HOSTILE, row=NUMBERISH,
       page_size=NUMBERISH)
def test_admin_lists_and_rows(admin_client, hostile_app, page, sort, search, flt, row,
                              page_size):
    for view in model_views(hostile_app):
        base = view.url
        for url, args in ((base + "/", {"page": page, "sort": sort, "desc": sort,
                                         "search": search, "flt0_0": flt, "page_size": page_size}),
                          (base + "/details/", {"id": row}),
                          (base + "/edit/", {"id": row}),
                          (base + "/export/csv/", {"search": search, "sort": sort})):
            response = admin_client.get(url, query_string=args)
            response.get_data()  # an export streams its rows
            assert_no_server_error(response, f"{url} {args}")


def test_numbers_no_page_can_use_are_explained(admin_client):
    for url in ("/admin/complaint/?page=99999999999999999", "/admin/unit/?page=9223372036854775",
                "/admin/employee/details/?id=99999999999999999999",
                "/admin/event/edit/?id=-99999999999999999999",
                "/admin/award/?search=" + "x" * 3000):
        response = admin_client.get(url)
        assert response.status_code == 400, url
        assert "terlalu panjang untuk digunakan" in response.get_data(as_text=True)
    assert admin_client.get("/admin/complaint/?page=3").status_code == 200


def test_every_filter_with_values_its_column_cannot_hold(admin_client, hostile_app):
    for view in model_views(hostile_app):
        for index in range(len(view._filters or [])):
            for value in ("", "abc", "-1", "1,x", "2026-13-45", "99999999999999999999"):
                url = f"{view.url}/?flt0_{index}={value}"
                response = admin_client.get(url)
                assert response.status_code in (200, 400), (url, response.status_code)
        for page in ("-1", "-99999"):
            assert admin_client.get(f"{view.url}/?page={page}").status_code == 200


# The arguments the back office's own pages (reports, QR codes, filtered lists) read as
# numbers, beside Flask-Admin's.
PAGE_ARGS = ("year", "month", "unit", "service", "form_id", "event_id", "period")
ODD_NUMBERS = ("99999999999999999999", "-99999999999999999999", "99999", "-1", "x", "²")


def test_every_page_with_numbers_no_page_can_use(admin_client, hostile_app):
    admin = hostile_app.extensions["admin"][0]
    for view in admin._views:
        if view.endpoint not in VIEW_ROLES:
            continue
        for key in PAGE_ARGS:
            for value in ODD_NUMBERS:
                exports = ("/export/csv/",) if getattr(view, "can_export", False) else ()
                for suffix in ("/",) + exports:
                    response = admin_client.get(view.url + suffix, query_string={key: value})
                    response.get_data()
                    assert_no_server_error(response, f"{view.url}{suffix}?{key}={value}")


def test_a_return_address_with_a_line_break_falls_back_to_the_list(admin_client, targets):
    """Flask-Admin sends the browser back to the ``url`` argument after a details page
    of a missing row, a save or a delete; a line break in it cannot go in a Location
    header (an outside scan found the 500 it caused). The damaged address is dropped
    and the view goes back to its own list; a confirmed delete still deletes."""
    import datetime

    from portal.db import db
    from portal.models import Award
    from tests.hostile.conftest import token_of

    with db.connection_context():
        award = Award.create(employee=targets["staff"], title="Pegawai Teladan",
                             award_date=datetime.date(2026, 3, 1))
        other = Award.create(employee=targets["staff"], title="Pegawai Inovatif",
                             award_date=datetime.date(2026, 4, 1))
    damaged = "/admin/award/?page_size=25\nenv;"
    for url in ("/admin/award/details/", "/admin/award/edit/"):
        response = admin_client.get(url, query_string={"id": award.id + 1000, "url": damaged})
        assert response.status_code == 302, url
        assert response.headers["Location"].endswith("/admin/award/")
    token = token_of(admin_client, "/admin/award/")
    for row, sent in ((award, {"query_string": {"url": damaged}}), (other, {})):
        data = {"id": row.id, "csrf_token": token, "confirmed": "1"}
        if not sent:
            data["url"] = "/admin/award/\r\n"
        response = admin_client.post("/admin/award/delete/", data=data, **sent)
        assert response.status_code == 302
        assert response.headers["Location"].endswith("/admin/award/")
        with db.connection_context():
            assert Award.get_or_none(Award.id == row.id) is None
    with db.connection_context():
        award = Award.create(employee=targets["staff"], title="Pegawai Teladan",
                             award_date=datetime.date(2026, 3, 1))
    # an ordinary return address still works
    response = admin_client.get(f"/admin/award/details/?id={award.id}&url=/admin/award/")
    assert response.status_code == 200
