"""The audit trail: every back-office change leaves an entry (who, when, what before and
after), a refused change leaves none, secrets never show, and the trail itself is
read-only and open to administrators and operators only."""
import io
import json

from portal import audit
from portal.db import db
from portal.models import (AuditEntry, ContentItem, Event, Period, Registration, Rhk, Skp, Unit,
                           User)
from portal.models import content as content_model
from tests.conftest import csrf_token

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def token(client, url):
    return csrf_token(client.get(url).get_data(as_text=True))


def entries(**where):
    with db.connection_context():
        query = AuditEntry.select().order_by(AuditEntry.id)
        for name, value in where.items():
            query = query.where(getattr(AuditEntry, name) == value)
        return list(query)


def unit_form(client, url, **values):
    data = {"code": "BAPPEDA", "name": "Badan Perencanaan", "kind": "badan", "parent": "",
            "active": "y", "csrf_token": token(client, url)}
    data.update(values)
    return data


def test_create_edit_and_delete_through_the_back_office_are_recorded(client, auth, users):
    auth.login("operator")
    client.post("/admin/unit/new/", data=unit_form(client, "/admin/unit/new/"))
    with db.connection_context():
        unit = Unit.get(Unit.code == "BAPPEDA")
    [created] = entries(object_type="Unit", object_id=unit.id)
    assert created.action == "create"
    assert created.username == "operator" and created.account_id == users["operator"].id
    assert created.object_label == "Badan Perencanaan"
    assert created.change_dict["name"] == [None, "Badan Perencanaan"]
    assert created.change_dict["kind"] == [None, "badan"]
    assert created.remote_ip == "127.0.0.1"

    url = f"/admin/unit/edit/?id={unit.id}"
    client.post(url, data=unit_form(client, url, name="Bappeda Kabupaten"))
    changed = entries(object_type="Unit", object_id=unit.id)[-1]
    assert changed.action == "update"
    # only what changed, before and after
    assert changed.change_dict == {"name": ["Badan Perencanaan", "Bappeda Kabupaten"]}

    client.post(url, data=unit_form(client, url, name="Bappeda Kabupaten"))  # no change
    assert len(entries(object_type="Unit", object_id=unit.id)) == 2

    client.post("/admin/unit/delete/", data={"id": str(unit.id), "confirmed": "1",
                                              "csrf_token": token(client, "/admin/unit/")})
    deleted = entries(object_type="Unit", object_id=unit.id)[-1]
    assert deleted.action == "delete"
    assert deleted.change_dict["name"] == ["Bappeda Kabupaten", None]
    assert deleted.change_dict["code"] == ["BAPPEDA", None]
    with db.connection_context():
        assert not Unit.select().where(Unit.code == "BAPPEDA").exists()


def test_a_refused_save_records_nothing(client, auth, users, org):
    auth.login("operator")
    # a kelurahan under a dinas: the form says why and nothing is written
    page = client.post("/admin/unit/new/", data=unit_form(
        client, "/admin/unit/new/", code="KEL-X", name="Kelurahan X", kind="kelurahan",
        parent=str(org["dinas"].id))).get_data(as_text=True)
    assert "kecamatan" in page
    url = f"/admin/unit/edit/?id={org['dinas'].id}"
    client.post(url, data=unit_form(client, url, code="DINKES", name="Dinas Kesehatan Baru",
                                    kind="kelurahan", parent=str(org["dinas"].id)))
    assert entries() == []
    with db.connection_context():
        assert Unit.get_by_id(org["dinas"].id).name == "Dinas Kesehatan"


def test_a_refused_delete_records_nothing(client, auth, users):
    auth.login("admin")
    client.post("/admin/account/delete/", data={
        "id": str(users["admin"].id), "csrf_token": token(client, "/admin/account/"),
        "confirmed": "1"})
    assert entries() == []
    with db.connection_context():
        assert User.get_or_none(User.id == users["admin"].id) is not None


