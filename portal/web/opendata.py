"""Open data: the public numbers as JSON (with an OpenAPI 3 description) and CSV.

Every number comes from portal.stats through the same functions the report
card uses, so a page, its JSON answer and the CSV file always agree. Nothing
here names a complainant, shows a confidential complaint or one employee's
predikat: predikat are counts, and groups smaller than ``PUBLISH_MIN_GROUP``
are null.
"""
import json

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from flask_babel import gettext

from portal import open_catalog, stats
from portal.cache import cached, cached_page
from portal.extensions import limiter
from portal.models import Unit
from portal.report_card import unit_report
from portal.rules import open_data
from portal.web._common import (csv_response, current_year, offered_year, read_limit,
                                unit_or_404)
from portal.rules.org import COMPARE_KINDS
from portal.web.compare import CSV_COLUMNS as COMPARE_COLUMNS
from portal.web.compare import TREND_COLUMNS

bp = Blueprint("opendata", __name__)

# the CSV files' columns, in this order (README: "Open data"; their Table Schema:
# portal/rules/open_data.py, served in /data/datapackage.json)
UNIT_COLUMNS = open_data.columns("units")
IKM_COLUMNS = open_data.columns("ikm")
COMPLAINT_COLUMNS = open_data.columns("complaints")
REPORT_COLUMNS = open_data.columns("report")


def _year():
    this = current_year()
    year = request.args.get("year", this, type=int)
    if not 2000 <= year <= this + 1:
        abort(400)
    return year


def _num(value, digits=None):
    if value is None:
        return None
    return round(float(value), digits) if digits is not None else float(value)


def units():
    """[{code, name, kind, parent_code}] of every active unit, by name."""
    parents = dict(Unit.select(Unit.id, Unit.code).tuples())
    return [{"code": u.code, "name": u.name, "kind": u.kind,
             "parent_code": parents.get(u.parent_id)} for u in Unit.public()]


def ikm_json(summary):
    return {
        "value": _num(summary["ikm"], 2), "mutu": summary["mutu"],
        "kinerja": summary["kinerja"], "responses": summary["responses"],
        "population": summary["population"], "min_sample": summary["min_sample"],
        "meets_minimum": summary["meets_minimum"],
        "elements": {code: _num(value, 4) for code, value in summary["nrr"].items()},
    }


@cached
def report_json(unit, year):
    report = unit_report(unit, year)
    return {
        "unit": {"code": unit.code, "name": unit.name, "kind": unit.kind},
        "year": year,
        "ikm": ikm_json(report["ikm"]),
        "kabupaten_ikm": _num(report["ikm_kabupaten"]["ikm"], 2),
        "indicators": [{
            "code": i["code"], "name": i["name"], "unit_of_measure": i["unit_of_measure"],
            "polarity": i["polarity"], "target": i["target"], "realisation": i["realisation"],
            "achievement_pct": i["achievement_pct"],
            "cumulative": i["cumulative"],
            "trend": [{"period": str(p["period"]), "value": p["value"],
                       "year_to_date": p["year_to_date"],
                       "achievement_pct": p["achievement_pct"]} for p in i["trend"]],
        } for i in report["indicators"]],
        "complaints": {**{k: report["complaints"][k] for k in (
            "received", "resolved", "within_time_limit_pct", "median_days_to_resolve")},
            "open_past_time_limit": report["complaints"]["overdue"]},
        "predikat": report["predikat"],
        "predikat_min_group": report["min_group"],
        # added after the first version; the keys above keep their meaning, except that
        # complaints.within_time_limit_pct counts those still open past the limit against
        # the share since 2026-12 (complaints.open_past_time_limit)
        "ikm_services": [service_json(row) for row in report["ikm_services"]],
        "complaint_satisfaction": satisfaction_json(year, report["satisfaction"][year]),
        "complaint_satisfaction_by_year": [satisfaction_json(y, value) for y, value
                                           in report["satisfaction"].items()],
    }


def service_json(summary):
    """One service's IKM, with its minimum sample when the number of that service's
    users is recorded for the year (null otherwise)."""
    return {"service_code": summary["service"].code, "service_name": summary["service"].name,
            **ikm_json(summary)}


