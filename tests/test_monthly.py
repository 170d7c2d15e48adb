"""Monthly performance reports over HTTP: write, submit, return, fix, resubmit,
accept; refused steps; row-level access with ids typed by hand; attachments."""
import io

import pytest

from portal.db import db
from portal.models import (Employee, MonthlyReport, MonthlyReportAttachment, MonthlyReportEvent,
                           MonthlyReportItem, Rhk, Skp, User)
from tests.conftest import csrf_token

YEAR = 2026
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def post(client, url, data=None, page="/admin/monthly/", **kwargs):
    data = dict(data or {})
    data["csrf_token"] = csrf_token(client.get(page).get_data(as_text=True))
    data.setdefault("confirmed", "1")  # as the confirmation page posts it
    return client.post(url, data=data, **kwargs)


def state_of(report_id):
    with db.connection_context():
        return MonthlyReport.get_by_id(report_id).state


@pytest.fixture
def skp(org):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=YEAR, appraiser=org["boss"], state="approved")
        rhk = Rhk.create(skp=skp, kind="utama", text="Pelayanan pasien rawat jalan")
    return {"skp": skp, "rhk": rhk}


@pytest.fixture
def people(org, password_hash):
    """A colleague under the head (not under penilai) and the head's account."""
    with db.connection_context():
        other = Employee.create(nip="199001012015031003", name="Budi Santoso", golongan="III/b",
                                jabatan_kind="pelaksana", position_title="Pengelola Data",
                                unit=org["dinas"], supervisor=org["head"])
        User.create(username="lain", role="pegawai", employee=other,
                    password_hash=password_hash, display_name="Budi")
        User.create(username="kadis", role="penilai", employee=org["head"],
                    password_hash=password_hash, display_name="Kadis")
    return {"other": other}


def report_for(employee, state="draft", month=3, summary="Kegiatan bulan ini"):
    with db.connection_context():
        return MonthlyReport.create(employee=employee, year=YEAR, month=month, state=state,
                                    appraiser=employee.supervisor_id, summary=summary)


def test_write_submit_return_fix_resubmit_accept(client, auth, users, org, skp):
    auth.login("pegawai")
    response = post(client, "/admin/monthly/create", {"year": YEAR, "month": 3})
    assert response.status_code == 302
    with db.connection_context():
        report = MonthlyReport.get(MonthlyReport.employee == org["staff"])
    assert report.appraiser_id == org["boss"].id and report.state == "draft"
    base = f"/admin/monthly/{report.id}/"
    page = client.get(base).get_data(as_text=True)
    assert "Maret 2026" in page and "Pelayanan pasien rawat jalan" in page
    # an empty report cannot be submitted
    response = post(client, base + "action/submit", page=base, follow_redirects=True)
    assert "Tuliskan" in response.get_data(as_text=True)
    assert state_of(report.id) == "draft"
    rhk = skp["rhk"]
    post(client, base + "save", {f"rhk-{rhk.id}-activity": "Melayani 110 pasien",
                                 f"rhk-{rhk.id}-realisation": "110 pasien", "summary": ""},
         page=base)
    with db.connection_context():
        item = MonthlyReportItem.get(MonthlyReportItem.report == report)
    assert item.rhk_id == rhk.id and item.realisation == "110 pasien"
    post(client, base + "action/submit", page=base)
    assert state_of(report.id) == "submitted"
    # the employee may neither accept nor change a submitted report
    assert post(client, base + "action/accept", page=base).status_code == 403
    post(client, base + "save", {"summary": "diubah"}, page=base)
    with db.connection_context():
        assert MonthlyReport.get_by_id(report.id).summary == ""
    auth.logout()

    auth.login("penilai")
    page = client.get(base).get_data(as_text=True)
    assert "Melayani 110 pasien" in page and "Kembalikan dengan alasan" in page
    response = post(client, base + "action/return", {"reason": " "}, page=base,
                    follow_redirects=True)
    assert "Mohon berikan alasan." in response.get_data(as_text=True)
    assert state_of(report.id) == "submitted"
    post(client, base + "action/return", {"reason": "Lampirkan daftar hadir"}, page=base)
    assert state_of(report.id) == "returned"
    # the reviewer cannot write the employee's report
    assert post(client, base + "save", {"summary": "x"}, page=base).status_code == 403
    auth.logout()

    auth.login("pegawai")
    assert "Lampirkan daftar hadir" in client.get(base).get_data(as_text=True)
    post(client, base + "attachment", {"file": (io.BytesIO(PDF), "daftar-hadir.pdf")},
         page=base, content_type="multipart/form-data")
    post(client, base + "action/submit", page=base)
    assert state_of(report.id) == "submitted"
    auth.logout()

    auth.login("penilai")
    post(client, base + "action/accept", {"reason": "Baik, terima kasih"}, page=base)
    assert state_of(report.id) == "accepted"
    # nothing more to do on an accepted report
    response = post(client, base + "action/return", {"reason": "lagi"}, page=base,
                    follow_redirects=True)
    assert "tidak dapat dilakukan" in response.get_data(as_text=True)
    with db.connection_context():
        events = [(e.action, e.to_state, e.reason) for e in MonthlyReportEvent.select()
                  .where(MonthlyReportEvent.report == report).order_by(MonthlyReportEvent.id)]
    assert [e[0] for e in events] == ["create", "submit", "return", "submit", "accept"]
    assert ("return", "returned", "Lampirkan daftar hadir") in events
    assert events[-1] == ("accept", "accepted", "Baik, terima kasih")


