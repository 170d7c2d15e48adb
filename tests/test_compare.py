"""The public comparison of units (/bandingkan, its CSV and JSON) and a unit's
five-year trend: numbers hand-computed on a small kabupaten."""
import csv
import datetime
import io

import pytest

from portal import stats
from portal.db import db
from portal.models import (Complaint, IndicatorRealisation, Period, Skp, Unit, UnitIndicator)
from portal.rules import compare as compare_rules
from portal.rules import org as org_rules
from portal.rules import skp_workflow
from tests.complaint_helpers import make_complaint, move
from tests.conftest import csrf_token

YEAR = datetime.date.today().year


@pytest.fixture
def kabupaten(app, org, users, survey):
    """Two dinas, a kecamatan and a puskesmas. Dinas Kesehatan: complaints closed in 4
    and in 70 days (the limit is 60), two indicators of which one reaches its target,
    three employees with a final predikat (fewer than 5: too few to publish). Dinas
    Pendidikan: one complaint closed in 4 days. The kecamatan and the puskesmas: none."""
    with db.connection_context():
        disdik = Unit.create(code="DISDIK", name="Dinas Pendidikan", kind="dinas")
        pkm = Unit.create(code="PKM-01", name="UPTD Puskesmas Sukamaju", kind="upt",
                          parent=org["dinas"], facility="puskesmas")
    admin = users["admin"]
    base = datetime.datetime(YEAR, 1, 5, 8, 0)
    for unit, days in ((org["dinas"], 4), (org["dinas"], 70), (disdik, 4)):
        with db.connection_context():
            users["petugas"].unit = unit
            users["petugas"].save()
        complaint = make_complaint(app, unit=unit.id)
        move(app, complaint, ("verify", admin, {}), ("dispose", admin, {"unit": unit}),
             ("answer", users["petugas"], {}), ("close", admin, {}))
        with db.connection_context():
            Complaint.update(created_at=base, answered_at=base + datetime.timedelta(days=1),
                             closed_at=base + datetime.timedelta(days=days)) \
                .where(Complaint.id == complaint.id).execute()
            if days == 70:   # its reporter said "belum selesai" once before it was closed
                Complaint.update(reopened_at=base + datetime.timedelta(days=2)) \
                    .where(Complaint.id == complaint.id).execute()
    with db.connection_context():
        january = Period.create(year=YEAR, month=1)
        for code, value in (("IK-1", 100.0), ("IK-2", 50.0)):
            indicator = UnitIndicator.create(unit=org["dinas"], year=YEAR, code=code,
                                             name=f"Indikator {code}", measurement_unit="orang",
                                             target=100.0)
            IndicatorRealisation.create(indicator=indicator, period=january, value=value)
        for employee in (org["head"], org["boss"], org["staff"]):
            Skp.create(employee=employee, year=YEAR, state=skp_workflow.FINAL, predikat="baik")
    return {"dinkes": org["dinas"], "disdik": disdik, "kec": org["kecamatan"], "pkm": pkm}


def test_compare_units_numbers(app, kabupaten):
    with app.app_context(), db.connection_context():
        rows = {row["unit"].code: row for row in stats.compare_units(YEAR)}
    dinkes, disdik, kec, pkm = (rows[c] for c in ("DINKES", "DISDIK", "KEC-01", "PKM-01"))
    assert dinkes["complaints"]["received"] == 2 and dinkes["complaints"]["resolved"] == 2
    assert dinkes["complaints"]["reopened"] == 1 and disdik["complaints"]["reopened"] == 0
    assert dinkes["complaints"]["within_time_limit_pct"] == 50.0    # 1 of 2 within 60 days
    assert dinkes["complaints"]["median_days_to_resolve"] == 37.0   # (4 + 70) / 2
    assert disdik["complaints"]["within_time_limit_pct"] == 100.0
    assert disdik["complaints"]["median_days_to_resolve"] == 4.0
    assert kec["complaints"]["received"] == 0
    assert kec["complaints"]["within_time_limit_pct"] is None
    assert (dinkes["indicators"], dinkes["indicators_achieved"]) == (2, 1)
    # one answer 4,3,3,4,3,3,4,3,3: IKM = 30 / 9 × 25 = 83.33, grade B; 300 users → 169
    assert round(float(dinkes["ikm"]["ikm"]), 2) == 83.33 and dinkes["ikm"]["mutu"] == "B"
    assert dinkes["ikm"]["responses"] == 1 and dinkes["ikm"]["meets_minimum"] is False
    assert dinkes["predikat_appraised"] and dinkes["predikat"]["baik"] is None  # 3 < 5
    assert not disdik["predikat_appraised"]
    assert (dinkes["kind"], pkm["kind"], kec["kind"]) == ("dinas", "puskesmas", "kecamatan")