def satisfaction_json(year, value):
    return {"year": year, "responses": value["responses"], "average": value["average"],
            "satisfied_pct": value["satisfied_pct"], "published": value["published"]}


def ikm_rows(year):
    rows = []
    for summary in stats.ikm_all(year):
        data = ikm_json(summary)
        rows.append({"unit_code": summary["unit"].code, "unit_name": summary["unit"].name,
                     **data})
    return rows


@bp.route("/api/v1/units")
@limiter.limit(read_limit)
def api_units():
    return jsonify(units())


@bp.route("/api/v1/units/<code>/report", endpoint="unit_report")
@limiter.limit(read_limit)
@cached_page(allowed_args=("year",), mimetype="application/json",
             canonical=lambda code: code == code.upper() and offered_year())
def unit_report_api(code):
    return jsonify(report_json(unit_or_404(code), _year()))


@bp.route("/api/v1/ikm")
@limiter.limit(read_limit)
@cached_page(allowed_args=("year",), mimetype="application/json",
             canonical=offered_year)
def api_ikm():
    year = _year()
    return jsonify({"year": year, "kabupaten": ikm_json(stats.ikm_kabupaten(year)),
                    "units": ikm_rows(year)})


# -- CSV -------------------------------------------------------------------------
@bp.route("/data/units.csv")
@limiter.limit(read_limit)
def units_csv():
    return csv_response(UNIT_COLUMNS, units(), "units.csv")


@bp.route("/data/ikm-<int:year>.csv")
@limiter.limit(read_limit)
def ikm_csv(year):
    if not 2000 <= year <= current_year() + 1:
        abort(404)
    rows = []
    for row in ikm_rows(year):
        flat = {"year": year, "unit_code": row["unit_code"], "unit_name": row["unit_name"],
                "ikm": row["value"], "mutu": row["mutu"], "kinerja": row["kinerja"],
                "responses": row["responses"], "population": row["population"],
                "min_sample": row["min_sample"], "meets_minimum": row["meets_minimum"]}
        for code, value in row["elements"].items():
            flat["nrr_" + code.lower()] = value
        rows.append(flat)
    return csv_response(IKM_COLUMNS, rows, f"ikm-{year}.csv")


def _csv_year(year):
    if not 2000 <= year <= current_year() + 1:
        abort(404)


def complaint_rows(year):
    rows = []
    for row in stats.complaints_per_unit_year(year):
        satisfaction = row["satisfaction"]
        rows.append({
            "year": year, "unit_code": row["unit"].code, "unit_name": row["unit"].name,
            **{k: row[k] for k in ("received", "verified", "resolved", "within_time_limit_pct",
                                   "median_days_to_respond", "median_days_to_resolve")},
            "satisfaction_responses": satisfaction["responses"],
            "satisfaction_average": satisfaction["average"],
            "satisfaction_satisfied_pct": satisfaction["satisfied_pct"],
            "open_past_time_limit": row["overdue"],
        })
    return rows


def report_rows(year):
    rows = []
    for row in stats.report_summary(year):
        unit, ikm, complaints = row["unit"], row["ikm"], row["complaints"]
        flat = {
            "year": year, "unit_code": unit.code, "unit_name": unit.name, "unit_kind": unit.kind,
            "ikm": _num(ikm["ikm"], 2), "mutu": ikm["mutu"], "ikm_responses": ikm["responses"],
            "ikm_min_sample": ikm["min_sample"], "ikm_meets_minimum": ikm["meets_minimum"],
            "indicators": row["indicators"], "indicators_reported": row["indicators_reported"],
            "complaints_received": complaints["received"],
            "complaints_resolved": complaints["resolved"],
            "complaints_within_time_limit_pct": complaints["within_time_limit_pct"],
            "complaints_median_days_to_resolve": complaints["median_days_to_resolve"],
            "complaints_open_past_time_limit": complaints["overdue"],
            "satisfaction_responses": row["satisfaction"]["responses"],
            "satisfaction_average": row["satisfaction"]["average"],
        }
        for code, count in row["predikat"].items():
            flat["predikat_" + code] = count
        rows.append(flat)
    return rows


