"""What a delete or an edit in the back office may not undo: records other records still
refer to, closed periods, a waiting list, an event's attached form, stored files."""
import datetime
import os

import pytest

from portal.db import db
from portal.models import (CustomForm, Employee, Event, IndicatorRealisation, Period,
                           Registration, Unit, UnitIndicator, User)
from portal.models.base import utcnow
from tests.conftest import csrf_token


def token(client, url="/admin/"):
    return csrf_token(client.get(url).get_data(as_text=True))


def delete(client, view, row_id, how):
    """Delete one row as the back office offers it: the row's delete button, or the
    list's "delete" action."""
    data = {"csrf_token": token(client, f"/admin/{view}/"), "confirmed": "1"}
    if how == "button":
        data["id"] = row_id
        return client.post(f"/admin/{view}/delete/", data=data, follow_redirects=True)
    data.update(action="delete", rowid=row_id)
    return client.post(f"/admin/{view}/action/", data=data, follow_redirects=True)


@pytest.mark.parametrize("how", ["button", "list"])
def test_a_unit_with_employees_is_not_deleted_with_them(client, auth, users, org, how):
    auth.login("admin")
    page = delete(client, "unit", org["dinas"].id, how).get_data(as_text=True)
    assert "tidak dapat dihapus selama data lain masih merujuk kepadanya" in page
    assert "Pegawai" in page
    with db.connection_context():
        assert Unit.get_or_none(Unit.id == org["dinas"].id) is not None
        assert Employee.select().where(Employee.unit == org["dinas"]).count() == 3


@pytest.mark.parametrize("how", ["button", "list"])
def test_a_unit_with_accounts_keeps_them_bound_to_it(client, auth, users, org, password_hash,
                                                     how):
    with db.connection_context():
        upt = Unit.create(code="UPT-1", name="UPT Puskesmas", kind="upt")
        officer = User.create(username="petugas-upt", role="petugas_pengaduan", unit=upt,
                              password_hash=password_hash)
    auth.login("admin")
    page = delete(client, "unit", upt.id, how).get_data(as_text=True)
    assert "Unit ini masih memiliki akun" in page
    with db.connection_context():
        assert User.get_by_id(officer.id).unit_id == upt.id  # not a coordinator now
        User.delete_by_id(officer.id)
    delete(client, "unit", upt.id, how)
    with db.connection_context():
        assert Unit.get_or_none(Unit.id == upt.id) is None  # nothing refers to it: it goes


def test_list_ids_no_database_holds_are_ignored(client, auth, users, org):
    auth.login("admin")
    for rowid in ("²", "99999999999999999999", "-1", "1e3"):
        response = delete(client, "employee", rowid, "list")
        assert response.status_code == 200, rowid
    with db.connection_context():
        assert Employee.select().count() == 3


def make_event(**fields):
    start = (utcnow() + datetime.timedelta(days=3)).replace(microsecond=0)
    return Event.create(title="Bimtek UMKM", starts_at=start,
                        ends_at=start + datetime.timedelta(hours=3), published=True, **fields)


@pytest.mark.parametrize("how", ["button", "list"])
def test_deleting_a_seat_holder_moves_the_waiting_list_up(client, auth, users, how):
    with db.connection_context():
        event = make_event(capacity=1)
        ani = Registration.create(event=event, name="Ani", email="ani@example.id",
                                  status="registered")
        bayu = Registration.create(event=event, name="Bayu", email="bayu@example.id",
                                   status="waiting")
    auth.login("admin")
    page = delete(client, "event_registration", ani.id, how).get_data(as_text=True)
    assert "1 orang naik dari daftar tunggu" in page
    with db.connection_context():
        assert Registration.get_or_none(Registration.id == ani.id) is None
        assert Registration.get_by_id(bayu.id).status == "registered"


@pytest.mark.parametrize("how", ["button", "list"])
def test_deleting_an_event_closes_its_extra_questions(app, client, auth, users, how):
    with db.connection_context():
        event = make_event(capacity=10)
        extra = CustomForm.create(title="Riwayat kesehatan", slug="riwayat-kesehatan",
                                  status="published", event=event)
    assert client.get("/formulir/riwayat-kesehatan").status_code == 404
    auth.login("admin")
    delete(client, "event", event.id, how)
    with db.connection_context():
        assert Event.get_or_none(Event.id == event.id) is None
        assert CustomForm.get_by_id(extra.id).status == "closed"
    assert app.test_client().get("/formulir/riwayat-kesehatan").status_code == 404  # the public


def test_a_list_delete_removes_the_stored_files_too(app, client, auth, users, org):
    from tests.access_walk import PDF
    from portal import uploads
    from portal.models import FormAnswer, FormField, FormSubmission
    with db.connection_context():
        form = CustomForm.create(title="Formulir Uji", slug="formulir-uji", status="published")
        field = FormField.create(form=form, key="berkas", label="Berkas", type="file")
        stored = []
        for _ in range(2):
            submission = FormSubmission.create(form=form)
            name = uploads.store(app.instance_path, "application/pdf", PDF, area="forms")
            FormAnswer.create(submission=submission, field=field, field_key="berkas",
                              field_label="Berkas", field_type="file", value="berkas.pdf",
                              file_stored=name, file_type="application/pdf")
            stored.append((submission.id, name))
    paths = [os.path.join(uploads.folder(app.instance_path, area="forms"), name)
             for _, name in stored]
    assert all(os.path.exists(path) for path in paths)
    auth.login("admin")
    data = {"csrf_token": token(client, "/admin/form_submission/"), "action": "delete",
            "confirmed": "1",
            "rowid": [str(sid) for sid, _ in stored]}
    page = client.post("/admin/form_submission/action/", data=data,
                       follow_redirects=True).get_data(as_text=True)
    assert "2 data dihapus." in page
    with db.connection_context():
        assert FormSubmission.select().count() == 0
    assert not any(os.path.exists(path) for path in paths)


