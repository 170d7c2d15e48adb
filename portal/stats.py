"""The aggregate queries behind every public number: one function per dataset.

Everything is summed, counted and ranked by the database (GROUP BY, window
functions), never by loading rows into Python, so the numbers are the same on
SQLite and PostgreSQL. The IKM is summed from the monthly tallies
(portal.survey_tally), so a million answers cost a few hundred rows; the
complaint statistics read covering indexes (migration 0019).

What is kept: a function marked ``@cached`` is answered from the shared public
cache (portal/cache.py), each number fresh for two thirds of
``PUBLIC_CACHE_SECONDS`` (20 s of the default 30 s; an expired one is served
while it is recomputed until it is 40 s old). One marked ``@live`` is computed
at every call: pure helpers, and numbers someone acts on at once.
"""
import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from peewee import JOIN, SQL, Case, Select, Value, fn

from portal import holidays
from portal.cache import cached, live
from portal.db import db, is_sqlite
from portal.models import (Award, Complaint, Employee, IndicatorRealisation, Period, Service,
                           Registration, ServicePopulation, Skp, SurveyResponse, SurveyTally,
                           Unit, UnitIndicator)
from portal.models.base import utcnow
from portal.rules import complaints as complaint_rules
from portal.rules import ikm as rules
from portal.rules import org as org_rules
from portal.rules import predikat as predikat_rules
from portal.rules import skp_workflow
from portal.rules.achievement import achievement_pct, is_cumulative, year_to_date
from portal.rules.calendar import WorkCalendar, deadline_steps

TALLY_SUMS = [getattr(SurveyTally, code.lower()) for code in rules.ELEMENT_CODES]


@live  # a pure helper
def year_bounds(year, timezone=None):
    """[start, end) of a calendar year in the office's zone, as naive UTC timestamps."""
    zone = ZoneInfo(timezone or current_app.config["PORTAL_TIMEZONE"])

    def utc(y):
        local = datetime.datetime(y, 1, 1, tzinfo=zone)
        return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return utc(year), utc(year + 1)


def _aggregates():
    """Answers and per-element sums of a year's monthly tallies (portal.survey_tally:
    every answer is counted there, in the transaction that writes it)."""
    return [fn.SUM(SurveyTally.responses).alias("responses"),
            *[fn.SUM(column).alias(f"sum_{code}")
              for code, column in zip(rules.ELEMENT_CODES, TALLY_SUMS)]]


def _summary(row, population):
    responses = int(row.get("responses") or 0)
    totals = {code: int(row.get(f"sum_{code}") or 0) for code in rules.ELEMENT_CODES}
    counts = {code: responses for code in rules.ELEMENT_CODES}  # every answer has all nine
    result = rules.summarise(totals, counts)
    min_sample = rules.minimum_sample(population)
    result.update({
        "responses": responses,
        "population": population,
        "min_sample": min_sample,
        "meets_minimum": None if min_sample is None else responses >= min_sample,
    })
    return result


def _tallies(year, *columns):
    return SurveyTally.select(*columns, *_aggregates()).where(SurveyTally.year == year)


def _in_year(query, year):
    start, end = year_bounds(year)
    return query.where(SurveyResponse.submitted_at >= start, SurveyResponse.submitted_at < end)


def _unit_populations(year):
    """The rows that count a whole unit's service users (not one service's)."""
    return (ServicePopulation.select(ServicePopulation.unit, ServicePopulation.population)
            .where(ServicePopulation.year == year, ServicePopulation.service.is_null()))


@cached
def population_of(unit, year):
    """How many people used the unit's services in the year, None if not recorded."""
    return (ServicePopulation.select(ServicePopulation.population)
            .where(ServicePopulation.unit == unit, ServicePopulation.year == year,
                   ServicePopulation.service.is_null()).scalar())


@cached
def ikm_for(unit, year, service=None):
    """The IKM of one unit (or one of its services) for a year.

    Returns a dict: nrr (per element, Decimal), ikm (two decimals), mutu, kinerja,
    responses, population, min_sample, meets_minimum.
    """
    query = _tallies(year).where(SurveyTally.unit == unit)
    if service is not None:
        query = query.where(SurveyTally.service == service)
    return _summary(query.dicts().get(), population_of(unit, year))


