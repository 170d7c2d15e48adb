"""The report card's finer parts, each checked against an independent computation from
raw rows: reporters' satisfaction after closing (with the small-group rule), the IKM
per service, the kabupaten IKM (pooled answers, not the mean of units) and the
per-unit CSV files of complaint handling and report summaries."""
import csv
import datetime
import io
import re
from decimal import Decimal

import pytest

from portal.db import db
from portal.models import (Complaint, Employee, Service, ServicePopulation, Skp,
                           SurveyResponse, UnitIndicator, IndicatorRealisation, Period)
from portal.rules import complaints as complaint_rules
from tests.complaint_helpers import make_complaint

YEAR = datetime.date.today().year
ELEMENTS = [f"u{i}" for i in range(1, 10)]


def answers(*values):
    return dict(zip(ELEMENTS, values))


def ikm_from_rows(rows):
    """IKM = Σ (Σ answers / n) / 9 × 25, two decimals (halves up), from raw answer lists."""
    nrrs = [Decimal(sum(r[i] for r in rows)) / Decimal(len(rows)) for i in range(9)]
    value = sum(nrrs) / 9 * 25
    return float(value.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))


def rate(app, unit, ratings, comment=""):
    """Closed complaints about ``unit`` that their reporters rated ``ratings``."""
    now = datetime.datetime.utcnow()
    made = []
    for rating in ratings:
        complaint = make_complaint(app, unit=unit.id)
        with db.connection_context():
            Complaint.update(state=complaint_rules.CLOSED, closed_at=now,
                             created_at=now - datetime.timedelta(days=2),
                             satisfaction=rating, satisfaction_comment=comment, rated_at=now) \
                .where(Complaint.id == complaint.id).execute()
        made.append(complaint)
    return made


