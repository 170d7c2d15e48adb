"""The promise on the complaint form: the name, e-mail and phone of an anonymous
reporter reach the complaint coordinator and nobody else.

A poisoned anonymous report (a name, address and phone found nowhere else) is filed,
verified, sent to a unit and answered, so that it has events and mail in the outbox.
Then every role of the portal (no one signed in, pegawai, penilai, operator, admin,
the unit's officer, the coordinator) asks for every page the portal has (the same walk
as the access table's), searches every back-office list for the reporter, downloads
every export in every format and reads the APIs; the identity may appear only on the
coordinator's handling page.
"""
import io
import zipfile
from urllib.parse import quote, quote_plus

import pytest
from flask_login import login_user

from portal import complaints
from portal.db import db
from portal.models import Complaint, Outbox, User
from portal.rules import complaints as complaint_rules
from tests.access_walk import make_records, model_view, routes, url_for_route
from tests.conftest import PASSWORD, csrf_token

NAME, EMAIL, PHONE = "Zulkarnaen Racunwangi", "zul.racunwangi@contoh.id", "081299887766"
# pieces a page could show on their own: a first name, the mailbox, the number's tail
TRACES = (NAME, "Racunwangi", EMAIL, "zul.racunwangi", PHONE, "99887766")
ROLES = ("anonymous", "pegawai", "penilai", "operator", "admin", "unit_officer",
         "coordinator")
ROLE_USER = {"pegawai": "pegawai", "penilai": "penilai", "operator": "operator",
             "admin": "admin", "unit_officer": "petugas_dinas", "coordinator": "petugas"}


@pytest.fixture
def poisoned(app, org, users, survey, password_hash):
    records = make_records(app, org, users, survey)
    with app.test_request_context(), db.connection_context():
        officer = User.create(username="petugas_dinas", role="petugas_pengaduan",
                              unit=org["dinas"], password_hash=password_hash,
                              display_name="Petugas Dinkes")
        report = complaints.submit({
            "kind": "pengaduan", "unit": org["dinas"].id, "category": "kesehatan",
            "title": "Obat habis di apotek puskesmas",
            "description": "Sudah tiga kali saya datang dan obat hipertensi selalu habis.",
            "event_date": None, "place": "Puskesmas Sukamaju", "reporter_name": NAME,
            "reporter_email": EMAIL, "reporter_phone": PHONE, "anonymous": True,
            "confidential": False})
        coordinator = users["petugas"]
        login_user(coordinator)
        complaints.act(report, "verify", coordinator, note="Laporan lengkap.", public=True)
        complaints.act(report, "dispose", coordinator, note="", public=True,
                       unit=org["dinas"])
        login_user(officer)
        complaints.act(report, "answer", officer, note="Stok obat sudah ditambah.")
        mail = Outbox.select().where(Outbox.to == EMAIL).order_by(Outbox.id).first()
    assert mail is not None and mail.anonymous_recipient
    records.update(complaint=report.id, tracking_id=report.tracking_id, outbox=mail.id,
                   reporter_key=complaint_rules.reporter_key(app.secret_key, report.tracking_id))
    return records


def traces_in(text):
    lowered = text.lower()
    return [trace for trace in TRACES if trace.lower() in lowered]


def readable(response):
    """A response's text; a spreadsheet's cells and a PDF's bytes as text too."""
    data = response.get_data()
    if data[:2] == b"PK":  # XLSX: the shared strings and the sheets are XML in a zip
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "".join(book.read(name).decode("utf-8", "replace")
                           for name in book.namelist() if name.endswith(".xml"))
    return data.decode("utf-8", "replace")


def get_pages(app, client, records):
    """Every GET route of the portal, each model view's list searched for each trace,
    and every export in every format: (url, text)."""
    seen = []
    for endpoint, method in sorted(routes(app)):
        if method != "GET":
            continue
        url = url_for_route(app, endpoint, records)
        seen.append((url, readable(client.get(url))))
        view = model_view(app, endpoint)
        if view is None:
            continue
        if endpoint.endswith(".index_view") and view.column_searchable_list:
            for trace in (NAME, EMAIL, PHONE, "Racunwangi"):
                searched = client.get(url, query_string={"search": trace})
                seen.append((f"{url}?search={trace}", without_term(readable(searched), trace)
                             + tracking_id_hit(searched, records)))
        if endpoint.endswith(".export") and view.can_export:
            for kind in view.export_types:
                export_url = url.replace("/export/csv/", f"/export/{kind}/")
                seen.append((export_url, readable(client.get(export_url))))
    return seen