@cached
def ikm_by_service(unit, year):
    """The IKM of each service of a unit for a year, services without answers included."""
    query = (_tallies(year, SurveyTally.service).where(SurveyTally.unit == unit)
             .group_by(SurveyTally.service))
    rows = {row["service"]: row for row in query.dicts()}
    services = Service.select().where(Service.unit == unit).order_by(Service.name)
    populations = dict(ServicePopulation.select(ServicePopulation.service,
                                                ServicePopulation.population)
                       .where(ServicePopulation.year == year,
                              ServicePopulation.unit == unit,
                              ServicePopulation.service.is_null(False)).tuples())
    result = []
    for service in services:
        if service.id in rows or service.active:
            summary = _summary(rows.get(service.id, {}), populations.get(service.id))
            summary["service"] = service
            result.append(summary)
    return result


@cached
def ikm_all(year):
    """The IKM of every active unit that has a service or responses in ``year``, by name."""
    query = _tallies(year, SurveyTally.unit).group_by(SurveyTally.unit)
    rows = {row["unit"]: row for row in query.dicts()}
    populations = dict(_unit_populations(year).tuples())
    with_services = {unit_id for (unit_id,) in Service.select(Service.unit).distinct()
                     .where(Service.active == True).tuples()}  # noqa: E712
    result = []
    for unit in Unit.public():
        if unit.id in rows or unit.id in with_services:
            summary = _summary(rows.get(unit.id, {}), populations.get(unit.id))
            summary["unit"] = unit
            result.append(summary)
    return result


@cached
def ikm_kabupaten(year):
    """The IKM of the whole kabupaten for a year: every answer of every unit together.

    domain.md (SKM) defines the index from answers: NRR per element = sum of
    answers / number of answers, IKM = Σ NRR / 9 × 25. The kabupaten's index is
    that same formula over the kabupaten's answers — the answers are pooled, so a
    unit weighs with the number of people who answered there; it is NOT the mean
    of the units' IKM (which would let a unit with five answers count as much as
    one with five thousand). tests/test_transparency.py checks the difference.
    """
    return _summary(_tallies(year).dicts().get(), None)


@cached
def suggestions(unit, year, limit=100):
    """The latest non-empty suggestions for a unit in a year, newest first."""
    query = _in_year(SurveyResponse.select(SurveyResponse, Service).join(Service)
                     .where(SurveyResponse.unit == unit,
                            SurveyResponse.suggestion.is_null(False),
                            SurveyResponse.suggestion != ""), year)
    return list(query.order_by(SurveyResponse.submitted_at.desc()).limit(limit))


@cached
def survey_years():
    """Years (in the office's zone, roughly) that have responses, newest first, plus this one."""
    this_year = datetime.date.today().year
    years = {this_year}
    first = SurveyResponse.select(fn.MIN(SurveyResponse.submitted_at)).scalar()
    if first is not None:
        first_year = first.year if isinstance(first, datetime.datetime) else int(str(first)[:4])
        years.update(range(first_year, this_year + 1))
    return sorted(years, reverse=True)


# --- complaints (pengaduan) ---------------------------------------------------
def _days(start, end):
    """Days between two timestamp columns, as a float, on either engine."""
    if is_sqlite():
        return fn.julianday(end) - fn.julianday(start)
    return fn.date_part("epoch", end - start) / SQL("86400.0")


def _count_if(condition):
    return fn.SUM(Case(None, [(condition, 1)], 0))


def _handling_columns(limits=None, now=None, start=None, end=None):
    """The counts behind a unit's complaint handling, as SELECT columns: received,
    verified, resolved, ``overdue`` (the resolution limit has run out and it is neither
    closed nor answered, as the back office's overdue count has it) and ``within``
    (closed within the limit).

    The share within the limit is ``within / (resolved + overdue)``: a complaint still
    open past the limit can no longer be resolved in time, so it counts against the
    share now, not only once it is closed (else a unit that leaves its hard cases
    open would show 100 %). The office's limits (``COMPLAINT_LIMITS``) apply; a limit
    in working days is counted in the office's calendar (zone, holidays and cuti
    bersama, ``portal.holidays``). ``start``/``end`` bound the receipts counted."""
    if limits is None and has_app_context():
        limits = current_app.config["COMPLAINT_LIMITS"]
    limits = limits or complaint_rules.DEFAULT_LIMITS
    calendar = holidays.work_calendar() if has_app_context() else WorkCalendar()
    _clock, running = complaint_rules.LIMIT_CLOCK["resolution"]
    cutoff = complaint_rules.started_before("resolution", now or utcnow(), limits, calendar)
    closed = Complaint.state == complaint_rules.CLOSED
    return [fn.COUNT(Complaint.id).alias("received"),
            _count_if(Complaint.verified_at.is_null(False)).alias("verified"),
            _count_if(closed).alias("resolved"),
            _count_if(Complaint.state.in_(running) & (Complaint.created_at < cutoff))
            .alias("overdue"),
            _count_if(closed & _closed_in_time(limits, calendar, start, end)).alias("within"),
            # sent back by their reporter ("belum selesai") at least once after an answer
            _count_if(Complaint.reopened_at.is_null(False)).alias("reopened")]


