"""The public list of reports and what hangs on it: /pengaduan/daftar (filter by unit,
category, status and month; a plain GET form), /pengaduan/laporan/<n> (a public report,
read-only), /pengaduan/feed/<unit code>.atom (each unit's Atom feed), and
/pengaduan/serupa (open reports whose titles look like the one being typed, for the
form's script; the form offers the same list without it). Never a reporter, never a
confidential report, never a tracking ID (the service: portal/public_reports.py).
"""
import xml.etree.ElementTree as ET

from flask import (Blueprint, Response, abort, current_app, jsonify, render_template,
                   request, url_for)
from flask_babel import gettext as _


from portal import labels
from portal import public_reports as reports
from portal.complaint_merge import survivor_of
from portal.complaints import public_status
from portal.extensions import limiter
from portal.models import Unit
from portal.models.base import utcnow

bp = Blueprint("reports", __name__, url_prefix="/pengaduan")
ATOM = "http://www.w3.org/2005/Atom"


def lookup_limit():
    return current_app.config["COMPLAINT_LOOKUP_RATE_LIMIT"]


def chosen_filters(args):
    """The list's filters from the query string; an unknown value is dropped (and said)."""
    units = {str(u.id): u for u in Unit.public()}
    unit = units.get(args.get("unit", ""))
    category = args.get("category", "")
    category = category if category in labels.COMPLAINT_CATEGORY else ""
    state = args.get("status", "")
    state = state if state in labels.COMPLAINT_STATE else ""
    month = args.get("month", "")[:7]
    dropped = any(args.get(name) and not kept for name, kept in (
        ("unit", unit), ("category", category), ("status", state),
        ("month", reports.month_bounds(month))))
    filters = {"unit": str(unit.id) if unit else "", "category": category, "status": state,
               "month": month if reports.month_bounds(month) else ""}
    return filters, unit, dropped


@bp.route("/daftar")
def listing():
    filters, unit, dropped = chosen_filters(request.args)
    query = reports.filtered(unit.id if unit else None, filters["category"], filters["status"],
                             filters["month"])
    rows, page, pages, total = reports.page_of(query, request.args.get("page", 1, type=int))
    return render_template("complaints/list.html", rows=rows, page=page, pages=pages,
                           total=total, filters=filters, unit=unit, dropped=dropped,
                           units=Unit.public(), args={k: v for k, v in filters.items() if v})


@bp.route("/laporan/<int:number>")
def report(number):
    complaint = reports.public_report(number)
    if complaint is None:
        abort(404)
    survivor = survivor_of(complaint)
    return render_template("complaints/public_report.html", status=public_status(complaint),
                           number=complaint.id,
                           survivor=survivor if survivor and not survivor.confidential else None)


def _iso(value):
    return value.replace(microsecond=0).isoformat() + "Z"


@bp.route("/feed/<code>.atom")
def unit_feed(code):
    """The latest public reports of one unit as an Atom feed."""
    unit = Unit.get_or_none(Unit.code == code.upper(), Unit.active == True)  # noqa: E712
    if unit is None:
        abort(404)
    rows = reports.feed_rows(unit)
    ET.register_namespace("", ATOM)

    def add(parent, name, text=None, **attrs):
        element = ET.SubElement(parent, f"{{{ATOM}}}{name}", **attrs)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "id")
    listing_url = url_for("reports.listing", unit=unit.id, _external=True)
    add(feed, "id", url_for("reports.unit_feed", code=unit.code, _external=True))
    add(feed, "title", _("Public reports: %(unit)s", unit=unit.name))
    add(feed, "link", rel="self", href=url_for("reports.unit_feed", code=unit.code,
                                               _external=True))
    add(feed, "link", rel="alternate", type="text/html", href=listing_url)
    author = add(feed, "author")
    add(author, "name", current_app.config["PORTAL_REGION"])
    add(feed, "updated", _iso(max((r["updated_at"] for r in rows), default=utcnow())))
    for row in rows:
        url = url_for("reports.report", number=row["id"], _external=True)
        entry = add(feed, "entry")
        add(entry, "id", url)
        add(entry, "title", row["title"])
        add(entry, "link", rel="alternate", type="text/html", href=url)
        add(entry, "published", _iso(row["received_at"]))
        add(entry, "updated", _iso(row["updated_at"]))
        add(entry, "category", term=row["category"], label=row["category_label"])
        add(entry, "summary", _("%(kind)s · %(category)s · status: %(state)s",
                                kind=row["kind_label"], category=row["category_label"],
                                state=row["state_label"]))
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, mimetype="application/atom+xml")


def similar_to(args):
    """The look-alike open reports for the form's unit, category and title."""
    unit = args.get("unit", "")
    unit_id = int(unit) if unit.isdigit() and 0 < int(unit) < 2 ** 31 else None
    category = args.get("category", "")
    if category not in labels.COMPLAINT_CATEGORY:
        return []
    return reports.similar(args.get("title", "")[:200], category, unit_id)


@bp.route("/serupa")
@limiter.limit(lookup_limit)
def similar():
    """JSON for the form's script: [{title, unit, state, url, shared}]."""
    found = similar_to(request.args)
    return jsonify({
        "heading": _("Is this the same problem?"),
        "reports": [{"title": row["title"], "unit": row["unit"], "state": row["state_label"],
                     "received": row["received_at"].strftime("%d-%m-%Y"),
                     "url": url_for("reports.report", number=row["id"]),
                     "shared": _("Same words: %(words)s", words=", ".join(words))}
                    for row, words in found]})


def init_app(app):
    app.register_blueprint(bp)



