"""What waits in the SKP cycle, for the start page (portal.work_items): the employee's
own SKP and the quarters to report on, the appraiser's SKP to approve and evaluate, the
dialog kinerja messages to answer, and, for the operator, SKP stuck in one state.

Each provider reads through ``portal.skp.visible_skps``, the rule of the SKP pages, so
no item links to an SKP its user may not open.
"""
import datetime

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from peewee import JOIN, fn

from portal import holidays, labels
from portal.models import DialogMessage, Employee, Evaluation, Period, Skp, SkpEvent, Unit
from portal.models.base import utcnow
from portal.rules import realisation, skp_workflow, waiting
from portal.skp import visible_skps
from portal.work_items import RETURNED, WorkItem, provides

MY_SKP = _l("My SKP")
TO_APPROVE = _l("SKP waiting for your approval")
TO_EVALUATE = _l("Evaluations due this quarter")
DIALOG = _l("Dialog kinerja messages to answer")
STUCK = _l("SKP stuck in one state")

# SKP whose plan was approved and that are evaluated quarter by quarter
EVALUATED_STATES = (skp_workflow.APPROVED, skp_workflow.EVALUATED)
# states in which an SKP waits for somebody to move it
MOVING_STATES = (skp_workflow.DRAFT, skp_workflow.SUBMITTED, skp_workflow.RETURNED)


def _skp_url(skp_id, anchor=""):
    return url_for("skp.detail", skp_id=skp_id) + anchor


def _start_of(day):
    """A local date as the UTC moment it began in the office."""
    return holidays.work_calendar().utc(day)


@provides(MY_SKP, "pegawai", "penilai")
def my_skp(user):
    """The employee's own SKP of this year when its next step is theirs: to make it, to
    complete and submit the draft, or to fix what the appraiser returned (with the reason)."""
    if user.employee_id is None:
        return []
    year = utcnow().year
    skp = (visible_skps(user).where((Skp.employee == user.employee_id) & (Skp.year == year))
           .first())
    if skp is None:
        return [WorkItem(_("Make your SKP for %(year)d", year=year), url_for("skp.index"),
                         _start_of(datetime.date(year, 1, 1)))]
    if skp.state == skp_workflow.DRAFT:
        return [WorkItem(_("Complete your SKP %(year)d and submit it to your appraiser",
                           year=year), _skp_url(skp.id), skp.created_at)]
    if skp.state == skp_workflow.RETURNED:
        returned = (SkpEvent.select().where((SkpEvent.skp == skp)
                                            & (SkpEvent.action == skp_workflow.RETURN))
                    .order_by(SkpEvent.at.desc()).first())
        return [WorkItem(_("Your SKP %(year)d was returned: fix it and submit it again",
                           year=year), _skp_url(skp.id),
                         returned.at if returned else skp.updated_at,
                         note=_("Reason: %(reason)s", reason=returned.reason) if returned else "",
                         attention=str(RETURNED))]
    return []


def _quarters_without_evaluation(query):
    """(SKP, quarterly period) pairs of the SKP in ``query`` that are approved and whose
    open quarter of their year has begun and is not rated, nor submitted or returned."""
    today = holidays.local_today()
    begun = waiting.begun_quarters(today.year, today)
    if not begun:
        return []
    rows = (query.select(Skp, Employee, Period)
            .join(Employee, on=(Skp.employee == Employee.id))
            .switch(Skp).join(Period, on=(Period.year == Skp.year), attr="quarter")
            .join(Evaluation, JOIN.LEFT_OUTER,
                  on=((Evaluation.skp == Skp.id) & (Evaluation.period == Period.id)))
            .where(Skp.state.in_(EVALUATED_STATES) & (Skp.year == today.year)
                   & Period.quarter.in_(begun) & Period.month.is_null()
                   & (Period.open == True)  # noqa: E712
                   # not rated, and not waiting in another queue: a submitted realisation
                   # is "waiting for assessment", a returned one waits for the employee
                   & (Evaluation.id.is_null()
                      | (Evaluation.realisation_state == realisation.DRAFT))))
    return [(row, row.quarter) for row in rows]


