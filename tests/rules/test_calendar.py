"""Working-day limits on the office's local date, skipping weekends, national holidays
and cuti bersama (portal/rules/calendar.py through the complaint rules)."""
import datetime

import pytest

from portal.rules import complaints as c
from portal.rules.calendar import WorkCalendar, deadline_steps

WIB, WITA, WIT = "Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"
OFFSET = {WIB: 7, WITA: 8, WIT: 9}

# SKB 3 Menteri 2026: Nyepi and Idul Fitri 1447 H with their cuti bersama, and Christmas
EID_2026 = {datetime.date(2026, 3, d) for d in (18, 19, 20, 21, 22, 23, 24)}
CHRISTMAS_2026 = {datetime.date(2026, 12, 24), datetime.date(2026, 12, 25)}


def utc(zone, *local):
    """A local time of the office in ``zone`` as the naive UTC time the database keeps."""
    return datetime.datetime(*local) - datetime.timedelta(hours=OFFSET[zone])


def end_of(zone, year, month, day):
    """The end (23.59.59.999999) of a local date, naive UTC."""
    return utc(zone, year, month, day, 23, 59, 59, 999999)


def verification(start, zone=WIB, holidays=()):
    return c.deadline("verification", start, calendar=WorkCalendar(zone, frozenset(holidays)))


def test_a_report_before_dawn_wib_counts_from_its_local_day_not_the_utc_one():
    # Wednesday 9 December 2026, 06.25 WIB is still Tuesday 23.25 in UTC
    early = utc(WIB, 2026, 12, 9, 6, 25)
    assert early.date() == datetime.date(2026, 12, 8)
    afternoon = utc(WIB, 2026, 12, 9, 15, 10)
    # Thursday, Friday, Monday: both run out at the end of Monday 14 December
    assert c.deadline("verification", early) == end_of(WIB, 2026, 12, 14)
    assert c.deadline("verification", afternoon) == end_of(WIB, 2026, 12, 14)
    assert verification(early) == verification(afternoon)


def test_a_weekend_receipt_starts_counting_on_monday():
    friday_night = utc(WIB, 2026, 12, 4, 22, 15)
    saturday_evening = utc(WIB, 2026, 12, 5, 20, 40)
    sunday_noon = utc(WIB, 2026, 12, 6, 12, 5)
    for received in (friday_night, saturday_evening, sunday_noon):
        assert verification(received) == end_of(WIB, 2026, 12, 9)  # Wednesday
    monday_morning = utc(WIB, 2026, 12, 7, 7, 50)
    assert verification(monday_morning) == end_of(WIB, 2026, 12, 10)


def test_christmas_and_its_cuti_bersama_are_skipped():
    monday = utc(WIB, 2026, 12, 21, 11, 20)
    # Tuesday 22, Wednesday 23, (cuti bersama 24, Christmas 25, weekend), Monday 28
    assert verification(monday, holidays=CHRISTMAS_2026) == end_of(WIB, 2026, 12, 28)
    assert verification(monday) == end_of(WIB, 2026, 12, 24)
    # received on the holiday itself: counting starts on the next working day
    christmas = utc(WIB, 2026, 12, 25, 10, 45)
    assert verification(christmas, holidays=CHRISTMAS_2026) == end_of(WIB, 2026, 12, 30)


def test_the_idul_fitri_run_of_holidays_and_cuti_bersama():
    tuesday = utc(WIB, 2026, 3, 17, 14, 35)
    # 18 cuti bersama, 19 Nyepi, 20 cuti bersama, 21-22 Idul Fitri, 23-24 cuti bersama:
    # the three working days are Wednesday 25 to Friday 27 March
    assert verification(tuesday, holidays=EID_2026) == end_of(WIB, 2026, 3, 27)
    assert verification(tuesday) == end_of(WIB, 2026, 3, 20)
    during = utc(WIB, 2026, 3, 23, 9, 5)
    assert verification(during, holidays=EID_2026) == end_of(WIB, 2026, 3, 27)