def _closed_in_time(limits, calendar, start=None, end=None):
    """The condition "closed by the resolution deadline". In calendar days: at most that
    many days after receipt. In working days each local receipt date has its own
    deadline (rules.calendar.deadline_steps), compared in one CASE expression over
    the receipts between ``start`` and ``end`` (else the first and the last stored)."""
    unit, amount = limits["resolution"]
    if unit == "days":
        return _days(Complaint.created_at, Complaint.closed_at) <= amount
    if start is None or end is None:
        first, last = Complaint.select(fn.MIN(Complaint.created_at),
                                       fn.MAX(Complaint.created_at)).scalar(as_tuple=True)
        if first is None:
            return Value(False)
        start, end = start or first, end or last + datetime.timedelta(seconds=1)
    steps = deadline_steps(calendar.local_date(start),
                           calendar.local_date(end - datetime.timedelta(microseconds=1)),
                           amount, calendar)
    branches = [(Complaint.created_at < calendar.utc(following), due)
                for (_day, due), (following, _due) in zip(steps, steps[1:])]
    due = Case(None, branches, steps[-1][1]) if branches else Value(steps[-1][1])
    return Complaint.closed_at <= due


def _share_within(row):
    """(overdue, share within the limit or None) from a row of ``_handling_columns``."""
    overdue = int(row["overdue"] or 0)
    known = int(row["resolved"] or 0) + overdue
    return overdue, (int(row["within"] or 0) / known) if known else None


@cached
def complaints_per_unit(start=None, end=None, limits=None):
    """Per unit handling complaints (the disposed-to unit, else the unit named by the
    reporter): received, verified, resolved, median days to respond (answer) and to
    resolve (close), and the share resolved within the resolution limit.

    ``start``/``end`` bound the receipt time. Returns a list of dicts by unit name.
    """
    unit_of = fn.COALESCE(Complaint.assigned_unit, Complaint.unit)
    query = Complaint.select()
    if start is not None:
        query = query.where(Complaint.created_at >= start)
    if end is not None:
        query = query.where(Complaint.created_at < end)
    resolve_days = _days(Complaint.created_at, Complaint.closed_at)
    closed = Complaint.state == complaint_rules.CLOSED
    counts = (query.select(unit_of.alias("unit_id"), *_handling_columns(limits, start=start,
                                                                       end=end))
              .where(unit_of.is_null(False))
              .group_by(unit_of).dicts())
    respond = _medians(query.where(Complaint.answered_at.is_null(False)),
                       _days(Complaint.created_at, Complaint.answered_at), unit_of)
    resolve = _medians(query.where(closed), resolve_days, unit_of)
    names = dict(Unit.select(Unit.id, Unit.name).tuples())
    rows = []
    for row in counts:
        unit_id = row["unit_id"]
        overdue, share = _share_within(row)
        rows.append({
            "unit_id": unit_id, "unit": names.get(unit_id, ""),
            "received": int(row["received"]), "verified": int(row["verified"] or 0),
            "resolved": int(row["resolved"] or 0), "overdue": overdue,
            "reopened": int(row["reopened"] or 0),
            "median_days_to_respond": respond.get(unit_id),
            "median_days_to_resolve": resolve.get(unit_id),
            "share_within_limit": share,
        })
    return sorted(rows, key=lambda r: r["unit"])


def _medians(query, days, by=None):
    """The median of ``days`` over the rows of ``query`` (per value of ``by``, or one
    for all under the key None), in days with one decimal. The database ranks the
    values and hands back only the middle one or two of each group (their mean when
    the count is even), so a year of complaints is never read into Python."""
    partition = [by] if by is not None else []
    ranked = query.select(
        (by if by is not None else Value(None)).alias("grp"), days.alias("d"),
        fn.ROW_NUMBER().over(partition_by=partition, order_by=[days]).alias("rn"),
        fn.COUNT(SQL("*")).over(partition_by=partition).alias("n")).alias("ranked")
    middle = (Select([ranked], [ranked.c.grp, fn.AVG(ranked.c.d)])
              .where((ranked.c.rn == (ranked.c.n + 1) / 2) | (ranked.c.rn == (ranked.c.n + 2) / 2))
              .group_by(ranked.c.grp).bind(db))
    return {group: round(float(value), 1) for group, value in middle.tuples()}


