"""Back office for the satisfaction survey: services, responses, populations, the IKM,
printable QR codes and the import of paper forms."""
import datetime

import segno
from flask import current_app, flash, has_request_context, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_admin.contrib.peewee.ajax import QueryAjaxModelLoader
from flask_admin.contrib.peewee.filters import (DateTimeBetweenFilter, DateTimeGreaterFilter,
                                                DateTimeSmallerFilter, FilterEqual)
from flask_admin.model.ajax import DEFAULT_PAGE_SIZE
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SubmitField
from wtforms.validators import NumberRange, ValidationError

from admin.access import survey_unit_scope
from admin.base import AdminForm, Guarded, ScopedRows, SecureModelView
from portal import held_uploads, labels, stats
from portal.models import Service, ServicePopulation, SurveyResponse, Unit
from portal.rules import ikm as rules
from portal.survey_import import HEADER, MAX_ERRORS, import_text


def _label(mapping):
    return lambda view, context, model, name: mapping.get(getattr(model, name), getattr(model, name))


def _unit_options():
    if not has_request_context():  # views are built before the database is opened
        return []
    return [(str(i), name) for i, name in Unit.select(Unit.id, Unit.name).order_by(Unit.name).tuples()]


def _service_options():
    if not has_request_context():
        return []
    query = (Service.select(Service.id, Service.name, Unit.code).join(Unit)
             .order_by(Unit.code, Service.name).tuples())
    return [(str(i), f"{code} · {name}") for i, name, code in query]


def public_survey_url(service):
    """The public address of a service's survey form, as printed in its QR code."""
    path = url_for("survey.answer", unit_code=service.unit.code, service_code=service.code)
    base = current_app.config["PORTAL_BASE_URL"] or request.host_url
    return base.rstrip("/") + path


class FreshFilterOptions:
    """Filter options listing units and services are read at each visit, not at start-up."""

    @expose("/")
    def index_view(self):
        self._refresh_filters_cache()
        return super().index_view()


class ServiceView(FreshFilterOptions, SecureModelView):
    column_list = ["unit", "code", "name", "active"]
    column_searchable_list = ["code", "name"]
    column_filters = [FilterEqual(Service.unit, _l("Unit"), options=_unit_options), "active"]
    column_default_sort = "name"
    column_labels = {"unit": _l("Unit"), "code": _l("Code"), "name": _l("Service"),
                     "active": _l("Active")}
    column_descriptions = {
        "code": _l("A short code, unique within the unit, e.g. KTP. It appears in the survey's "
                   "public address and QR code."),
        "active": _l("Only active services are offered in the public survey."),
    }
    form_columns = ["unit", "code", "name", "active"]
    form_ajax_refs = {"unit": {"fields": (Unit.name, Unit.code), "page_size": 15}}

    def on_model_change(self, form, model, is_created):
        model.code = model.code.strip().upper()
        if not model.code.replace("-", "").replace("_", "").isalnum():
            raise ValidationError(_l("A code uses letters, digits, - and _ only."))
        duplicate = Service.select().where(Service.unit == model.unit, Service.code == model.code)
        if model.id:
            duplicate = duplicate.where(Service.id != model.id)
        if duplicate.exists():
            raise ValidationError(_l("This unit already has a service with this code."))

    def on_model_delete(self, model):
        if SurveyResponse.select().where(SurveyResponse.service == model).exists():
            raise ValidationError(_l("This service has survey responses; deactivate it instead."))


