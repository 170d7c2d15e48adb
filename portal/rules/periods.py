"""The reporting periods of a year, as plain values: the year itself, its four
quarters (Triwulan I–IV) and its twelve months, each as (quarter, month)."""

FIRST_YEAR = 2000  # the oldest year the portal reports on (open data answers from it)
YEARS_AHEAD = 1  # a year's periods may be prepared this many years in advance


def periods_of_year():
    """(quarter, month) of the 17 periods of a year: the annual one first."""
    return [(None, None)] + [(quarter, None) for quarter in range(1, 5)] + \
        [(None, month) for month in range(1, 13)]


def missing_periods(existing):
    """The periods of a year not among ``existing`` ((quarter, month) pairs), in order."""
    have = set(existing)
    return [period for period in periods_of_year() if period not in have]


def year_to_offer(this_year, existing):
    """The year the "whole year" box proposes: the first from ``this_year`` on whose
    periods are not all there (``existing``: (year, quarter, month) triples), within
    ``year_bounds``; the last allowed year when every one is complete."""
    have = {}
    for year, quarter, month in existing:
        have.setdefault(year, set()).add((quarter, month))
    last = year_bounds(this_year)[1]
    for year in range(this_year, last + 1):
        if missing_periods(have.get(year, ())):
            return year
    return last


def year_bounds(this_year):
    """(first, last) year whose periods may be created in ``this_year``."""
    return FIRST_YEAR, this_year + YEARS_AHEAD