def test_list_filters_by_month_and_state(client, auth, users, org):
    march = report_for(org["staff"], month=3, state="submitted")
    april = report_for(org["staff"], month=4)
    auth.login("penilai")
    page = client.get(f"/admin/monthly/?year={YEAR}&month=3").get_data(as_text=True)
    assert f"/admin/monthly/{march.id}/" in page and f"/admin/monthly/{april.id}/" not in page
    page = client.get("/admin/monthly/?state=draft").get_data(as_text=True)
    assert f"/admin/monthly/{april.id}/" in page and f"/admin/monthly/{march.id}/" not in page


def test_row_level_access_with_typed_ids(client, auth, users, org, people):
    own = report_for(org["staff"], state="submitted")
    other = report_for(people["other"], state="submitted")
    boss = report_for(org["boss"], state="submitted")
    # the employee: own report only
    auth.login("pegawai")
    assert client.get(f"/admin/monthly/{own.id}/").status_code == 200
    assert client.get(f"/admin/monthly/{other.id}/").status_code == 404
    assert client.get(f"/admin/monthly/{boss.id}/").status_code == 404
    assert client.get("/admin/monthly/abc/").status_code == 404
    page = client.get("/admin/monthly/").get_data(as_text=True)
    assert "Budi Santoso" not in page
    auth.logout()
    # the supervisor: own and direct subordinates', not a colleague's
    auth.login("penilai")
    assert client.get(f"/admin/monthly/{own.id}/").status_code == 200
    assert client.get(f"/admin/monthly/{other.id}/").status_code == 404
    post(client, f"/admin/monthly/{boss.id}/action/accept", page=f"/admin/monthly/{boss.id}/")
    assert state_of(boss.id) == "submitted"
    auth.logout()
    # second level: reads the staff's report, may not review it
    auth.login("kadis")
    assert client.get(f"/admin/monthly/{own.id}/").status_code == 200
    url = f"/admin/monthly/{own.id}/"
    assert post(client, url + "action/accept", page=url).status_code == 403
    assert state_of(own.id) == "submitted"
    post(client, f"/admin/monthly/{boss.id}/action/accept", page=f"/admin/monthly/{boss.id}/")
    assert state_of(boss.id) == "accepted"
    auth.logout()
    # the operator sees all, reviews none
    auth.login("operator")
    page = client.get("/admin/monthly/").get_data(as_text=True)
    assert "Budi Santoso" in page and "Dewi Lestari" in page
    assert post(client, url + "action/accept", page=url).status_code == 403
    auth.logout()
    auth.login("petugas")
    assert client.get(url).status_code == 403


def test_attachments_checked_guarded_and_removed(app, client, auth, users, org, people):
    report = report_for(org["staff"])
    base = f"/admin/monthly/{report.id}/"
    auth.login("pegawai")
    response = post(client, base + "attachment",
                    {"file": (io.BytesIO(b"#!/bin/sh\nrm -rf /"), "laporan.pdf")}, page=base,
                    content_type="multipart/form-data", follow_redirects=True)
    assert "Hanya" in response.get_data(as_text=True)
    big = b"%PDF-" + b"0" * app.config["SKP_UPLOAD_MAX_BYTES"]
    response = post(client, base + "attachment", {"file": (io.BytesIO(big), "besar.pdf")},
                    page=base, content_type="multipart/form-data", follow_redirects=True)
    assert "terlalu besar" in response.get_data(as_text=True)
    post(client, base + "attachment", {"file": (io.BytesIO(PDF), "kegiatan.pdf")}, page=base,
         content_type="multipart/form-data")
    with db.connection_context():
        attachment = MonthlyReportAttachment.get(MonthlyReportAttachment.report == report)
    assert attachment.filename == "kegiatan.pdf" and attachment.content_type == "application/pdf"
    response = client.get(f"/admin/monthly/attachment/{attachment.id}")
    assert response.status_code == 200 and response.data == PDF
    auth.logout()
    auth.login("lain")
    assert client.get(f"/admin/monthly/attachment/{attachment.id}").status_code == 404
    auth.logout()
    auth.login("pegawai")
    post(client, f"/admin/monthly/attachment/{attachment.id}/delete", page=base)
    with db.connection_context():
        assert MonthlyReportAttachment.select().count() == 0


