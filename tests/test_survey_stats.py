"""The IKM computed by the database, checked against numbers worked out by hand."""
import datetime
from decimal import Decimal

import pytest

from portal import stats
from portal.db import db
from portal.models import Service, ServicePopulation, SurveyResponse

# Four answers counted in 2025 (WIB), one just before the year starts, one in 2024.
ANSWERS = [
    ("SIP", datetime.datetime(2025, 3, 1, 2, 0), [4, 4, 4, 4, 4, 4, 4, 4, 4]),
    ("SIP", datetime.datetime(2025, 6, 1, 8, 0), [3, 3, 3, 3, 3, 3, 3, 3, 3]),
    ("LAB", datetime.datetime(2025, 12, 31, 16, 30), [4, 3, 3, 2, 4, 3, 4, 3, 2]),  # 23:30 WIB
    ("LAB", datetime.datetime(2024, 12, 31, 17, 30), [3, 3, 4, 1, 3, 4, 4, 2, 3]),  # 00:30 WIB 2025
    ("LAB", datetime.datetime(2024, 12, 31, 16, 30), [1, 1, 1, 1, 1, 1, 1, 1, 1]),  # 23:30 WIB 2024
    ("SIP", datetime.datetime(2024, 5, 5, 5, 0), [1, 1, 1, 1, 1, 1, 1, 1, 1]),
]


@pytest.fixture
def answers(app, org):
    with db.connection_context():
        services = {code: Service.create(unit=org["dinas"], code=code, name=code)
                    for code in ("SIP", "LAB")}
        for code, when, values in ANSWERS:
            SurveyResponse.create(unit=org["dinas"], service=services[code], submitted_at=when,
                                  **{f"u{i + 1}": v for i, v in enumerate(values)})
        paten = Service.create(unit=org["kecamatan"], code="PATEN", name="PATEN")
        SurveyResponse.create(unit=org["kecamatan"], service=paten,
                              submitted_at=datetime.datetime(2025, 7, 7),
                              **{f"u{i}": 2 for i in range(1, 10)})
        ServicePopulation.create(unit=org["dinas"], year=2025, population=300)
    return services


def test_ikm_of_a_unit_for_a_year(app, org, answers):
    with app.app_context(), db.connection_context():
        result = stats.ikm_for(org["dinas"], 2025)
    # U1: (4+3+4+3)/4 = 3.50 … U9: (4+3+2+3)/4 = 3.00; Σ NRR = 29.5; 29.5 / 9 × 25 = 81.94
    assert {code: f"{value:.2f}" for code, value in result["nrr"].items()} == {
        "U1": "3.50", "U2": "3.25", "U3": "3.50", "U4": "2.50", "U5": "3.50",
        "U6": "3.50", "U7": "3.75", "U8": "3.00", "U9": "3.00"}
    assert result["ikm"] == Decimal("81.94")
    assert (result["mutu"], result["kinerja"]) == ("B", "Baik")
    assert result["responses"] == 4
    assert (result["population"], result["min_sample"], result["meets_minimum"]) == (300, 169, False)


def test_ikm_of_one_service(app, org, answers):
    with app.app_context(), db.connection_context():
        result = stats.ikm_for(org["dinas"], 2025, service=answers["LAB"])
    # (28 + 27) / 2 = 27.5; 27.5 / 9 × 25 = 76.39
    assert result["responses"] == 2
    assert result["ikm"] == Decimal("76.39")
    assert (result["mutu"], result["kinerja"]) == ("C", "Kurang Baik")


def test_a_year_without_answers(app, org, answers):
    with app.app_context(), db.connection_context():
        result = stats.ikm_for(org["dinas"], 2023)
    assert result["responses"] == 0 and result["ikm"] is None and result["mutu"] is None
    assert result["min_sample"] is None and result["meets_minimum"] is None


def test_ikm_of_every_unit(app, org, answers):
    with app.app_context(), db.connection_context():
        rows = {row["unit"].code: row for row in stats.ikm_all(2025)}
        by_service = {row["service"].code: row for row in stats.ikm_by_service(org["dinas"], 2025)}
    assert set(rows) == {"DINKES", "KEC-01"}
    assert rows["DINKES"]["ikm"] == Decimal("81.94")
    assert rows["KEC-01"]["ikm"] == Decimal("50.00")
    assert (rows["KEC-01"]["mutu"], rows["KEC-01"]["kinerja"]) == ("D", "Tidak Baik")
    assert rows["KEC-01"]["min_sample"] is None
    assert by_service["LAB"]["ikm"] == Decimal("76.39") and by_service["SIP"]["responses"] == 2


def test_the_minimum_is_met_with_enough_answers(app, org, answers):
    with app.app_context(), db.connection_context():
        ServicePopulation.update(population=4).execute()
        result = stats.ikm_for(org["dinas"], 2025)
    assert (result["min_sample"], result["meets_minimum"]) == (4, True)
