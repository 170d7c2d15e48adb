import datetime
import itertools

import pytest

from portal.rules import complaints as c

ALLOWED = {
    # (state, action, actor)
    (c.RECEIVED, "verify", c.COORDINATOR): c.VERIFIED,
    (c.POSTPONED, "verify", c.COORDINATOR): c.VERIFIED,
    (c.RECEIVED, "postpone", c.COORDINATOR): c.POSTPONED,
    (c.RECEIVED, "not_our_authority", c.COORDINATOR): c.NOT_OUR_AUTHORITY,
    (c.POSTPONED, "not_our_authority", c.COORDINATOR): c.NOT_OUR_AUTHORITY,
    (c.RECEIVED, "archive", c.COORDINATOR): c.ARCHIVED,
    (c.POSTPONED, "archive", c.COORDINATOR): c.ARCHIVED,
    (c.VERIFIED, "dispose", c.COORDINATOR): c.DISPOSED,
    (c.DISPOSED, "follow_up", c.UNIT_OFFICER): c.IN_PROGRESS,
    (c.DISPOSED, "answer", c.UNIT_OFFICER): c.ANSWERED,
    (c.IN_PROGRESS, "answer", c.UNIT_OFFICER): c.ANSWERED,
    (c.ANSWERED, "close", c.COORDINATOR): c.CLOSED,
    (c.ANSWERED, "close", c.UNIT_OFFICER): c.CLOSED,
    (c.ANSWERED, "close", c.SYSTEM): c.CLOSED,
}


def test_every_allowed_transition():
    for (state, action, actor), target in ALLOWED.items():
        assert c.transition(state, action, actor) == target
        assert action in c.allowed_actions(state, actor)


def test_every_other_combination_is_refused():
    actors = (c.COORDINATOR, c.UNIT_OFFICER, c.SYSTEM, None)
    refused = 0
    for state, action, actor in itertools.product(c.STATES, c.ACTIONS, actors):
        if (state, action, actor) in ALLOWED:
            continue
        with pytest.raises(c.TransitionRefused):
            c.transition(state, action, actor)
        assert action not in c.allowed_actions(state, actor)
        refused += 1
    assert refused == len(c.STATES) * len(c.ACTIONS) * len(actors) - len(ALLOWED)
    with pytest.raises(c.TransitionRefused):
        c.transition(c.RECEIVED, "reopen", c.COORDINATOR)


def test_final_states_allow_nothing():
    for state in c.FINAL_STATES:
        for actor in (c.COORDINATOR, c.UNIT_OFFICER, c.SYSTEM):
            assert c.allowed_actions(state, actor) == []


def test_who_is_which_actor():
    assert c.actor_kind("admin", None, None) == c.COORDINATOR
    assert c.actor_kind("operator", None, 5) == c.COORDINATOR
    assert c.actor_kind("petugas_pengaduan", None, 5) == c.COORDINATOR
    assert c.actor_kind("petugas_pengaduan", 5, 5) == c.UNIT_OFFICER
    assert c.actor_kind("petugas_pengaduan", 5, 6) is None
    assert c.actor_kind("petugas_pengaduan", 5, None) is None
    assert c.actor_kind("penilai", None, 5) is None
    assert c.actor_kind("pegawai", None, None) is None


def end_of_wib_day(year, month, day):
    """23.59.59 WIB on that date, as the naive UTC time the database keeps."""
    return datetime.datetime(year, month, day, 16, 59, 59, 999999)


def test_verification_counts_working_days_only():
    friday = datetime.datetime(2026, 11, 20, 9, 0)
    assert c.deadline("verification", friday) == end_of_wib_day(2026, 11, 25)  # Wednesday
    monday = datetime.datetime(2026, 11, 23, 9, 0)
    assert c.deadline("verification", monday) == end_of_wib_day(2026, 11, 26)
    saturday = datetime.datetime(2026, 11, 21, 9, 0)
    assert c.deadline("verification", saturday) == end_of_wib_day(2026, 11, 25)


def test_calendar_day_limits_and_configuration():
    start = datetime.datetime(2026, 1, 1)
    assert c.deadline("follow_up", start) == datetime.datetime(2026, 1, 15)
    assert c.deadline("resolution", start) == datetime.datetime(2026, 3, 2)
    assert c.deadline("auto_close", start) == datetime.datetime(2026, 1, 11)
    limits = dict(c.DEFAULT_LIMITS, follow_up=("days", 5))
    assert c.deadline("follow_up", start, limits) == datetime.datetime(2026, 1, 6)


def test_overdue():
    received = datetime.datetime(2026, 11, 23, 9, 0)  # Monday
    clocks = {"received": received}
    assert not c.is_overdue(c.RECEIVED, clocks, received + datetime.timedelta(days=3))
    assert c.overdue_limits(c.RECEIVED, clocks, received + datetime.timedelta(days=4)) == \
        ["verification"]
    # once verified the verification clock stops
    assert not c.is_overdue(c.VERIFIED, clocks, received + datetime.timedelta(days=10))
    disposed = received + datetime.timedelta(days=2)
    clocks["disposed"] = disposed
    assert not c.is_overdue(c.IN_PROGRESS, clocks, disposed + datetime.timedelta(days=14))
    assert c.overdue_limits(c.IN_PROGRESS, clocks, disposed + datetime.timedelta(days=15)) == \
        ["follow_up"]
    late = received + datetime.timedelta(days=61)
    assert "resolution" in c.overdue_limits(c.VERIFIED, clocks, late)
    assert not c.is_overdue(c.CLOSED, clocks, late)
    assert not c.is_overdue(c.ANSWERED, clocks, late)