def save_and_submit(client, base, rhk, activity, realisation, summary):
    """The report form sent with its "submit to the supervisor" button."""
    return post(client, base + "save", {f"rhk-{rhk.id}-activity": activity,
                                        f"rhk-{rhk.id}-realisation": realisation,
                                        "summary": summary, "then": "submit"},
                page=base, follow_redirects=True)


def test_submitting_saves_what_was_typed_in_one_step(client, auth, users, org, skp):
    report = report_for(org["staff"], summary="")
    base = f"/admin/monthly/{report.id}/"
    auth.login("pegawai")
    page = client.get(base).get_data(as_text=True)
    # "Ajukan ke atasan" belongs to the form with the activities
    assert 'id="report-form"' in page
    assert 'form="report-form" name="then" value="submit"' in page
    assert f'action="/admin/monthly/{report.id}/action/submit"' not in page
    response = save_and_submit(client, base, skp["rhk"], "Melayani 95 pasien", "95 pasien", "")
    assert "Diajukan" in response.get_data(as_text=True)
    assert state_of(report.id) == "submitted"
    with db.connection_context():
        item = MonthlyReportItem.get(MonthlyReportItem.report == report.id)
        actions = [e.action for e in MonthlyReportEvent.select()
                   .where(MonthlyReportEvent.report == report.id)]
    assert (item.activity, item.realisation) == ("Melayani 95 pasien", "95 pasien")
    assert actions == ["submit"]


def test_a_report_without_activities_stays_a_draft(client, auth, users, org, skp):
    report = report_for(org["staff"])  # general notes only, nothing against the RHK
    base = f"/admin/monthly/{report.id}/"
    auth.login("pegawai")
    response = post(client, base + "action/submit", page=base, follow_redirects=True)
    assert "Tuliskan kegiatan Anda bulan ini sebelum mengajukan." in \
        response.get_data(as_text=True)
    assert state_of(report.id) == "draft"
    response = save_and_submit(client, base, skp["rhk"], " ", "", "Rapat")
    assert "Tuliskan kegiatan" in response.get_data(as_text=True)
    assert state_of(report.id) == "draft"
    with db.connection_context():
        assert MonthlyReport.get_by_id(report.id).summary == "Rapat"  # what was typed is kept
        assert not MonthlyReportEvent.select().where(
            MonthlyReportEvent.report == report.id).exists()


def test_without_an_approved_skp_the_general_notes_may_be_submitted(client, auth, users, org):
    report = report_for(org["staff"], summary="Mengikuti pelatihan")
    base = f"/admin/monthly/{report.id}/"
    auth.login("pegawai")
    post(client, base + "action/submit", page=base)
    assert state_of(report.id) == "submitted"


def test_uploading_an_attachment_keeps_what_was_typed(client, auth, users, org, skp):
    """The upload and remove buttons belong to the text form: what was typed is saved
    with them; a file chosen before "Simpan" is uploaded, not dropped."""
    report = report_for(org["staff"], summary="")
    base = f"/admin/monthly/{report.id}/"
    rhk = skp["rhk"]
    auth.login("pegawai")
    page = client.get(base).get_data(as_text=True)
    assert 'form="report-form" formaction="/admin/monthly/%d/attachment"' % report.id in page
    assert 'id="file" name="file" type="file" form="report-form"' in page
    typed = {f"rhk-{rhk.id}-activity": "Melayani pasien", f"rhk-{rhk.id}-realisation": "112",
             "summary": "Rapat koordinasi"}
    response = post(client, base + "attachment",
                    {**typed, "file": (io.BytesIO(PDF), "daftar-hadir.pdf")}, page=base,
                    content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "daftar-hadir.pdf" in html and "Rapat koordinasi" in html and "Melayani pasien" in html
    with db.connection_context():
        assert MonthlyReport.get_by_id(report.id).summary == "Rapat koordinasi"
        attachment = MonthlyReportAttachment.get()
    # a refused file still saves the text and names the file to choose again
    response = post(client, base + "attachment",
                    {**typed, "summary": "Rapat dan pelatihan",
                     "file": (io.BytesIO(b"MZ not a document"), "virus.pdf")}, page=base,
                    content_type="multipart/form-data", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "virus.pdf" in html and "Rapat dan pelatihan" in html
    # removing an attachment saves the text too
    post(client, f"/admin/monthly/attachment/{attachment.id}/delete",
         {**typed, "summary": "Sesudah menghapus"}, page=base, content_type="multipart/form-data")
    with db.connection_context():
        assert MonthlyReport.get_by_id(report.id).summary == "Sesudah menghapus"
        assert MonthlyReportAttachment.select().count() == 0
    # "Simpan" with a file chosen: both kept
    post(client, base + "save", {**typed, "file": (io.BytesIO(PDF), "notulen.pdf")}, page=base,
         content_type="multipart/form-data")
    with db.connection_context():
        assert MonthlyReport.get_by_id(report.id).summary == "Rapat koordinasi"
        assert [a.filename for a in MonthlyReportAttachment.select()] == ["notulen.pdf"]
