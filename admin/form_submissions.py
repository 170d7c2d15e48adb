"""Back office of low-code form submissions: the list with filters (form, date), the
details with every answer (retired fields marked), file answers, and the CSV/XLSX
export with one column per field key and clean text values.

Row access follows the forms (admin/forms.py ``scoped_forms``).
"""
import csv
import io

import openpyxl
from flask import Response, abort, current_app, has_request_context, request, \
    send_from_directory, url_for
from flask_admin import expose
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import format_datetime, to_user_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from werkzeug.utils import secure_filename

from admin.base import ScopedRows, SecureModelView
from admin.forms import scoped_forms
from portal import uploads
from portal.custom_forms import UPLOAD_AREA
from portal.labels import forms as labels
from portal.models import CustomForm, FormAnswer, FormField, FormSubmission
from portal.rules import form_fields as rules
from portal.rules.cell_safety import safe_cell


class FilterForm(FilterEqual):
    """The forms offered are read per request, and only those the user may manage."""

    def get_options(self, view):
        if not has_request_context() or not current_user.is_authenticated:
            return []
        return [(str(f.id), f.title) for f in scoped_forms(current_user)
                .order_by(CustomForm.title)]


def _summary(view, context, model, name):
    answers = list(model.answers.order_by(FormAnswer.id).limit(3))
    return " · ".join(labels.display_value(a.field_type, a.value)[:60] for a in answers)


def _answers_detail(view, context, model, name):
    rows = []
    for answer in sorted(model.answers, key=lambda a: (
            a.field.position if a.field_id else 10_000, a.id)):
        if answer.field_type == "file" and answer.file_stored:
            value = Markup('<a href="{}">{}</a>').format(
                url_for("form_submission.file", answer_id=answer.id), answer.value)
        else:
            value = labels.display_value(answer.field_type, answer.value)
        removed = answer.field_id is None or not answer.field.active
        note = Markup(' <small class="text-muted">({})</small>').format(_("removed field")) \
            if removed else ""
        rows.append(Markup('<tr><th>{}{}</th><td class="form-answer">{}</td></tr>')
                    .format(answer.field_label, note, value))
    if not rows:
        return ""
    return Markup('<table class="table table-sm mb-0">{}</table>').format(Markup("").join(rows))


def _linked(model):
    if model.registration_id:
        return str(model.registration)
    if model.complaint_id:
        return model.complaint.tracking_id
    return ""


class FormSubmissionView(ScopedRows, SecureModelView):
    """Submissions of the forms the user may manage; ``?form_id=`` narrows the list and
    its export to one form, whose fields become the export's columns."""

    can_create = False
    can_edit = False
    column_list = ["reference", "form", "submitted_at", "summary", "linked"]
    column_searchable_list = ["reference"]
    column_default_sort = ("submitted_at", True)
    column_sortable_list = ["reference", "submitted_at"]
    column_labels = {"reference": _l("Reference"), "form": _l("Form"),
                     "submitted_at": _l("Sent at"), "summary": _l("Answers"),
                     "linked": _l("Registration or complaint"), "answers": _l("Answers"),
                     "account": _l("Signed-in account")}
    column_formatters = {"form": lambda v, c, m, n: m.form.title, "summary": _summary,
                         "linked": lambda v, c, m, n: _linked(m)}
    column_formatters_detail = {"answers": _answers_detail,
                                "submitted_at": lambda v, c, m, n: format_datetime(
                                    m.submitted_at, "medium"),
                                "form": lambda v, c, m, n: m.form.title,
                                "linked": lambda v, c, m, n: _linked(m)}
    column_details_list = ["reference", "form", "submitted_at", "linked", "account", "answers"]

    def __init__(self, *args, **kwargs):
        self.column_filters = [FilterForm(FormSubmission.form, _l("Form")), "submitted_at"]
        super().__init__(*args, **kwargs)

    def _form_id(self):
        return request.args.get("form_id", type=int)

    def scoped(self, query):
        allowed = scoped_forms(current_user, CustomForm.select(CustomForm.id))
        query = query.where(FormSubmission.form.in_(allowed))
        if self._form_id():
            query = query.where(FormSubmission.form == self._form_id())
        return query

    def get_one(self, id):
        found = super().get_one(id)
        if found is None:
            abort(404)
        return found

    def on_model_delete(self, model):
        model.files_to_remove = [a.file_stored for a in model.answers if a.file_stored]

    def after_model_delete(self, model):
        for name in getattr(model, "files_to_remove", []):
            uploads.remove(self._instance_path(), name, area=UPLOAD_AREA)

    @expose("/file/<int:answer_id>")
    def file(self, answer_id):
        answer = FormAnswer.get_or_none(FormAnswer.id == answer_id)
        if answer is None or not answer.file_stored:
            abort(404)
        self.get_one(answer.submission_id)  # 404 when not the user's
        return send_from_directory(uploads.folder(self._instance_path(), UPLOAD_AREA),
                                   answer.file_stored, mimetype=answer.file_type,
                                   as_attachment=True, download_name=answer.value)

    @staticmethod
    def _instance_path():
        return current_app.instance_path

    # -- export: one column per field key, clean values -----------------------------
    def export_table(self, submissions):
        """(header, rows) of these submissions."""
        ids = [s.id for s in submissions]
        form_ids = sorted({s.form_id for s in submissions})
        current = [f.key for f in FormField.select(FormField.key)
                   .where(FormField.form.in_(form_ids or [0]) & (FormField.active == True))  # noqa: E712
                   .order_by(FormField.form, FormField.position, FormField.id)]
        by_submission = {}
        answered = []
        for answer in (FormAnswer.select().where(FormAnswer.submission.in_(ids or [0]))
                       .order_by(FormAnswer.submission, FormAnswer.id)):
            by_submission.setdefault(answer.submission_id, {})[answer.field_key] = answer
            answered.append(answer.field_key)
        keys = rules.export_columns(current, answered)
        header = [_("Reference"), _("Form"), _("Sent at"), _("Registration or complaint")] + keys
        rows = []
        for submission in submissions:
            answers = by_submission.get(submission.id, {})
            rows.append([submission.reference, submission.form.title,
                         to_user_timezone(submission.submitted_at).strftime("%Y-%m-%d %H:%M"),
                         _linked(submission)]
                        + [labels.display_value(answers[k].field_type, answers[k].value)
                           if k in answers else "" for k in keys])
        return header, rows

    @expose("/export/<export_type>/")
    def export(self, export_type):
        if export_type not in self.export_types:
            abort(404)
        _count, data = self._export_data()
        header, rows = self.export_table(list(data))
        name = secure_filename(self.get_export_name(export_type))
        if export_type == "csv":
            out = io.StringIO()
            out.write("\ufeff")  # spreadsheets then read UTF-8
            writer = csv.writer(out, lineterminator="\r\n")
            writer.writerow([safe_cell(cell) for cell in header])
            writer.writerows([safe_cell(cell) for cell in row] for row in rows)
            return Response(out.getvalue(), mimetype="text/csv",
                            headers={"Content-Disposition": f"attachment;filename={name}"})
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append([safe_cell(cell) for cell in header])
        for row in rows:
            sheet.append([safe_cell(cell) for cell in row])
        out = io.BytesIO()
        book.save(out)
        return Response(out.getvalue(), headers={"Content-Disposition":
                                                 f"attachment;filename={name}"},
                        mimetype="application/vnd.openxmlformats-officedocument."
                                 "spreadsheetml.sheet")