class SurveyResponseView(FreshFilterOptions, ScopedRows, SecureModelView):
    """Read-only: answers are evidence and are never edited."""

    can_create = False
    can_edit = False
    can_delete = False
    column_list = ["submitted_at", "unit", "service", *[c.lower() for c in rules.ELEMENT_CODES],
                   "gender", "age", "education", "occupation", "source", "suggestion"]
    column_default_sort = ("submitted_at", True)
    column_searchable_list = ["suggestion"]
    column_filters = [
        FilterEqual(SurveyResponse.unit, _l("Unit"), options=_unit_options),
        FilterEqual(SurveyResponse.service, _l("Service"), options=_service_options),
        DateTimeGreaterFilter(SurveyResponse.submitted_at, _l("Submitted")),
        DateTimeSmallerFilter(SurveyResponse.submitted_at, _l("Submitted")),
        DateTimeBetweenFilter(SurveyResponse.submitted_at, _l("Submitted")),
        FilterEqual(SurveyResponse.source, _l("Source"), options=labels.choices(labels.SURVEY_SOURCE)),
    ]
    column_labels = {"submitted_at": _l("Submitted"), "unit": _l("Unit"), "service": _l("Service"),
                     "gender": _l("Sex"), "age": _l("Age"), "education": _l("Education"),
                     "occupation": _l("Occupation"), "source": _l("Source"),
                     "suggestion": _l("Suggestion"),
                     **{c.lower(): c for c in rules.ELEMENT_CODES}}
    column_descriptions = {c.lower(): labels.SURVEY_ELEMENT[c] for c in rules.ELEMENT_CODES}
    column_formatters = {"gender": _label(labels.GENDER), "source": _label(labels.SURVEY_SOURCE)}
    column_formatters_export = {"unit": lambda v, c, m, n: m.unit.code,
                                "service": lambda v, c, m, n: m.service.code}

    def scoped(self, query):
        unit_id = survey_unit_scope(current_user)
        return query if unit_id is None else query.where(SurveyResponse.unit == unit_id)


class ServiceLookup(QueryAjaxModelLoader):
    """Services found by their name, code or unit code, shown as "UNIT · service" (many
    units have a service with the same name)."""

    def format(self, model):
        return None if not model else (model.id, f"{model.unit.code} · {model.name}")

    def get_list(self, term, offset=0, limit=DEFAULT_PAGE_SIZE):
        query = Service.select(Service, Unit).join(Unit).order_by(Unit.code, Service.name)
        if term:
            pattern = f"%{term}%"
            query = query.where((Service.name ** pattern) | (Service.code ** pattern)
                                | (Unit.code ** pattern))
        return list(query.offset(offset).limit(limit))


class ServicePopulationView(FreshFilterOptions, SecureModelView):
    column_list = ["unit", "service", "year", "population"]
    column_default_sort = ("year", True)
    column_filters = [FilterEqual(ServicePopulation.unit, _l("Unit"), options=_unit_options),
                      FilterEqual(ServicePopulation.service, _l("Service"),
                                  options=_service_options), "year"]
    column_labels = {"unit": _l("Unit"), "service": _l("Service"), "year": _l("Year"),
                     "population": _l("Service users in the year")}
    column_descriptions = {
        "service": _l("Leave empty for the unit as a whole. Choose one of the unit's "
                      "services to record that service's users: its IKM then says whether "
                      "its own sample meets the minimum."),
        "population": _l("How many people used the unit's services (or the chosen service) "
                         "in the year, from its service register. The minimum number of "
                         "survey respondents (Krejcie–Morgan) is computed from it."),
    }
    column_formatters = {"service": lambda v, c, m, n: m.service.name if m.service_id
                         else _l("(the whole unit)")}
    form_columns = ["unit", "service", "year", "population"]
    form_args = {"year": {"validators": [NumberRange(2000, 2100)]},
                 "population": {"validators": [NumberRange(1, 100_000_000)]}}
    form_ajax_refs = {"unit": {"fields": (Unit.name, Unit.code), "page_size": 15},
                      "service": ServiceLookup("service", Service, fields=(Service.name,),
                                               page_size=15)}

    def on_model_change(self, form, model, is_created):
        if model.service_id and model.service.unit_id != model.unit_id:
            raise ValidationError(_l("That service belongs to another unit."))
        duplicate = ServicePopulation.select().where(ServicePopulation.year == model.year)
        if model.service_id:
            duplicate = duplicate.where(ServicePopulation.service == model.service_id)
        else:
            duplicate = duplicate.where(ServicePopulation.unit == model.unit,
                                        ServicePopulation.service.is_null())
        if model.id:
            duplicate = duplicate.where(ServicePopulation.id != model.id)
        if duplicate.exists():
            raise ValidationError(_l("This service already has a number of users for that year.")
                                  if model.service_id else
                                  _l("This unit already has a population for that year."))


