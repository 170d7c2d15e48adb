"""The survey answers summed per service and calendar month (``survey_tally``).

Why: the public IKM of a year is a sum over that year's answers (domain.md: NRR
per element = sum of answers / number of answers). Summing a million answers
took seconds; summing twelve months per service takes milliseconds, whatever
the number of answers. portal.stats reads the tallies, and the tests check them
against the raw answers.

How they stay right:

* every answer written one at a time (the public form, the back office, the
  tests) is added by ``SurveyResponse.save`` in the same transaction: both are
  written or neither;
* a bulk write (the paper-survey import) calls :func:`add` with its rows inside
  its own transaction;
* :func:`rebuild` recomputes every tally from the answers (migration 0019, the
  demo data, ``flask rebuild-survey-tally`` after changing
  ``PORTAL_TIMEZONE``, which moves the month boundaries).

Answers are never changed or deleted one by one (they are evidence), so adding
is all the upkeep there is.
"""
import datetime
from zoneinfo import ZoneInfo

import click
from flask import current_app, has_app_context
from flask.cli import with_appcontext
from flask_babel import gettext as _
from peewee import EXCLUDED, fn

from portal.db import db
from portal.models import SurveyResponse, SurveyTally
from portal.prepared import Statement, slot
from portal.rules.ikm import ELEMENT_CODES

DEFAULT_ZONE = "Asia/Jakarta"
ANSWERS = tuple(code.lower() for code in ELEMENT_CODES)
UTC = datetime.timezone.utc


def office_zone():
    if has_app_context():
        return ZoneInfo(current_app.config.get("PORTAL_TIMEZONE") or DEFAULT_ZONE)
    return ZoneInfo(DEFAULT_ZONE)


def month_of(moment, zone):
    """(year, month) in the office's zone of a naive UTC timestamp."""
    local = moment.replace(tzinfo=UTC).astimezone(zone)
    return local.year, local.month


def month_bounds(year, month, zone):
    """[start, end) of a calendar month in ``zone``, as naive UTC timestamps."""
    def utc(y, m):
        local = datetime.datetime(y, m, 1, tzinfo=zone)
        return local.astimezone(UTC).replace(tzinfo=None)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return utc(year, month), utc(*following)


def _fields(row):
    """A row's stored values: a dict as given, a model by its column data (foreign
    keys as ids, so nothing is loaded)."""
    if isinstance(row, dict):
        return {name: getattr(value, "id", value) for name, value in row.items()}
    return row.__data__


# peewee builds this statement's SQL once per process (portal.prepared); EXCLUDED is the
# row that would have been inserted, so a month's first answer inserts, later ones add
_ADD = Statement(lambda: SurveyTally.insert(
    unit=slot("unit"), service=slot("service"), year=slot("year"), month=slot("month"),
    responses=slot("responses"), **{name: slot(name) for name in ANSWERS},
).on_conflict(
    conflict_target=[SurveyTally.service, SurveyTally.unit, SurveyTally.year, SurveyTally.month],
    update={field: field + getattr(EXCLUDED, field.name)
            for field in [SurveyTally.responses, *(getattr(SurveyTally, n) for n in ANSWERS)]}))


def add(rows):
    """Add answers (SurveyResponse objects or dicts with unit, service, submitted_at and
    u1..u9) to their months' tallies. Call it in the transaction that writes them."""
    zone = office_zone()
    sums = {}
    for row in rows:
        values = _fields(row)
        key = (values["unit"], values["service"], *month_of(values["submitted_at"], zone))
        total = sums.setdefault(key, [0] * (1 + len(ANSWERS)))
        total[0] += 1
        for i, name in enumerate(ANSWERS, 1):
            total[i] += int(values[name])
    for (unit_id, service_id, year, month), total in sums.items():
        _ADD.run(unit=unit_id, service=service_id, year=year, month=month,
                 responses=total[0], **dict(zip(ANSWERS, total[1:])))


def rebuild():
    """Recompute every tally from the answers, one grouped scan per month that has any.
    Returns the number of tally rows written."""
    zone = office_zone()
    written = 0
    with db.atomic():
        SurveyTally.delete().execute()
        first, last = (SurveyResponse
                       .select(fn.MIN(SurveyResponse.submitted_at),
                               fn.MAX(SurveyResponse.submitted_at)).tuples().get())
        if first is None:
            return 0
        year, month = month_of(_as_datetime(first), zone)
        end = month_of(_as_datetime(last), zone)
        sums = [fn.SUM(getattr(SurveyResponse, name)) for name in ANSWERS]
        while (year, month) <= end:
            start, stop = month_bounds(year, month, zone)
            query = (SurveyResponse
                     .select(SurveyResponse.unit, SurveyResponse.service,
                             fn.COUNT(SurveyResponse.id), *sums)
                     .where(SurveyResponse.submitted_at >= start,
                            SurveyResponse.submitted_at < stop)
                     .group_by(SurveyResponse.unit, SurveyResponse.service))
            rows = [dict(unit=unit_id, service=service_id, year=year, month=month,
                         responses=count, **dict(zip(ANSWERS, (int(s) for s in totals))))
                    for unit_id, service_id, count, *totals in query.tuples()]
            for chunk in range(0, len(rows), 500):
                SurveyTally.insert_many(rows[chunk:chunk + 500]).execute()
            written += len(rows)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return written


def _as_datetime(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value))  # SQLite aggregates come back as text


@click.command("rebuild-survey-tally")
@with_appcontext
def rebuild_command():
    """Recompute the monthly survey tallies from the answers (after changing
    PORTAL_TIMEZONE, or to check them)."""
    click.echo(_("%(rows)d monthly tallies written.", rows=rebuild()))


def init_app(app):
    app.cli.add_command(rebuild_command)
