"""Seat, waiting-list, phase and attendance-code rules, with plain values."""
import datetime

from portal.rules import events as rules

T0 = datetime.datetime(2026, 9, 1, 2, 0)  # 09.00 WIB
HOUR = datetime.timedelta(hours=1)


def test_a_seat_while_seats_are_left_then_the_waiting_list():
    assert rules.status_for_new(2, 0) == "registered"
    assert rules.status_for_new(2, 1) == "registered"
    assert rules.status_for_new(2, 2) == "waiting"
    assert rules.seats_left(2, 5) == 0
    assert rules.seats_left(30, 12) == 18


def test_phase_and_registration_window():
    end = T0 + 3 * HOUR
    assert rules.phase(T0, end, T0 - HOUR) == "upcoming"
    assert rules.phase(T0, end, T0 + HOUR) == "ongoing"
    assert rules.phase(T0, end, end + HOUR) == "past"
    assert rules.registration_open(True, end, T0)
    assert not rules.registration_open(True, end, end)
    assert not rules.registration_open(False, end, T0 - HOUR)


def test_attendance_window_opens_an_hour_before_and_closes_two_hours_after():
    end = T0 + 3 * HOUR
    assert not rules.attendance_open(T0, end, T0 - 2 * HOUR)
    assert rules.attendance_open(T0, end, T0 - HOUR)
    assert rules.attendance_open(T0, end, end + 2 * HOUR)
    assert not rules.attendance_open(T0, end, end + 3 * HOUR)


def test_attendance_code_is_typed_forgivingly():
    code = rules.new_attendance_code()
    assert len(code) == rules.CODE_LENGTH and set(code) <= set(rules.CODE_ALPHABET)
    assert rules.code_matches("K7PX2M", " k7px-2m ")
    assert not rules.code_matches("K7PX2M", "K7PX2N")
    assert not rules.code_matches("", "")
    assert not rules.code_matches("K7PX2M", "K7PX2M\u00e9")  # non-ASCII: a mismatch, no error
    assert not rules.code_matches("K7PX2M", "\x80")


def test_times_and_capacity_checks():
    assert rules.check_times(T0, T0 + HOUR) is None
    assert rules.check_times(T0, T0) == "order"
    assert rules.check_times(None, T0) == "missing"
    assert rules.check_capacity(0) == "capacity"
    assert rules.check_capacity(1) is None


def test_the_reminder_goes_out_within_a_day_of_the_start_and_not_after_it():
    from portal.rules.events import reminder_due
    now = datetime.datetime(2030, 3, 1, 8, 0)
    hours = datetime.timedelta(hours=1)
    assert reminder_due(now + 23 * hours, now)
    assert reminder_due(now + 24 * hours, now)
    assert not reminder_due(now + 25 * hours, now)
    assert not reminder_due(now - hours, now)   # already started