@bp.route("/data/complaints-<int:year>.csv")
@limiter.limit(read_limit)
def complaints_csv(year):
    _csv_year(year)
    return csv_response(COMPLAINT_COLUMNS, complaint_rows(year), f"complaints-{year}.csv")


@bp.route("/data/report-<int:year>.csv")
@limiter.limit(read_limit)
def report_csv(year):
    _csv_year(year)
    return csv_response(REPORT_COLUMNS, report_rows(year), f"report-{year}.csv")


# -- OpenAPI ---------------------------------------------------------------------
def _schema_object(properties, description=""):
    return {"type": "object", "description": description, "properties": properties}


NUM = {"type": "number", "nullable": True}
INT = {"type": "integer", "nullable": True}
STR = {"type": "string"}
YEAR_PARAM = {"name": "year", "in": "query", "required": False,
              "description": "Calendar year; default: the current year.",
              "schema": {"type": "integer"}}
IKM_SCHEMA = _schema_object({
    "value": NUM,
    # a nullable enum lists null as well (OpenAPI 3.0.3, "nullable")
    "mutu": {"type": "string", "nullable": True, "enum": ["A", "B", "C", "D", None]},
    "kinerja": {"type": "string", "nullable": True}, "responses": {"type": "integer"},
    "population": INT, "min_sample": INT, "meets_minimum": {"type": "boolean", "nullable": True},
    "elements": {"type": "object", "description": "NRR (1–4) per element U1..U9",
                 "additionalProperties": NUM},
}, "Indeks Kepuasan Masyarakat (PermenPANRB 14/2017): IKM = Σ NRR / 9 × 25.")


SATISFACTION_SCHEMA = _schema_object({
    "year": {"type": "integer"},
    "responses": {"type": "integer", "description": "reporters who rated"},
    "average": {**NUM, "description": "1 (not satisfied) to 4 (very satisfied); null when "
                "fewer than predikat_min_group reporters rated"},
    "satisfied_pct": {**NUM, "description": "share rating 3 or 4, %; null like average"},
    "published": {"type": "boolean"},
}, "Reporters' satisfaction after their complaint was closed (complaints received in the year)")