def raw_satisfaction(unit):
    """Average and share satisfied of this year's ratings of ``unit``, from the rows."""
    start = datetime.datetime(YEAR, 1, 1) - datetime.timedelta(hours=7)  # Asia/Jakarta
    with db.connection_context():
        values = [c.satisfaction for c in Complaint.select()
                  if c.satisfaction is not None and c.created_at >= start
                  and (c.assigned_unit_id or c.unit_id) == unit.id]
    if not values:
        return 0, None, None
    average = Decimal(sum(values)) / len(values)
    satisfied = Decimal(sum(1 for v in values if v >= 3) * 100) / len(values)
    return (len(values), float(average.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")),
            float(satisfied.quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")))


def test_satisfaction_below_the_threshold_is_too_few_to_publish(app, client, org):
    rate(app, org["dinas"], [4, 1, 4, 3], comment="Petugasnya Pak Joko kasar sekali")
    data = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()
    assert data["complaint_satisfaction"] == {"year": YEAR, "responses": 4, "average": None,
                                              "satisfied_pct": None, "published": False}
    # the documented keys are still there
    assert {"unit", "year", "ikm", "indicators", "complaints", "predikat"} <= set(data)
    page = client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True)
    table = page.split('id="satisfaction"', 1)[1].split("</table>", 1)[0]
    row = table.split(f">{YEAR}<", 1)[1].split("</tr>", 1)[0]
    assert ">4<" in row and "terlalu sedikit untuk dipublikasikan" in row
    # a year without any rating: nothing to hide, nothing to show
    empty = table.split(f">{YEAR - 1}<", 1)[1].split("</tr>", 1)[0]
    assert ">0<" in empty and "terlalu sedikit" not in empty and "—" in empty
    assert "Pak Joko" not in page and "Pak Joko" not in str(data)  # comments stay private


def test_satisfaction_average_and_count_per_year(app, client, org):
    rate(app, org["dinas"], [4, 1, 4, 3, 2, 4])
    rate(app, org["kecamatan"], [1, 1, 1, 1, 1])  # another unit: not counted for the dinas
    older = rate(app, org["dinas"], [1, 1])
    with db.connection_context():  # two ratings of complaints received last year
        Complaint.update(created_at=datetime.datetime(YEAR - 1, 6, 1)) \
            .where(Complaint.id.in_([c.id for c in older])).execute()
    responses, average, satisfied = raw_satisfaction(org["dinas"])
    assert (responses, average, satisfied) == (6, 3.0, 66.7)
    data = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()
    assert data["complaint_satisfaction"] == {"year": YEAR, "responses": responses,
                                              "average": average, "satisfied_pct": satisfied,
                                              "published": True}
    by_year = {row["year"]: row for row in data["complaint_satisfaction_by_year"]}
    assert list(by_year)[:2] == [YEAR, YEAR - 1]
    assert by_year[YEAR - 1]["responses"] == 2 and by_year[YEAR - 1]["average"] is None
    page = client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True)
    table = page.split('id="satisfaction"', 1)[1].split("</table>", 1)[0]
    row = table.split(f">{YEAR}<", 1)[1].split("</tr>", 1)[0]
    assert ">6<" in row and "3,00" in row and "66,7 %" in row


def test_satisfaction_rounds_halves_up(app, client, org):
    rate(app, org["dinas"], [4, 4, 3, 3, 3, 3, 3, 2])  # 25 / 8 = 3.125
    assert raw_satisfaction(org["dinas"])[1] == 3.13
    data = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()
    assert data["complaint_satisfaction"]["average"] == 3.13
    assert data["complaint_satisfaction"]["satisfied_pct"] == 87.5


def test_ikm_per_service_equals_the_raw_answers(app, client, org):
    with db.connection_context():
        sip = Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
        lab = Service.create(unit=org["dinas"], code="LAB", name="Laboratorium Kesehatan")
        Service.create(unit=org["dinas"], code="OLD", name="Layanan Lama", active=False)
        sip_rows = [(4, 3, 3, 4, 3, 3, 4, 3, 3), (3, 3, 2, 4, 3, 4, 4, 3, 2), (4, 4, 4, 4, 4, 4, 4, 4, 1)]
        lab_rows = [(2, 2, 3, 3, 2, 2, 3, 3, 2)]
        for row in sip_rows:
            SurveyResponse.create(unit=org["dinas"], service=sip, **answers(*row))
        for row in lab_rows:
            SurveyResponse.create(unit=org["dinas"], service=lab, **answers(*row))
        ServicePopulation.create(unit=org["dinas"], year=YEAR, population=300)
    data = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()
    services = {s["service_code"]: s for s in data["ikm_services"]}
    assert set(services) == {"SIP", "LAB"}  # an inactive service without answers is left out
    assert services["SIP"]["value"] == ikm_from_rows(sip_rows)
    assert services["SIP"]["responses"] == 3 and services["LAB"]["responses"] == 1
    assert services["LAB"]["value"] == ikm_from_rows(lab_rows)
    assert services["SIP"]["elements"]["U9"] == round(6 / 3, 4)
    assert services["SIP"]["min_sample"] is None and services["SIP"]["meets_minimum"] is None
    # the unit as a whole: 4 answers of a population of 300 → minimum 169, not met
    assert data["ikm"]["value"] == ikm_from_rows(sip_rows + lab_rows)
    assert data["ikm"]["min_sample"] == 169 and data["ikm"]["meets_minimum"] is False
    page = client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True)
    table = page.split('id="ikm-services"', 1)[1].split("</table>", 1)[0]
    shown = f"{ikm_from_rows(sip_rows):.2f}".replace(".", ",")
    assert "Surat Izin Praktik" in table and shown in table
    assert "Layanan Lama" not in table
    assert "tidak dicatat" in page  # why no service has a minimum sample