def test_password_hashes_never_reach_the_trail(client, auth, users, org):
    auth.login("admin")
    url = "/admin/account/new/"
    client.post(url, data={"username": "baru", "display_name": "Akun Baru", "role": "operator",
                           "active": "y", "new_password": "rahasia-sekali-123",
                           "csrf_token": token(client, url)})
    with db.connection_context():
        new = User.get(User.username == "baru")
    url = f"/admin/account/edit/?id={new.id}"
    client.post(url, data={"username": "baru", "display_name": "Akun Baru", "role": "operator",
                           "active": "y", "new_password": "kata-sandi-lain-456",
                           "csrf_token": token(client, url)})

    created, changed = entries(object_type="User", object_id=new.id)
    with db.connection_context():
        stored_hash = User.get_by_id(new.id).password_hash
    for entry in (created, changed):
        assert stored_hash not in entry.changes
        assert "scrypt" not in entry.changes and "pbkdf2" not in entry.changes
        assert "session_version" not in entry.change_dict
    assert created.change_dict["password_hash"] == [None, audit.HIDDEN]
    # a new password shows as changed, without either value
    assert changed.change_dict == {"password_hash": [audit.HIDDEN, audit.HIDDEN]}
    page = client.get(f"/admin/audit/details/?id={changed.id}").get_data(as_text=True)
    assert "(disembunyikan)" in page
    assert stored_hash not in page
    assert "scrypt" not in client.get("/admin/audit/export/csv/").get_data(as_text=True)


def make_skp(employee, state):
    with db.connection_context():
        skp = Skp.create(employee=employee, year=2026, state=state,
                         appraiser=employee.supervisor_id)
        Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
    return skp


def test_skp_steps_and_reopen_are_recorded(client, auth, users, org):
    skp = make_skp(org["staff"], "draft")
    auth.login("pegawai")
    client.post(f"/admin/skp/{skp.id}/action/submit",
                data={"csrf_token": token(client, "/admin/skp/"), "confirmed": "1"})
    auth.logout()
    auth.login("penilai")
    client.post(f"/admin/skp/{skp.id}/action/approve",
                data={"csrf_token": token(client, "/admin/skp/"), "confirmed": "1"})
    auth.logout()
    auth.login("admin")
    client.post(f"/admin/skp/{skp.id}/action/reopen",
                data={"csrf_token": token(client, "/admin/skp/"), "reason": "Salah ketik RHK",
                      "confirmed": "1"})
    steps = entries(object_type="Skp", object_id=skp.id)
    assert [(e.action, e.username, e.change_dict["state"]) for e in steps] == [
        ("transition", "pegawai", ["draft", "submitted"]),
        ("transition", "penilai", ["submitted", "approved"]),
        ("reopen", "admin", ["approved", "draft"]),
    ]
    assert steps[-1].comment == "Salah ketik RHK"
    assert steps[0].object_label == "SKP 2026 — Dewi Lestari"


def test_an_evidence_upload_is_recorded_by_name_and_size(client, auth, users, org):
    skp = make_skp(org["staff"], "approved")
    with db.connection_context():
        period = Period.create(year=2026, quarter=1)
    auth.login("pegawai")
    url = f"/admin/skp/{skp.id}/evaluation/{period.id}"
    page = f"/admin/skp/{skp.id}/realisation/{period.id}"  # where the employee uploads
    client.post(url + "/evidence", data={"csrf_token": token(client, page),
                                          "file": (io.BytesIO(PDF), "laporan.pdf")},
                content_type="multipart/form-data")
    [entry] = entries(object_type="Evidence")
    assert entry.action == "upload" and entry.username == "pegawai"
    assert entry.change_dict == {"filename": [None, "laporan.pdf"], "size": [None, len(PDF)],
                                 "content_type": [None, "application/pdf"]}
    assert "laporan.pdf" in entry.object_label and "Dewi Lestari" in entry.object_label
    # a refused file leaves no entry
    client.post(url + "/evidence", data={"csrf_token": token(client, page),
                                          "file": (io.BytesIO(b"#!/bin/sh\n"), "x.pdf")},
                content_type="multipart/form-data")
    assert len(entries(object_type="Evidence")) == 1


