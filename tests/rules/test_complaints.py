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


def test_tracking_ids_are_short_readable_and_carry_at_least_50_bits():
    ids = {c.new_tracking_id() for _ in range(5000)}
    assert len(ids) == 5000
    assert c.ID_BITS >= 54  # 55, less the values drawn again for a hard-to-say check
    for tid in list(ids)[:50]:
        assert len(tid) == 18  # was 25
        prefix, *groups = tid.split("-")
        assert prefix == "LPR" and [len(g) for g in groups] == [4, 4, 4]
        assert c.parse_tracking_id(tid) == tid
    # read aloud: only Crockford's letters and digits, no I, L, O, U and no * ~ $ =
    assert set("".join(tid[4:] for tid in ids)) <= set(c.ALPHABET + "-")


def test_typed_ids_are_normalised():
    tid = c.format_tracking_id(0x7_0123_4567_89AB)
    sloppy = tid.lower().replace("-", "")
    assert c.parse_tracking_id(sloppy) == tid
    assert c.parse_tracking_id("  " + tid.replace("-", " ") + " ") == tid
    body = tid[4:]  # without the prefix
    assert c.parse_tracking_id(body) == tid
    assert c.parse_tracking_id(body.replace("-", "")) == tid
    zero_one = c.format_tracking_id(0)
    assert c.parse_tracking_id(zero_one.replace("0", "O")) == zero_one
    one = c.format_tracking_id(sum(1 << (5 * i) for i in range(11)))  # LPR-1111-...
    assert c.parse_tracking_id(one.replace("1", "I", 3).replace("1", "l")) == one


def test_old_25_character_ids_remain_valid():
    old = c.format_tracking_id(0x1F_0123_4567_89AB_CDEF, c.OLD_SYMBOLS)
    assert len(old) == 25 and old.count("-") == 5
    assert c.parse_tracking_id(old) == old
    assert c.parse_tracking_id(old.lower().replace("-", "")) == old
    assert c.parse_tracking_id(old[4:].replace("0", "o")) == old
    value = next(v for v in range(100) if c.check_symbol(v) == "*")
    ending = c.format_tracking_id(value, c.OLD_SYMBOLS)
    assert ending.endswith("-*") and c.parse_tracking_id(ending.lower()) == ending
    # kept as they were stored, whatever their form
    assert c.stored_form("  lpr-ab12-cd34-ef56-gh78-x ") == "LPR-AB12-CD34-EF56-GH78-X"


@pytest.mark.parametrize("old", [False, True])
def test_every_single_character_typo_is_caught(old):
    tid = c.format_tracking_id(0x3_A5A5_1234_5678, c.OLD_SYMBOLS) if old else c.new_tracking_id()
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
    for text in ("", "LPR", "LPR-1234", "hello world", "LPR-UUUU-UUUU-UUUU-UUUU-0",
                 "LPR-UUUU-UUUU-UUU0", None):
        with pytest.raises(c.InvalidTrackingId):
            c.parse_tracking_id(text)


def test_only_the_coordinator_merges_an_open_report_into_another_open_one():
    c.check_merge(c.COORDINATOR, c.RECEIVED, c.IN_PROGRESS, False, False)
    c.check_merge(c.COORDINATOR, c.DISPOSED, c.ANSWERED, False, False)
    for args, reason in (
            ((c.UNIT_OFFICER, c.DISPOSED, c.DISPOSED, False, False), "not_coordinator"),
            ((None, c.RECEIVED, c.RECEIVED, False, False), "not_coordinator"),
            ((c.COORDINATOR, c.RECEIVED, c.RECEIVED, True, False), "same_report"),
            ((c.COORDINATOR, c.CLOSED, c.RECEIVED, False, False), "duplicate_not_open"),
            ((c.COORDINATOR, c.ANSWERED, c.RECEIVED, False, False), "duplicate_not_open"),
            ((c.COORDINATOR, c.RECEIVED, c.ARCHIVED, False, False), "survivor_not_open"),
            ((c.COORDINATOR, c.RECEIVED, c.MERGED, False, True), "survivor_not_open")):
        with pytest.raises(c.MergeRefused) as refused:
            c.check_merge(*args)
        assert refused.value.reason == reason


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


def test_every_state_has_a_step_the_status_page_names():
    from portal.complaint_conversation import STEP
    assert set(STEP) == set(c.STATES)