def test_wita_and_wit_offices_count_their_own_local_dates():
    # Friday 27 November 2026, 07.30 WITA is Thursday 23.30 UTC
    makassar = utc(WITA, 2026, 11, 27, 7, 30)
    assert makassar.date() == datetime.date(2026, 11, 26)
    assert verification(makassar, WITA) == end_of(WITA, 2026, 12, 2)   # Wednesday
    assert verification(makassar, WITA) == datetime.datetime(2026, 12, 2, 15, 59, 59, 999999)
    # Monday 30 November 2026, 08.05 WIT is Sunday 23.05 UTC
    jayapura = utc(WIT, 2026, 11, 30, 8, 5)
    assert jayapura.date() == datetime.date(2026, 11, 29)
    assert verification(jayapura, WIT) == end_of(WIT, 2026, 12, 3)     # Thursday
    assert verification(jayapura, WIT) == datetime.datetime(2026, 12, 3, 14, 59, 59, 999999)
    # the same instant in a WIB office is still Monday morning: the same Thursday, in WIB
    assert verification(jayapura, WIB) == end_of(WIB, 2026, 12, 3)


@pytest.mark.parametrize("zone", [WIB, WITA, WIT])
def test_the_sql_cutoff_agrees_with_the_deadline_of_every_receipt(zone):
    """``started_before`` (what the overdue filter compares receipts with) says "late"
    for exactly the receipts whose deadline has passed, at any time of day."""
    calendar = WorkCalendar(zone, frozenset(EID_2026))
    first = datetime.datetime(2026, 3, 5, 0, 7)
    starts = [first + datetime.timedelta(minutes=97 * i) for i in range(560)]
    nows = [datetime.datetime(2026, 3, 10, 2, 13) + datetime.timedelta(minutes=211 * i)
            for i in range(150)]
    for now in nows:
        cutoff = c.started_before("verification", now, calendar=calendar)
        for start in starts:
            late = now > c.deadline("verification", start, calendar=calendar)
            assert (start < cutoff) == late, (zone, start, now)


def test_the_overdue_list_and_current_deadline_follow_the_calendar():
    calendar = WorkCalendar(WIB, frozenset(CHRISTMAS_2026))
    clocks = {"received": utc(WIB, 2026, 12, 23, 16, 40)}   # Wednesday afternoon
    # 24 and 25 off: Monday 28, Tuesday 29, Wednesday 30 December
    assert c.current_deadline(c.RECEIVED, clocks, calendar=calendar) == \
        end_of(WIB, 2026, 12, 30)
    on_the_day = utc(WIB, 2026, 12, 30, 21, 55)
    next_morning = utc(WIB, 2026, 12, 31, 0, 1)
    assert c.overdue_limits(c.RECEIVED, clocks, on_the_day, calendar=calendar) == []
    assert c.overdue_limits(c.RECEIVED, clocks, next_morning, calendar=calendar) == \
        ["verification"]


def test_deadline_steps_group_receipt_dates_with_one_deadline():
    calendar = WorkCalendar(WIB, frozenset(CHRISTMAS_2026))
    steps = deadline_steps(datetime.date(2026, 12, 18), datetime.date(2026, 12, 28), 3,
                           calendar)
    assert steps == [
        (datetime.date(2026, 12, 18), end_of(WIB, 2026, 12, 23)),  # Fri, Sat, Sun
        (datetime.date(2026, 12, 21), end_of(WIB, 2026, 12, 28)),  # Mon
        (datetime.date(2026, 12, 22), end_of(WIB, 2026, 12, 29)),  # Tue
        (datetime.date(2026, 12, 23), end_of(WIB, 2026, 12, 30)),  # Wed to Sun (holidays)
        (datetime.date(2026, 12, 28), end_of(WIB, 2026, 12, 31)),  # Mon
    ]


def test_working_day_limits_are_the_ones_that_follow_the_table():
    assert c.uses_working_days() == ["verification"]
    assert c.states_with_working_day_limits() == [c.RECEIVED]
    limits = dict(c.DEFAULT_LIMITS, follow_up=("working_days", 10))
    assert c.states_with_working_day_limits(limits) == sorted([c.RECEIVED, c.DISPOSED,
                                                               c.IN_PROGRESS])
