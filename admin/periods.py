"""Back office: a year's reporting periods in one step. The Periods list offers a year
field and "Create a whole year's periods": the year, Triwulan I–IV and the twelve months,
leaving those that already exist as they are (``portal.periods``). The list closes or
opens the ticked periods (list actions "Close period" / "Open period"), and
/admin/period/of/<year>/ opens the list at a year (the start page links there)."""
from flask import flash, redirect, request, session, url_for
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.contrib.peewee.filters import FilterEqual
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import IntegerField
from wtforms.validators import InputRequired

from admin.base import AdminForm, is_row_key
from portal import holidays, labels, periods
from portal.models import Period
from portal.rules.periods import year_bounds


TYPED = "year_periods_typed"  # the session's copy of a refused year, shown again once


class YearPeriodsForm(AdminForm):
    """The year whose periods are created in one step."""
    year = IntegerField(_l("Year"), validators=[InputRequired(message=_l("Enter a year."))])


class YearPeriods:
    """The Periods view's one-step creation of a year (mixed into its model view)."""
    list_template = "admin/performance/periods.html"
    column_formatters = {
        "quarter": lambda v, c, m, n: labels.quarter_name(m.quarter),
        "month": lambda v, c, m, n: labels.month_name(m.month),
    }

    @expose("/year/", methods=["POST"])
    def year_view(self):
        """Create a year's periods (the year, TW I–IV, the twelve months) not there yet."""
        form = YearPeriodsForm()
        first, last = year_bounds(holidays.local_today().year)
        if not form.validate_on_submit():
            errors = form.errors.get("year") or [_(
                "This form has expired or did not come from this site. Go back, reload the "
                "page and send it again.")]
            return self._refused(errors)
        year = form.year.data
        if not first <= year <= last:
            return self._refused([_("Enter a year from %(first)d to %(last)d.",
                                    first=first, last=last)])
        created, kept = periods.create_year(year)
        if created:
            message = ngettext("%(num)d period of %(year)d created.",
                               "%(num)d periods of %(year)d created.", len(created), year=year)
            if kept:
                message += " " + ngettext("%(num)d already existed and was left as it was.",
                                          "%(num)d already existed and were left as they were.",
                                          kept)
            flash(message, "success")
        else:
            flash(_("Every period of %(year)d already exists; nothing was created.",
                    year=year), "info")
        return redirect(self._year_url(year))

    @expose("/of/<int:year>/")
    def of_year_view(self, year):
        """The list showing the periods of ``year`` (a stable link for other pages)."""
        return redirect(self._year_url(year))

    @action("close", _l("Close period"),
            _l("Close the selected periods? Appraisers can then no longer evaluate or upload "
               "evidence in them; a period can be opened again."))
    def action_close(self, ids):
        self._set_open(ids, False)

    @action("open", _l("Open period"),
            _l("Open the selected periods? Appraisers can then evaluate and upload evidence "
               "in them again."))
    def action_open(self, ids):
        self._set_open(ids, True)

    def _set_open(self, ids, wanted):
        """Open or close the ticked periods (the audit trail records each list action's
        changes: admin.base)."""
        keys = [int(i) for i in ids if is_row_key(i)]
        changed = []
        for period in Period.select().where(Period.id.in_(keys)):
            if period.open != wanted:
                period.open = wanted
                period.save()
                changed.append(labels.period_label(period))
        if not changed:
            flash(_("Nothing changed: the selected periods were already open.") if wanted
                  else _("Nothing changed: the selected periods were already closed."), "info")
        elif wanted:
            flash(_("Opened: %(names)s.", names=", ".join(changed)), "success")
        else:
            flash(_("Closed: %(names)s.", names=", ".join(changed)), "success")

    def _refused(self, errors):
        """Back to the list with the messages; the year field keeps what was typed."""
        for error in errors:
            flash(error, "error")
        session[TYPED] = request.form.get("year", "")[:20]
        return redirect(url_for(".index_view"))

    def _year_url(self, year):
        """The list showing the periods of ``year``."""
        index = next(i for i, flt in enumerate(self._filters)
                     if flt.column is Period.year and isinstance(flt, FilterEqual))
        return url_for(".index_view", **{f"flt0_{index}": str(year)})

    def render(self, template, **kwargs):
        if template == self.list_template:
            typed = session.pop(TYPED, None)
            kwargs["year_form"] = YearPeriodsForm(
                year=periods.year_to_offer(holidays.local_today().year))
            kwargs["year_typed"] = typed
        return super().render(template, **kwargs)
