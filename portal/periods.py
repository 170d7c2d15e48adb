"""Reporting periods: a whole year's (the year, TW I–IV, twelve months) in one step."""
from portal import audit
from portal.db import db
from portal.models import Period
from portal.rules.periods import missing_periods, periods_of_year
from portal.rules.periods import year_to_offer as offer


def create_year(year):
    """Create the periods of ``year`` that do not exist yet, open, each with its audit
    entry; return (the periods created, how many were there already and left as
    they are)."""
    with db.atomic():
        existing = Period.select(Period.quarter, Period.month).where(Period.year == year).tuples()
        created = []
        for quarter, month in missing_periods(existing):
            period = Period.create(year=year, quarter=quarter, month=month, open=True)
            audit.record(audit.CREATE, period)
            created.append(period)
    return created, len(periods_of_year()) - len(created)


def year_to_offer(this_year):
    """The first year from ``this_year`` whose periods are not all there yet."""
    rows = Period.select(Period.year, Period.quarter, Period.month).where(
        Period.year >= this_year).tuples()
    return offer(this_year, rows)
