"""Back office: the office's non-working days (Hari libur: libur nasional and cuti
bersama), by year, with an import from a CSV file. Every change moves the deadlines of
open complaints whose working-day limit is running (``portal.holidays``)."""
import datetime

from flask import current_app, flash, has_request_context, redirect, request, url_for
from flask_admin import expose
from flask_admin.contrib.peewee.filters import BasePeeweeFilter, FilterEqual
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from peewee import DatabaseError
from wtforms import SelectField, SubmitField
from wtforms.validators import ValidationError

from admin.base import AdminForm, SecureModelView, select_choices
from admin.survey import FreshFilterOptions
from portal import holidays
from portal.demo.calendar import csv_text
from portal.imports import NEW, SAME, UPDATE, FileRefused, file_kind
from portal.models import NonWorkingDay
from portal.rules.uploads import human_size


def _years():
    """The years in the table and the current one, newest first, as filter options."""
    if not has_request_context():  # views are built before the database is opened
        return []
    years = {holidays.local_today().year}
    for (day,) in NonWorkingDay.select(NonWorkingDay.date).tuples():
        years.add(day.year)
    return [(str(year), str(year)) for year in sorted(years, reverse=True)]


class FilterYear(BasePeeweeFilter):
    """The days of one calendar year."""

    def validate(self, value):
        return value.isascii() and value.isdigit() and len(value) == 4

    def apply(self, query, value):
        year = int(value)
        return query.where(NonWorkingDay.date >= datetime.date(year, 1, 1),
                           NonWorkingDay.date < datetime.date(year + 1, 1, 1))

    def operation(self):
        return _l("equals")


class ImportForm(AdminForm):
    file = FileField(_l("File (.csv or .xlsx)"),
                     validators=[FileRequired(message=_l("Choose a file."))])
    submit = SubmitField(_l("Import"))


class NonWorkingDayView(FreshFilterOptions, SecureModelView):
    list_template = "admin/holidays/list.html"
    column_list = ["date", "weekday", "name", "kind"]
    column_default_sort = ("date", False)
    column_sortable_list = ["date", "name", "kind"]
    column_searchable_list = ["name"]
    column_filters = [FilterYear(NonWorkingDay.date, _l("Year"), options=_years),
                      FilterEqual(NonWorkingDay.kind, _l("Kind"),
                                  options=list(holidays.KIND_LABELS.items()))]
    column_labels = {"date": _l("Date"), "weekday": _l("Day"), "name": _l("Name"),
                     "kind": _l("Kind")}
    column_descriptions = {
        "date": _l("Complaint limits in working days skip this date."),
        "name": _l("e.g. Hari Raya Natal, or Cuti bersama Idul Fitri 1447 H."),
        "kind": _l("National holidays and cuti bersama are fixed each year by the joint "
                   "decree (SKB) of three ministers."),
    }
    column_formatters = {
        "kind": lambda v, c, m, n: holidays.KIND_LABELS.get(m.kind, m.kind),
        "weekday": lambda v, c, m, n: _weekday(m.date),
    }
    column_formatters_export = column_formatters
    form_columns = ["date", "name", "kind"]
    form_overrides = {"kind": SelectField}
    form_args = {"kind": {"choices": select_choices(list(holidays.KIND_LABELS.items()))}}

    def on_model_change(self, form, model, is_created):
        taken = NonWorkingDay.select().where(NonWorkingDay.date == model.date)
        if not is_created:
            taken = taken.where(NonWorkingDay.id != model.id)
        other = taken.first()
        if other is not None:
            raise ValidationError(_("%(date)s is already in the list: %(name)s.",
                                    date=_weekday(other.date, full=True), name=other.name))

    def after_model_change(self, form, model, is_created):
        holidays.recompute_open_deadlines()

    def after_model_delete(self, model):
        holidays.recompute_open_deadlines()

    def _render_import(self, form, result=None, problem=None, status=200):
        size, unit = human_size(current_app.config["IMPORT_MAX_BYTES"])
        return self.render("admin/holidays/import.html", form=form, result=result,
                           problem=problem, max_size=f"{size:g} {unit}",
                           sample_year=holidays.local_today().year), status

    @expose("/import/", methods=["GET", "POST"])
    def import_view(self):
        form = ImportForm()
        if request.method == "GET":
            return self._render_import(form)
        if not form.validate_on_submit():
            return self._render_import(form, status=422)
        limit = current_app.config["IMPORT_MAX_BYTES"]
        data = form.file.data.read(limit + 1)
        if len(data) > limit:
            size, unit = human_size(limit)
            return self._render_import(form, problem=_("The file is larger than %(size)s.",
                                                       size=f"{size:g} {unit}"), status=413)
        filename = form.file.data.filename or ""
        try:
            file_kind(data, filename)
        except FileRefused as exc:
            return self._render_import(form, problem=str(exc), status=422)
        try:
            result = holidays.apply_import(data, filename)
        except DatabaseError:  # a date saved meanwhile by someone else: all rolled back
            return self._render_import(form, problem=_(
                "The list changed while importing; nothing was imported. Upload the file "
                "again."), status=409)
        if not result.ok:
            return self._render_import(form, result=result, status=422)
        flash(_("Imported: %(new)d new, %(updated)d updated, %(same)d unchanged. The "
                "deadlines of open complaints follow the list.",
                new=result.count(NEW), updated=result.count(UPDATE),
                same=result.count(SAME)), "success")
        years = sorted({row.values["date"].year for row in result.rows})
        return redirect(self._year_url(years[0]) if len(years) == 1 else url_for(".index_view"))

    def _year_url(self, year):
        index = next(i for i, f in enumerate(self._filters) if isinstance(f, FilterYear))
        return url_for(".index_view", **{f"flt0_{index}": str(year)})

    @expose("/contoh.csv")
    def sample_view(self):
        year = holidays.local_today().year
        response = current_app.response_class(csv_text(year), mimetype="text/csv")
        response.headers["Content-Disposition"] = \
            f'attachment; filename="hari-libur-{year}.csv"'
        response.headers["Cache-Control"] = "no-store"
        return response

    def render(self, template, **kwargs):
        if template == self.list_template:
            kwargs["import_url"] = url_for(".import_view")
        return super().render(template, **kwargs)


def _weekday(day, full=False):
    return format_date(day, "EEEE, d MMMM y" if full else "EEEE")