def test_a_service_with_its_users_recorded_says_whether_its_sample_meets_the_minimum(
        app, client, org):
    with db.connection_context():
        sip = Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
        Service.create(unit=org["dinas"], code="LAB", name="Laboratorium Kesehatan")
        for _i in range(20):
            SurveyResponse.create(unit=org["dinas"], service=sip,
                                  **answers(4, 3, 3, 4, 3, 3, 4, 3, 3))
        ServicePopulation.create(unit=org["dinas"], year=YEAR, population=300)
        # 20 users of the service: Krejcie–Morgan gives 19, met by 20 answers
        ServicePopulation.create(unit=org["dinas"], service=sip, year=YEAR, population=20)
    data = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()
    services = {s["service_code"]: s for s in data["ikm_services"]}
    assert (services["SIP"]["population"], services["SIP"]["min_sample"],
            services["SIP"]["meets_minimum"]) == (20, 19, True)
    assert services["LAB"]["min_sample"] is None and services["LAB"]["meets_minimum"] is None
    # the unit keeps its own population: 20 answers of 300 users, minimum 169, not met
    assert (data["ikm"]["population"], data["ikm"]["min_sample"],
            data["ikm"]["meets_minimum"]) == (300, 169, False)
    page = client.get(f"/unit/DINKES?year={YEAR}").get_data(as_text=True)
    table = page.split('id="ikm-services"', 1)[1].split("</table>", 1)[0]
    assert re.search(r'<td class="num">20<br><span class="hint minimum">minimal 19: terpenuhi'
                     r'</span></td>', table)
    assert table.count("minimal") == 1  # the laboratory's users are not recorded
    assert "tidak dicatat" in page.split('id="ikm-services"', 1)[1].split("</section>", 1)[0]


def test_kabupaten_ikm_pools_the_answers(app, client, org):
    """domain.md: NRR = sum of answers / number of answers — over the kabupaten's answers,
    so a unit with many answers weighs more than the mean of the units would give it."""
    with db.connection_context():
        dinas = Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
        kec = Service.create(unit=org["kecamatan"], code="KTP", name="Pengantar KTP")
        rows = [(4,) * 9] * 9 + [(2,) * 9]
        for row in rows[:9]:
            SurveyResponse.create(unit=org["dinas"], service=dinas, **answers(*row))
        SurveyResponse.create(unit=org["kecamatan"], service=kec, **answers(*rows[9]))
    pooled = ikm_from_rows(rows)                    # (9 × 4 + 2) / 10 × 25 = 95.00
    mean_of_units = (ikm_from_rows(rows[:9]) + ikm_from_rows(rows[9:])) / 2  # 75.00
    assert pooled == 95.0 and mean_of_units == 75.0
    data = client.get(f"/api/v1/ikm?year={YEAR}").get_json()
    assert data["kabupaten"]["value"] == pooled and data["kabupaten"]["mutu"] == "A"
    assert data["kabupaten"]["responses"] == 10
    home = client.get("/").get_data(as_text=True)
    assert '<strong class="ikm-kabupaten">95,00</strong>' in home
    report = client.get(f"/api/v1/units/KEC-01/report?year={YEAR}").get_json()
    assert report["kabupaten_ikm"] == pooled


def read_csv(response):
    assert response.status_code == 200 and response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith("\ufeff".encode("utf-8"))
    text = raw.decode("utf-8")[1:]
    assert "\r\n" in text
    reader = csv.DictReader(io.StringIO(text))
    return reader.fieldnames, list(reader)


@pytest.fixture
def summary_data(app, org):
    with db.connection_context():
        service = Service.create(unit=org["dinas"], code="SIP", name="Surat Izin Praktik")
        for row in [(4, 3, 3, 4, 3, 3, 4, 3, 3), (3, 3, 2, 4, 3, 4, 4, 3, 2)]:
            SurveyResponse.create(unit=org["dinas"], service=service, **answers(*row))
        ServicePopulation.create(unit=org["dinas"], year=YEAR, population=300)
        one = UnitIndicator.create(unit=org["dinas"], year=YEAR, code="IKU-01", name="Cakupan",
                                   measurement_unit="%", target=95)
        UnitIndicator.create(unit=org["dinas"], year=YEAR, code="IKU-02", name="Belum ada",
                             measurement_unit="%", target=90)
        UnitIndicator.create(unit=org["dinas"], year=YEAR, code="IKU-99", name="Internal",
                             measurement_unit="%", target=90, public=False)
        IndicatorRealisation.create(indicator=one, period=Period.create(year=YEAR, quarter=1),
                                    value=80)
        staff = [Employee.create(nip=f"19900101201501100{i}", name=f"Pegawai Nomor {i}",
                                 golongan="III/a", jabatan_kind="pelaksana",
                                 position_title="Pengadministrasi", unit=org["dinas"])
                 for i in range(1, 8)]
        for i, employee in enumerate(staff):
            Skp.create(employee=employee, year=YEAR, state="final",
                       predikat="sangat_baik" if i < 2 else "baik")
    rate(app, org["dinas"], [4, 3, 4, 2, 4])
    make_complaint(app, unit=org["dinas"].id)
    rate(app, org["kecamatan"], [1])


