"""The public site: the kabupaten at a glance with its unit directory (home page),
each unit's report card and the criteria behind the numbers."""
from flask import Blueprint, current_app, render_template, request
from peewee import JOIN, fn

from portal import explain, stats
from portal.cache import cached_page
from portal.models import Employee, Unit
from portal.report_card import unit_report
from portal.rules import ikm as ikm_rules
from portal.rules import predikat as predikat_rules
from portal.rules.org import UNIT_KINDS
from portal.web._common import (current_year, offered_year, requested_year, unit_or_404,
                                year_choices)

bp = Blueprint("public", __name__)


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
                           bands=ikm_rules.BANDS, elements=ikm_rules.ELEMENTS,
                           **explain.examples())
