"""The public comparison of units: every unit of a year in one sortable table
(/bandingkan), the same lines as CSV (/bandingkan.csv) and JSON (/api/v1/compare),
and each unit's last five years (/unit/<code>/tren, /api/v1/units/<code>/trend).

Every number comes from portal.stats (compare_units, unit_trend), the same as the
report cards. Sorting and filtering work with plain links and a GET form."""
from flask import Blueprint, current_app, jsonify, render_template, request
from flask_babel import gettext as _

from portal import labels, stats
from portal.cache import cached_page
from portal.extensions import limiter
from portal.report_card import YEARS_BACK
from portal.rules import compare as compare_rules
from portal.rules import org as org_rules
from portal.rules import predikat as predikat_rules
from portal.web._common import (csv_response, current_year, read_limit, unit_or_404,
                                year_choices)

bp = Blueprint("compare", __name__)

PREDIKAT_COLUMNS = tuple("predikat_" + code for code in predikat_rules.PREDIKATS)
CSV_COLUMNS = ("year", "unit_code", "unit_name", "unit_kind", "ikm", "mutu", "ikm_responses",
               "ikm_min_sample", "ikm_meets_minimum", "complaints_received",
               "complaints_resolved", "complaints_reopened", "complaints_within_time_limit_pct",
               "complaints_median_days_to_resolve", "complaints_open_past_time_limit",
               "indicators", "indicators_reported", "indicators_achieved",
               "predikat_status") + PREDIKAT_COLUMNS
TREND_COLUMNS = ("year", "unit_code", "ikm", "mutu", "ikm_responses",
                 "complaints_received", "complaints_within_time_limit_pct",
                 "complaints_median_days_to_resolve", "indicators", "indicators_achieved")

# each sortable column's number in a line of stats.compare_units
SORT_VALUES = {
    "unit": lambda row: row["unit"].name.lower(),
    "ikm": lambda row: row["ikm"]["ikm"],
    "responses": lambda row: row["ikm"]["responses"],
    "received": lambda row: row["complaints"]["received"],
    "resolved": lambda row: row["complaints"]["resolved"],
    "reopened": lambda row: row["complaints"]["reopened"],
    "within_pct": lambda row: row["complaints"]["within_time_limit_pct"],
    "median_days": lambda row: row["complaints"]["median_days_to_resolve"],
    "indicators_achieved": lambda row: row["indicators_achieved"] if row["indicators"] else None,
}


def _choice(name, allowed, default):
    """A query parameter's value when it is one of ``allowed``; else ``default`` and
    whether the visitor asked for something else (to say so on the page)."""
    text = request.args.get(name)
    if text in (None, ""):
        return default, False
    return (text, False) if text in allowed else (default, True)


def _filters(year_arg="tahun", kind_arg="jenis"):
    """(year, kind or None, problems): the page's filters, unknown values replaced by
    the defaults and named in ``problems`` (shown to the visitor)."""
    years = {str(y): y for y in year_choices()}
    year_text, bad_year = _choice(year_arg, years, str(current_year()))
    kind, bad_kind = _choice(kind_arg, org_rules.COMPARE_KINDS, None)
    problems = []
    if bad_year:
        problems.append(_("There are no numbers for that year here; this year is shown."))
    if bad_kind:
        problems.append(_("Unknown kind of unit; every unit is shown."))
    return years[year_text], kind, problems


def _offered():
    """Only addresses the page links to are kept by the page cache."""
    args = request.args
    return (args.get("tahun", str(current_year())) in {str(y) for y in year_choices()}
            and args.get("jenis", "") in ("", *org_rules.COMPARE_KINDS)
            and args.get("urut", "unit") in compare_rules.SORT_COLUMNS
            and args.get("arah", "naik") in (compare_rules.ASCENDING, compare_rules.DESCENDING))


def rows_for(year, kind):
    rows = stats.compare_units(year)
    return [row for row in rows if kind is None or row["kind"] == kind]


@bp.route("/bandingkan")
@cached_page(allowed_args=("tahun", "jenis", "urut", "arah"), canonical=_offered)
def compare():
    year, kind, problems = _filters()
    column, direction = compare_rules.sort_request(request.args.get("urut"),
                                                   request.args.get("arah"))
    rows = compare_rules.sort_rows(rows_for(year, kind), SORT_VALUES[column], direction,
                                   SORT_VALUES["unit"])
    return render_template("public/compare.html", rows=rows, year=year, kind=kind,
                           years=year_choices(), kinds=org_rules.COMPARE_KINDS,
                           column=column, direction=direction, problems=problems,
                           predikats=predikat_rules.PREDIKATS, sort_values=SORT_VALUES,
                           min_group=_min_group())