def test_complaints_csv_per_unit(client, org, summary_data):
    columns, rows = read_csv(client.get(f"/data/complaints-{YEAR}.csv"))
    assert columns == ["year", "unit_code", "unit_name", "received", "verified", "resolved",
                       "within_time_limit_pct", "median_days_to_respond",
                       "median_days_to_resolve", "satisfaction_responses",
                       "satisfaction_average", "satisfaction_satisfied_pct",
                       "open_past_time_limit"]
    by_code = {row["unit_code"]: row for row in rows}
    report = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()
    dinas = by_code["DINKES"]
    assert dinas["year"] == str(YEAR) and dinas["unit_name"] == "Dinas Kesehatan"
    assert int(dinas["received"]) == report["complaints"]["received"] == 6
    assert int(dinas["resolved"]) == report["complaints"]["resolved"] == 5
    assert float(dinas["within_time_limit_pct"]) == report["complaints"]["within_time_limit_pct"]
    assert float(dinas["median_days_to_resolve"]) == report["complaints"]["median_days_to_resolve"]
    assert int(dinas["satisfaction_responses"]) == 5
    assert float(dinas["satisfaction_average"]) == report["complaint_satisfaction"]["average"] == 3.4
    # one rating is too few: counted, average left empty
    assert by_code["KEC-01"]["satisfaction_responses"] == "1"
    assert by_code["KEC-01"]["satisfaction_average"] == ""


def test_report_summary_csv_per_unit(client, org, summary_data):
    columns, rows = read_csv(client.get(f"/data/report-{YEAR}.csv"))
    assert columns == ["year", "unit_code", "unit_name", "unit_kind", "ikm", "mutu",
                       "ikm_responses", "ikm_min_sample", "ikm_meets_minimum", "indicators",
                       "indicators_reported", "complaints_received", "complaints_resolved",
                       "complaints_within_time_limit_pct", "complaints_median_days_to_resolve",
                       "satisfaction_responses", "satisfaction_average",
                       "predikat_sangat_baik", "predikat_baik", "predikat_butuh_perbaikan",
                       "predikat_kurang", "predikat_sangat_kurang",
                       "complaints_open_past_time_limit"]
    by_code = {row["unit_code"]: row for row in rows}
    assert set(by_code) == {"DINKES", "KEC-01"}
    report = client.get(f"/api/v1/units/DINKES/report?year={YEAR}").get_json()
    dinas = by_code["DINKES"]
    assert float(dinas["ikm"]) == report["ikm"]["value"] and dinas["mutu"] == report["ikm"]["mutu"]
    assert dinas["ikm_responses"] == "2" and dinas["ikm_min_sample"] == "169"
    assert dinas["ikm_meets_minimum"] == "0"
    assert (dinas["indicators"], dinas["indicators_reported"]) == ("2", "1")
    assert int(dinas["complaints_received"]) == report["complaints"]["received"]
    assert float(dinas["satisfaction_average"]) == report["complaint_satisfaction"]["average"]
    assert dinas["predikat_baik"] == "5" and report["predikat"]["baik"] == 5
    assert dinas["predikat_sangat_baik"] == "" and report["predikat"]["sangat_baik"] is None
    kec = by_code["KEC-01"]
    assert kec["ikm"] == "" and kec["ikm_responses"] == "0" and kec["predikat_baik"] == ""
    assert kec["unit_kind"] == "kecamatan"


