"""Helpers the public pages share: the year a page shows, a unit by its code, the API's
read limit, a CSV answer."""
import csv
import datetime
import io

from flask import Response, abort, current_app, request

from portal.models import Unit
from portal.report_card import YEARS_BACK
from portal.rules.cell_safety import safe_cell


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


def read_limit():
    return current_app.config["API_RATE_LIMIT"]


def csv_response(columns, rows, filename):
    """``rows`` (dicts) as a CSV download: UTF-8 with a BOM, cells a spreadsheet will not
    run as formulas (rules.cell_safety)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")  # BOM: spreadsheets then read UTF-8
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return Response(buffer.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
