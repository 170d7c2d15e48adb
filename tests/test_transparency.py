"""The public transparency portal: the unit report card, the kabupaten at a glance,
the criteria page and the open data (JSON, OpenAPI, CSV) — the same numbers everywhere."""
import csv
import datetime
import io

import pytest

from portal.db import db
from portal.models import (Award, Complaint, Employee, IndicatorRealisation, Period, Service,
                           ServicePopulation, Skp, SurveyResponse, UnitIndicator)
from portal.rules import complaints as complaint_rules
from tests.complaint_helpers import make_complaint

YEAR = datetime.date.today().year


@pytest.fixture
def report(app, org):
    """Dinas Kesehatan with indicators, survey answers, complaints, final SKP and awards."""
    dinas = org["dinas"]
    with db.connection_context():
        q1 = Period.create(year=YEAR, quarter=1)
        q2 = Period.create(year=YEAR, quarter=2)
        coverage = UnitIndicator.create(unit=dinas, year=YEAR, code="IKU-01",
                                        name="Cakupan imunisasi dasar lengkap",
                                        definition="Bayi yang mendapat imunisasi dasar lengkap",
                                        measurement_unit="%", aspect="kuantitas",
                                        polarity="higher", data_source="Laporan puskesmas",
                                        target=95)
        speed = UnitIndicator.create(unit=dinas, year=YEAR, code="IKU-02",
                                     name="Waktu terbit surat izin praktik",
                                     measurement_unit="hari", aspect="waktu", polarity="lower",
                                     data_source="Aplikasi perizinan", target=5)
        UnitIndicator.create(unit=dinas, year=YEAR, code="IKU-99", name="Indikator internal",
                             measurement_unit="dokumen", target=1, public=False)
        IndicatorRealisation.create(indicator=coverage, period=q1, value=80)
        IndicatorRealisation.create(indicator=coverage, period=q2, value=90.25)
        IndicatorRealisation.create(indicator=speed, period=q1, value=4)
        patients = UnitIndicator.create(unit=dinas, year=YEAR, code="IKU-03",
                                        name="Jumlah pasien dilayani", measurement_unit="pasien",
                                        aspect="kuantitas", polarity="higher", target=1000)
        for month, value in ((1, 100), (2, 150), (3, 50)):
            IndicatorRealisation.create(indicator=patients, value=value,
                                        period=Period.create(year=YEAR, month=month))
        # survey: 2 answers of one service, population 300
        service = Service.create(unit=dinas, code="SIP", name="Surat Izin Praktik")
        for answers in ((4, 3, 3, 4, 3, 3, 4, 3, 3), (3, 3, 2, 4, 3, 4, 4, 3, 2)):
            SurveyResponse.create(unit=dinas, service=service,
                                  **{f"u{i + 1}": a for i, a in enumerate(answers)})
        kec_service = Service.create(unit=org["kecamatan"], code="KTP", name="Pengantar KTP")
        SurveyResponse.create(unit=org["kecamatan"], service=kec_service,
                              **{f"u{i}": 2 for i in range(1, 10)})
        ServicePopulation.create(unit=dinas, year=YEAR, population=300)
        # final SKP: six "baik", two "sangat_baik" (too few), one draft not counted
        staff = [Employee.create(nip=f"19900101201501100{i}", name=f"Pegawai Nomor {i}",
                                 golongan="III/a", jabatan_kind="pelaksana",
                                 position_title="Pengadministrasi", unit=dinas)
                 for i in range(1, 9)]
        for i, employee in enumerate(staff):
            code = "sangat_baik" if i < 2 else "baik"
            Skp.create(employee=employee, year=YEAR, state="final", predikat=code,
                       hasil_kerja_rating="di_atas",
                       perilaku_rating="di_atas" if code == "sangat_baik" else "sesuai")
        Skp.create(employee=org["staff"], year=YEAR, state="draft", predikat="sangat_kurang")
        Award.create(unit=dinas, title="Pelayanan Publik Terbaik", award_date=datetime.date(YEAR, 3, 1))
        Award.create(employee=staff[0], title="Pegawai Teladan",
                     award_date=datetime.date(YEAR, 4, 1))
        Award.create(employee=staff[1], title="Penghargaan Tertutup",
                     award_date=datetime.date(YEAR, 4, 2), public=False)
    secret = make_complaint(app, unit=dinas.id, confidential=True, reporter_name="Rina Rahasia",
                            reporter_email="rina.rahasia@contoh.id",
                            title="Pungutan liar di loket izin",
                            description="Petugas loket meminta uang tambahan kepada saya.")
    done = make_complaint(app, unit=dinas.id)
    make_complaint(app, unit=dinas.id)
    now = datetime.datetime.utcnow()
    with db.connection_context():
        Complaint.update(state=complaint_rules.CLOSED, created_at=now - datetime.timedelta(days=3),
                         closed_at=now - datetime.timedelta(days=1)) \
            .where(Complaint.id == done.id).execute()
    return {"dinas": dinas, "staff": staff, "secret": secret}