def test_list_actions_record_each_row(client, auth, users):
    with db.connection_context():
        event = Event.create(title="Sosialisasi SKP", starts_at="2026-09-01 02:00:00",
                             ends_at="2026-09-01 05:00:00", capacity=10, published=True)
        people = [Registration.create(event=event, name=name, email=f"{name}@example.id",
                                      status="registered", cancel_token=f"token-{name}")
                  for name in ("budi", "sari")]
    auth.login("operator")
    list_url = "/admin/event_registration/"
    client.post("/admin/event_registration/action/", data={
        "action": "check_in", "rowid": [str(p.id) for p in people],
        "csrf_token": token(client, list_url)})
    ticked = entries(object_type="Registration", action="update")
    assert sorted(e.object_id for e in ticked) == sorted(p.id for p in people)
    assert all(e.change_dict["attended_via"] == ["", "list"] for e in ticked)
    assert all(e.change_dict["attended_at"][0] is None for e in ticked)
    assert ticked[0].comment == "Tandai hadir"
    assert all("token" not in e.changes for e in ticked)

    client.post("/admin/event_registration/action/", data={
        "action": "delete", "rowid": [str(people[0].id)], "csrf_token": token(client, list_url),
        "confirmed": "1"})
    [deleted] = entries(object_type="Registration", action="delete")
    assert deleted.object_id == people[0].id
    assert deleted.change_dict["name"] == ["budi", None]
    assert "cancel_token" in deleted.change_dict
    assert "token-budi" not in deleted.changes


def test_content_and_complaint_steps_are_recorded(app, users):
    from portal import complaints
    from portal.models import Complaint
    with app.test_request_context(), db.connection_context():
        item = ContentItem.create(kind="guide", title="Panduan SKP", slug="panduan-skp",
                                  created_by=users["operator"])
        content_model.take_transition(item, users["operator"], "submit", "Mohon ditinjau")
        complaint = Complaint.create(tracking_id="LPR-TEST", kind="complaint", title="Antrean",
                                     description="Lama sekali", reporter_name="Warga Rahasia")
        complaints.act(complaint, "verify", users["petugas"], note="Sudah dicek")
        step = AuditEntry.get(AuditEntry.object_type == "ContentItem")
        assert (step.action, step.username, step.comment) == ("transition", "operator",
                                                              "Mohon ditinjau")
        assert step.change_dict["state"] == ["private", "pending"]
        handled = AuditEntry.get(AuditEntry.object_type == "Complaint")
        assert handled.username == "petugas" and handled.comment == "Sudah dicek"
        assert handled.change_dict["state"][0] == "received"
        assert "Warga Rahasia" not in handled.changes


def test_the_trail_page_lists_filters_and_shows_a_change_table(app, client, auth, users, org):
    auth.login("admin")
    url = f"/admin/unit/edit/?id={org['dinas'].id}"
    client.post(url, data=unit_form(client, url, code="DINKES", name="Dinas Kesehatan Kab.",
                                    kind="dinas"))
    [entry] = entries()
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "Jejak Audit" in page
    assert "Dinas Kesehatan Kab." in page and "Diubah" in page
    details = client.get(f"/admin/audit/details/?id={entry.id}").get_data(as_text=True)
    assert "Sebelum" in details and "Sesudah" in details
    # the field's label from the unit view, in Indonesian
    assert "<th scope=\"row\">Nama</th>" in details
    assert "Dinas Kesehatan</td>" in details
    view = next(v for v in app.extensions["admin"][0]._views if v.endpoint == "audit")
    index = next(i for i, f in enumerate(view._filters) if f.column is AuditEntry.action)
    arg = view.get_filter_arg(index, view._filters[index])
    filtered = client.get(f"/admin/audit/?flt0_{arg}=delete").get_data(as_text=True)
    assert "Dinas Kesehatan Kab." not in filtered
    assert "Dinas Kesehatan Kab." in client.get(f"/admin/audit/?flt0_{arg}=update").get_data(
        as_text=True)
    csv = client.get("/admin/audit/export/csv/").get_data(as_text=True)
    assert "Dinas Kesehatan → Dinas Kesehatan Kab." in csv
    assert client.get("/admin/audit/export/xlsx/").status_code == 200


