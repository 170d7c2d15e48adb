"""Back office for performance data: periods, unit indicators and their
realisations, units' yearly results, and the predikat distribution per unit
(also open to a penilai, for her own people and unit)."""
from flask import g, request
from flask_admin import BaseView, expose
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectField
from wtforms.validators import ValidationError

from admin.base import Guarded, SecureModelView, select_choices
from admin.export import export_response
from admin.periods import YearPeriods
from portal import labels
from portal import predikat_spread as spread
from portal import skp as skp_service
from portal import stats
from portal.models import IndicatorRealisation, Period, Skp, Unit, UnitIndicator, UnitResult
from portal.models.base import utcnow
from portal.predikat_spread import broken_text, rule_text
from portal.rules import distribution, skp_workflow
from portal.rules.predikat import PREDIKATS


def _label(mapping):
    return lambda view, context, model, name: mapping.get(getattr(model, name), getattr(model, name))


class PeriodView(YearPeriods, SecureModelView):
    column_list = ["year", "quarter", "month", "open"]
    column_default_sort = [("year", True), ("quarter", False), ("month", False)]
    column_filters = ["year", "open"]
    column_labels = {"year": _l("Year"), "quarter": _l("Quarter"), "month": _l("Month"),
                     "open": _l("Open")}
    column_descriptions = {
        "quarter": _l("1–4 for a quarter (Triwulan I–IV). Leave quarter and month empty "
                      "for the annual period."),
        "month": _l("1–12 for a monthly period (unit indicator realisations)."),
        "open": _l("Appraisers can evaluate and upload evidence only in open periods."),
    }
    form_columns = ["year", "quarter", "month", "open"]

    def on_model_change(self, form, model, is_created):
        if model.quarter is not None and model.month is not None:
            raise ValidationError(_l("A period is a quarter or a month, not both."))
        if model.quarter is not None and not 1 <= model.quarter <= 4:
            raise ValidationError(_l("The quarter must be 1 to 4."))
        if model.month is not None and not 1 <= model.month <= 12:
            raise ValidationError(_l("The month must be 1 to 12."))
        same = Period.select().where((Period.year == model.year)
                                     & (Period.quarter.is_null() if model.quarter is None
                                        else Period.quarter == model.quarter)
                                     & (Period.month.is_null() if model.month is None
                                        else Period.month == model.month))
        if model.id:
            same = same.where(Period.id != model.id)
        if same.exists():
            raise ValidationError(_l("This period already exists."))


class UnitIndicatorView(SecureModelView):
    column_list = ["unit", "year", "code", "name", "measurement_unit", "aspect", "polarity",
                   "target", "public"]
    column_searchable_list = ["code", "name"]
    column_filters = ["year", Unit.name, "public",
                      FilterEqual(UnitIndicator.polarity, _l("Polarity"),
                                  options=labels.choices(labels.POLARITY))]
    column_default_sort = [("year", True), ("code", False)]
    column_filter_labels = {"Unit.name": _l("Unit name")}
    column_labels = {"unit": _l("Unit"), "year": _l("Year"), "code": _l("Code"),
                     "name": _l("Indicator"), "definition": _l("Definition"),
                     "measurement_unit": _l("Unit of measure"), "aspect": _l("Aspect"),
                     "polarity": _l("Polarity"), "data_source": _l("Data source"),
                     "target": _l("Yearly target"), "public": _l("Public"),
                     "previous": _l("Previous year's indicator"), "Unit": _l("Unit"),
                     "name_unit": _l("Unit")}
    column_formatters = {"aspect": _label(labels.ASPECT), "polarity": _label(labels.POLARITY)}
    column_descriptions = {
        "code": _l("Short and stable across years, e.g. IKU-01."),
        "polarity": _l("Lower is better for time and cost (e.g. days to finish a document). "
                       "Achievement for lower-is-better uses (2 × target − realisation) / "
                       "target × 100 by default; the sources disagree, so an office may "
                       "switch to target / realisation × 100 (setting "
                       "ACHIEVEMENT_LOWER_FORMULA)."),
        "previous": _l("A new year's revision is a new indicator pointing at last year's: "
                       "history is kept, never overwritten."),
        "public": _l("Shown on the public pages."),
    }
    form_columns = ["unit", "year", "code", "name", "definition", "measurement_unit", "aspect",
                    "polarity", "data_source", "target", "public", "previous"]
    form_overrides = {"aspect": SelectField, "polarity": SelectField}
    form_args = {"aspect": {"choices": select_choices(labels.choices(labels.ASPECT))},
                 "polarity": {"choices": select_choices(labels.choices(labels.POLARITY))}}
    form_ajax_refs = {
        "unit": {"fields": (Unit.name, Unit.code), "page_size": 15},
        "previous": {"fields": (UnitIndicator.code, UnitIndicator.name), "page_size": 15},
    }

    def on_model_change(self, form, model, is_created):
        if not is_created:
            refuse_closed(UnitIndicator.get_by_id(model.id).year)  # the year it had
        refuse_closed(model.year)
        model.code = model.code.strip().upper()
        if model.previous is not None and model.previous.year >= model.year:
            raise ValidationError(_l("The previous indicator must be from an earlier year."))
        same = UnitIndicator.select().where((UnitIndicator.unit == model.unit)
                                            & (UnitIndicator.year == model.year)
                                            & (UnitIndicator.code == model.code))
        if model.id:
            same = same.where(UnitIndicator.id != model.id)
        if same.exists():
            raise ValidationError(_l("This unit already has an indicator with this code "
                                     "for this year."))

    def on_model_delete(self, model):
        refuse_closed(model.year)


