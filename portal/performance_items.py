"""What waits for the operator in the year's performance cycle, for the start page
(portal.work_items): periods to open or close, units without indicators or targets for
the year, and open follow-ups (tindak lanjut) of final SKP."""
import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from peewee import JOIN, Case, fn

from portal import holidays, labels
from portal.labels import FOLLOW_UP_KIND
from portal.models import Employee, FollowUp, Period, Skp, Unit, UnitIndicator
from portal.rules import follow_up, waiting
from portal.work_items import WorkItem, provides

PERIODS = _l("Periods to open or close")
INDICATORS = _l("Units without indicators or targets this year")
FOLLOW_UPS = _l("Open follow-ups")


def _period_name(year, quarter):
    return labels.period_label(Period(year=year, quarter=quarter))


@provides(PERIODS, "operator", "admin")
def periods_to_change(user):
    """This year's periods that have begun and are missing, and those whose time is over
    and are still open (portal.rules.waiting.period_changes)."""
    today = holidays.local_today()
    calendar = holidays.work_calendar()
    periods = (Period.select(Period.year, Period.quarter, Period.open)
               .where(Period.month.is_null() & (Period.year <= today.year)).tuples())
    items = []
    for action, year, quarter, day in waiting.period_changes(today, list(periods)):
        name = _period_name(year, quarter)
        if action == waiting.OPEN:
            items.append(WorkItem(_("Open the period %(name)s", name=name),
                                  url_for("period.create_view"), calendar.utc(day)))
        else:
            items.append(WorkItem(_("Close the period %(name)s", name=name),
                                  url_for("period.of_year_view", year=year),
                                  calendar.utc(day + datetime.timedelta(days=1)),
                                  deadline=day, overdue=True))
    return items


@provides(INDICATORS, "operator", "admin")
def units_without_indicators(user):
    """Active units with no indicator for this year, or with indicators without a target."""
    year = holidays.local_today().year
    rows = (Unit.select(Unit.id, Unit.name, fn.COUNT(UnitIndicator.id).alias("n"),
                        fn.SUM(Case(None, [(UnitIndicator.id.is_null(False)
                                           & UnitIndicator.target.is_null(), 1)], 0))
                        .alias("blank"))
            .join(UnitIndicator, on=((UnitIndicator.unit == Unit.id)
                                     & (UnitIndicator.year == year)), join_type=JOIN.LEFT_OUTER)
            .where(Unit.active == True)  # noqa: E712
            .group_by(Unit.id, Unit.name))
    since = holidays.work_calendar().utc(datetime.date(year, 1, 1))
    items = []
    for unit in rows:
        if not unit.n:
            items.append(WorkItem(_("%(unit)s has no indicator for %(year)d", unit=unit.name,
                                    year=year), url_for("unit_indicator.index_view"), since))
        elif unit.blank:
            items.append(WorkItem(_("%(unit)s: %(n)d indicators of %(year)d without a target",
                                    unit=unit.name, n=unit.blank, year=year),
                                  url_for("unit_indicator.index_view"), since))
    return items


@provides(FOLLOW_UPS, "operator", "admin")
def open_follow_ups(user):
    """Follow-ups of final SKP still open, oldest first."""
    rows = (FollowUp.select(FollowUp, Skp, Employee, Unit).join(Skp).join(Employee)
            .switch(FollowUp).join(Unit)
            .where(FollowUp.status == follow_up.OPEN))
    return [WorkItem(_("%(kind)s: %(skp)s", kind=FOLLOW_UP_KIND.get(row.kind, row.kind),
                       skp=str(row.skp)),
                     url_for("skp.detail", skp_id=row.skp_id), row.created_at,
                     note=row.unit.name) for row in rows]