def _csv_path(summary, columns, _):
    return {"get": {
        "summary": _csv_summary(summary, columns, _),
        "parameters": [{"name": "year", "in": "path", "required": True,
                        "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "CSV", "content": {"text/csv": {}}},
                      "404": {"description": _("A year outside 2000 to next year")}}}}


def _csv_summary(summary, columns, _):
    return _("%(what)s as CSV (UTF-8 with BOM): %(columns)s", what=summary,
             columns=", ".join(columns))


def in_english(text, **values):
    """The document's own language: the msgid as it is written."""
    return text % values if values else text


def openapi_document(_=in_english):
    """The OpenAPI document; its summaries and answers' descriptions through ``_``:
    English in the JSON document, the reader's language on the documentation page."""
    return {
        "openapi": "3.0.3",
        "info": {"title": f"{current_app.config['PORTAL_NAME']} open data",
                 "version": "1",
                 "description": "Public performance, satisfaction (IKM) and complaint numbers "
                                f"of {current_app.config['PORTAL_REGION']}. Read-only, no key."},
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/units": {"get": {
                "summary": _("Every active government unit"),
                "responses": {"200": {"description": _("The units, by name"), "content": {
                    "application/json": {"schema": {"type": "array", "items": _schema_object({
                        "code": STR, "name": STR, "kind": STR,
                        "parent_code": {"type": "string", "nullable": True}})}}}}}}},
            "/api/v1/units/{code}/report": {"get": {
                "summary": _("A unit's report card for a year"),
                "parameters": [{"name": "code", "in": "path", "required": True,
                                "schema": STR}, YEAR_PARAM],
                "responses": {
                    "200": {"description": _("The report"), "content": {"application/json": {
                        "schema": _schema_object({
                            "unit": _schema_object({"code": STR, "name": STR, "kind": STR}),
                            "year": {"type": "integer"}, "ikm": IKM_SCHEMA,
                            "kabupaten_ikm": NUM,
                            "indicators": {"type": "array", "items": _schema_object({
                                "code": STR, "name": STR, "unit_of_measure": STR,
                                "polarity": {"type": "string", "enum": ["higher", "lower"]},
                                "target": NUM, "realisation": NUM, "achievement_pct": NUM,
                                "cumulative": {"type": "boolean", "description": "realisations add up "
                                               "over the year (a count) or not (a level)"},
                                "trend": {"type": "array", "items": _schema_object({
                                    "period": STR, "value": NUM, "year_to_date": NUM,
                                    "achievement_pct": NUM})}})},
                            "complaints": _schema_object({
                                "received": {"type": "integer"}, "resolved": {"type": "integer"},
                                "within_time_limit_pct": {
                                    **NUM, "description": "closed within the resolution "
                                    "limit ÷ (closed + still open past it), in %"},
                                "median_days_to_resolve": NUM,
                                "open_past_time_limit": {
                                    "type": "integer", "description": "neither closed nor "
                                    "answered, and past the resolution limit"}}),
                            "predikat": {"type": "object", "additionalProperties": INT,
                                         "description": "Employees per final predikat; null "
                                                        "when fewer than predikat_min_group."},
                            "predikat_min_group": {"type": "integer"},
                            "ikm_services": {
                                "type": "array", "description": "The IKM of each service; "
                                "min_sample and meets_minimum are null when the number of "
                                "that service's users is not recorded for the year",
                                "items": {"allOf": [IKM_SCHEMA, _schema_object({
                                    "service_code": STR, "service_name": STR})]}},
                            "complaint_satisfaction": SATISFACTION_SCHEMA,
                            "complaint_satisfaction_by_year": {
                                "type": "array", "items": SATISFACTION_SCHEMA,
                                "description": "The requested year and the four before it"},
                        })}}},
                    "404": {"description": _("No such active unit")}}}},
            "/api/v1/ikm": {"get": {
                "summary": _("The IKM of the kabupaten and of every service unit for a year"),
                "parameters": [YEAR_PARAM],
                "responses": {"200": {"description": _("IKM per unit"), "content": {
                    "application/json": {"schema": _schema_object({
                        "year": {"type": "integer"}, "kabupaten": IKM_SCHEMA,
                        "units": {"type": "array", "items": IKM_SCHEMA}})}}}}}},
            **compare_paths(_),
            "/data/units.csv": {"get": {
                "summary": _csv_summary(_("The units"), UNIT_COLUMNS, _),
                "responses": {"200": {"description": "CSV", "content": {"text/csv": {}}}}}},
            "/data/ikm-{year}.csv": {"get": {
                "summary": _csv_summary(_("IKM per unit for a year"), IKM_COLUMNS, _),
                "parameters": [{"name": "year", "in": "path", "required": True,
                                "schema": {"type": "integer"}}],
                "responses": {"200": {"description": "CSV", "content": {"text/csv": {}}}}}},
            "/data/complaints-{year}.csv": _csv_path(
                _("Complaint handling and reporters' satisfaction per unit for a year"),
                COMPLAINT_COLUMNS, _),
            "/data/report-{year}.csv": _csv_path(
                _("Every unit's report card for a year in one line"), REPORT_COLUMNS, _),
        },
    }


def _line_schema(columns, description):
    """One line of the comparison or of a trend: exactly ``columns``, each typed."""
    types = {"year": {"type": "integer"}, "unit_code": STR, "unit_name": STR, "unit_kind": STR,
             "ikm": NUM, "mutu": IKM_SCHEMA["properties"]["mutu"],
             "ikm_meets_minimum": {"type": "boolean", "nullable": True},
             "complaints_within_time_limit_pct": NUM,
             "complaints_median_days_to_resolve": NUM,
             "predikat_status": {"type": "string", "enum": ["none", "published"],
                                 "description": "none: no final appraisal in the year; "
                                 "published: the counts, null below predikat_min_group"}}
    properties = {column: types.get(column, INT if column.startswith("predikat_")
                                    or column == "ikm_min_sample" else {"type": "integer"})
                  for column in columns}
    return {**_schema_object(properties, description), "required": list(columns),
            "additionalProperties": False}