@cached
def complaint_summary(year, unit=None, limits=None):
    """One unit's (or, without ``unit``, the whole kabupaten's) complaint handling in a
    year: received, verified, resolved, reopened (sent back by the reporter after an
    answer), median days to respond and to resolve, and the share resolved within the
    resolution limit (``within_time_limit_pct``, 0–100)."""
    start, end = year_bounds(year)
    unit_of = fn.COALESCE(Complaint.assigned_unit, Complaint.unit)
    query = Complaint.select().where(Complaint.created_at >= start, Complaint.created_at < end)
    if unit is not None:
        query = query.where(unit_of == unit.id)
    resolve_days = _days(Complaint.created_at, Complaint.closed_at)
    closed = Complaint.state == complaint_rules.CLOSED
    row = query.select(*_handling_columns(limits, start=start, end=end)).dicts().get()
    respond = _medians(query.where(Complaint.answered_at.is_null(False)),
                       _days(Complaint.created_at, Complaint.answered_at))
    resolve = _medians(query.where(closed), resolve_days)
    overdue, share = _share_within(row)
    return {
        "received": int(row["received"] or 0), "verified": int(row["verified"] or 0),
        "resolved": int(row["resolved"] or 0), "overdue": overdue,
        # sent back by their reporter ("belum selesai") at least once after an answer
        "reopened": int(row["reopened"] or 0),
        "median_days_to_respond": respond.get(None),
        "median_days_to_resolve": resolve.get(None),
        "within_time_limit_pct": round(share * 100, 1) if share is not None else None,
    }


# --- unit performance indicators ---------------------------------------------
def _period_order(period):
    """Sort key: the month a period ends in, quarters after the month they end with."""
    if period.month:
        return (period.year, period.month, 0)
    if period.quarter:
        return (period.year, period.quarter * 3, 1)
    return (period.year, 13, 2)


@cached
def indicators_for(unit, year, lower_formula=None):
    """A unit's public indicators for a year, by code, each a dict with the indicator's
    definition, its target, its realisation so far (the sum of the months — else the
    quarters — for a count, the latest value for a level: rules.achievement
    .is_cumulative), the achievement in percent (rules.achievement, honouring
    polarity) and the trend: each period's value, the realisation so far and its
    achievement."""
    return _indicator_results(UnitIndicator.unit == unit, year, lower_formula)


def _indicator_results(which, year, lower_formula=None):
    """indicators_for over the public indicators of ``year`` matching ``which`` (a
    condition on UnitIndicator): two queries, whatever the number of units."""
    formula = lower_formula or current_app.config["ACHIEVEMENT_LOWER_FORMULA"]
    indicators = list(UnitIndicator.select()
                      .where(which, UnitIndicator.year == year,
                             UnitIndicator.public == True)  # noqa: E712
                      .order_by(UnitIndicator.code))
    trends = {indicator.id: [] for indicator in indicators}
    if indicators:
        for real in (IndicatorRealisation.select(IndicatorRealisation, Period).join(Period)
                     .where(IndicatorRealisation.indicator.in_(
                         UnitIndicator.select(UnitIndicator.id)
                         .where(which, UnitIndicator.year == year,
                                UnitIndicator.public == True)))):  # noqa: E712
            trends[real.indicator_id].append(real)
    result = []
    for indicator in indicators:
        points = sorted(trends[indicator.id], key=lambda r: _period_order(r.period))
        if any(r.period.month for r in points):  # months when there are any, else quarters
            points = [r for r in points if r.period.month]
        cumulative = is_cumulative(indicator.aspect, indicator.measurement_unit)
        so_far = year_to_date([r.value for r in points], cumulative)
        trend = [{"period": r.period, "value": r.value, "year_to_date": total,
                  "achievement_pct": _pct(indicator.target, total, indicator.polarity, formula)}
                 for r, total in zip(points, so_far)]
        latest = trend[-1] if trend else None
        result.append({
            "indicator": indicator, "code": indicator.code, "name": indicator.name,
            "definition": indicator.definition, "aspect": indicator.aspect,
            "data_source": indicator.data_source,
            "unit_of_measure": indicator.measurement_unit, "polarity": indicator.polarity,
            "cumulative": cumulative, "target": indicator.target,
            "realisation": latest["year_to_date"] if latest else None,
            "achievement_pct": latest["achievement_pct"] if latest else None,
            "trend": trend,
        })
    return result