def test_csv_text_cells_starting_with_formula_characters_are_neutralised(client, org):
    with db.connection_context():
        org["dinas"].name = "-2+3 Dinas"
        org["dinas"].save()
        org["kecamatan"].name = "@SUM(A1)"
        org["kecamatan"].save()
    for path in (f"/data/complaints-{YEAR}.csv", f"/data/report-{YEAR}.csv"):
        _, rows = read_csv(client.get(path))
        names = {row["unit_code"]: row["unit_name"] for row in rows}
        assert names == {"DINKES": "'-2+3 Dinas", "KEC-01": "'@SUM(A1)"}, path


def test_csv_of_a_year_out_of_range_is_404(client, org):
    assert client.get("/data/report-1999.csv").status_code == 404
    assert client.get(f"/data/complaints-{YEAR + 5}.csv").status_code == 404


def test_open_data_page_and_openapi_list_the_new_files(client, org, summary_data):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert {"/data/complaints-{year}.csv", "/data/report-{year}.csv"} <= set(doc["paths"])
    # every public route of the comparison of units is described too
    assert {"/api/v1/compare", "/bandingkan.csv", "/api/v1/units/{code}/trend",
            "/unit/{code}/tren.csv"} <= set(doc["paths"])
    report = doc["paths"]["/api/v1/units/{code}/report"]["get"]["responses"]["200"]
    properties = report["content"]["application/json"]["schema"]["properties"]
    assert {"ikm_services", "complaint_satisfaction",
            "complaint_satisfaction_by_year"} <= set(properties)
    # every documented path answers as documented
    for path in doc["paths"]:
        url = path.replace("{code}", "DINKES").replace("{year}", str(YEAR))
        response = client.get(url)
        assert response.status_code == 200, url
        expected = list(doc["paths"][path]["get"]["responses"]["200"]["content"])[0]
        assert response.mimetype == expected, url
    page = client.get("/api/v1/docs").get_data(as_text=True)
    # the page lists each year with numbers and its files at their absolute address
    # (the one the DCAT catalogue gives; open_catalog.files)
    years = page.split('id="years"', 1)[1].split("</section>", 1)[0]
    this_year = years.split(f"<h3>{YEAR}</h3>", 1)[1].split("<h3>", 1)[0]
    for name in (f"complaints-{YEAR}.csv", f"report-{YEAR}.csv"):
        assert re.search(rf'<a href="https?://[^/"]+/data/{re.escape(name)}" download>',
                         this_year), name
    # the Indonesian page says what each answer is in Indonesian; the JSON stays English
    assert "Every active government unit" not in page and "No such active unit" not in page
    assert '<p lang="en">' not in page and '<span lang="en">' not in page
    assert "<p>Semua perangkat daerah yang aktif</p>" in page
    assert "Tidak ada perangkat daerah aktif dengan kode ini" in page
    assert doc["paths"]["/api/v1/units"]["get"]["summary"] == "Every active government unit"


def test_menu_links_criteria_and_open_data(client, org):
    page = client.get("/").get_data(as_text=True)
    menu = page.split('class="wrap main-nav"', 1)[1].split("</nav>", 1)[0]
    for href, label in (("/kriteria", "Kriteria"), ("/api/v1/docs", "Data terbuka"),
                        ("/materi", "Materi"), ("/penghargaan", "Penghargaan")):
        assert f'href="{href}"' in menu and label in menu, href


def test_openapi_document_validates_and_answers_match_their_schemas(client, summary_data):
    """The document is valid OpenAPI 3, and every JSON answer fits the schema it documents."""
    from openapi_schema_validator import OAS30Validator
    from openapi_spec_validator import validate

    doc = client.get("/api/v1/openapi.json").get_json()
    validate(doc)
    checked = 0
    for path, operations in doc["paths"].items():
        url = path.replace("{code}", "DINKES").replace("{year}", str(YEAR))
        answer = operations["get"]["responses"]["200"]["content"]
        if "application/json" not in answer:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        OAS30Validator(answer["application/json"]["schema"]).validate(response.get_json())
        checked += 1
    # units, a unit's report, IKM, the comparison of units and a unit's trend
    assert checked == 5