def test_only_admin_and_operator_open_the_trail(client, auth, users):
    for name in ("pegawai", "penilai", "petugas"):
        auth.login(name)
        assert client.get("/admin/audit/").status_code == 403, name
        auth.logout()


def test_operators_do_not_see_entries_about_accounts(client, auth, users):
    with db.connection_context():
        about_account = audit.record(audit.UPDATE, users["pegawai"],
                                     before={"display_name": "A"}, after={"display_name": "B"},
                                     user=users["admin"])
        about_unit = AuditEntry.create(username="admin", action="create", object_type="Unit",
                                       object_id=1, object_label="Unit Contoh",
                                       changes=json.dumps({"name": [None, "Unit Contoh"]}))
    auth.login("operator")
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert f"details/?id={about_unit.id}" in page
    assert f"details/?id={about_account.id}" not in page
    assert client.get(f"/admin/audit/details/?id={about_account.id}").status_code == 302
    assert client.get(f"/admin/audit/details/?id={about_unit.id}").status_code == 200
    auth.logout()
    auth.login("admin")
    assert client.get(f"/admin/audit/details/?id={about_account.id}").status_code == 200


def test_the_trail_cannot_be_changed_by_anyone(client, auth, users):
    with db.connection_context():
        entry = AuditEntry.create(username="admin", action="create", object_type="Unit",
                                  object_id=1, object_label="Unit Contoh", changes="{}")
    auth.login("admin")
    list_token = token(client, "/admin/audit/")
    assert client.get("/admin/audit/new/").status_code == 302
    assert client.get(f"/admin/audit/edit/?id={entry.id}").status_code == 302
    client.post("/admin/audit/new/", data={"username": "x", "action": "create",
                                           "csrf_token": list_token})
    client.post(f"/admin/audit/edit/?id={entry.id}", data={"username": "x",
                                                           "csrf_token": list_token})
    client.post("/admin/audit/delete/", data={"id": str(entry.id), "csrf_token": list_token,
                                              "confirmed": "1"})
    client.post("/admin/audit/action/", data={"action": "delete", "rowid": [str(entry.id)],
                                              "csrf_token": list_token, "confirmed": "1"})
    with db.connection_context():
        assert [(e.id, e.username) for e in AuditEntry.select()] == [(entry.id, "admin")]
    page = client.get("/admin/audit/").get_data(as_text=True)
    assert "/admin/audit/new/" not in page and "/admin/audit/edit/" not in page


def test_monthly_report_steps_texts_and_attachments_are_recorded(client, auth, users, org):
    from portal.models import MonthlyReport
    with db.connection_context():
        report = MonthlyReport.create(employee=org["staff"], year=2026, month=3,
                                      appraiser=org["boss"], summary="")
    auth.login("pegawai")
    base = f"/admin/monthly/{report.id}/"
    client.post(base + "save", data={"summary": "Melayani 120 pasien",
                                     "csrf_token": token(client, base)})
    client.post(base + "attachment", data={"csrf_token": token(client, base),
                                           "file": (io.BytesIO(PDF), "daftar-hadir.pdf")},
                content_type="multipart/form-data")
    client.post(base + "action/submit", data={"csrf_token": token(client, base),
                                              "confirmed": "1"})
    about_report = entries(object_type="MonthlyReport", object_id=report.id)
    assert [(e.action, list(e.change_dict)) for e in about_report] == [
        ("update", ["summary"]), ("transition", ["state"])]
    assert about_report[0].change_dict["summary"] == ["", "Melayani 120 pasien"]
    assert about_report[1].change_dict["state"] == ["draft", "submitted"]
    [upload] = entries(object_type="MonthlyReportAttachment")
    assert upload.action == "upload"
    assert upload.change_dict["filename"] == [None, "daftar-hadir.pdf"]