def _achieved_counts(results):
    """(public indicators, of them with a realisation, of them achieved: 100 % or more
    of the target so far) of indicators_for-style results."""
    reported = [r for r in results if r["achievement_pct"] is not None]
    return (len(results), len(reported),
            sum(1 for r in reported if r["achievement_pct"] >= ACHIEVED_PCT))


ACHIEVED_PCT = 100


@cached
def indicators_achieved_per_unit(year, lower_formula=None):
    """{unit_id: (public indicators, with a realisation, achieved)} for a year, each
    indicator's achievement as its unit's report card shows it (indicators_for)."""
    per_unit = {}
    for result in _indicator_results(Value(True), year, lower_formula):
        per_unit.setdefault(result["indicator"].unit_id, []).append(result)
    return {unit_id: _achieved_counts(results) for unit_id, results in per_unit.items()}


@cached
def public_indicators(year):
    """Every public indicator of every active unit for a year, by unit name and code."""
    return list(UnitIndicator.select(UnitIndicator, Unit).join(Unit)
                .where(UnitIndicator.year == year, UnitIndicator.public == True,  # noqa: E712
                       Unit.active == True)  # noqa: E712
                .order_by(Unit.name, UnitIndicator.code))


def _pct(target, value, polarity, formula):
    pct = achievement_pct(target, value, polarity, formula)
    return None if pct is None else round(pct, 1)


# --- employees' predikat, as counts only ---------------------------------------
@cached
def predikat_distribution(unit, year, min_group=None):
    """How many of a unit's employees got each FINAL predikat in a year.

    A count is published only when at least ``min_group`` (setting
    ``PUBLISH_MIN_GROUP``) employees share it; every other group, an empty one
    included, is None ("too few to publish"), so no small group — and no person —
    can be singled out. Returns {predikat: count or None} in the matrix's order.
    """
    minimum = min_group or current_app.config["PUBLISH_MIN_GROUP"]
    counts = dict(_final_skps(unit, year).select(Skp.predikat, fn.COUNT(Skp.id))
                  .group_by(Skp.predikat).tuples())
    return {code: (int(counts[code]) if counts.get(code, 0) >= minimum else None)
            for code in predikat_rules.PREDIKATS}


def _final_skps(unit, year):
    """The unit's employees' SKP of the year with a final predikat."""
    return (Skp.select().join(Employee, on=(Skp.employee == Employee.id))
            .where(Employee.unit == unit, Skp.year == year, Skp.state == skp_workflow.FINAL,
                   Skp.predikat.is_null(False)))


@cached
def has_final_appraisals(unit, year):
    """Whether any employee of the unit has a final predikat for the year (then an
    empty group is "too few to publish"; without any, there is nothing yet)."""
    return _final_skps(unit, year).exists()


@cached
def predikat_states(unit, year, min_group=None):
    """How each predikat of a unit's year is published, as the report card shows it:
    {predikat: {"state": rules.predikat.publication_state, "count": n or None}} — "belum
    dinilai" (no final SKP yet), "0", "terlalu sedikit untuk dipublikasikan" (fewer than
    ``min_group``, the count withheld; zeros too beside a withheld group) or the count."""
    minimum = min_group or current_app.config["PUBLISH_MIN_GROUP"]
    counts = {code: int(n) for code, n in _final_skps(unit, year)
              .select(Skp.predikat, fn.COUNT(Skp.id)).group_by(Skp.predikat).tuples()}
    result = {}
    for code, state in predikat_rules.publication_states(counts, minimum).items():
        shown = {predikat_rules.PUBLISHED: counts.get(code, 0), predikat_rules.ZERO: 0}.get(state)
        result[code] = {"state": state, "count": shown}
    return result


@live  # a pure helper on an ikm_for result
def answers_over_population(summary):
    """The recorded number of service users when a year's survey answers outnumber it
    (more answers than users: the population is probably wrong), else None."""
    population = summary.get("population")
    if population is not None and summary.get("responses", 0) > population:
        return population
    return None


# --- awards ---------------------------------------------------------------------
@cached
def awards_for(unit):
    """Public awards of a unit and of its employees, newest first."""
    return list(Award.select(Award, Employee)
                .join(Employee, JOIN.LEFT_OUTER, on=(Award.employee == Employee.id))
                .where(Award.public == True,  # noqa: E712
                       (Award.unit == unit) | (Employee.unit == unit))
                .order_by(Award.award_date.desc(), Award.id.desc()))


