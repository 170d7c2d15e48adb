"""How a year's predikat spread per unit, against the unit's pola distribusi.

Read by the distribution page and by the finalise confirmation. Two kinds of
SKP count: *final* ones, and those with the annual evaluation done whose
predikat is already computed (annual_evaluated, "akan final"), so that an
appraiser sees the spread her finalising will make before she locks it.

Who sees what: operators and administrators every unit; a penilai only her
own unit and the units of the employees whose SKP she appraises that year.
"""
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal import labels
from portal.models import Employee, Skp, Unit, UnitResult
from portal.rules import distribution, skp_workflow
from portal.rules.predikat import PREDIKATS
from portal.skp import SEE_ALL_ROLES

RULE_TEXT = {
    distribution.AT_MOST: _l("at most %(percent)s %% %(predikat)s"),
    distribution.AT_LEAST: _l("at least %(percent)s %% %(predikat)s"),
    distribution.SOME: _l("at least one employee with %(predikat)s"),
}


def scope_units(user, year):
    """The unit ids whose counts ``user`` may see for ``year``; None means every unit."""
    if user.role in SEE_ALL_ROLES:
        return None
    me = user.employee if user.employee_id else None
    if me is None or user.role != "penilai":
        return set()
    appraised = (Employee.select(Employee.unit).join(Skp, on=(Skp.employee == Employee.id))
                 .where((Skp.appraiser == me.id) & (Skp.year == year)).distinct())
    return {me.unit_id} | {unit_id for (unit_id,) in appraised.tuples()}


def added(*counts):
    """The sum of several {predikat: n} mappings."""
    total = {}
    for one in counts:
        for code, n in one.items():
            total[code] = total.get(code, 0) + n
    return total


def unit_rows(year, unit_ids=None):
    """One dict per unit (by name): ``unit``, ``capaian``, ``final``, ``pending``
    (akan final), ``after`` (final + pending), ``broken_now`` and ``broken_after``
    (the pola distribusi rules each breaks). ``unit_ids`` None: every unit with a
    count or a result; otherwise exactly those units."""
    final = Skp.predikat_counts(year, unit_ids)
    pending = Skp.predikat_counts(year, unit_ids, state=skp_workflow.ANNUAL_EVALUATED)
    results = UnitResult.select(UnitResult.unit, UnitResult.capaian).where(UnitResult.year == year)
    if unit_ids is not None:
        results = results.where(UnitResult.unit.in_(list(unit_ids)))
    results = dict(results.tuples())
    ids = set(unit_ids) if unit_ids is not None else set(final) | set(pending) | set(results)
    if not ids:
        return []
    rows = []
    for unit in Unit.select().where(Unit.id.in_(list(ids))).order_by(Unit.name):
        now, later = final.get(unit.id, {}), pending.get(unit.id, {})
        after = added(now, later)
        capaian = results.get(unit.id)
        rows.append({"unit": unit, "capaian": capaian, "final": now, "pending": later,
                     "after": after, "total": sum(now.values()),
                     "pending_total": sum(later.values()),
                     "broken_now": distribution.broken_rules(capaian, now),
                     "broken_after": distribution.broken_rules(capaian, after)})
    return rows


def appraised(user, year):
    """The SKP of ``year`` that ``user`` (a penilai) appraises, by employee name."""
    if not user.employee_id:
        return []
    return list(Skp.select(Skp, Employee).join(Employee, on=(Skp.employee == Employee.id))
                .where((Skp.appraiser == user.employee_id) & (Skp.year == year))
                .order_by(Employee.name, Skp.id))


def counts_of(skps, state):
    """{predikat: n} over those of ``skps`` in ``state`` that have a predikat."""
    return added(*({s.predikat: 1} for s in skps if s.state == state and s.predikat))


def after_finalising(skp):
    """(unit, {predikat: n}, broken rules) of ``skp``'s unit once every SKP to be final
    is locked, as the distribution page counts "after finalisation": the final ones
    plus all annual_evaluated ones of the unit, ``skp`` included."""
    unit_id = skp.employee.unit_id
    row = unit_rows(skp.year, [unit_id])[0]
    counts = row["after"]
    counted = (skp_workflow.FINAL, skp_workflow.ANNUAL_EVALUATED)
    if skp.predikat and skp.state not in counted:
        counts = added(counts, {skp.predikat: 1})
    return row["unit"], counts, distribution.broken_rules(row["capaian"], counts)


def rule_text(rule):
    """A pola distribusi rule in words: "at most 70 % Baik"."""
    names = " / ".join(str(labels.PREDIKAT[p]) for p in rule.predikats)
    return str(RULE_TEXT[rule.bound]) % {"percent": rule.percent, "predikat": names}


def broken_text(rule, counts):
    """A broken rule with what the unit has: "at least one employee with … (now 0, 0.0 %)"."""
    now = sum(counts.get(p, 0) for p in rule.predikats)
    return _("%(rule)s (now %(n)d, %(pct)s %%)", rule=rule_text(rule), n=now,
             pct=format_decimal(distribution.share(counts, rule.predikats), "0.0"))


def finalise_line(skp):
    """One sentence for the finalise confirmation: the unit's spread once ``skp`` is
    final, and the pattern it would break."""
    unit, counts, broken = after_finalising(skp)
    shown = ", ".join(f"{labels.PREDIKAT[p]} {counts[p]}" for p in PREDIKATS if counts.get(p))
    line = _("Predikat spread of %(unit)s after finalisation (the final SKP and every SKP "
             "to be final, this one included): %(counts)s.", unit=unit.name,
             counts=shown or "—")
    if broken:
        line += " " + _("Warning, this breaks the unit's pattern (pola distribusi): "
                        "%(rules)s.", rules="; ".join(broken_text(r, counts) for r in broken))
    return line
