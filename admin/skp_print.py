"""Printing on the SKP pages: the evaluation document of one period as a PDF.

A mixin that SkpView (admin/skp.py) inherits, so the print routes live apart
from the plan and the evaluation forms. Row-level access is the SKP's own: an
SKP the user may not see answers 404, and so does a period without evaluation.
"""
import re

from flask import Response, abort, current_app
from flask_admin import expose

from portal.models import Evaluation, Period
from portal.pdf.evaluation import evaluation_pdf


def pdf_response(data, filename):
    return Response(data, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def name_part(name):
    """An employee's name as it may stand in a file name."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-") or "pegawai"


class SkpPrintMixin:
    """/admin/skp/<id>/evaluation/<period>/pdf: the Dokumen Evaluasi Kinerja of a period."""

    @expose("/<int:skp_id>/evaluation/<int:period_id>/pdf")
    def evaluation_pdf(self, skp_id, period_id):
        skp = self.get_one(skp_id)  # 404 unless the SKP is visible
        evaluation = (Evaluation.select().join(Period)
                      .where((Evaluation.skp == skp) & (Period.id == period_id)
                             & (Period.year == skp.year) & Period.month.is_null()).first())
        if evaluation is None:
            abort(404)
        config = current_app.config
        data = evaluation_pdf(evaluation, config["PORTAL_REGION"], config["PORTAL_NAME"])
        period = evaluation.period
        part = f"tw{period.quarter}" if period.quarter else "tahunan"
        return pdf_response(
            data, f"evaluasi-{skp.year}-{part}-{name_part(skp.employee.name)}.pdf")