def test_unit_trend_has_five_years(app, kabupaten):
    with app.app_context(), db.connection_context():
        trend = stats.unit_trend(kabupaten["dinkes"], YEAR)
    assert [point["year"] for point in trend] == list(range(YEAR - 4, YEAR + 1))
    assert trend[-1]["complaints"]["within_time_limit_pct"] == 50.0
    assert trend[-1]["indicators_achieved"] == 1
    assert trend[0]["complaints"]["received"] == 0 and trend[0]["ikm"]["ikm"] is None


def _order(html):
    """(position, code) of the unit rows on the page, top to bottom."""
    codes = ("DINKES", "DISDIK", "KEC-01", "PKM-01")
    return sorted((html.index(f'data-unit="{code}"'), code) for code in codes
                  if f'data-unit="{code}"' in html)


def test_page_sorts_by_share_within_the_limit(client, kabupaten):
    worst_first = client.get(f"/bandingkan?tahun={YEAR}&jenis=dinas&urut=within_pct&arah=naik")
    html = worst_first.get_data(as_text=True)
    assert worst_first.status_code == 200
    assert [code for _pos, code in _order(html)] == ["DINKES", "DISDIK"]
    assert "50,0 %" in html and "100,0 %" in html and "37,0" in html   # Indonesian numbers
    assert 'aria-sort="ascending"' in html
    # the heading links to the other direction; no script needed
    assert f"/bandingkan?tahun={YEAR}&amp;jenis=dinas&amp;urut=within_pct&amp;arah=turun" in html
    best_first = client.get(f"/bandingkan?tahun={YEAR}&jenis=dinas&urut=within_pct&arah=turun")
    assert [c for _p, c in _order(best_first.get_data(as_text=True))] == ["DISDIK", "DINKES"]


def test_units_without_data_sort_last_either_way(client, kabupaten):
    for direction in ("naik", "turun"):
        html = client.get(f"/bandingkan?urut=median_days&arah={direction}").get_data(as_text=True)
        assert [c for _p, c in _order(html)][2:] == ["KEC-01", "PKM-01"]


def test_filter_by_kind_and_honest_states(client, kabupaten):
    html = client.get(f"/bandingkan?tahun={YEAR}&jenis=puskesmas").get_data(as_text=True)
    assert [c for _p, c in _order(html)] == ["PKM-01"]
    everyone = client.get(f"/bandingkan?tahun={YEAR}").get_data(as_text=True)
    assert "terlalu sedikit untuk dipublikasikan" in everyone   # Dinas Kesehatan's predikat
    assert "1 dari 2" in everyone                                # indicators achieved
    assert "minimal 169: belum terpenuhi" in everyone
    odd = client.get("/bandingkan?jenis=rumah-sakit&tahun=1999")
    text = odd.get_data(as_text=True)
    assert odd.status_code == 200
    assert "Jenis unit tidak dikenal; semua unit ditampilkan." in text
    assert "Tidak ada angka untuk tahun itu di sini; yang ditampilkan tahun ini." in text
    assert len(_order(text)) == 4


