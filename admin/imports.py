"""Back office: import employees, unit indicators with targets, and realisations from a
spreadsheet (XLSX or CSV). Upload → preview of every row → confirm; all rows or none.

An operator whose account names a unit imports for that unit and the units under
it; an operator without a unit (BKPSDM) and administrators import for every unit.
"""
import io

from flask import abort, current_app, flash, redirect, request, send_file, url_for
from flask_admin import BaseView, expose
from flask_admin.menu import MenuLink
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileField, FileRequired
from peewee import DatabaseError
from wtforms import SelectField, SubmitField

from admin.access import may_open
from admin.base import AdminForm, Guarded, select_choices
from portal import held_uploads, imports
from portal.rules.uploads import human_size

LIST_ENDPOINTS = {"employees": "employee.index_view", "indicators": "unit_indicator.index_view",
                  "realisations": "indicator_realisation.index_view"}


def import_scope(user):
    """The unit ids ``user`` may import for, or None for every unit."""
    if user.role == "operator" and user.unit_id is not None:
        return imports.scope_unit_ids(user.unit_id)
    return None


class ImportLink(MenuLink):
    """The import page in a second menu (Performance), shown to who may open it."""

    def is_accessible(self):
        return current_user.is_authenticated and may_open(current_user.role, "data_import")


class UploadForm(AdminForm):
    kind = SelectField(_l("What to import"),
                       choices=select_choices(list(imports.KIND_LABELS.items())))
    file = FileField(_l("File (.xlsx or .csv)"),
                     validators=[FileRequired(message=_l("Choose a file."))])
    submit = SubmitField(_l("Check the file"))


class ConfirmForm(AdminForm):
    submit = SubmitField(_l("Import all rows"))


class DataImportView(Guarded, BaseView):
    """Impor data: the upload page, the templates, the preview and the confirmation."""

    def _max_bytes(self):
        return current_app.config["IMPORT_MAX_BYTES"]

    def _render_index(self, form, status=200, problem=None):
        size, unit = human_size(self._max_bytes())
        # the form comes back without its file: say which one to choose again
        again = held_uploads.choose_again(held_uploads.sent_file_names("file"))
        if again:
            problem = f"{problem} {again}" if problem else again
        return self.render("admin/imports/index.html", form=form, problem=problem,
                           kinds=imports.KIND_LABELS, columns=imports.COLUMNS,
                           max_size=f"{size:g} {unit}", max_rows=imports.MAX_ROWS,
                           scope=import_scope(current_user)), status

    @expose("/", methods=["GET", "POST"])
    def index(self):
        form = UploadForm()
        if request.method == "GET" and request.args.get("kind") in imports.KINDS:
            form.kind.data = request.args["kind"]
        if request.method == "POST":
            if not form.validate_on_submit():
                return self._render_index(form, 422)
            upload = form.file.data
            data = upload.read(self._max_bytes() + 1)
            if len(data) > self._max_bytes():
                size, unit = human_size(self._max_bytes())
                return self._render_index(form, 413, _("The file is larger than %(size)s.",
                                                       size=f"{size:g} {unit}"))
            try:
                imports.file_kind(data, upload.filename)
            except imports.FileRefused as exc:
                return self._render_index(form, 422, str(exc))
            try:
                token = imports.store(form.kind.data, data, upload.filename, current_user.id)
            except imports.FileRefused as exc:
                return self._render_index(form, 503, str(exc))
            return redirect(url_for(".preview", token=token))
        return self._render_index(form)

    @expose("/template/<kind>")
    def template(self, kind):
        if kind not in imports.KINDS:
            abort(404)
        names = {"employees": "pegawai", "indicators": "indikator-target",
                 "realisations": "realisasi"}
        response = send_file(
            io.BytesIO(imports.template(kind)),
            mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            as_attachment=True, download_name=f"templat-impor-{names[kind]}.xlsx")
        response.headers["Cache-Control"] = "no-store"
        return response

    def _kept(self, token):
        kept = imports.load(token, current_user.id)
        if kept is None:
            abort(404)
        return kept

    def _render_preview(self, token, meta, result, status=200):
        return self.render("admin/imports/preview.html", token=token, meta=meta,
                           result=result, form=ConfirmForm(), cancel_form=AdminForm(),
                           kind_label=imports.KIND_LABELS[meta["kind"]]), status

    @expose("/preview/<token>")
    def preview(self, token):
        meta, data = self._kept(token)
        result = imports.plan(meta["kind"], data, meta["filename"], import_scope(current_user))
        return self._render_preview(token, meta, result)

    @expose("/confirm/<token>", methods=["POST"])
    def confirm(self, token):
        meta, data = self._kept(token)
        form = ConfirmForm()
        if not form.validate_on_submit():
            flash(_("The form expired; check the file and confirm again."), "error")
            return redirect(url_for(".preview", token=token))
        try:
            result = imports.apply(meta["kind"], data, meta["filename"],
                                   import_scope(current_user))
        except DatabaseError:  # a row changed or appeared meanwhile: all rolled back
            flash(_("The data changed while importing; nothing was imported. "
                    "Check the file again."), "error")
            return redirect(url_for(".preview", token=token))
        if not result.ok:
            return self._render_preview(token, meta, result, 422)
        imports.discard(token)
        flash(_("Imported: %(new)d new, %(updated)d updated, %(same)d unchanged.",
                new=result.count(imports.NEW), updated=result.count(imports.UPDATE),
                same=result.count(imports.SAME)), "success")
        return redirect(url_for(LIST_ENDPOINTS[meta["kind"]]))

    @expose("/cancel/<token>", methods=["POST"])
    def cancel(self, token):
        self._kept(token)
        if AdminForm().validate_on_submit():
            imports.discard(token)
        return redirect(url_for(".index"))
