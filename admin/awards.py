"""Back office for awards (penghargaan) and their printable certificates."""
import re

from flask import Response, abort, current_app, url_for
from flask_admin import expose
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import SelectField, TextAreaField
from wtforms.validators import ValidationError

from admin.base import SecureModelView, select_choices
from portal.labels import content as labels
from portal.models import Award, Employee, Unit
from portal.pdf.certificates import certificate_pdf


def _recipient(view, context, model, name):
    if model.employee_id:
        return f"{model.employee.name} ({model.employee.nip_formatted})"
    return model.unit.name if model.unit_id else ""


def _pdf_link(view, context, model, name):
    return Markup('<a href="{}">{}</a>').format(
        url_for("award.certificate_view", award_id=model.id), _l("Certificate (PDF)"))


class AwardView(SecureModelView):
    column_list = ["title", "recipient", "kind", "period", "award_date", "public", "certificate"]
    column_searchable_list = ["title", "period"]
    column_filters = [FilterEqual(Award.kind, _l("Kind"), options=labels.choices(labels.AWARD_KIND)),
                      "public", "award_date"]
    column_default_sort = ("award_date", True)
    column_labels = {"title": _l("Award"), "recipient": _l("Recipient"), "kind": _l("Kind"),
                     "period": _l("Period"), "award_date": _l("Date"), "public": _l("Public"),
                     "employee": _l("Employee"), "unit": _l("Unit"), "reason": _l("Reason"),
                     "certificate": _l("Certificate"), "created_by": _l("Recorded by"),
                     "created_at": _l("Recorded at")}
    column_descriptions = {
        "employee": _l("Either an employee or a unit receives the award, not both."),
        "unit": _l("Leave empty when an employee receives the award."),
        "period": _l("e.g. Triwulan I 2026 or Tahun 2025."),
        "public": _l("Shown on the public page of awards."),
        "reason": _l("Printed on the certificate."),
    }
    column_formatters = {"recipient": _recipient, "certificate": _pdf_link,
                         "kind": lambda v, c, m, n: labels.AWARD_KIND.get(m.kind, m.kind)}
    column_formatters_export = {"certificate": lambda v, c, m, n: ""}
    column_sortable_list = ["title", "kind", "period", "award_date", "public"]
    column_details_list = ["title", "employee", "unit", "kind", "period", "award_date", "reason",
                           "public", "created_by", "created_at"]
    form_columns = ["employee", "unit", "kind", "title", "period", "award_date", "reason",
                    "public"]
    form_overrides = {"kind": SelectField, "reason": TextAreaField}
    form_args = {"kind": {"choices": select_choices(labels.choices(labels.AWARD_KIND))}}
    form_ajax_refs = {
        "employee": {"fields": (Employee.name, Employee.nip), "page_size": 15},
        "unit": {"fields": (Unit.name, Unit.code), "page_size": 15},
    }

    def on_model_change(self, form, model, is_created):
        if (model.employee is None) == (model.unit is None):
            raise ValidationError(str(_l("Choose either an employee or a unit as the recipient "
                                         "(exactly one).")))
        if is_created:
            model.created_by = current_user.id

    @expose("/certificate/<int:award_id>")
    def certificate_view(self, award_id):
        award = Award.get_or_none(Award.id == award_id)
        if award is None:
            abort(404)
        data = certificate_pdf(award, current_app.config["PORTAL_REGION"],
                               current_app.config["PORTAL_NAME"])
        name = re.sub(r"[^A-Za-z0-9]+", "-", award.recipient_name).strip("-") or "penerima"
        return Response(data, mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="piagam-{award.id}-{name}.pdf"'})