def test_csv_and_api_carry_the_same_numbers_and_no_person(client, kabupaten):
    response = client.get(f"/bandingkan.csv?tahun={YEAR}&jenis=dinas")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert list(rows[0]) == list(__import__("portal.web.compare", fromlist=["x"]).CSV_COLUMNS)
    dinkes = next(row for row in rows if row["unit_code"] == "DINKES")
    assert dinkes["complaints_within_time_limit_pct"] == "50.0"
    assert dinkes["complaints_reopened"] == "1"
    assert dinkes["indicators_achieved"] == "1" and dinkes["predikat_baik"] == ""
    assert {row["unit_code"] for row in rows} == {"DINKES", "DISDIK"}
    answer = client.get(f"/api/v1/compare?year={YEAR}&kind=dinas").get_json()
    assert answer["year"] == YEAR and answer["kind"] == "dinas"
    api = {line["unit_code"]: line for line in answer["units"]}
    assert api["DISDIK"]["complaints_median_days_to_resolve"] == 4.0
    assert api["DINKES"]["predikat_status"] == "published"
    assert api["DISDIK"]["predikat_status"] == "none"
    bad = client.get("/api/v1/compare?kind=rumah-sakit")
    assert bad.status_code == 400 and "puskesmas" in bad.get_json()["kinds"]
    everything = (response.get_data(as_text=True) + str(answer)
                  + client.get("/bandingkan").get_data(as_text=True))
    for name in ("Dewi Lestari", "Siti Rahmawati", "Kepala Dinas", "199505052020122001"):
        assert name not in everything


def test_trend_page_and_links(client, kabupaten):
    html = client.get(f"/unit/DINKES/tren?tahun={YEAR}").get_data(as_text=True)
    assert "Tren lima tahun" in html
    for y in range(YEAR - 4, YEAR + 1):
        assert f'<th scope="row">{y}</th>' in html
    assert "50,0 %" in html and "83,33" in html
    assert "/unit/DINKES/tren" in client.get("/unit/DINKES").get_data(as_text=True)
    assert "/bandingkan" in client.get("/").get_data(as_text=True)
    assert client.get("/unit/NOPE/tren").status_code == 404
    trend = client.get(f"/api/v1/units/DINKES/trend?year={YEAR}").get_json()
    assert [line["year"] for line in trend["years"]] == list(range(YEAR - 4, YEAR + 1))
    assert "/api/v1/compare" in client.get("/api/v1/docs").get_data(as_text=True)


def test_sort_rule_and_facility_guess():
    rows = [("b", 2), ("a", None), ("c", 1), ("d", 2)]
    ordered = compare_rules.sort_rows(rows, lambda r: r[1], "turun", lambda r: r[0])
    assert [r[0] for r in ordered] == ["b", "d", "c", "a"]
    assert compare_rules.sort_request("nope", "x") == ("unit", "naik")
    assert org_rules.facility_from_name("upt", "UPTD Puskesmas Sukamaju") == "puskesmas"
    assert org_rules.facility_from_name("upt", "SD Negeri 3 Sukamaju") == "sekolah"
    assert org_rules.facility_from_name("dinas", "Dinas Pendidikan") is None
    assert org_rules.compare_kind("upt", "sekolah") == "sekolah"


def test_operator_marks_a_upt_as_a_school_and_the_filter_finds_it(client, auth, users, org):
    auth.login("operator")
    form = "/admin/unit/new/"
    token = csrf_token(client.get(form).get_data(as_text=True))
    assert "Jenis layanan (UPT)" in client.get(form).get_data(as_text=True)
    client.post(form, data={"code": "sdn-7", "name": "UPT Pendidikan Tujuh", "kind": "upt",
                            "facility": "sekolah", "parent": str(org["dinas"].id),
                            "active": "y", "csrf_token": token})
    # a dinas cannot "serve as" a school: the field is cleared
    client.post(form, data={"code": "disdik", "name": "Dinas Pendidikan", "kind": "dinas",
                            "facility": "sekolah", "active": "y",
                            "csrf_token": csrf_token(client.get(form).get_data(as_text=True))})
    with db.connection_context():
        assert Unit.get(Unit.code == "SDN-7").facility == "sekolah"
        assert Unit.get(Unit.code == "DISDIK").facility is None
    auth.logout()
    html = client.get("/bandingkan?jenis=sekolah").get_data(as_text=True)
    assert 'data-unit="SDN-7"' in html and 'data-unit="DISDIK"' not in html
