"""The aggregate queries behind every public number: one function per dataset.

Everything is summed and counted by the database (GROUP BY), never by loading
rows into Python, so the numbers are the same on SQLite and PostgreSQL and a
million responses cost one scan.
"""
import datetime
from zoneinfo import ZoneInfo

from flask import current_app
from peewee import fn

from portal.models import Service, ServicePopulation, SurveyResponse, Unit
from portal.rules import ikm as rules

ANSWER_COLUMNS = [getattr(SurveyResponse, code.lower()) for code in rules.ELEMENT_CODES]


def year_bounds(year, timezone=None):
    """[start, end) of a calendar year in the office's zone, as naive UTC timestamps."""
    zone = ZoneInfo(timezone or current_app.config["PORTAL_TIMEZONE"])

    def utc(y):
        local = datetime.datetime(y, 1, 1, tzinfo=zone)
        return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return utc(year), utc(year + 1)


def _aggregates():
    columns = [fn.COUNT(SurveyResponse.id).alias("responses")]
    for code, column in zip(rules.ELEMENT_CODES, ANSWER_COLUMNS):
        columns.append(fn.SUM(column).alias(f"sum_{code}"))
        columns.append(fn.COUNT(column).alias(f"count_{code}"))
    return columns


def _summary(row, population):
    totals = {code: int(row.get(f"sum_{code}") or 0) for code in rules.ELEMENT_CODES}
    counts = {code: int(row.get(f"count_{code}") or 0) for code in rules.ELEMENT_CODES}
    result = rules.summarise(totals, counts)
    responses = int(row.get("responses") or 0)
    min_sample = rules.minimum_sample(population)
    result.update({
        "responses": responses,
        "population": population,
        "min_sample": min_sample,
        "meets_minimum": None if min_sample is None else responses >= min_sample,
    })
    return result


def _in_year(query, year):
    start, end = year_bounds(year)
    return query.where(SurveyResponse.submitted_at >= start, SurveyResponse.submitted_at < end)


def population_of(unit, year):
    return (ServicePopulation.select(ServicePopulation.population)
            .where(ServicePopulation.unit == unit, ServicePopulation.year == year)
            .scalar())


def ikm_for(unit, year, service=None):
    """The IKM of one unit (or one of its services) for a year.

    Returns a dict: nrr (per element, Decimal), ikm (two decimals), mutu, kinerja,
    responses, population, min_sample, meets_minimum.
    """
    query = _in_year(SurveyResponse.select(*_aggregates()).where(SurveyResponse.unit == unit), year)
    if service is not None:
        query = query.where(SurveyResponse.service == service)
    row = query.dicts().get()
    return _summary(row, population_of(unit, year))


def ikm_by_service(unit, year):
    """The IKM of each service of a unit for a year, services without answers included."""
    query = _in_year(SurveyResponse.select(SurveyResponse.service, *_aggregates())
                     .where(SurveyResponse.unit == unit), year).group_by(SurveyResponse.service)
    rows = {row["service"]: row for row in query.dicts()}
    services = Service.select().where(Service.unit == unit).order_by(Service.name)
    result = []
    for service in services:
        if service.id in rows or service.active:
            summary = _summary(rows.get(service.id, {}), None)
            summary["service"] = service
            result.append(summary)
    return result


def ikm_all(year):
    """The IKM of every active unit that has a service or responses in ``year``, by name."""
    query = _in_year(SurveyResponse.select(SurveyResponse.unit, *_aggregates()), year) \
        .group_by(SurveyResponse.unit)
    rows = {row["unit"]: row for row in query.dicts()}
    populations = dict(ServicePopulation.select(ServicePopulation.unit, ServicePopulation.population)
                       .where(ServicePopulation.year == year).tuples())
    with_services = {unit_id for (unit_id,) in Service.select(Service.unit).distinct()
                     .where(Service.active == True).tuples()}  # noqa: E712
    result = []
    for unit in Unit.public():
        if unit.id in rows or unit.id in with_services:
            summary = _summary(rows.get(unit.id, {}), populations.get(unit.id))
            summary["unit"] = unit
            result.append(summary)
    return result


def suggestions(unit, year, limit=100):
    """The latest non-empty suggestions for a unit in a year, newest first."""
    query = _in_year(SurveyResponse.select(SurveyResponse, Service).join(Service)
                     .where(SurveyResponse.unit == unit,
                            SurveyResponse.suggestion.is_null(False),
                            SurveyResponse.suggestion != ""), year)
    return list(query.order_by(SurveyResponse.submitted_at.desc()).limit(limit))


def survey_years():
    """Years (in the office's zone, roughly) that have responses, newest first, plus this one."""
    this_year = datetime.date.today().year
    years = {this_year}
    first = SurveyResponse.select(fn.MIN(SurveyResponse.submitted_at)).scalar()
    if first is not None:
        first_year = first.year if isinstance(first, datetime.datetime) else int(str(first)[:4])
        years.update(range(first_year, this_year + 1))
    return sorted(years, reverse=True)
