"""The employee's realisation of a period, as e-Kinerja works it: she enters per RHK
what was done and per numeric IKI the number reached so far this year, with bukti
dukung, keeps a draft and submits it; the appraiser returns it with a reason or
rates it (portal.skp.save_evaluation). The annual evaluation starts from the
quarters. The start page's items for both sides are registered here.

The steps and who may take them: ``portal.rules.realisation``.
"""
import datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal import audit, holidays, labels
from portal import skp as skp_service
from portal.db import db
from portal.models import (Employee, Evaluation, EvaluationResult, Iki, IkiRealisation, Period,
                           Skp)
from portal.models.base import utcnow
from portal.rules import realisation, skp_workflow
from portal.work_items import RETURNED, WorkItem, provides

# the SKP is agreed and not yet locked: the periods' realisations are entered now
OPEN_STATES = (skp_workflow.APPROVED, skp_workflow.EVALUATED, skp_workflow.ANNUAL_EVALUATED)


def state_of(evaluation):
    return evaluation.realisation_state if evaluation is not None else realisation.DRAFT


def may(user, skp, period, evaluation, action):
    """``user`` may take ``action`` (portal.rules.realisation) on ``skp``'s
    realisation of ``period`` now: the SKP agreed, the period open, the step allowed."""
    if not period.open or skp.state not in OPEN_STATES:
        return False
    rel = skp_service.relation(user, skp)
    return realisation.allowed(action, state_of(evaluation), is_owner=rel["is_owner"],
                               is_appraiser=rel["is_appraiser"])


def stored(evaluation):
    """({rhk_id: realisation text}, {iki_id: number}) kept in ``evaluation``."""
    if evaluation is None:
        return {}, {}
    return ({r.rhk_id: r.realisation for r in evaluation.results},
            {r.iki_id: r.value for r in evaluation.iki_values})


def save(skp, period, user, texts, values, submit=False):
    """Keep the employee's realisation (``texts``: {rhk_id: text}; ``values``:
    {iki_id: number or None}) and, with ``submit``, send it for assessment.
    Raises RealisationError when the step is not hers to take now."""
    rel = skp_service.relation(user, skp)
    with db.atomic():
        evaluation, _created = Evaluation.get_or_create(skp=skp, period=period)
        action = realisation.SUBMIT if submit else realisation.SAVE
        new_state = realisation.transition(action, evaluation.realisation_state,
                                           is_owner=rel["is_owner"],
                                           is_appraiser=rel["is_appraiser"])
        before = skp_service.evaluation_snapshot(evaluation)
        rhk_ids = {r.id for r in skp.rhks}
        current = {r.rhk_id: r for r in evaluation.results}
        for rhk_id, text in texts.items():
            if rhk_id not in rhk_ids:
                continue
            row = current.get(rhk_id) or EvaluationResult(evaluation=evaluation, rhk=rhk_id)
            row.realisation = text
            row.save()
        own_ikis = {i.id for i in Iki.select(Iki.id).where(Iki.rhk.in_(list(rhk_ids)))}
        IkiRealisation.delete().where(IkiRealisation.evaluation == evaluation).execute()
        rows = [{"evaluation": evaluation.id, "iki": iki_id, "value": value}
                for iki_id, value in values.items() if iki_id in own_ikis and value is not None]
        if rows:
            IkiRealisation.insert_many(rows).execute()
        if new_state != evaluation.realisation_state:
            evaluation.realisation_at = utcnow()
        evaluation.realisation_state = new_state
        evaluation.updated_at = utcnow()
        evaluation.save()
        audit.record(audit.UPDATE, evaluation, before=before,
                     after=skp_service.evaluation_snapshot(evaluation), user=user,
                     comment=_("Realisation submitted") if submit else "")
    return evaluation


def send_back(evaluation, user, reason):
    """The appraiser returns a submitted realisation with ``reason`` (RealisationError
    when not theirs to return or without a reason)."""
    rel = skp_service.relation(user, evaluation.skp)
    new_state = realisation.transition(realisation.RETURN, evaluation.realisation_state,
                                       is_owner=rel["is_owner"],
                                       is_appraiser=rel["is_appraiser"], reason=reason)
    with db.atomic():
        before = audit.snapshot(evaluation)
        evaluation.realisation_state = new_state
        evaluation.realisation_reason = reason.strip()
        evaluation.realisation_at = utcnow()
        evaluation.save()
        audit.record(audit.TRANSITION, evaluation, before=before,
                     after=audit.snapshot(evaluation), comment=reason, user=user)
    return evaluation


# --- the annual evaluation starts from the quarters ---------------------------------
def quarters(skp):
    """The SKP's quarterly evaluations that carry anything, in quarter order."""
    return list(Evaluation.select(Evaluation, Period).join(Period)
                .where((Evaluation.skp == skp) & Period.quarter.is_null(False)
                       & Period.month.is_null())
                .order_by(Period.quarter))


