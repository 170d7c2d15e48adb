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