def bar_chart(nrr):
    """Geometry of a horizontal bar chart of NRR per element (scale 0–4), drawn as SVG."""
    label_width, bar_space, row, top = 44, 300, 30, 24
    bars = []
    for i, code in enumerate(rules.ELEMENT_CODES):
        value = nrr.get(code)
        width = 0 if value is None else round(float(value) / 4 * bar_space, 1)
        bars.append({"code": code, "name": labels.SURVEY_ELEMENT[code], "value": value,
                     "y": top + i * row, "width": width, "height": row - 8,
                     "text_x": label_width + width + 6})
    ticks = [{"x": label_width + t / 4 * bar_space, "label": t} for t in range(5)]
    return {"bars": bars, "ticks": ticks, "x0": label_width,
            "width": label_width + bar_space + 56, "height": top + len(bars) * row + 6}


def _year_arg():
    this_year = datetime.date.today().year
    year = request.args.get("year", this_year, type=int)
    return year if 2000 <= year <= this_year + 1 else this_year


class IkmView(Guarded, BaseView):
    """The IKM of a unit for a year: summary, NRR chart and table, services, suggestions."""

    @expose("/")
    def index(self):
        year = _year_arg()
        units = list(Unit.select().where(
            Unit.id.in_(Service.select(Service.unit))).order_by(Unit.name))
        unit = None
        unit_id = request.args.get("unit", type=int)
        if unit_id:
            unit = Unit.get_or_none(Unit.id == unit_id)
        if unit is None and units:
            unit = units[0]
        context = {"units": units, "unit": unit, "year": year, "years": stats.survey_years()}
        if unit is not None:
            summary = stats.ikm_for(unit, year)
            context.update(summary=summary, chart=bar_chart(summary["nrr"]),
                           services=stats.ikm_by_service(unit, year),
                           suggestions=stats.suggestions(unit, year),
                           elements=rules.ELEMENTS)
        return self.render("admin/survey_ikm.html", **context)


class QrView(Guarded, BaseView):
    """Printable QR codes that open a service's survey form."""

    @expose("/")
    def index(self):
        units = list(Unit.select().where(Unit.id.in_(
            Service.select(Service.unit).where(Service.active == True)))  # noqa: E712
            .order_by(Unit.name))
        unit = Unit.get_or_none(Unit.id == request.args.get("unit", 0, type=int))
        cards = []
        if unit is not None:
            services = (Service.select(Service, Unit).join(Unit)
                        .where(Service.unit == unit, Service.active == True)  # noqa: E712
                        .order_by(Service.name))
            service_id = request.args.get("service", type=int)
            if service_id:
                services = services.where(Service.id == service_id)
            for service in services:
                url = public_survey_url(service)
                qr = segno.make(url, error="m")
                svg = qr.svg_inline(scale=6, border=2, title=service.name, omitsize=True)
                cards.append({"service": service, "url": url, "svg": svg})
        return self.render("admin/survey_qr.html", units=units, unit=unit, cards=cards)


class ImportForm(AdminForm):
    file = FileField(_l("CSV file"), validators=[
        FileRequired(message=_l("Choose a CSV file.")),
        FileAllowed(["csv", "txt"], message=_l("The file must be a .csv file."))])
    submit = SubmitField(_l("Import"))


class ImportView(Guarded, BaseView):
    """Upload paper survey forms as CSV: all rows or none."""

    @expose("/", methods=["GET", "POST"])
    def index(self):
        form = ImportForm()
        errors, more = [], 0
        if form.validate_on_submit():
            result = import_text(form.file.data.read(), form.file.data.filename or "")
            if result.ok:
                flash(_("%(n)d survey responses imported.", n=result.rows), "success")
                return redirect(url_for("survey_response.index_view"))
            errors, more = result.errors[:MAX_ERRORS], max(0, len(result.errors) - MAX_ERRORS)
        status = 422 if request.method == "POST" else 200
        again = held_uploads.choose_again(held_uploads.sent_file_names("file"))
        return self.render("admin/survey_import.html", form=form, errors=errors, more=more,
                           header=",".join(HEADER), choose_again=again), status
