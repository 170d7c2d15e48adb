"""Stored XSS: an attack in every free-text field, and every page that shows it —
public pages, the JSON API and the back office's lists, details and edit forms —
renders it as text (the payload's markup never reaches a page unescaped)."""
import pytest
from flask_admin.contrib.peewee import ModelView

from admin.access import VIEW_ROLES
from portal.db import db
from tests.conftest import AuthActions
from tests.hostile.poison import fill, unescaped_attack


@pytest.fixture
def poisoned(hostile_app, org, users, survey):
    client = hostile_app.test_client()
    return fill(client, org, users, survey)


def check_page(client, url, seen):
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)
    if response.status_code in (301, 302, 304, 404, 403):
        return response
    body = response.get_data(as_text=True)
    if response.mimetype == "text/html":
        leak = unescaped_attack(body)
        assert leak is None, f"{url} shows the payload unescaped:\n{leak}"
        if "alert(1)" in body:
            seen.add(url)
    else:
        assert response.mimetype in ("application/json", "text/xml", "application/atom+xml",
                                     "text/csv", "text/calendar", "application/pdf"), \
            (url, response.mimetype)
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    return response


def test_public_pages_render_the_payload_as_text(hostile_app, poisoned):
    client = hostile_app.test_client()
    seen = set()
    with db.connection_context():
        tracking = poisoned["complaint"].tracking_id
    urls = ["/", "/unit/RACUN", "/unit/DINKES", f"/unit/DINKES?year={poisoned['year']}",
            "/kriteria", "/materi", "/materi?q=alert", "/materi/racun", "/materi?tag=racun",
            "/penghargaan", "/acara", f"/acara/{poisoned['event'].id}", "/survei/",
            "/survei/?q=alert", "/survei/RACUN/RCN", "/survei/DINKES/LAB",
            f"/pengaduan/lacak?id={tracking}", f"/pengaduan/lacak/{tracking}/kepuasan",
            "/berita/feed.atom", f"/acara/{poisoned['event'].id}.ics",
            "/api/v1/units", "/api/v1/units/RACUN/report", "/api/v1/units/DINKES/report",
            "/api/v1/ikm", f"/api/v1/complaints/{tracking}", "/open311/v2/requests.json",
            "/open311/v2/requests.xml", "/data/units.csv"]
    for url in urls:
        check_page(client, url, seen)
    # the payload was really on these pages (as text), so the check above meant something
    for url in ("/", "/unit/RACUN", "/materi/racun", "/penghargaan",
                f"/acara/{poisoned['event'].id}", "/survei/", f"/pengaduan/lacak?id={tracking}",
                "/kriteria"):
        assert url in seen, f"the payload is not shown on {url}"
    # the sanitiser dropped the script from the Markdown body, kept the text
    body = client.get("/materi/racun").get_data(as_text=True)
    assert "&lt;script&gt;" in body or "<script>alert" not in body


def admin_urls(app, client, poisoned):
    urls = []
    admin = app.extensions["admin"][0]
    for view in admin._views:
        if view.endpoint not in VIEW_ROLES:
            continue
        urls.append(view.url + "/")
        if isinstance(view, ModelView) and view.endpoint != "training_history":
            with hostile_app_context(app):
                ids = [row.id for row in view.model.select(view.model.id).limit(50)]
            for row_id in ids:
                if view.can_view_details:
                    urls.append(f"{view.url}/details/?id={row_id}")
                if view.can_edit:
                    urls.append(f"{view.url}/edit/?id={row_id}")
    skp, report, item = poisoned["skp"], poisoned["report"], poisoned["item"]
    urls += [f"/admin/skp/{skp.id}/", f"/admin/monthly/{report.id}/",
             f"/admin/content_item/workflow/{item.id}",
             f"/admin/complaint/handle/{poisoned['complaint'].id}",
             "/admin/complaint/new/", "/admin/content_item/new/"]
    with hostile_app_context(app):
        from portal.models import Evaluation
        for evaluation in Evaluation.select():
            urls.append(f"/admin/skp/{skp.id}/evaluation/{evaluation.period_id}")
    return urls


class hostile_app_context:
    """A request context (Flask-Admin's queries read current_user) with the database open."""

    def __init__(self, app):
        self.ctx = app.test_request_context()

    def __enter__(self):
        self.ctx.push()
        db.connect(reuse_if_open=True)

    def __exit__(self, *exc):
        db.close()
        self.ctx.pop()


@pytest.mark.parametrize("username", ["admin", "penilai", "petugas"])
def test_back_office_pages_render_the_payload_as_text(hostile_app, poisoned, users, username):
    client = hostile_app.test_client()
    AuthActions(client).login(username)
    seen = set()
    for url in admin_urls(hostile_app, client, poisoned):
        check_page(client, url, seen)
    assert seen, "the payload was shown on no back-office page"
    if username == "admin":
        for must in ("/admin/unit/", "/admin/employee/", "/admin/complaint/",
                     "/admin/content_item/", "/admin/award/", "/admin/event/",
                     f"/admin/skp/{poisoned['skp'].id}/", f"/admin/monthly/{poisoned['report'].id}/"):
            assert must in seen, f"the payload is not shown on {must}"