# --- events -----------------------------------------------------------------------
@live  # an event's free seats, read by someone about to register
def event_registrations(event_id):
    """An event's registrations counted per status (registered, waiting, cancelled)."""
    rows = (Registration.select(Registration.status, fn.COUNT(Registration.id).alias("n"))
            .where(Registration.event == event_id).group_by(Registration.status).tuples())
    counts = {status: 0 for status in ("registered", "waiting", "cancelled")}
    counts.update({status: n for status, n in rows})
    return counts


# --- year-to-date realisations (the back office's list, same rule as the report card) ---
@live  # the back office list, read right after an edit
def realisations_year_to_date(indicator_ids, lower_formula=None):
    """{realisation id: (realisation so far, achievement %)} for every realisation of
    these indicators: the running sum for a count, the value itself for a level
    (rules.achievement.is_cumulative / year_to_date), months and quarters each
    counted on their own, in period order — as indicators_for reports them."""
    formula = lower_formula or current_app.config["ACHIEVEMENT_LOWER_FORMULA"]
    ids = list(set(indicator_ids))
    if not ids:
        return {}
    indicators = {i.id: i for i in UnitIndicator.select().where(UnitIndicator.id.in_(ids))}
    series = {}
    for real in (IndicatorRealisation.select(IndicatorRealisation, Period).join(Period)
                 .where(IndicatorRealisation.indicator.in_(ids))):
        kind = "month" if real.period.month else "quarter"
        series.setdefault((real.indicator_id, kind), []).append(real)
    result = {}
    for (indicator_id, _kind), points in series.items():
        indicator = indicators[indicator_id]
        points.sort(key=lambda r: _period_order(r.period))
        cumulative = is_cumulative(indicator.aspect, indicator.measurement_unit)
        for real, total in zip(points, year_to_date([r.value for r in points], cumulative)):
            result[real.id] = (total, _pct(indicator.target, total, indicator.polarity,
                                           formula))
    return result


# --- reporters' satisfaction after closing (transparency) --------------------------
SATISFIED = (3, 4)  # "satisfied" and "very satisfied" on the 1–4 scale