def test_the_current_deadline_is_the_earliest_running_limit():
    received = datetime.datetime(2026, 11, 23, 9, 0)
    clocks = {"received": received}
    assert c.current_deadline(c.RECEIVED, clocks) == end_of_wib_day(2026, 11, 26)
    assert c.current_deadline(c.VERIFIED, clocks) == received + datetime.timedelta(days=60)
    clocks["disposed"] = received + datetime.timedelta(days=50)
    assert c.current_deadline(c.DISPOSED, clocks) == received + datetime.timedelta(days=60)
    clocks["disposed"] = received + datetime.timedelta(days=5)
    assert c.current_deadline(c.IN_PROGRESS, clocks) == received + datetime.timedelta(days=19)
    assert c.current_deadline(c.ANSWERED, clocks) is None
    assert c.current_deadline(c.CLOSED, clocks) is None


def test_auto_close_after_ten_days():
    answered = datetime.datetime(2026, 11, 1)
    assert not c.due_for_auto_close(c.ANSWERED, answered, answered + datetime.timedelta(days=10))
    assert c.due_for_auto_close(c.ANSWERED, answered, answered + datetime.timedelta(days=10, seconds=1))
    assert not c.due_for_auto_close(c.CLOSED, answered, answered + datetime.timedelta(days=30))


def test_tracking_ids_are_unique_readable_and_carry_at_least_64_bits():
    ids = {c.new_tracking_id() for _ in range(5000)}
    assert len(ids) == 5000
    assert c.ID_BITS >= 64
    for tid in list(ids)[:50]:
        prefix, *groups, check = tid.split("-")
        assert prefix == "LPR" and [len(g) for g in groups] == [4, 4, 4, 4] and len(check) == 1
        assert len("".join(groups)) * 5 >= 64
        assert c.parse_tracking_id(tid) == tid
    # every new ID ends in a letter or digit (about 550 of 5000 would end in * ~ $ =)
    assert {tid[-1] for tid in ids} <= set(c.ALPHABET + "U")


def test_an_id_ending_in_a_check_symbol_is_still_valid_when_typed():
    value = next(v for v in range(100) if c.check_symbol(v) == "*")
    tid = c.format_tracking_id(value)
    assert tid.endswith("-*") and c.parse_tracking_id(tid.lower()) == tid


def test_typed_ids_are_normalised():
    tid = c.format_tracking_id(0x1F_0123_4567_89AB_CDEF)
    sloppy = tid.lower().replace("-", "")
    assert c.parse_tracking_id(sloppy) == tid
    assert c.parse_tracking_id("  " + tid.replace("-", " ") + " ") == tid
    body = tid[4:]  # without the prefix
    assert c.parse_tracking_id(body) == tid
    zero_one = c.format_tracking_id(0)
    assert c.parse_tracking_id(zero_one.replace("0", "O")) == zero_one
    one = c.format_tracking_id(sum(1 << (5 * i) for i in range(16)))  # LPR-1111-...
    assert c.parse_tracking_id(one.replace("1", "I", 3).replace("1", "l")) == one


def test_every_single_character_typo_is_caught():
    tid = c.new_tracking_id()
    symbols = tid.replace("-", "")[3:]
    for position in range(len(symbols) - 1):
        for replacement in c.ALPHABET:
            if replacement == symbols[position]:
                continue
            typo = symbols[:position] + replacement + symbols[position + 1:]
            with pytest.raises(c.InvalidTrackingId):
                c.parse_tracking_id(typo)


def test_swapped_neighbours_are_caught():
    tid = c.new_tracking_id()
    symbols = tid.replace("-", "")[3:-1]
    check = tid[-1]
    for i in range(len(symbols) - 1):
        if symbols[i] == symbols[i + 1]:
            continue
        swapped = symbols[:i] + symbols[i + 1] + symbols[i] + symbols[i + 2:]
        with pytest.raises(c.InvalidTrackingId):
            c.parse_tracking_id(swapped + check)


def test_malformed_ids_are_refused():
    for text in ("", "LPR", "LPR-1234", "hello world", "LPR-UUUU-UUUU-UUUU-UUUU-0", None):
        with pytest.raises(c.InvalidTrackingId):
            c.parse_tracking_id(text)


def test_satisfaction_only_once_after_closing():
    assert c.may_rate(c.CLOSED, False)
    assert not c.may_rate(c.CLOSED, True)
    assert not c.may_rate(c.ANSWERED, False)


def test_the_receipt_before_which_a_limit_has_run_out():
    wednesday = datetime.datetime(2026, 12, 9, 10, 0)
    assert c.started_before("resolution", wednesday) == wednesday - datetime.timedelta(days=60)
    # three working days back from a Wednesday (17.00 WIB): the Friday before, from
    # 00.00 WIB; a report received then runs out at the end of this Wednesday
    friday = c.started_before("verification", wednesday)
    assert friday == datetime.datetime(2026, 12, 3, 17, 0)
    assert c.deadline("verification", friday) == end_of_wib_day(2026, 12, 9)
    assert not wednesday > c.deadline("verification", friday)
    just_before = friday - datetime.timedelta(minutes=1)  # Thursday 23.59 WIB
    assert wednesday > c.deadline("verification", just_before)
    with pytest.raises(ValueError):
        c.started_before("resolution", wednesday, {"resolution": ("hours", 3)})


def test_an_anonymous_reporter_is_seen_by_the_coordinator_and_listed_roles_alone():
    from portal.rules.complaints import may_see_reporter
    assert may_see_reporter(False, False, "operator")          # a named report
    assert may_see_reporter(True, True, "petugas_pengaduan")   # the coordinator
    for role in ("admin", "operator", "petugas_pengaduan", "penilai", "pegawai"):
        assert not may_see_reporter(True, False, role)
    assert may_see_reporter(True, False, "admin", ("admin",))
    assert not may_see_reporter(True, False, "operator", ("admin",))
