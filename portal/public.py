"""The public site: the kabupaten at a glance with its unit directory (home page),
each unit's report card and the criteria behind the numbers."""
import datetime

from flask import Blueprint, abort, current_app, render_template, request
from peewee import JOIN, fn

from portal import stats
from portal.cache import cached_page
from portal.models import Employee, Unit
from portal.rules import ikm as ikm_rules
from portal.rules import predikat as predikat_rules
from portal.rules.org import UNIT_KINDS

bp = Blueprint("public", __name__)

YEARS_BACK = 5


def current_year():
    return datetime.date.today().year


def requested_year():
    """The ``year`` query parameter within the last few years, else this year."""
    this = current_year()
    year = request.args.get("year", this, type=int)
    return year if this - YEARS_BACK < year <= this else this


def year_choices():
    this = current_year()
    return list(range(this, this - YEARS_BACK, -1))


def offered_year():
    """True when the ``year`` parameter is absent or one the pages offer."""
    text = request.args.get("year")
    return text is None or text in {str(year) for year in year_choices()}


def unit_or_404(code):
    unit = Unit.get_or_none(Unit.code == code[:32].upper(), Unit.active == True)  # noqa: E712
    if unit is None:
        abort(404)
    return unit


def unit_report(unit, year):
    """Everything a unit's report card and its API answer show, from portal.stats."""
    return {
        "ikm": stats.ikm_for(unit, year),
        "ikm_kabupaten": stats.ikm_kabupaten(year),
        "indicators": stats.indicators_for(unit, year),
        "complaints": stats.complaint_summary(year, unit),
        "predikat": stats.predikat_distribution(unit, year),
        "predikat_appraised": stats.has_final_appraisals(unit, year),
        "min_group": current_app.config["PUBLISH_MIN_GROUP"],
        "ikm_services": stats.ikm_by_service(unit, year),
        # the requested year first, then the years before it
        "satisfaction": stats.satisfaction_by_year(
            list(range(year, year - YEARS_BACK, -1)), unit),
    }


@bp.route("/")
@cached_page()
def home():
    q = request.args.get("q", "", type=str)[:100]
    headcount = (Employee.select(Employee.unit, fn.COUNT(Employee.id).alias("n"))
                 .where(Employee.active == True)  # noqa: E712
                 .group_by(Employee.unit))
    units = (Unit.search(q)
             .select_extend(fn.COALESCE(headcount.c.n, 0).alias("headcount"))
             .join(headcount, JOIN.LEFT_OUTER, on=(headcount.c.unit_id == Unit.id))
             .objects())
    groups = {kind: [] for kind in UNIT_KINDS}
    for unit in units:
        groups.setdefault(unit.kind, []).append(unit)
    total = sum(len(v) for v in groups.values())
    year = current_year()
    return render_template("public/home.html", q=q, groups=groups, total=total,
                           region=current_app.config["PORTAL_REGION"], year=year,
                           ikm_units=stats.ikm_all(year),
                           ikm_kabupaten=stats.ikm_kabupaten(year),
                           complaints=stats.complaint_summary(year))


@bp.route("/unit/<code>")
@cached_page(allowed_args=("year",),
             canonical=lambda code: code == code.upper() and offered_year())
def unit(code):
    unit = unit_or_404(code)
    year = requested_year()
    return render_template("public/unit.html", unit=unit, year=year, years=year_choices(),
                           awards=stats.awards_for(unit), elements=ikm_rules.ELEMENT_CODES,
                           predikats=predikat_rules.PREDIKATS, **unit_report(unit, year))


@bp.route("/kriteria")
def criteria():
    year = requested_year()
    return render_template("public/criteria.html", year=year, years=year_choices(),
                           indicators=stats.public_indicators(year),
                           matrix=predikat_rules.MATRIX, ratings=predikat_rules.RATINGS,
                           bands=ikm_rules.BANDS, elements=ikm_rules.ELEMENTS)