def compare_paths(_):
    """The comparison of units (portal/web/compare.py) in the OpenAPI document."""
    kind = {"name": "kind", "in": "query", "required": False,
            "description": "dinas, badan, kecamatan, kelurahan, puskesmas or sekolah; "
                           "default: every unit", "schema": STR}
    year = {**YEAR_PARAM, "description": "One of the last five years; default: this year."}
    return {
        "/api/v1/compare": {"get": {
            "summary": _("Every unit of a year side by side: IKM, complaint handling, "
                         "indicators achieved and predikat counts (the comparison page)"),
            "parameters": [year, kind],
            "responses": {"200": {"description": _("One line per unit, by name, with the "
                                                   "columns %(columns)s",
                                                   columns=", ".join(COMPARE_COLUMNS)),
                                  "content": {"application/json": {"schema": {
                                      **_schema_object({
                                          "year": {"type": "integer"},
                                          "kind": {"type": "string", "nullable": True,
                                                   "enum": [*COMPARE_KINDS, None],
                                                   "description": "null: every unit"},
                                          "predikat_min_group": {"type": "integer"},
                                          "units": {"type": "array", "items": _line_schema(
                                              COMPARE_COLUMNS, "One unit, by name")}}),
                                      "required": ["year", "kind", "predikat_min_group",
                                                   "units"]}}}},
                          "400": {"description": _("An unknown year or kind of unit")}}}},
        "/bandingkan.csv": {"get": {
            "summary": _csv_summary(_("The comparison of units (parameters tahun, jenis)"),
                                    COMPARE_COLUMNS, _),
            "responses": {"200": {"description": "CSV", "content": {"text/csv": {}}}}}},
        "/api/v1/units/{code}/trend": {"get": {
            "summary": _("A unit's last five years up to a year: IKM, share resolved within "
                         "the time limit, median days to resolve, indicators achieved"),
            "parameters": [{"name": "code", "in": "path", "required": True, "schema": STR},
                           year],
            "responses": {"200": {"description": _("One line per year with the columns "
                                                   "%(columns)s", columns=", ".join(TREND_COLUMNS)),
                                  "content": {"application/json": {"schema": {
                                      **_schema_object({
                                          "unit": _schema_object({"code": STR, "name": STR}),
                                          "years": {"type": "array", "items": _line_schema(
                                              TREND_COLUMNS, "One year, oldest first")}}),
                                      "required": ["unit", "years"]}}}},
                          "404": {"description": _("No such active unit")}}}},
        "/unit/{code}/tren.csv": {"get": {
            "summary": _csv_summary(_("A unit's last five years up to a year (parameter "
                                      "tahun)"), TREND_COLUMNS, _),
            "parameters": [{"name": "code", "in": "path", "required": True, "schema": STR}],
            "responses": {"200": {"description": "CSV", "content": {"text/csv": {}}},
                          "404": {"description": _("No such active unit")}}}},
    }


@bp.route("/api/v1/openapi.json")
def openapi():
    return jsonify(openapi_document())


@bp.route("/api/v1/docs")
def docs():
    coverage = stats.open_data_coverage()
    return render_template("public/api_docs.html", doc=openapi_document(gettext),
                           year=current_year(), coverage=coverage,
                           years=open_catalog.year_rows(coverage),
                           licence=open_catalog.licence())


# -- for harvesters: DCAT catalogue and Frictionless Data Package ----------------------
@bp.route("/data/catalog.jsonld", endpoint="catalogue")
@limiter.limit(read_limit)
def catalogue():
    return current_app.response_class(json.dumps(open_catalog.catalogue(), ensure_ascii=False),
                                      mimetype="application/ld+json")


@bp.route("/data/datapackage.json")
@limiter.limit(read_limit)
def datapackage():
    return jsonify(open_catalog.package())


def init_app(app):
    app.register_blueprint(bp)
