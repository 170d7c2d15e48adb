"""The open-data CSV files' columns: name, Table Schema type, unit and meaning.

One list per CSV family, in the files' column order. The CSV answers write their
header from these lists and the Data Package (datapackage.json) describes them
from the same lists, so a file and its schema cannot drift apart. Booleans are
written as 1/0 (portal.rules.cell_safety) and an empty cell is a missing value.
Descriptions are English, like the OpenAPI document.
"""
from portal.rules import ikm as ikm_rules
from portal.rules import predikat as predikat_rules

BOOLEAN = {"type": "boolean", "trueValues": ["1"], "falseValues": ["0"]}
MUTU = {"type": "string", "constraints": {"enum": [band[1] for band in ikm_rules.BANDS]}}


def _field(name, kind, description, unit=None, **extra):
    field = {"name": name, "description": description, **extra}
    field.update(BOOLEAN if kind == "boolean" else MUTU if kind == "mutu" else {"type": kind})
    if unit:
        field["unit"] = unit
        field["description"] = f"{description} [{unit}]"
    return field


YEAR = _field("year", "integer", "Calendar year", constraints={"required": True})
UNIT_CODE = _field("unit_code", "string", "Code of the government unit",
                   constraints={"required": True})
UNIT_NAME = _field("unit_name", "string", "Name of the government unit")
IKM = ("ikm", "number", "Community satisfaction index (IKM, PermenPANRB 14/2017), 25 to 100",
       "index points")
NRR = [_field("nrr_" + code.lower(), "number",
              f"Average answer (NRR) for survey element {code}, 1 to 4", "scale 1-4")
       for code in ikm_rules.ELEMENT_CODES]

UNITS = [
    _field("code", "string", "Code of the government unit", constraints={"required": True}),
    _field("name", "string", "Name of the government unit"),
    _field("kind", "string", "Kind of unit (dinas, badan, kecamatan, ...)"),
    _field("parent_code", "string", "Code of the unit it belongs to; empty for none"),
]
IKM_FIELDS = [
    YEAR, UNIT_CODE, UNIT_NAME, _field(*IKM),
    _field("mutu", "mutu", "Service quality band of the IKM (A best to D)"),
    _field("kinerja", "string", "Performance label of the IKM band"),
    _field("responses", "integer", "Survey answers received in the year", "answers"),
    _field("population", "integer", "Users of the unit's services in the year; empty when "
           "not recorded", "persons"),
    _field("min_sample", "integer", "Minimum number of answers for the population "
           "(Krejcie-Morgan); empty when the population is not recorded", "answers"),
    _field("meets_minimum", "boolean", "The answers reach the minimum sample (1) or not (0)"),
    *NRR,
]
COMPLAINT_FIELDS = [
    YEAR, UNIT_CODE, UNIT_NAME,
    _field("received", "integer", "Complaints received in the year", "complaints"),
    _field("verified", "integer", "Of those, verified", "complaints"),
    _field("resolved", "integer", "Of those, resolved (closed)", "complaints"),
    _field("within_time_limit_pct", "number", "Closed within the resolution limit divided by "
           "closed plus still open past it", "%"),
    _field("median_days_to_respond", "number", "Median time to the first answer", "days"),
    _field("median_days_to_resolve", "number", "Median time to closing", "days"),
    _field("satisfaction_responses", "integer", "Reporters who rated the handling", "reporters"),
    _field("satisfaction_average", "number", "Average rating, 1 (not satisfied) to 4 (very "
           "satisfied); empty when too few rated", "scale 1-4"),
    _field("satisfaction_satisfied_pct", "number", "Share rating 3 or 4; empty when too few "
           "rated", "%"),
    _field("open_past_time_limit", "integer", "Neither closed nor answered, and past the "
           "resolution limit", "complaints"),
]
REPORT_FIELDS = [
    YEAR, UNIT_CODE, UNIT_NAME,
    _field("unit_kind", "string", "Kind of unit (dinas, badan, kecamatan, ...)"),
    _field(*IKM),
    _field("mutu", "mutu", "Service quality band of the IKM (A best to D)"),
    _field("ikm_responses", "integer", "Survey answers received in the year", "answers"),
    _field("ikm_min_sample", "integer", "Minimum number of answers; empty when the population "
           "is not recorded", "answers"),
    _field("ikm_meets_minimum", "boolean", "The answers reach the minimum sample (1) or not (0)"),
    _field("indicators", "integer", "Public performance indicators of the year", "indicators"),
    _field("indicators_reported", "integer", "Of those, with a realisation", "indicators"),
    _field("complaints_received", "integer", "Complaints received in the year", "complaints"),
    _field("complaints_resolved", "integer", "Of those, resolved (closed)", "complaints"),
    _field("complaints_within_time_limit_pct", "number", "Closed within the resolution limit "
           "divided by closed plus still open past it", "%"),
    _field("complaints_median_days_to_resolve", "number", "Median time to closing", "days"),
    _field("satisfaction_responses", "integer", "Reporters who rated the handling", "reporters"),
    _field("satisfaction_average", "number", "Average rating, 1 to 4; empty when too few rated",
           "scale 1-4"),
    *[_field("predikat_" + code, "integer", f"Employees whose final SKP predikat is {code}; "
             "empty when fewer than the smallest published group", "employees")
      for code in predikat_rules.PREDIKATS],
    _field("complaints_open_past_time_limit", "integer", "Complaints neither closed nor "
           "answered, and past the resolution limit", "complaints"),
]

# slug → (file name, with {year} for a yearly file; fields; primary key)
TABLES = {
    "units": ("units.csv", UNITS, ["code"]),
    "ikm": ("ikm-{year}.csv", IKM_FIELDS, ["year", "unit_code"]),
    "complaints": ("complaints-{year}.csv", COMPLAINT_FIELDS, ["year", "unit_code"]),
    "report": ("report-{year}.csv", REPORT_FIELDS, ["year", "unit_code"]),
}


def columns(slug):
    """The CSV header of a family, in order."""
    return tuple(field["name"] for field in TABLES[slug][1])


def table_schema(slug):
    """The Table Schema (fields, primary key, missing values) of a family's CSV files."""
    _, fields, key = TABLES[slug]
    return {"fields": [dict(field) for field in fields], "primaryKey": list(key),
            "missingValues": [""]}


def is_yearly(slug):
    return "{year}" in TABLES[slug][0]


def file_name(slug, year=None):
    return TABLES[slug][0].format(year=year)
