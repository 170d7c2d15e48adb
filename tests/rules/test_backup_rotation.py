"""Which backups rotation keeps (portal/rules/backup_rotation.py)."""
import datetime

import pytest

from portal.rules.backup_rotation import to_keep


def nightly(days, start=datetime.datetime(2026, 3, 31, 2, 15)):
    return [start - datetime.timedelta(days=d) for d in range(days)]


def test_the_newest_of_each_recent_day_and_week():
    moments = nightly(30) + [datetime.datetime(2026, 3, 30, 14, 0)]  # two on the 30th
    kept = to_keep(moments, daily=2, weekly=3)
    assert kept == {datetime.datetime(2026, 3, 31, 2, 15), datetime.datetime(2026, 3, 30, 14, 0),
                    datetime.datetime(2026, 3, 29, 2, 15),   # Sunday, newest of ISO week 13
                    datetime.datetime(2026, 3, 22, 2, 15)}   # Sunday, newest of ISO week 12


def test_the_newest_backup_is_kept_whatever_the_settings():
    assert to_keep(nightly(5), daily=0, weekly=0) == {datetime.datetime(2026, 3, 31, 2, 15)}
    assert to_keep([], daily=3, weekly=3) == set()


def test_gaps_count_only_days_that_have_a_backup():
    moments = [datetime.datetime(2026, 1, 1), datetime.datetime(2026, 2, 1),
               datetime.datetime(2026, 3, 1)]
    assert to_keep(moments, daily=3, weekly=0) == set(moments)


def test_negative_settings_are_refused():
    with pytest.raises(ValueError):
        to_keep(nightly(3), daily=-1, weekly=8)