def _min_group():
    return current_app.config["PUBLISH_MIN_GROUP"]


def flat(year, row):
    """One unit's line for the CSV file and the JSON answer: numbers only, no person."""
    unit, ikm, complaints = row["unit"], row["ikm"], row["complaints"]
    line = {
        "year": year, "unit_code": unit.code, "unit_name": unit.name, "unit_kind": row["kind"],
        "ikm": None if ikm["ikm"] is None else round(float(ikm["ikm"]), 2),
        "mutu": ikm["mutu"], "ikm_responses": ikm["responses"],
        "ikm_min_sample": ikm["min_sample"], "ikm_meets_minimum": ikm["meets_minimum"],
        "complaints_received": complaints["received"],
        "complaints_resolved": complaints["resolved"],
        "complaints_reopened": complaints["reopened"],
        "complaints_within_time_limit_pct": complaints["within_time_limit_pct"],
        "complaints_median_days_to_resolve": complaints["median_days_to_resolve"],
        "complaints_open_past_time_limit": complaints["overdue"],
        "indicators": row["indicators"], "indicators_reported": row["indicators_reported"],
        "indicators_achieved": row["indicators_achieved"],
        # "none": no final appraisal yet; "published": groups below the minimum are null
        "predikat_status": "published" if row["predikat_appraised"] else "none",
    }
    for code, count in row["predikat"].items():
        line["predikat_" + code] = count
    return line


@bp.route("/bandingkan.csv")
@limiter.limit(read_limit)
def compare_csv():
    year, kind, _problems = _filters()
    return csv_response(CSV_COLUMNS, [flat(year, row) for row in rows_for(year, kind)],
                        f"bandingkan-{year}{'-' + kind if kind else ''}.csv")


@bp.route("/api/v1/compare")
@limiter.limit(read_limit)
def compare_api():
    year, kind, problems = _filters("year", "kind")
    if problems:  # the API's messages are in English, as the rest of the API's
        return jsonify({"error": "year must be one of the years offered and kind one of "
                                 "the kinds listed", "years": year_choices(),
                        "kinds": list(org_rules.COMPARE_KINDS)}), 400
    lines = [flat(year, row) for row in rows_for(year, kind)]
    return jsonify({"year": year, "kind": kind, "predikat_min_group": _min_group(),
                    "units": lines})


# -- a unit's last five years ------------------------------------------------------
def _trend_year():
    years = {str(y): y for y in year_choices()}
    text = request.args.get("tahun") or request.args.get("year")
    return years.get(text, current_year())


@bp.route("/unit/<code>/tren")
@cached_page(allowed_args=("tahun",), canonical=lambda code: code == code.upper() and (
    request.args.get("tahun") in (None, *map(str, year_choices()))))
def trend(code):
    unit = unit_or_404(code)
    year = _trend_year()
    return render_template("public/trend.html", unit=unit, year=year, years=year_choices(),
                           trend=stats.unit_trend(unit, year, YEARS_BACK),
                           kind=org_rules.compare_kind(unit.kind, unit.facility),
                           kinds=org_rules.COMPARE_KINDS)


def trend_line(unit, point):
    ikm, complaints = point["ikm"], point["complaints"]
    return {"year": point["year"], "unit_code": unit.code,
            "ikm": None if ikm["ikm"] is None else round(float(ikm["ikm"]), 2),
            "mutu": ikm["mutu"], "ikm_responses": ikm["responses"],
            "complaints_received": complaints["received"],
            "complaints_within_time_limit_pct": complaints["within_time_limit_pct"],
            "complaints_median_days_to_resolve": complaints["median_days_to_resolve"],
            "indicators": point["indicators"], "indicators_achieved": point["indicators_achieved"]}


@bp.route("/api/v1/units/<code>/trend")
@limiter.limit(read_limit)
def trend_api(code):
    unit = unit_or_404(code)
    year = _trend_year()
    return jsonify({"unit": {"code": unit.code, "name": unit.name},
                    "years": [trend_line(unit, point)
                              for point in stats.unit_trend(unit, year, YEARS_BACK)]})


@bp.route("/unit/<code>/tren.csv")
@limiter.limit(read_limit)
def trend_csv(code):
    unit = unit_or_404(code)
    year = _trend_year()
    return csv_response(TREND_COLUMNS, [trend_line(unit, point) for point in
                                        stats.unit_trend(unit, year, YEARS_BACK)],
                        f"tren-{unit.code}-{year}.csv")


def kind_label(kind):
    return labels.COMPARE_KIND.get(kind) or labels.UNIT_KIND.get(kind, kind)


def init_app(app):
    app.register_blueprint(bp)
    app.jinja_env.globals["compare_kind_label"] = kind_label
