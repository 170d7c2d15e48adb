"""Dates of the start page (Beranda kerja): how long an item has waited, the days of a
quarter (Triwulan), and which reporting periods the operator should open or close.
Pure functions on plain dates.

Periods: a quarter is opened once it has begun (its evaluation needs an open period);
it stays open through the following quarter, when the appraisers evaluate it, and is
closed after that. A year's own period is opened in that year and closed once the
first quarter of the next year has ended (the annual evaluation is done by then).
"""
import datetime

OPEN = "open"
CLOSE = "close"


def quarter_bounds(year, quarter):
    """(first day, last day) of Triwulan ``quarter`` (1–4) of ``year``."""
    first = datetime.date(year, 3 * quarter - 2, 1)
    following = (datetime.date(year + 1, 1, 1) if quarter == 4
                 else datetime.date(year, 3 * quarter + 1, 1))
    return first, following - datetime.timedelta(days=1)


def quarter_of(day):
    """The quarter (1–4) ``day`` falls in."""
    return (day.month - 1) // 3 + 1


def days_waiting(since, today):
    """Whole days from ``since`` to ``today`` (dates); never negative."""
    return max((today - since).days, 0)


def days_left(deadline, today):
    """Whole days from ``today`` to ``deadline``: 0 on the day itself, negative once
    it has passed (-3: three days late)."""
    return (deadline - today).days


def begun_quarters(year, today):
    """The quarters of ``year`` that have begun by ``today``."""
    if today.year < year:
        return []
    if today.year > year:
        return [1, 2, 3, 4]
    return list(range(1, quarter_of(today) + 1))


def period_changes(today, periods):
    """What to do with the reporting periods, given ``periods``: (year, quarter or None,
    is_open) of the quarterly and yearly periods that exist. A list of (action, year,
    quarter or None, deadline), oldest first: ``OPEN`` a period of this year that has
    begun and is missing, ``CLOSE`` one whose time is over (see the module's rules)."""
    existing = {(year, quarter): is_open for year, quarter, is_open in periods}
    changes = []
    if (today.year, None) not in existing:
        changes.append((OPEN, today.year, None, datetime.date(today.year, 1, 1)))
    for quarter in begun_quarters(today.year, today):
        if (today.year, quarter) not in existing:
            changes.append((OPEN, today.year, quarter, quarter_bounds(today.year, quarter)[0]))
    for (year, quarter), is_open in sorted(existing.items(), key=lambda kv: (kv[0][0],
                                                                            kv[0][1] or 5)):
        if not is_open:
            continue
        if quarter is None:
            deadline = quarter_bounds(year + 1, 1)[1]
        else:
            following = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
            deadline = quarter_bounds(*following)[1]
        if deadline < today:
            changes.append((CLOSE, year, quarter, deadline))
    return changes
