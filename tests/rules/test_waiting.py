"""The dates of the start page: quarters, days waiting, periods to open or close."""
import datetime

from portal.rules import waiting

D = datetime.date


def test_quarter_bounds_and_days_waiting():
    assert waiting.quarter_bounds(2026, 1) == (D(2026, 1, 1), D(2026, 3, 31))
    assert waiting.quarter_bounds(2026, 4) == (D(2026, 10, 1), D(2026, 12, 31))
    assert waiting.days_waiting(D(2026, 3, 1), D(2026, 3, 8)) == 7
    assert waiting.days_waiting(D(2026, 3, 9), D(2026, 3, 8)) == 0


def test_missing_periods_of_the_year_are_to_open_as_they_begin():
    changes = waiting.period_changes(D(2026, 5, 10), [(2026, 1, True)])
    assert changes == [(waiting.OPEN, 2026, None, D(2026, 1, 1)),
                       (waiting.OPEN, 2026, 2, D(2026, 4, 1))]


def test_a_quarter_is_closed_after_the_following_quarter_and_a_year_after_its_next_q1():
    periods = [(2025, None, True), (2026, None, True), (2026, 1, True), (2026, 2, True),
               (2026, 3, False)]
    changes = waiting.period_changes(D(2026, 7, 2), periods)
    assert (waiting.CLOSE, 2025, None, D(2026, 3, 31)) in changes
    assert (waiting.CLOSE, 2026, 1, D(2026, 6, 30)) in changes
    assert not [c for c in changes if c[2] in (2, 3) and c[0] == waiting.CLOSE]
    assert (waiting.OPEN, 2026, 3, D(2026, 7, 1)) not in changes  # exists, though closed
