"""Tindak lanjut of a final SKP: the appraiser records it, the operator lists
open ones per unit, filters, exports and marks them done."""
import datetime

from portal.db import db
from portal.models import Award, FollowUp, Skp
from tests.conftest import csrf_token


def post(client, url, data=None, page="/admin/skp/", **kwargs):
    data = dict(data or {})
    data["csrf_token"] = csrf_token(client.get(page).get_data(as_text=True))
    data.setdefault("confirmed", "1")  # as the confirmation page posts it
    return client.post(url, data=data, **kwargs)


def make(org, state="final"):
    with db.connection_context():
        skp = Skp.create(employee=org["staff"], year=2025, appraiser=org["boss"], state=state)
        skp.set_ratings("di_atas", "di_atas")
        skp.save()
        award = Award.create(employee=org["staff"], title="Pegawai Teladan",
                             award_date=datetime.date(2026, 1, 10))
        other_award = Award.create(unit=org["kecamatan"], title="Unit Terbaik",
                                   award_date=datetime.date(2026, 1, 10))
    return skp, award, other_award


def test_appraiser_records_follow_ups_on_a_final_skp(client, auth, users, org):
    skp, award, other_award = make(org)
    base = f"/admin/skp/{skp.id}/"
    auth.login("penilai")
    page = client.get(base).get_data(as_text=True)
    assert "Tindak lanjut" in page and "Pegawai Teladan" in page
    post(client, base + "follow-up", {"kind": "award", "award": str(award.id), "note": ""},
         page=base)
    post(client, base + "follow-up", {"kind": "training", "award": "0",
                                      "note": "Diklat pelayanan prima"}, page=base)
    response = post(client, base + "follow-up", {"kind": "sanction", "award": "0", "note": " "},
                    page=base, follow_redirects=True)
    assert "Tuliskan rekomendasi" in response.get_data(as_text=True)
    # a unit's award cannot be linked to an employee's follow-up
    post(client, base + "follow-up", {"kind": "award", "award": str(other_award.id),
                                      "note": "x"}, page=base)
    with db.connection_context():
        rows = [(f.kind, f.award_id, f.note, f.status, f.unit_id)
                for f in FollowUp.select().order_by(FollowUp.id)]
    assert rows == [("award", award.id, "", "open", org["dinas"].id),
                    ("training", None, "Diklat pelayanan prima", "open", org["dinas"].id)]
    auth.logout()
    # the employee sees them but records none
    auth.login("pegawai")
    page = client.get(base).get_data(as_text=True)
    assert "Diklat pelayanan prima" in page and "Catat tindak lanjut" not in page
    response = post(client, base + "follow-up", {"kind": "coaching", "award": "0",
                                                 "note": "x"}, page=base)
    assert response.status_code == 403
    with db.connection_context():
        item = FollowUp.get(FollowUp.kind == "training")
    response = post(client, f"/admin/skp/follow-up/{item.id}/done", page=base)
    assert response.status_code == 403


def test_no_follow_up_before_the_skp_is_final(client, auth, users, org):
    skp, _award, _other = make(org, state="annual_evaluated")
    base = f"/admin/skp/{skp.id}/"
    auth.login("penilai")
    response = post(client, base + "follow-up", {"kind": "training", "award": "0",
                                                 "note": "Diklat"}, page=base)
    assert response.status_code == 403
    with db.connection_context():
        assert FollowUp.select().count() == 0


def test_operator_lists_filters_exports_and_closes(client, auth, users, org):
    skp, award, _other = make(org)
    with db.connection_context():
        open_item = FollowUp.create(skp=skp, unit=org["dinas"], kind="training",
                                    note="Diklat pelayanan prima")
        done_item = FollowUp.create(skp=skp, unit=org["dinas"], kind="coaching",
                                    note="Bimbingan teknis selesai", status="done")
    auth.login("operator")
    page = client.get("/admin/follow_up/?flt0_0=open").get_data(as_text=True)
    assert "Diklat pelayanan prima" in page and "Bimbingan teknis selesai" not in page
    assert "Dinas Kesehatan" in page and "Dewi Lestari" in page
    page = client.get(f"/admin/follow_up/?flt0_2={org['kecamatan'].id}").get_data(as_text=True)
    assert "Diklat pelayanan prima" not in page
    export = client.get("/admin/follow_up/export/csv/").get_data(as_text=True)
    assert "Diklat pelayanan prima" in export and "Dinas Kesehatan" in export
    post(client, f"/admin/skp/follow-up/{open_item.id}/done", {"next": "list"},
         page="/admin/follow_up/")
    with db.connection_context():
        item = FollowUp.get_by_id(open_item.id)
    assert item.status == "done" and item.done_at is not None
    assert FollowUp.get_by_id(done_item.id).status == "done"
    auth.logout()
    auth.login("penilai")
    assert client.get("/admin/follow_up/").status_code == 403