def test_a_survey_import_is_one_import_entry_with_its_count(client, auth, users, survey):
    from tests.test_survey_import import GOOD, upload
    auth.login("operator")
    assert upload(client, GOOD).status_code == 302
    [entry] = entries(object_type="SurveyResponse")
    assert (entry.action, entry.username, entry.object_label) == ("import", "operator",
                                                                  "kuesioner.csv")
    assert entry.change_dict["created"] == [None, 3]
    assert entry.change_dict["kind"] == [None, "survey"]


def test_the_demo_trail_names_who_took_each_step(runner, app, client, auth):
    from tests.conftest import PASSWORD
    assert runner.invoke(args=["demo-data", "--password", PASSWORD]).exit_code == 0
    with db.connection_context():
        kinds = {e.object_type for e in AuditEntry.select(AuditEntry.object_type).distinct()}
        assert {"Skp", "MonthlyReport", "Complaint", "Employee"} <= kinds
        assert not AuditEntry.select().where(AuditEntry.username == "").exists()
        samples = [AuditEntry.select().where(AuditEntry.object_type == kind).first().id
                   for kind in sorted(kinds)]
    auth.login("operator")
    assert "Jejak Audit" in client.get("/admin/audit/").get_data(as_text=True)
    for entry_id in samples:
        assert client.get(f"/admin/audit/details/?id={entry_id}").status_code == 200


def test_content_attachments_are_recorded_when_added_and_removed(client, auth, users):
    from portal.models import ContentAttachment
    with db.connection_context():
        item = ContentItem.create(kind="guide", title="Materi Sosialisasi", slug="materi",
                                  created_by=users["operator"])
    auth.login("operator")
    page = f"/admin/content_item/workflow/{item.id}"
    client.post(page + "/attachments", data={"file": (io.BytesIO(PDF), "panduan.pdf"),
                                             "csrf_token": token(client, page)},
                content_type="multipart/form-data")
    with db.connection_context():
        attachment = ContentAttachment.get(ContentAttachment.item == item.id)
    client.post(f"/admin/content_item/attachment/{attachment.id}/delete",
                data={"csrf_token": token(client, page), "confirmed": "1"})
    added, removed = entries(object_type="ContentAttachment")
    assert (added.action, removed.action) == ("upload", "delete")
    assert added.change_dict["filename"] == [None, "panduan.pdf"]
    assert removed.change_dict["size"] == [len(PDF), None]
    assert "Materi Sosialisasi" in added.object_label


def test_the_date_filter_reads_times_in_the_offices_zone(app, client, auth, users):
    import datetime
    with db.connection_context():
        for label, at in (("Sebelum batas", datetime.datetime(2026, 3, 1, 16, 30)),
                          ("Sesudah batas", datetime.datetime(2026, 3, 1, 17, 30))):
            AuditEntry.create(username="admin", action="update", object_type="Unit",
                              object_id=1, object_label=label, at=at, changes="{}")
    auth.login("admin")
    view = next(v for v in app.extensions["admin"][0]._views if v.endpoint == "audit")
    index = next(i for i, f in enumerate(view._filters) if f.__class__.__name__ == "AtBetween")
    arg = view.get_filter_arg(index, view._filters[index])
    # 00:00 WIB on 2 March is 17:00 UTC on 1 March
    page = client.get(f"/admin/audit/?flt0_{arg}=2026-03-02 00:00:00 to 2026-03-02 23:59:59")
    text = page.get_data(as_text=True)
    assert "Sesudah batas" in text and "Sebelum batas" not in text
