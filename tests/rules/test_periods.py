"""A year's periods as plain values (portal/rules/periods.py)."""
from portal.rules.periods import FIRST_YEAR, missing_periods, periods_of_year, year_bounds


def test_a_year_has_itself_four_quarters_and_twelve_months():
    periods = periods_of_year()
    assert periods[0] == (None, None)
    assert [q for q, m in periods if q] == [1, 2, 3, 4]
    assert [m for q, m in periods if m] == list(range(1, 13))
    assert len(periods) == len(set(periods)) == 17


def test_only_the_missing_periods_are_made():
    assert missing_periods([(None, None), (2, None), (None, 5)]) == \
        [(1, None), (3, None), (4, None)] + [(None, m) for m in range(1, 13) if m != 5]
    assert missing_periods(periods_of_year()) == []


def test_a_year_may_be_prepared_one_year_ahead():
    assert year_bounds(2026) == (FIRST_YEAR, 2027)
