"""The public site: the kabupaten's unit directory (home page)."""
from flask import Blueprint, current_app, render_template, request
from peewee import JOIN, fn

from portal.models import Employee, Unit
from portal.rules.org import UNIT_KINDS

bp = Blueprint("public", __name__)


@bp.route("/")
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
    return render_template("public/home.html", q=q, groups=groups, total=total,
                           region=current_app.config["PORTAL_REGION"])