def test_unit_report_card_shows_every_section(client, report):
    response = client.get(f"/unit/DINKES?year={YEAR}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    # indicators: target, latest realisation, achievement honouring polarity
    assert "Cakupan imunisasi dasar lengkap" in page
    assert "95,0" in page and "90,2" in page or "90,3" in page
    assert "95,0 %" in page                  # 90.25 / 95 × 100
    assert "120,0 %" in page                 # (2 × 5 − 4) / 5 × 100
    assert "Indikator internal" not in page  # not public
    assert "Triwulan I" in page and "<svg" in page and "<title" in page
    # IKM with mutu, responses, minimum sample (169 for 300 users), not met
    assert "169" in page and "belum terpenuhi" in page
    # complaints: three received, one resolved
    section = page.split('id="complaints"', 1)[1].split("</section>", 1)[0]
    assert '<td class="num received">3</td>' in section
    assert '<td class="num resolved">1</td>' in section
    assert "100,0 %" in section
    assert '<td class="num overdue">0</td>' in section
    # predikat: six "baik"; two "sangat baik" are too few to publish
    predikat = page.split('id="predikat"', 1)[1].split("</section>", 1)[0]
    assert ">6<" in predikat
    assert "terlalu sedikit untuk dipublikasikan" in predikat
    assert "Belum ada penilaian akhir" not in predikat
    # awards: public only, the employee's name is shown
    assert "Pelayanan Publik Terbaik" in page and "Pegawai Teladan" in page
    assert "Pegawai Nomor 1" in page
    assert "Penghargaan Tertutup" not in page


def test_unit_report_card_unknown_unit_is_404(client, report):
    assert client.get("/unit/NOPE").status_code == 404


def test_unit_report_card_of_a_year_without_data(client, report):
    page = client.get(f"/unit/DINKES?year={YEAR - 1}").get_data(as_text=True)
    assert "Belum ada jawaban survei" in page
    assert "Cakupan imunisasi" not in page
    # no final appraisal that year: said once, not "too few" in every row
    predikat = page.split('id="predikat"', 1)[1].split("</section>", 1)[0]
    assert f"Belum ada penilaian akhir untuk {YEAR - 1}." in predikat
    assert "terlalu sedikit" not in predikat


def test_home_links_units_and_shows_the_kabupaten_at_a_glance(client, report):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/unit/DINKES"' in page
    glance = page.split('class="glance"', 1)[1].split("</section>", 1)[0]
    assert "Dinas Kesehatan" in glance and "Kecamatan Sukamaju" in glance
    assert "<svg" in glance
    assert "50,00" in glance  # Kecamatan: every answer 2 → IKM 50


def test_criteria_page_explains_indicators_matrix_and_ikm(client, report):
    page = client.get(f"/kriteria?year={YEAR}").get_data(as_text=True)
    assert "Bayi yang mendapat imunisasi dasar lengkap" in page
    assert "Laporan puskesmas" in page and "Aplikasi perizinan" in page
    assert "Indikator internal" not in page
    assert "88,31" in page and "Sangat Baik" in page
    assert "Butuh Perbaikan" in page and "dikali 25" in page


def test_api_report_matches_the_page(client, report):
    data = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()
    assert data["unit"]["code"] == "DINKES" and data["year"] == YEAR
    page = client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True)
    ikm = data["ikm"]
    assert ikm["responses"] == 2 and ikm["min_sample"] == 169 and ikm["meets_minimum"] is False
    shown = page.split('class="ikm-value">', 1)[1].split("<", 1)[0]
    assert shown == f"{ikm['value']:.2f}".replace(".", ",")
    assert set(ikm["elements"]) == {f"U{i}" for i in range(1, 10)}
    assert ikm["elements"]["U1"] == 3.5
    indicators = {i["code"]: i for i in data["indicators"]}
    assert set(indicators) == {"IKU-01", "IKU-02", "IKU-03"}
    # a count adds up over the months: 300 of 1000 patients so far
    assert indicators["IKU-03"]["realisation"] == 300 and indicators["IKU-03"]["cumulative"]
    assert indicators["IKU-03"]["achievement_pct"] == 30.0
    assert [p["year_to_date"] for p in indicators["IKU-03"]["trend"]] == [100, 250, 300]
    assert "30,0 %" in page
    assert indicators["IKU-01"]["achievement_pct"] == 95.0
    assert indicators["IKU-02"]["achievement_pct"] == 120.0
    assert indicators["IKU-02"]["polarity"] == "lower"
    assert data["complaints"] == {"received": 3, "resolved": 1, "within_time_limit_pct": 100.0,
                                  "median_days_to_resolve": 2.0,
                                  "open_past_time_limit": 0}
    assert data["predikat"]["baik"] == 6
    assert data["predikat"]["sangat_baik"] is None
    assert data["predikat_min_group"] == 5