def refuse_closed(year, period=None):
    """Data of a closed year, or of a closed month or quarter, stays as it was closed
    (as the import refuses it too)."""
    if year in Period.closed_years():
        raise ValidationError(_("The period %(year)d is closed; its data can no longer be "
                                "changed.", year=year))
    if period is not None and not period.open:
        raise ValidationError(_("%(period)s is closed; its data can no longer be changed.",
                                period=labels.period_label(period)))


def _so_far(model):
    """(realisation so far, achievement %) of a listed realisation, from the list's batch."""
    cache = g.setdefault("realisations_so_far", {})
    if model.id not in cache:
        cache.update(stats.realisations_year_to_date([model.indicator_id]))
    return cache.get(model.id, (None, None))


def _year_to_date(view, context, model, name):
    total = _so_far(model)[0]
    return "—" if total is None else format_decimal(total)


def _achievement(view, context, model, name):
    pct = _so_far(model)[1]
    return "—" if pct is None else format_decimal(pct) + " %"


class IndicatorRealisationView(SecureModelView):
    column_list = ["indicator", "period", "value", "year_to_date", "achievement", "note"]
    column_filters = [UnitIndicator.year, UnitIndicator.code]
    column_filter_labels = {"UnitIndicator.year": _l("Year"),
                            "UnitIndicator.code": _l("Indicator code")}
    column_labels = {"indicator": _l("Indicator"), "period": _l("Period"),
                     "value": _l("Realisation"), "achievement": _l("Achievement"),
                     "year_to_date": _l("Realisation so far this year"),
                     "note": _l("Note"), "evidence": _l("Evidence (link or reference)"),
                     "UnitIndicator": _l("Indicator"), "year": _l("Year"), "code": _l("Code")}
    column_formatters = {"achievement": _achievement, "year_to_date": _year_to_date,
                         "value": lambda v, c, m, n: format_decimal(m.value),
                         "period": lambda v, c, m, n: labels.period_label(m.period)}
    form_args = {"period": {"get_label": labels.period_label}}
    column_formatters_export = {
        "year_to_date": lambda v, c, m, n: _so_far(m)[0],
        "achievement": lambda v, c, m, n: _so_far(m)[1],
    }
    column_descriptions = {
        "period": _l("A month or a quarter of the indicator's year."),
        "value": _l("The achievement is computed from the indicator's target and polarity."),
        "year_to_date": _l("A count (quantity not in %) adds up over the year: the sum of "
                           "the months (or quarters) so far. A rate or level is the latest "
                           "value. As on the public report card."),
        "achievement": _l("The realisation so far against the yearly target."),
    }
    form_columns = ["indicator", "period", "value", "note", "evidence"]
    form_ajax_refs = {
        "indicator": {"fields": (UnitIndicator.code, UnitIndicator.name), "page_size": 15},
    }

    # Flask-Admin joins UnitIndicator itself when a filter needs it; joining it here
    # as well made the filtered list fail (ambiguous column name).

    def get_list(self, *args, **kwargs):
        """One query for the year-to-date figures of the whole page."""
        count, data = super().get_list(*args, **kwargs)
        g.realisations_so_far = stats.realisations_year_to_date(
            [row.indicator_id for row in data])
        return count, data

    def on_model_change(self, form, model, is_created):
        if not is_created:
            before = IndicatorRealisation.get_by_id(model.id)
            refuse_closed(before.period.year, before.period)
        refuse_closed(model.period.year, model.period)
        if model.period.year != model.indicator.year:
            raise ValidationError(_l("The period must be in the indicator's year."))
        if model.period.is_annual:
            raise ValidationError(_l("Choose a month or a quarter, not the whole year."))
        same = IndicatorRealisation.select().where(
            (IndicatorRealisation.indicator == model.indicator)
            & (IndicatorRealisation.period == model.period))
        if model.id:
            same = same.where(IndicatorRealisation.id != model.id)
        if same.exists():
            raise ValidationError(_l("This indicator already has a realisation for this period."))

    def on_model_delete(self, model):
        refuse_closed(model.period.year, model.period)