def _quarter_item(title, url, period):
    """An item due in ``period``'s quarter: waiting since it began, due at its end."""
    first, last = waiting.quarter_bounds(period.year, period.quarter)
    return WorkItem(title, url, _start_of(first), deadline=last,
                    overdue=last < holidays.local_today())


def _appraised(user):
    """The SKP ``user`` appraises (never their own)."""
    if user.employee_id is None:
        return visible_skps(user).where(Skp.id.is_null())
    return visible_skps(user).where((Skp.appraiser == user.employee_id)
                                    & (Skp.employee != user.employee_id))


@provides(TO_APPROVE, "penilai")
def to_approve(user):
    """Subordinates' SKP submitted to ``user``, waiting since they were submitted."""
    rows = (_appraised(user).select(Skp, Employee)
            .join(Employee, on=(Skp.employee == Employee.id))
            .where(Skp.state == skp_workflow.SUBMITTED))
    return [WorkItem(_("Approve or return the SKP %(year)d of %(name)s", year=skp.year,
                       name=skp.employee.name), _skp_url(skp.id), skp.updated_at,
                     note=skp.employee.position_title) for skp in rows]


@provides(TO_EVALUATE, "penilai")
def to_evaluate(user):
    """Quarters begun and open without the evaluation of an SKP ``user`` appraises."""
    return [_quarter_item(_("Evaluate %(name)s for %(period)s", name=skp.employee.name,
                            period=labels.period_label(period)),
                          url_for("skp.evaluation", skp_id=skp.id, period_id=period.id), period)
            for skp, period in _quarters_without_evaluation(_appraised(user))]


@provides(DIALOG, "pegawai", "penilai")
def dialog_to_answer(user):
    """SKP of which ``user`` is the employee or the appraiser whose last dialog message
    came from the other one, while the SKP is not final."""
    if user.employee_id is None:
        return []
    last = (DialogMessage.select(fn.MAX(DialogMessage.id))
            .group_by(DialogMessage.skp))
    mine = visible_skps(user).where(
        ((Skp.employee == user.employee_id) | (Skp.appraiser == user.employee_id))
        & (Skp.state != skp_workflow.FINAL))
    rows = (DialogMessage.select(DialogMessage, Skp, Employee)
            .join(Skp, on=(DialogMessage.skp == Skp.id))
            .join(Employee, on=(Skp.employee == Employee.id))
            .where(DialogMessage.id.in_(last) & Skp.id.in_(mine.select(Skp.id))
                   & ((DialogMessage.author != user.id) | DialogMessage.author.is_null())))
    return [WorkItem(_("Answer the dialog kinerja on the SKP %(year)d of %(name)s",
                       year=row.skp.year, name=row.skp.employee.name)
                     if row.skp.employee_id != user.employee_id
                     else _("Answer your appraiser in the dialog kinerja on your SKP %(year)d",
                            year=row.skp.year),
                     _skp_url(row.skp_id, "#dialog"), row.created_at,
                     note=row.body[:120]) for row in rows]


@provides(STUCK, "operator", "admin")
def stuck(user):
    """Per unit and state: SKP unmoved for more than WORK_STUCK_DAYS days."""
    days = current_app.config["WORK_STUCK_DAYS"]
    cutoff = utcnow() - datetime.timedelta(days=days)
    rows = (visible_skps(user).select(Unit.id, Unit.name, Skp.state, fn.COUNT(Skp.id),
                                      fn.MIN(Skp.updated_at))
            .join(Employee, on=(Skp.employee == Employee.id))
            .join(Unit, on=(Employee.unit == Unit.id))
            .where(Skp.state.in_(MOVING_STATES) & (Skp.updated_at < cutoff))
            .group_by(Unit.id, Unit.name, Skp.state).tuples())
    return [WorkItem(_("%(unit)s: %(n)d SKP in state “%(state)s” for more than %(days)d days",
                       unit=name, n=n, state=labels.SKP_STATE[state], days=days),
                     url_for("skp.index", state=state, unit=unit_id), oldest,
                     note=_("Remind the employees and appraisers of this unit."))
            for unit_id, name, state, n, oldest in rows]
