"""Back office for periods, unit indicators and their realisations."""
from portal.db import db
from portal.models import IndicatorRealisation, Period, UnitIndicator
from tests.conftest import csrf_token


def test_realisations_show_achievement_for_both_polarities(client, auth, users, org):
    with db.connection_context():
        q1 = Period.create(year=2026, quarter=1)
        faster = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-09",
                                      name="Waktu tanggap", measurement_unit="hari",
                                      polarity="lower", target=3)
        more = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-10",
                                    name="Pasien dilayani", measurement_unit="pasien", target=1000)
        empty = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-11",
                                     name="Tanpa target", measurement_unit="%", target=None)
        IndicatorRealisation.create(indicator=faster, period=q1, value=2)
        IndicatorRealisation.create(indicator=more, period=q1, value=1250)
        IndicatorRealisation.create(indicator=empty, period=q1, value=5)
    auth.login("operator")
    page = client.get("/admin/indicator_realisation/").get_data(as_text=True)
    assert "133,3 %" in page     # (2 × 3 − 2) / 3
    assert "125 %" in page       # 1250 / 1000
    assert "—" in page           # no target, no percentage
    # the period in words, as everywhere else
    assert "Triwulan I 2026" in page and "2026 TW I" not in page
    form = client.get("/admin/indicator_realisation/new/").get_data(as_text=True)
    assert ">Triwulan I 2026</option>" in form


def test_a_period_is_a_quarter_or_a_month_and_exists_once(client, auth, users):
    auth.login("operator")
    url = "/admin/period/new/"
    token = csrf_token(client.get(url).get_data(as_text=True))
    page = client.post(url, data={"year": "2026", "quarter": "2", "month": "5", "open": "y",
                                  "csrf_token": token}).get_data(as_text=True)
    assert "Periode berupa triwulan atau bulan, tidak keduanya." in page
    client.post(url, data={"year": "2026", "quarter": "2", "open": "y", "csrf_token": token})
    page = client.post(url, data={"year": "2026", "quarter": "2", "open": "y",
                                  "csrf_token": token}).get_data(as_text=True)
    assert "Periode ini sudah ada." in page
    with db.connection_context():
        assert Period.select().count() == 1


def test_realisations_list_the_year_to_date_achievement_as_the_report_card(client, auth,
                                                                         users, org):
    with db.connection_context():
        jan, feb = Period.create(year=2026, month=1), Period.create(year=2026, month=2)
        count = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-20",
                                     name="Pasien dilayani", measurement_unit="pasien",
                                     aspect="kuantitas", target=12000)
        rate = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-21",
                                    name="Kepuasan pasien", measurement_unit="%",
                                    aspect="kuantitas", target=95)
        IndicatorRealisation.create(indicator=count, period=jan, value=400)
        IndicatorRealisation.create(indicator=count, period=feb, value=500)
        IndicatorRealisation.create(indicator=rate, period=jan, value=80)
        IndicatorRealisation.create(indicator=rate, period=feb, value=90)
    auth.login("operator")
    page = client.get("/admin/indicator_realisation/").get_data(as_text=True)
    assert "Realisasi tahun berjalan" in page
    assert "900" in page                       # 400 + 500 patients so far
    assert "7,5 %" in page and "3,3 %" in page  # 900 / 12000, 400 / 12000
    assert "94,7 %" in page and "84,2 %" in page  # a level: the latest value, 90 / 95, 80 / 95
    assert "0,8 %" not in page                 # no longer one month against the year's target
    export = client.get("/admin/indicator_realisation/export/csv/").get_data(as_text=True)
    assert "900" in export and "7.5" in export


def test_rupiah_sized_targets_and_realisations_keep_every_digit(client, org):
    """A budget indicator in rupiah: ten significant digits come back as they went in
    on either engine (PostgreSQL's four-byte REAL kept seven: migration 0021)."""
    with db.connection_context():
        jan = Period.create(year=2026, month=1)
        budget = UnitIndicator.create(unit=org["dinas"], year=2026, code="IKU-30",
                                      name="Realisasi anggaran", measurement_unit="rupiah",
                                      target=1_234_567_890)
        IndicatorRealisation.create(indicator=budget, period=jan, value=987_654_321.5)
        assert UnitIndicator.get_by_id(budget.id).target == 1_234_567_890
        assert IndicatorRealisation.get(IndicatorRealisation.indicator == budget).value == \
            987_654_321.5
    data = client.get("/api/v1/units/DINKES/report?year=2026").get_json()
    (item,) = [i for i in data["indicators"] if i["code"] == "IKU-30"]
    assert (item["target"], item["realisation"]) == (1_234_567_890, 987_654_321.5)
