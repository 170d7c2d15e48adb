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

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _
from peewee import fn

from portal.db import db
from portal.models import SurveyResponse, SurveyTally
# adding answers to their month lives beside the models, which call it from
# SurveyResponse.save (so the model needs nothing from here)
from portal.models.survey import ANSWERS, UTC, add_to_tallies, month_of, office_zone

add = add_to_tallies

def month_bounds(year, month, zone):
    """[start, end) of a calendar month in ``zone``, as naive UTC timestamps."""
    def utc(y, m):
        local = datetime.datetime(y, m, 1, tzinfo=zone)
        return local.astimezone(UTC).replace(tzinfo=None)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return utc(year, month), utc(*following)


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
