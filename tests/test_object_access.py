"""Typing the id of another unit's record: an appraiser, an employee, a complaint
officer and an operator of Kecamatan Sukamaju try every back-office route that names
a record of Dinas Kesehatan (an SKP with its RHK, IKI, evidence and follow-up, a
monthly report and its attachment, a complaint disposed to Dinas Kesehatan with its
attachment, a survey answer, a registration, the unit's form and a submission with
its file), in the URL or in the form fields Flask-Admin reads (``id`` of a deletion,
``rowid`` of each list action).

What this proves: every such route answers 403 or 404 (or, where a view has no such
page at all or the record is not the user's, sends the user back to its list), never
shows the record, and not one row of the database changes, whatever the request
carries. The operator manages every unit's employees and records, so only the pages
an operator sees for their own unit only are theirs to try here (OPERATOR_SCOPED).
"""
import pytest

from portal.db import db
from portal.models import Employee, User
from tests.access_walk import make_records, record_id, routes, steps, url_for_route
from tests.complaint_helpers import move
from tests.conftest import csrf_token
from tests.test_session_security import snapshot

RECORD_ARGS = {"skp_id", "report_id", "evidence_id", "attachment_id", "item_id", "id",
               "rhk_id", "iki_id", "period_id", "answer_id"}
# Flask-Admin's pages that name their record in the query (?id=) or the form
MODEL_VIEW_RECORD_PAGES = (".details_view", ".edit_view", ".delete_view", ".action_view")
# the views an operator with a unit sees for that unit only (admin/forms.py)
OPERATOR_SCOPED = ("custom_form", "form_submission")


@pytest.fixture
def strangers(org, password_hash):
    """People of Kecamatan Sukamaju: the camat (an appraiser), their staff member,
    the kecamatan's complaint officer and its operator."""
    with db.connection_context():
        camat = Employee.create(nip="197505052000031002", name="Camat Sukamaju",
                                golongan="IV/a", jabatan_kind="administrator",
                                position_title="Camat", unit=org["kecamatan"])
        clerk = Employee.create(nip="199202022015032001", name="Rina Kecamatan",
                                golongan="III/a", jabatan_kind="pelaksana",
                                position_title="Pengadministrasi", unit=org["kecamatan"],
                                supervisor=camat)
        made = [User.create(username="penilai-kec", role="penilai", employee=camat,
                            password_hash=password_hash),
                User.create(username="pegawai-kec", role="pegawai", employee=clerk,
                            password_hash=password_hash),
                User.create(username="petugas-kec", role="petugas_pengaduan",
                            unit=org["kecamatan"], password_hash=password_hash),
                User.create(username="operator-kec", role="operator",
                            unit=org["kecamatan"], password_hash=password_hash)]
    return [u.username for u in made]


def object_routes(app, username):
    """(endpoint, method, step) of every back-office request that names a record."""
    admin_views = {v.endpoint for v in app.extensions["admin"][0]._views}
    for endpoint, method in sorted(routes(app)):
        view = endpoint.split(".")[0]
        if view not in admin_views or username == "operator-kec" and view not in OPERATOR_SCOPED:
            continue
        rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
        if rule.arguments & RECORD_ARGS or endpoint.endswith(MODEL_VIEW_RECORD_PAGES):
            for step in steps(app, endpoint, method):
                yield endpoint, method, step


# Flask-Admin's own pages answer a record the user may not see (or a page the view
# does not have) by going back to the list with "Record does not exist."
MODEL_VIEW_PAGES = MODEL_VIEW_RECORD_PAGES + (".ajax_update",)


@pytest.mark.parametrize("username", ["penilai-kec", "pegawai-kec", "petugas-kec",
                                      "operator-kec"])
def test_other_units_records_stay_closed(app, client, auth, users, org, survey, strangers,
                                         username):
    records = make_records(app, org, users, survey)
    with app.test_request_context(), db.connection_context():
        from portal.models import Complaint
        complaint = Complaint.get_by_id(records["complaint"])
    move(app, complaint, ("verify", users["admin"], {}),
         ("dispose", users["admin"], {"unit": org["dinas"]}))
    records["id"] = records["complaint"]
    auth.login(username)
    token = csrf_token(client.get("/account/password").get_data(as_text=True))
    before = snapshot()
    tried = 0
    for endpoint, method, step in object_routes(app, username):
        url = url_for_route(app, endpoint, records, step)
        if method == "GET":
            response = client.get(url)
        else:
            data = {"csrf_token": token, "reason": "x", "body": "x", "text": "x",
                    "note": "x", "summary": "x", "unit": str(org["kecamatan"].id),
                    "title": "Formulir Kecamatan", "slug": "formulir-kecamatan",
                    "status": "published", "transition": "retract"}
            if endpoint.endswith(MODEL_VIEW_RECORD_PAGES):
                data.update(id=record_id(app, endpoint, records),
                            rowid=record_id(app, endpoint, records), action=step)
            response = client.open(url, method=method, data=data)
            assert snapshot() == before, (username, endpoint, step)
        if response.status_code == 302 and endpoint.endswith(MODEL_VIEW_PAGES):
            response = client.get(response.headers["Location"])
            assert response.status_code == 200, (username, endpoint)
        else:
            assert response.status_code in (403, 404), (username, endpoint, method,
                                                        response.status_code)
        body = response.get_data(as_text=True)
        for secret in ("Dewi Lestari", "Pelayanan pasien rawat jalan", complaint.tracking_id,
                       "Ruang tunggu perlu kipas angin", "Formulir Uji", "%PDF"):
            assert secret not in body, (username, endpoint, secret)
        tried += 1
    assert tried > (10 if username == "operator-kec" else 20)
    assert snapshot() == before
