"""Stored XSS: an attack in every free-text field, and every page that shows it —
public pages, the pages answering a form, forms shown again with their errors, the JSON
API and the back office's lists, details and edit forms — renders it as text (the
payload's markup never reaches a page unescaped)."""
import pytest
from flask_admin.contrib.peewee import ModelView

from admin.access import VIEW_ROLES
from portal.db import db
from portal.models import Complaint
from tests.conftest import AuthActions
from tests.hostile.conftest import assert_explained, token_of
from tests.hostile.poison import (fill, payload, send_answers, send_complaint,
                                  unescaped_attack)


@pytest.fixture
def poisoned(hostile_app, org, users, survey):
    client = hostile_app.test_client()
    return fill(client, org, users, survey)


FORM_TEXTS = ("form-title", "form-intro", "field-label", "field-help", "field-choice-a",
              "field-choice-b")
FIELD_TEXTS = ("field-label", "field-help", "field-choice-a", "field-choice-b")


def check_page(client, url, seen, shows=()):
    return check_response(url, client.get(url), seen, shows)


def check_response(url, response, seen, shows=()):
    """No payload markup unescaped; ``shows``: the tags of the texts the page must show."""
    assert response.status_code < 500, (url, response.status_code)
    if response.status_code in (301, 302, 304, 404, 403) and not shows:
        return response
    body = response.get_data(as_text=True)
    missing = [tag for tag in shows if tag not in body]
    assert not missing, f"{url} ({response.status_code}) does not show {missing}"
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
    # the texts added since: each one on the pages that show it
    for url, shows in (("/materi/racun", ("content-file",)),
                       ("/formulir/racun", FORM_TEXTS),
                       (f"/acara/{poisoned['event'].id}", FIELD_TEXTS),
                       ("/pengaduan/baru", FIELD_TEXTS),
                       (f"/acara/batal/{poisoned['registration'].cancel_token}",
                        ("registration-name", "event-title"))):
        check_page(client, url, seen, shows)
    # the sanitiser dropped the script from the Markdown body, kept the text
    body = client.get("/materi/racun").get_data(as_text=True)
    assert "&lt;script&gt;" in body or "<script>alert" not in body


def test_pages_answering_a_post_render_the_payload_as_text(hostile_app, poisoned):
    client = hostile_app.test_client()
    seen = set()
    event, registration = poisoned["event"], poisoned["registration"]
    url = f"/acara/{event.id}/hadir"
    response = client.post(url, data={"csrf_token": token_of(client, url),
                                      "email": registration.email,
                                      "code": event.attendance_code})
    assert response.status_code == 200
    check_response(url, response, seen, ("registration-name", "event-title"))
    response = send_answers(client, poisoned["form"])
    assert response.status_code == 200
    check_response("/formulir/racun", response, seen, ("form-title", "form-confirmation"))
    # the receipt shows no text the reporter wrote, only the new tracking ID
    response = send_complaint(client, poisoned["unit"].id)
    with db.connection_context():
        tracking = Complaint.select().order_by(Complaint.id.desc()).get().tracking_id
    check_response("/pengaduan/baru", response, seen, (tracking,))


def test_forms_shown_again_with_errors_render_the_payload_as_text(hostile_app, poisoned,
                                                                   targets):
    """A text field holds the attack, another field is wrong: the form comes back with
    the attack in it, as text."""
    client = hostile_app.test_client()
    event_id, tracking = poisoned["event"].id, targets["complaint"].tracking_id
    again = payload(tag="form-again")
    forms = {
        "/pengaduan/baru": {"kind": "pengaduan", "unit": str(targets["dinas"].id),
                            "category": "lainnya", "title": again[:150], "description": again,
                            "place": again, "reporter_email": "bukan-alamat"},
        "/survei/DINKES/SIP": {**{f"u{i}": "3" for i in range(2, 10)}, "education": "S1",
                               "occupation": "Swasta", "suggestion": again},
        f"/acara/{event_id}": {"name": again, "organisation": again, "email": "bukan-alamat"},
        f"/acara/{event_id}/hadir": {"email": "bukan-alamat", "code": again},
        f"/pengaduan/lacak/{tracking}/kepuasan": {"rating": "9", "comment": again},
        "/formulir/racun": {"nama": again},
        "/login": {"username": again, "password": ""},
    }
    for url, data in forms.items():
        response = client.post(url, data={**data, "csrf_token": token_of(client, url)})
        assert_explained(response, url)
        check_response(url, response, set(), ("form-again",))


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
             "/admin/complaint/new/", "/admin/content_item/new/",
             "/admin/form_submission/export/csv/"]
    with hostile_app_context(app):
        from portal.models import Evaluation
        for evaluation in Evaluation.select():
            urls.append(f"/admin/skp/{skp.id}/evaluation/{evaluation.period_id}")
    return urls


def admin_shows(poisoned):
    """url → the tags of the texts added since that the page shows an administrator."""
    skp, form, submission = poisoned["skp"], poisoned["form"].id, poisoned["submission"].id
    return {
        "/admin/audit/": ("audit-label", "audit-change"),
        f"/admin/audit/details/?id={poisoned['audit'].id}": ("audit-label", "audit-change",
                                                             "audit-comment"),
        f"/admin/content_item/workflow/{poisoned['item'].id}": ("workflow-comment",
                                                                "content-file"),
        f"/admin/monthly/{poisoned['report'].id}/": ("return-reason", "report-file"),
        f"/admin/skp/{skp.id}/evaluation/{poisoned['evaluation'].period_id}": (
            "evidence-name",),
        "/admin/custom_form/": ("form-title",),
        f"/admin/custom_form/details/?id={form}": ("form-title",),
        f"/admin/custom_form/edit/?id={form}": ("form-title", "form-intro",
                                                "form-confirmation") + FIELD_TEXTS,
        "/admin/form_submission/": ("form-title", "answer-text"),
        f"/admin/form_submission/details/?id={submission}": (
            "form-title", "field-label", "answer-text", "field-choice-a", "answer-file"),
        "/admin/form_submission/export/csv/": ("answer-text", "field-choice-a"),
    }


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
        for url, shows in admin_shows(poisoned).items():
            check_page(client, url, seen, shows)
        for must in ("/admin/unit/", "/admin/employee/", "/admin/complaint/",
                     "/admin/content_item/", "/admin/award/", "/admin/event/",
                     f"/admin/skp/{poisoned['skp'].id}/", f"/admin/monthly/{poisoned['report'].id}/"):
            assert must in seen, f"the payload is not shown on {must}"