def _satisfaction_result(responses, total, satisfied, minimum):
    """Count, average (1–4, two decimals) and share satisfied (%, one decimal) of
    ratings; fewer than ``minimum`` ratings publish the count only."""
    responses = int(responses or 0)
    published = responses >= minimum

    def half_up(numerator, places):
        value = Decimal(int(numerator or 0)) / Decimal(responses)
        return float(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
    return {
        "responses": responses,
        "average": half_up(total, 2) if published else None,
        "satisfied_pct": half_up(int(satisfied or 0) * 100, 1) if published else None,
        "published": published,
    }


@cached
def satisfaction_by_year(years, unit=None, min_group=None):
    """How satisfied reporters were after their complaint was closed, per year.

    Counts the ratings (1–4) of complaints received in each year (the same
    complaints as complaint_summary: the disposed-to unit, else the unit named
    by the reporter; without ``unit`` the whole kabupaten). The average and the
    share satisfied are published only when at least ``min_group`` (setting
    ``PUBLISH_MIN_GROUP``) reporters rated, so no single reporter's answer can be
    read off; the comments are never published. One scan for all years.
    Returns {year: {responses, average, satisfied_pct, published}}.
    """
    minimum = min_group or current_app.config["PUBLISH_MIN_GROUP"]
    rated = Complaint.satisfaction.is_null(False)
    columns = []
    for year in years:
        start, end = year_bounds(year)
        in_year = rated & (Complaint.created_at >= start) & (Complaint.created_at < end)
        columns += [_count_if(in_year).alias(f"n_{year}"),
                    fn.SUM(Case(None, [(in_year, Complaint.satisfaction)], 0)).alias(f"sum_{year}"),
                    _count_if(in_year & Complaint.satisfaction.in_(SATISFIED)).alias(f"ok_{year}")]
    if not columns:
        return {}
    query = Complaint.select(*columns).where(rated)
    if unit is not None:
        query = query.where(fn.COALESCE(Complaint.assigned_unit, Complaint.unit) == unit.id)
    row = query.dicts().get()
    return {year: _satisfaction_result(row[f"n_{year}"], row[f"sum_{year}"], row[f"ok_{year}"],
                                       minimum)
            for year in years}


@cached
def satisfaction_per_unit(year, min_group=None):
    """satisfaction_by_year for one year, for every unit at once: {unit_id: {…}}."""
    minimum = min_group or current_app.config["PUBLISH_MIN_GROUP"]
    start, end = year_bounds(year)
    unit_of = fn.COALESCE(Complaint.assigned_unit, Complaint.unit)
    rows = (Complaint.select(unit_of.alias("unit_id"), fn.COUNT(Complaint.id).alias("n"),
                             fn.SUM(Complaint.satisfaction).alias("total"),
                             _count_if(Complaint.satisfaction.in_(SATISFIED)).alias("ok"))
            .where(Complaint.satisfaction.is_null(False), unit_of.is_null(False),
                   Complaint.created_at >= start, Complaint.created_at < end)
            .group_by(unit_of).dicts())
    return {row["unit_id"]: _satisfaction_result(row["n"], row["total"], row["ok"], minimum)
            for row in rows}


# --- per-unit datasets for the open-data CSV files ----------------------------------
@cached
def complaints_per_unit_year(year, limits=None, min_group=None):
    """Complaint handling of every public unit in a year (units without complaints
    included, with zeros), with the reporters' satisfaction: a list by unit name of
    dicts with unit (the Unit), received, verified, resolved, overdue (open past the
    resolution limit), reopened (sent back by the reporter), within_time_limit_pct (0–100, ``_handling_columns``),
    median_days_to_respond, median_days_to_resolve and satisfaction."""
    start, end = year_bounds(year)
    handled = {row["unit_id"]: row for row in complaints_per_unit(start, end, limits)}
    satisfaction = satisfaction_per_unit(year, min_group)
    empty = _satisfaction_result(0, 0, 0, 1)
    result = []
    for unit in Unit.public():
        row = handled.get(unit.id, {})
        share = row.get("share_within_limit")
        result.append({
            "unit": unit, "received": row.get("received", 0), "verified": row.get("verified", 0),
            "resolved": row.get("resolved", 0), "overdue": row.get("overdue", 0),
            "reopened": row.get("reopened", 0),
            "within_time_limit_pct": None if share is None else round(share * 100, 1),
            "median_days_to_respond": row.get("median_days_to_respond"),
            "median_days_to_resolve": row.get("median_days_to_resolve"),
            "satisfaction": satisfaction.get(unit.id, empty),
        })
    return result


@cached
def predikat_per_unit(year, min_group=None):
    """predikat_distribution for every unit at once: {unit_id: {predikat: count or None}}
    (units without a final SKP are absent: every group of theirs is too small)."""
    minimum = min_group or current_app.config["PUBLISH_MIN_GROUP"]
    counts = {}
    for unit_id, code, n in (Skp.select(Employee.unit, Skp.predikat, fn.COUNT(Skp.id))
                             .join(Employee, on=(Skp.employee == Employee.id))
                             .where(Skp.year == year, Skp.state == skp_workflow.FINAL,
                                    Skp.predikat.is_null(False))
                             .group_by(Employee.unit, Skp.predikat).tuples()):
        counts.setdefault(unit_id, {})[code] = int(n)
    return {unit_id: {code: (found[code] if found.get(code, 0) >= minimum else None)
                      for code in predikat_rules.PREDIKATS}
            for unit_id, found in counts.items()}


@cached
def indicator_counts_per_unit(year):
    """{unit_id: (public indicators, of them with at least one realisation)} for a year."""
    reported = (IndicatorRealisation.select(IndicatorRealisation.indicator).distinct())
    rows = (UnitIndicator.select(UnitIndicator.unit, fn.COUNT(UnitIndicator.id),
                                 _count_if(UnitIndicator.id.in_(reported)))
            .where(UnitIndicator.year == year, UnitIndicator.public == True)  # noqa: E712
            .group_by(UnitIndicator.unit).tuples())
    return {unit_id: (int(n), int(with_value or 0)) for unit_id, n, with_value in rows}


@cached
def report_summary(year, limits=None, min_group=None):
    """One line per public unit summarising its report card for a year: the unit's
    IKM (with responses and the minimum sample), its public indicators, complaint
    handling, reporters' satisfaction and predikat counts — every unit in a few
    grouped queries, the same numbers as the report card. A list by unit name."""
    ikm = {row["unit"].id: row for row in ikm_all(year)}
    populations = dict(_unit_populations(year).tuples())
    indicators = indicator_counts_per_unit(year)
    predikat = predikat_per_unit(year, min_group)
    empty_predikat = {code: None for code in predikat_rules.PREDIKATS}
    result = []
    for row in complaints_per_unit_year(year, limits, min_group):
        unit = row["unit"]
        n_indicators, n_reported = indicators.get(unit.id, (0, 0))
        result.append({
            "unit": unit,
            "ikm": ikm.get(unit.id) or _summary({}, populations.get(unit.id)),
            "indicators": n_indicators, "indicators_reported": n_reported,
            "complaints": {k: v for k, v in row.items() if k not in ("unit", "satisfaction")},
            "satisfaction": row["satisfaction"],
            "predikat": predikat.get(unit.id, empty_predikat),
        })
    return result


@cached
def open_data_coverage():
    """Which years and periods the open data holds numbers for, from the rows themselves:
    {"ikm": {year: [months with survey answers]}, "complaints": [years with complaints
    received], "indicators": {year: [(quarter, month) of the periods with a realisation of
    a public indicator]}, "predikat": [years with a final predikat]}; years ascending."""
    ikm = {}
    for year, month in (SurveyTally.select(SurveyTally.year, SurveyTally.month)
                        .where(SurveyTally.responses > 0).distinct()
                        .order_by(SurveyTally.year, SurveyTally.month).tuples()):
        ikm.setdefault(int(year), []).append(int(month))
    indicators = {}
    for year, quarter, month in (Period.select(Period.year, Period.quarter, Period.month)
                                 .join(IndicatorRealisation)
                                 .join(UnitIndicator)
                                 .where(UnitIndicator.public == True)  # noqa: E712
                                 .distinct().tuples()):
        indicators.setdefault(int(year), []).append((quarter, month))
    for year in indicators:
        indicators[year].sort(key=lambda p: (p[1], 0) if p[1] else (p[0] * 3, 1) if p[0]
                              else (13, 2))
    predikat = sorted(int(y) for (y,) in Skp.select(Skp.year).distinct()
                      .where(Skp.state == skp_workflow.FINAL, Skp.predikat.is_null(False))
                      .tuples())
    return {"ikm": ikm, "complaints": _complaint_years(), "indicators": dict(sorted(
        indicators.items())), "predikat": predikat}


def _complaint_years():
    """Years (office time) in which at least one complaint was received."""
    first, last = Complaint.select(fn.MIN(Complaint.created_at),
                                   fn.MAX(Complaint.created_at)).tuples().get()
    if first is None:
        return []

    def year_of(value):
        return value.year if isinstance(value, datetime.datetime) else int(str(value)[:4])
    years = []
    for year in range(year_of(first) - 1, year_of(last) + 2):
        start, end = year_bounds(year)
        if Complaint.select().where(Complaint.created_at >= start,
                                    Complaint.created_at < end).exists():
            years.append(year)
    return years

# --- the public comparison of units ---------------------------------------------
@cached
def compare_units(year, limits=None, min_group=None):
    """Every public unit's line on the comparison page for a year (report_summary's
    numbers, the same as each report card) with its kind for the filter
    (rules.org.compare_kind), its indicators achieved and whether it has any final
    appraisal (else its predikat counts are "no data", not "too few to publish").
    A list by unit name."""
    achieved = indicators_achieved_per_unit(year)
    appraised = predikat_per_unit(year, min_group)
    result = []
    for row in report_summary(year, limits, min_group):
        unit = row["unit"]
        n_indicators, n_reported, n_achieved = achieved.get(unit.id, (0, 0, 0))
        result.append({**row, "kind": org_rules.compare_kind(unit.kind, unit.facility),
                       "indicators": n_indicators, "indicators_reported": n_reported,
                       "indicators_achieved": n_achieved,
                       "predikat_appraised": unit.id in appraised})
    return result


@cached
def unit_trend(unit, year, years_back=5, limits=None):
    """A unit's last ``years_back`` years up to ``year``, oldest first: per year the
    IKM summary (ikm_for), the complaint handling (complaint_summary) and the
    public indicators with a realisation and achieved — the report card's numbers."""
    result = []
    for each in range(year - years_back + 1, year + 1):
        n_indicators, n_reported, n_achieved = _achieved_counts(indicators_for(unit, each))
        result.append({"year": each, "ikm": ikm_for(unit, each),
                       "complaints": complaint_summary(each, unit, limits),
                       "indicators": n_indicators, "indicators_reported": n_reported,
                       "indicators_achieved": n_achieved})
    return result