def quarter_basis(skp):
    """What the year starts from: dict(quarters=[evaluation, ...], texts={rhk_id:
    [(period label, text)]}, values={iki_id: latest number}, rhk={rhk_id: latest
    rating}, behaviours={value: latest rating})."""
    found = quarters(skp)
    texts, numbers, rhk, behaviours = {}, {}, {}, {}
    for evaluation in found:  # in quarter order: a later quarter overrides
        label = labels.period_label(evaluation.period)
        for result in evaluation.results:
            if result.realisation:
                texts.setdefault(result.rhk_id, []).append((label, result.realisation))
            if result.rating and evaluation.realisation_state == realisation.ASSESSED:
                rhk[result.rhk_id] = result.rating
        for row in evaluation.iki_values:
            numbers.setdefault(row.iki_id, {})[evaluation.period.quarter] = row.value
        if evaluation.realisation_state == realisation.ASSESSED:
            for row in evaluation.behaviours:
                if row.rating:
                    behaviours[row.value] = row.rating
    return {"quarters": found, "texts": texts, "rhk": rhk, "behaviours": behaviours,
            "values": {iki_id: realisation.latest(by_quarter)
                       for iki_id, by_quarter in numbers.items()}}


def annual_start(skp):
    """The employee's annual realisation before she has typed anything: per RHK the
    quarters' texts, per IKI the latest quarter's number."""
    basis = quarter_basis(skp)
    texts = {rhk_id: "\n".join(f"{label}: {text}" for label, text in entries)
             for rhk_id, entries in basis["texts"].items()}
    return texts, {k: v for k, v in basis["values"].items() if v is not None}


def unrated_quarters(skp):
    """The quarters of ``skp``'s year that BKPSDM opened and that have no rating for
    it, in order (the annual evaluation warns about them, it does not wait)."""
    rated = {e.period_id for e in quarters(skp) if e.predikat}
    return list(Period.select().where((Period.year == skp.year) & Period.quarter.is_null(False)
                                      & Period.month.is_null() & Period.id.not_in(rated or [0]))
                .order_by(Period.quarter))


def unrated_text(skp):
    """"Quarter I, II, III 2026 not yet rated." or "" when every quarter is rated."""
    missing = unrated_quarters(skp)
    if not missing:
        return ""
    return _("Quarter %(quarters)s %(year)s not yet rated.",
             quarters=", ".join("I II III IV".split()[p.quarter - 1] for p in missing),
             year=skp.year)


# --- the start page ----------------------------------------------------------------
def _as_datetime(day):
    return datetime.datetime(day.year, day.month, day.day)


@provides(_l("Realisation of the SKP"), "pegawai", "penilai")
def realisation_due(user):
    """The employee's periods whose realisation is due and not yet submitted (or was
    returned, with the reason)."""
    if not user.employee_id:
        return []
    today = holidays.local_today()
    items = []
    skps = list(Skp.select().where((Skp.employee == user.employee_id)
                                   & Skp.state.in_(OPEN_STATES)))
    for skp in skps:
        periods = (Period.select().where((Period.year == skp.year) & Period.month.is_null()
                                         & (Period.open == True)))  # noqa: E712
        kept = {e.period_id: e for e in skp.evaluations}
        for period in periods:
            start = realisation.period_start(period.year, period.quarter)
            due = realisation.period_end(period.year, period.quarter)
            evaluation = kept.get(period.id)
            state = state_of(evaluation)
            url = url_for("skp.realisation", skp_id=skp.id, period_id=period.id)
            name = labels.period_label(period)
            if state == realisation.RETURNED:
                items.append(WorkItem(_("Realisation %(period)s returned", period=name), url,
                                      evaluation.realisation_at or _as_datetime(start),
                                      deadline=due, overdue=due < today,
                                      note=evaluation.realisation_reason,
                                      attention=str(RETURNED)))
            elif state == realisation.DRAFT and start <= today:
                items.append(WorkItem(_("Realisation %(period)s not yet submitted",
                                        period=name), url, _as_datetime(start),
                                      deadline=due, overdue=due < today))
    return items


@provides(_l("Realisations waiting for assessment"), "penilai")
def realisation_to_assess(user):
    """The submitted realisations of the SKP ``user`` appraises."""
    if not user.employee_id:
        return []
    rows = (Evaluation.select(Evaluation, Skp, Employee, Period)
            .join(Skp).join(Employee, on=(Skp.employee == Employee.id))
            .switch(Evaluation).join(Period)
            .where((Skp.appraiser == user.employee_id) & (Skp.employee != user.employee_id)
                   & (Evaluation.realisation_state == realisation.SUBMITTED)
                   & Skp.state.in_(OPEN_STATES)))
    return [WorkItem(_("Realisation %(period)s of %(name)s waits for assessment",
                       period=labels.period_label(e.period), name=e.skp.employee.name),
                     url_for("skp.evaluation", skp_id=e.skp_id, period_id=e.period_id),
                     e.realisation_at or e.updated_at, note=e.skp.employee.unit.name)
            for e in rows]

