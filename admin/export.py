"""CSV and XLSX downloads of the back office's own lists (the ModelViews export by themselves).

CSV is UTF-8 with a byte-order mark, so spreadsheets set to Indonesian open it right.
Every header and cell goes through the formula-injection rule (portal.rules.cell_safety).
"""
import time

import tablib
from flask import Response, abort

from portal.rules.cell_safety import safe_cell

TYPES = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def export_response(export_type, name, headers, rows):
    """A download of ``rows`` (lists of plain values) under ``headers``."""
    if export_type not in TYPES:
        abort(404)
    data = tablib.Dataset(headers=[safe_cell(h) for h in headers])
    for row in rows:
        data.append([safe_cell(value) for value in row])
    body = data.export(export_type)
    if export_type == "csv":
        body = ("\ufeff" + body).encode("utf-8")
    filename = f"{name}_{time.strftime('%Y-%m-%d_%H-%M-%S')}.{export_type}"
    return Response(body, mimetype=TYPES[export_type], headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store"})