@pytest.fixture
def closed_march(org):
    """2024 is closed as a whole; 2026's March is closed, its April open."""
    with db.connection_context():
        Period.create(year=2024, open=False)
        march = Period.create(year=2026, month=3, open=False)
        april = Period.create(year=2026, month=4)
        old = UnitIndicator.create(unit=org["dinas"], year=2024, code="IKU-01",
                                   name="Pasien dilayani", measurement_unit="pasien", target=100)
        new = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-01",
                                   name="Pasien dilayani", measurement_unit="pasien", target=100)
        kept = IndicatorRealisation.create(indicator=new, period=march, value=10)
    return {"march": march, "april": april, "old": old, "new": new, "kept": kept}


def test_a_closed_month_takes_no_new_realisation(client, auth, users, closed_march):
    auth.login("operator")
    url = "/admin/indicator_realisation/new/"
    data = {"csrf_token": token(client, url), "indicator": closed_march["new"].id,
            "value": "12", "note": ""}
    page = client.post(url, data={**data, "period": closed_march["march"].id}).get_data(
        as_text=True)
    assert "Maret 2026 sudah ditutup; datanya tidak dapat diubah lagi." in page
    with db.connection_context():
        assert IndicatorRealisation.select().count() == 1
    client.post(url, data={**data, "period": closed_march["april"].id})
    with db.connection_context():
        assert IndicatorRealisation.select().count() == 2  # an open month takes it


def test_a_closed_months_realisation_is_neither_edited_nor_deleted(client, auth, users,
                                                                   closed_march):
    kept = closed_march["kept"]
    auth.login("operator")
    url = f"/admin/indicator_realisation/edit/?id={kept.id}"
    page = client.post(url, data={"csrf_token": token(client, url),
                                  "indicator": closed_march["new"].id,
                                  "period": closed_march["april"].id, "value": "99",
                                  "note": ""}).get_data(as_text=True)
    assert "sudah ditutup" in page
    page = delete(client, "indicator_realisation", kept.id, "list").get_data(as_text=True)
    assert "sudah ditutup" in page
    with db.connection_context():
        row = IndicatorRealisation.get_by_id(kept.id)
        assert (row.value, row.period_id) == (10, closed_march["march"].id)


def test_a_closed_years_indicator_stays_as_it_was(client, auth, users, closed_march):
    old = closed_march["old"]
    auth.login("operator")
    url = f"/admin/unit_indicator/edit/?id={old.id}"
    html = client.get(url).get_data(as_text=True)
    page = client.post(url, data={"csrf_token": csrf_token(html), "unit": old.unit_id,
                                  "year": "2024", "code": "IKU-01", "name": "Diubah",
                                  "measurement_unit": "pasien", "aspect": "kuantitas",
                                  "polarity": "higher", "target": "100"}).get_data(as_text=True)
    assert "Periode 2024 sudah ditutup" in page
    page = delete(client, "unit_indicator", old.id, "button").get_data(as_text=True)
    assert "Periode 2024 sudah ditutup" in page
    with db.connection_context():
        assert UnitIndicator.get_by_id(old.id).name == "Pasien dilayani"


def test_editing_a_registration_keeps_its_email_valid_and_unique(client, auth, users):
    with db.connection_context():
        event = make_event(capacity=10)
        Registration.create(event=event, name="Ani", email="ani@example.id", status="registered")
        bayu = Registration.create(event=event, name="Bayu", email="bayu@example.id",
                                   status="registered")
    auth.login("admin")
    url = f"/admin/event_registration/edit/?id={bayu.id}"
    data = {"csrf_token": token(client, url), "name": "Bayu", "phone": "", "organisation": ""}
    page = client.post(url, data={**data, "email": "bukan-email"}).get_data(as_text=True)
    assert "Masukkan alamat e-mail yang benar." in page
    page = client.post(url, data={**data, "email": "ANI@example.id"}).get_data(as_text=True)
    assert "Alamat e-mail ini sudah terdaftar untuk acara ini." in page
    with db.connection_context():
        assert Registration.get_by_id(bayu.id).email == "bayu@example.id"
    client.post(url, data={**data, "email": "Bayu.S@Example.id"})
    with db.connection_context():
        assert Registration.get_by_id(bayu.id).email == "bayu.s@example.id"


@pytest.mark.parametrize("how", ["button", "list"])
def test_a_deleted_employees_award_goes_as_its_key_declares(client, auth, users, org, how):
    """Award.employee is nullable and declared ON DELETE CASCADE: the database deletes the
    award with the employee. (A recursive delete cleared the key instead, which broke the
    award's rule "an employee or a unit" and ended in an error page.)"""
    from portal.models import Award
    with db.connection_context():
        leaver = Employee.create(nip="199001012015031001", name="Pegawai Pindah",
                                 golongan="III/a", jabatan_kind="pelaksana",
                                 position_title="Staf", unit=org["dinas"])
        award = Award.create(employee=leaver, title="Pegawai Teladan",
                             award_date=datetime.date(2026, 8, 17))
    auth.login("admin")
    response = delete(client, "employee", leaver.id, how)
    assert response.status_code == 200
    with db.connection_context():
        assert Employee.get_or_none(Employee.id == leaver.id) is None
        assert Award.get_or_none(Award.id == award.id) is None