class UnitResultView(SecureModelView):
    column_list = ["unit", "year", "capaian"]
    column_filters = ["year", Unit.name]
    column_filter_labels = {"Unit.name": _l("Unit name")}
    column_labels = {"unit": _l("Unit"), "year": _l("Year"),
                     "capaian": _l("Organisational achievement (capaian kinerja organisasi)"),
                     "Unit": _l("Unit"), "name": _l("Name")}
    column_formatters = {"capaian": _label(labels.CAPAIAN)}
    column_descriptions = {
        "capaian": _l("Bounds how the unit's predikat may spread (pola distribusi). The "
                      "percentages follow secondary sources and should be checked against "
                      "the current regulation."),
    }
    form_columns = ["unit", "year", "capaian"]
    form_overrides = {"capaian": SelectField}
    form_args = {"capaian": {"choices": select_choices(labels.choices(labels.CAPAIAN))}}
    form_ajax_refs = {"unit": {"fields": (Unit.name, Unit.code), "page_size": 15}}

    def on_model_change(self, form, model, is_created):
        same = UnitResult.select().where((UnitResult.unit == model.unit)
                                         & (UnitResult.year == model.year))
        if model.id:
            same = same.where(UnitResult.id != model.id)
        if same.exists():
            raise ValidationError(_l("This unit already has a result for this year."))


class DistributionView(Guarded, BaseView):
    """Per unit and year: how the predikat spread (final, and akan final: the annual
    evaluation done, not yet locked), against the unit's rule. Operators and
    administrators see every unit; a penilai her own unit and the units of the
    employees she appraises, and those employees themselves (portal.predikat_spread)."""

    def _year(self):
        try:
            return int(request.args.get("year") or utcnow().year)
        except ValueError:
            return utcnow().year

    def _rows(self, year):
        rows = spread.unit_rows(year, spread.scope_units(current_user, year))
        for row in rows:
            row["counts"] = row["final"]
            row["warnings"] = [broken_text(r, row["final"]) for r in row["broken_now"]]
            row["warnings_after"] = [broken_text(r, row["after"]) for r in row["broken_after"]]
        return rows

    @expose("/export/<export_type>/")
    def export(self, export_type):
        year = self._year()
        return export_response(
            export_type, f"distribusi-predikat-{year}",
            [_("Year"), _("Unit"), _("Organisational achievement"),
             *[str(labels.PREDIKAT[p]) for p in PREDIKATS], _("Total"), _("Warning"),
             *[_("%(predikat)s (to be final)", predikat=labels.PREDIKAT[p]) for p in PREDIKATS],
             _("Warning after finalisation")],
            ([year, row["unit"].name, str(labels.CAPAIAN.get(row["capaian"], "")),
              *[row["counts"].get(p, 0) for p in PREDIKATS], row["total"],
              "; ".join(row["warnings"]), *[row["pending"].get(p, 0) for p in PREDIKATS],
              "; ".join(row["warnings_after"])] for row in self._rows(year)))

    @expose("/")
    def index(self):
        year = self._year()
        rows = self._rows(year)
        selected = request.args.get("unit", type=int)
        if selected is None and current_user.role == "penilai" and current_user.employee_id:
            selected = current_user.employee.unit_id  # her own unit, unless she chose one
        detail = next((r for r in rows if r["unit"].id == selected), None)
        people = None
        if current_user.role == "penilai":
            skps = spread.appraised(current_user, year)
            people = {"skps": skps,
                      "final": spread.counts_of(skps, skp_workflow.FINAL),
                      "pending": spread.counts_of(skps, skp_workflow.ANNUAL_EVALUATED)}
        years = [y for (y,) in skp_service.visible_skps(current_user, Skp.select(Skp.year))
                 .distinct().order_by(Skp.year.desc()).tuples()]
        return self.render("admin/performance/distribution.html", year=year, years=years,
                           rows=rows, detail=detail, predikats=PREDIKATS, people=people,
                           patterns={k: [rule_text(r) for r in v]
                                     for k, v in distribution.PATTERNS.items()})