def without_term(text, term):
    """The page less the visitor's own search term, which it echoes in the search box
    and in addresses (that is no leak: the visitor typed it)."""
    for form in {term, quote(term), quote_plus(term), quote(term, safe="")}:
        text = text.replace(form, "")
    for piece in TRACES:  # what is left of it in a twice-encoded address
        if piece in term:
            text = text.replace(piece, "")
    return text


def tracking_id_hit(response, records):
    """A search that finds the report by its reporter tells who sent it: such a hit
    is reported as a trace of the identity."""
    return f" [found by its reporter: {NAME}]" \
        if records["tracking_id"] in response.get_data(as_text=True) else ""


def sign_in(client, role):
    if role == "anonymous":
        return
    token = csrf_token(client.get("/login").get_data(as_text=True))
    answer = client.post("/login", data={"username": ROLE_USER[role], "password": PASSWORD,
                                          "csrf_token": token})
    assert answer.status_code == 302, role


@pytest.mark.parametrize("role", ROLES)
def test_an_anonymous_reporter_is_seen_by_the_coordinator_alone(app, client, poisoned, role):
    sign_in(client, role)
    leaks = {url: traces_in(text) for url, text in get_pages(app, client, poisoned)}
    leaks = {url: found for url, found in leaks.items() if found}
    handling_page = f"/admin/complaint/handle/{poisoned['complaint']}"
    if role == "coordinator":
        # the one place the identity belongs, shown in full
        assert set(leaks.pop(handling_page)) >= {NAME, EMAIL, PHONE}
    assert not leaks, f"{role} sees the anonymous reporter on {sorted(leaks)}"


def test_the_walk_reaches_the_pages_that_would_leak(app, client, poisoned):
    """The walk is not blind: the pages it reads as the administrator hold the report
    and its mail, so a leak there would have been seen."""
    sign_in(client, "admin")
    pages = dict(get_pages(app, client, poisoned))
    handling = pages[f"/admin/complaint/handle/{poisoned['complaint']}"]
    assert poisoned["tracking_id"] in handling and "Obat habis" in handling
    outbox = pages["/admin/outbox/"]
    assert poisoned["tracking_id"] in outbox
    assert "(pelapor anonim)" in outbox


def test_an_office_may_let_administrators_see_anonymous_reporters(app, client, poisoned):
    """An explicit setting, off by default; the form's promise then names them."""
    app.config["ANONYMOUS_REPORTER_VISIBLE_TO"] = ("admin",)
    sign_in(client, "admin")
    handling = client.get(f"/admin/complaint/handle/{poisoned['complaint']}")
    assert EMAIL in handling.get_data(as_text=True)
    outbox = client.get("/admin/outbox/", query_string={"search": EMAIL})
    assert EMAIL in outbox.get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client.get("/").get_data(
        as_text=True))})
    form = client.get("/pengaduan/baru").get_data(as_text=True)
    assert "koordinator pengaduan dan administrator portal" in form
    sign_in(client, "operator")
    page = client.get(f"/admin/complaint/handle/{poisoned['complaint']}")
    assert not traces_in(page.get_data(as_text=True))


def test_the_form_promises_the_coordinator_alone_by_default(client):
    form = client.get("/pengaduan/baru").get_data(as_text=True)
    assert "hanya koordinator pengaduan yang dapat melihatnya" in form


def test_a_misspelt_role_in_the_setting_stops_the_start(database_url, tmp_path):
    from portal import create_app
    with pytest.raises(ValueError, match="ANONYMOUS_REPORTER_VISIBLE_TO"):
        create_app({"TESTING": True, "DATABASE_URL": database_url,
                    "INSTANCE_PATH": str(tmp_path), "ANONYMOUS_REPORTER_VISIBLE_TO": "admin"})