def test_api_units_and_csv_agree(client, report):
    units = client.get("/api/v1/units").get_json()
    assert {"code": "DINKES", "name": "Dinas Kesehatan", "kind": "dinas",
            "parent_code": None} in units
    response = client.get("/data/units.csv")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0]) == ["code", "name", "kind", "parent_code"]
    assert [r["code"] for r in rows] == [u["code"] for u in units]


def test_ikm_api_csv_and_report_agree(client, report):
    data = client.get(f"/api/v1/ikm?year={YEAR}").get_json()
    by_code = {row["unit_code"]: row for row in data["units"]}
    report_ikm = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()["ikm"]
    assert by_code["DINKES"]["value"] == report_ikm["value"]
    assert by_code["KEC-01"]["value"] == 50.0 and by_code["KEC-01"]["mutu"] == "D"
    text = client.get(f"/data/ikm-{YEAR}.csv").get_data(as_text=True)
    rows = {r["unit_code"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    assert float(rows["DINKES"]["ikm"]) == report_ikm["value"]
    assert rows["DINKES"]["responses"] == "2" and rows["DINKES"]["mutu"] == report_ikm["mutu"]
    assert float(rows["DINKES"]["nrr_u1"]) == report_ikm["elements"]["U1"]


def test_csv_cells_cannot_run_as_formulas(client, org):
    with db.connection_context():
        org["dinas"].name = "=HYPERLINK(\"http://x\")"
        org["dinas"].save()
    text = client.get("/data/units.csv").get_data(as_text=True)
    assert "'=HYPERLINK" in text


def test_openapi_document_and_docs_page(client, report):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {"/api/v1/units", "/api/v1/units/{code}/report", "/api/v1/ikm"} <= set(doc["paths"])
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "GET /api/v1/units/{code}/report" in page
    assert "cdn" not in page.lower()


def test_bad_year_is_refused(client, report):
    assert client.get("/api/v1/ikm?year=1200").status_code == 400
    assert client.get("/api/v1/units/NOPE/report").status_code == 404
