"""Complaints (pengaduan) as SP4N-LAPOR! handles them: states, who may move them,
time limits, and tracking IDs. Pure functions on plain values.

Flow: received → verified (or postponed / not_our_authority / archived) →
disposed to a unit → in_progress (tindak lanjut) → answered → closed.
"""
import base64
import datetime
import hashlib
import hmac
import secrets

from portal.rules.calendar import WorkCalendar, working_deadline, working_started_before

KINDS = ("pengaduan", "aspirasi", "permintaan_informasi")

RECEIVED = "received"
VERIFIED = "verified"
POSTPONED = "postponed"
NOT_OUR_AUTHORITY = "not_our_authority"
ARCHIVED = "archived"
DISPOSED = "disposed"
IN_PROGRESS = "in_progress"
ANSWERED = "answered"
CLOSED = "closed"
MERGED = "merged"  # digabung: a duplicate, followed through the report it was merged into

STATES = (RECEIVED, VERIFIED, POSTPONED, NOT_OUR_AUTHORITY, ARCHIVED, DISPOSED,
          IN_PROGRESS, ANSWERED, CLOSED, MERGED)
FINAL_STATES = frozenset({NOT_OUR_AUTHORITY, ARCHIVED, CLOSED, MERGED})
OPEN_STATES = frozenset(STATES) - FINAL_STATES

# Who acts: the coordinator (a petugas_pengaduan without a unit), an operator
# or administrator; the petugas_pengaduan of the unit the complaint was
# disposed to; or the system (automatic closing).
COORDINATOR = "coordinator"
UNIT_OFFICER = "unit_officer"
SYSTEM = "system"
REPORTER = "reporter"  # through her own link (tracking ID + reporter key)

# action: (from states, to state, actors)
ACTIONS = {
    "verify": ((RECEIVED, POSTPONED), VERIFIED, {COORDINATOR}),
    "postpone": ((RECEIVED,), POSTPONED, {COORDINATOR}),
    "not_our_authority": ((RECEIVED, POSTPONED), NOT_OUR_AUTHORITY, {COORDINATOR}),
    "archive": ((RECEIVED, POSTPONED), ARCHIVED, {COORDINATOR}),
    "dispose": ((VERIFIED,), DISPOSED, {COORDINATOR}),
    "follow_up": ((DISPOSED,), IN_PROGRESS, {UNIT_OFFICER}),
    "answer": ((DISPOSED, IN_PROGRESS), ANSWERED, {UNIT_OFFICER}),
    "close": ((ANSWERED,), CLOSED, {COORDINATOR, UNIT_OFFICER, SYSTEM}),
    # "belum selesai": the reporter sends the answered complaint back to the unit
    "reopen": ((ANSWERED,), IN_PROGRESS, {REPORTER}),
}


# Actions whose note is the reply the reporter reads: it must be written, and it is public.
REPLY_ACTIONS = frozenset({"answer"})


def action_kind(action):
    """What a step does to the handling, for how its button looks: "ends" (the
    complaint is closed for good), "reply" (the answer the reporter reads), "defer"
    (put aside for now) or "advance" (the next step of the flow)."""
    if ACTIONS[action][1] in FINAL_STATES:
        return "ends"
    if action in REPLY_ACTIONS:
        return "reply"
    if ACTIONS[action][1] == POSTPONED:
        return "defer"
    return "advance"


class TransitionRefused(ValueError):
    """The action is not allowed from this state or for this actor."""


def actor_kind(role, user_unit_id, complaint_unit_id):
    """Which kind of actor a user is for one complaint (None: may not act).

    ``complaint_unit_id`` is the unit the complaint is disposed to (or None).
    """
    if role in ("admin", "operator"):
        return COORDINATOR
    if role == "petugas_pengaduan":
        if user_unit_id is None:
            return COORDINATOR
        if complaint_unit_id is not None and user_unit_id == complaint_unit_id:
            return UNIT_OFFICER
    return None


def allowed_actions(state, actor):
    """The actions ``actor`` may take on a complaint in ``state``, in flow order."""
    return [name for name, (sources, _target, actors) in ACTIONS.items()
            if state in sources and actor in actors]


def transition(state, action, actor):
    """The state after ``action``; raises TransitionRefused when not allowed."""
    if action not in ACTIONS:
        raise TransitionRefused(f"unknown action {action!r}")
    sources, target, actors = ACTIONS[action]
    if state not in sources:
        raise TransitionRefused(f"{action} is not possible from {state}")
    if actor not in actors:
        raise TransitionRefused(f"{actor} may not {action}")
    return target


# -- duplicates --------------------------------------------------------------------

# A report still being handled may be merged, by the coordinator, into another report
# still being handled; an answered one waits for its reporter and is closed instead.
MERGEABLE = frozenset({RECEIVED, POSTPONED, VERIFIED, DISPOSED, IN_PROGRESS})


class MergeRefused(ValueError):
    """Why a report cannot be merged into another (``reason`` names the case)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def check_merge(actor, duplicate_state, survivor_state, same_report, survivor_merged):
    """Raise MergeRefused unless ``actor`` may merge a report in ``duplicate_state`` into
    one in ``survivor_state``. Reports of different units may be merged: a citizen often
    picks the wrong unit or none, and the coordinator handles every unit."""
    if actor != COORDINATOR:
        raise MergeRefused("not_coordinator")
    if same_report:
        raise MergeRefused("same_report")
    if duplicate_state not in MERGEABLE:
        raise MergeRefused("duplicate_not_open")
    if survivor_merged or survivor_state in FINAL_STATES:
        raise MergeRefused("survivor_not_open")


# -- who sees an anonymous reporter ---------------------------------------------------

def may_see_reporter(anonymous, is_coordinator, role, also_visible_to=()):
    """The reporter's name, e-mail and phone: of a named report, to whoever may see the
    report; of an anonymous one, to the complaint coordinator(s) alone, and to the
    roles an office lists in ``also_visible_to`` (none by default)."""
    return not anonymous or is_coordinator or role in also_visible_to


# -- time limits --------------------------------------------------------------

# (unit, amount): "working_days" skip Saturdays, Sundays, national holidays and cuti
# bersama, counted on the office's local date (rules/calendar.py); "days" are calendar days.
DEFAULT_LIMITS = {
    "verification": ("working_days", 3),   # from receipt, by the coordinator
    "follow_up": ("days", 14),             # from disposition, by the unit
    "resolution": ("days", 60),            # from receipt (Perpres 76/2013)
    "auto_close": ("days", 10),            # from the answer, without a reply
}

# The clock each limit runs on and the states in which it still runs.
LIMIT_CLOCK = {
    "verification": ("received", (RECEIVED,)),
    "follow_up": ("disposed", (DISPOSED, IN_PROGRESS)),
    "resolution": ("received", tuple(OPEN_STATES - {ANSWERED})),
    "auto_close": ("answered", (ANSWERED,)),
}


def _limit(limit, limits):
    unit, amount = (limits or DEFAULT_LIMITS)[limit]
    if unit not in ("days", "working_days"):
        raise ValueError(f"unknown unit {unit!r}")
    return unit, amount


def add_working_days(start, days, calendar=None):
    """When ``days`` working days from ``start`` (naive UTC) run out in the office's
    ``calendar`` (a ``WorkCalendar``; default WIB without holidays): the end of the
    ``days``-th working day after the local date of ``start`` (see rules/calendar.py)."""
    return working_deadline(start, days, calendar or WorkCalendar())


def started_before(limit, now, limits=None, calendar=None):
    """The receipt (or other clock start) before which ``limit`` has run out by ``now``:
    a clock started earlier is past it, exactly when ``now > deadline(limit, start)``.
    Working days are counted back on the office's local dates (``calendar``)."""
    unit, amount = _limit(limit, limits)
    if unit == "days":
        return now - datetime.timedelta(days=amount)
    return working_started_before(now, amount, calendar or WorkCalendar())


def deadline(limit, start, limits=None, calendar=None):
    """When ``limit`` (a key of DEFAULT_LIMITS) runs out for a clock started at ``start``.

    Working days: the end (23.59.59 local time) of the Nth working day after the local
    start date in the office's ``calendar``; calendar days: the same instant N days on."""
    unit, amount = _limit(limit, limits)
    if unit == "working_days":
        return add_working_days(start, amount, calendar)
    return start + datetime.timedelta(days=amount)


def uses_working_days(limits=None):
    """The limits counted in working days (they move when a holiday is entered)."""
    return [name for name, (unit, _n) in (limits or DEFAULT_LIMITS).items()
            if unit == "working_days"]


def states_with_working_day_limits(limits=None):
    """The states in which a working-day limit is running (their deadlines follow the
    holiday table)."""
    return sorted({state for name in uses_working_days(limits) if name in LIMIT_CLOCK
                   for state in LIMIT_CLOCK[name][1]})


def is_overdue(state, clocks, now, limits=None, calendar=None):
    """True when a limit still running for ``state`` has passed.

    ``clocks`` maps clock names (received, disposed, answered) to datetimes.
    """
    return bool(overdue_limits(state, clocks, now, limits, calendar))


def overdue_limits(state, clocks, now, limits=None, calendar=None):
    """The names of the limits that have passed for a complaint in ``state``."""
    late = []
    for limit, (clock, states) in LIMIT_CLOCK.items():
        if limit == "auto_close" or state not in states:
            continue
        start = clocks.get(clock)
        if start is not None and now > deadline(limit, start, limits, calendar):
            late.append(limit)
    return late


def current_deadline(state, clocks, limits=None, calendar=None):
    """The earliest limit still running in ``state`` (None when none runs)."""
    dates = []
    for limit, (clock, states) in LIMIT_CLOCK.items():
        if limit == "auto_close" or state not in states or clocks.get(clock) is None:
            continue
        dates.append(deadline(limit, clocks[clock], limits, calendar))
    return min(dates) if dates else None


def due_for_auto_close(state, answered_at, now, limits=None, calendar=None):
    return state == ANSWERED and answered_at is not None and \
        now > deadline("auto_close", answered_at, limits, calendar)


# -- the conversation with the reporter ---------------------------------------------

def reporter_key(secret, tracking_id):
    """The key in the reporter's own link (sent with the receipt and every reply): an
    HMAC of the tracking ID under the portal's secret, so the tracking ID alone (which
    may be shared or guessed from a screenshot) never lets anyone write as the reporter."""
    digest = hmac.new(str(secret).encode("utf-8"),
                      b"complaint-reporter:" + str(tracking_id).encode("utf-8"),
                      hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode("ascii")


def reporter_key_matches(secret, tracking_id, key):
    """Constant-time check of a key taken from a link."""
    return hmac.compare_digest(reporter_key(secret, tracking_id).encode("ascii"),
                               str(key or "").encode("utf-8"))


def reporter_may_add(state):
    """The reporter may add information while the complaint is handled and not answered
    (once answered she replies to the answer instead)."""
    return state in OPEN_STATES and state != ANSWERED


def reporter_may_reply(state):
    return state == ANSWERED


def reopen_deadline(answered_at, limits=None, calendar=None):
    """Until when the reporter may say "belum selesai": the auto-close window."""
    return deadline("auto_close", answered_at, limits, calendar)


def reporter_may_reopen(state, answered_at, now, limits=None, calendar=None):
    """Only an answered complaint, and only within the auto-close window after the answer."""
    return state == ANSWERED and answered_at is not None and \
        now <= reopen_deadline(answered_at, limits, calendar)


# what a reporter's message in the history is
REPORTER_INFORMATION = "information"
REPORTER_REPLY = "reply"
REPORTER_REOPENED = "reopened"


def reporter_event_kind(from_state, to_state):
    """The kind of a reporter's event from the states before and after it."""
    if from_state == ANSWERED and to_state == IN_PROGRESS:
        return REPORTER_REOPENED
    if to_state == ANSWERED:
        return REPORTER_REPLY
    return REPORTER_INFORMATION


def follow_up_start(disposed_at, reopened_at):
    """The follow-up limit runs from the disposition, and again from the last time the
    reporter sent the complaint back (the unit gets a full follow-up period for it)."""
    if reopened_at is not None and (disposed_at is None or reopened_at > disposed_at):
        return reopened_at
    return disposed_at


def step_in_working_days(state, limits=None):
    """True when a limit running in ``state`` is counted in working days (the status
    page then says that weekends and holidays are skipped)."""
    working = uses_working_days(limits)
    return any(state in LIMIT_CLOCK[name][1] for name in working if name in LIMIT_CLOCK)


def attachments_public(anonymous, confidential):
    """The reporter's photos and documents are shown to anyone holding the tracking ID
    only for a report that is neither confidential (content never public) nor anonymous
    (a photo may show who sent it); the reporter sees her own through her link."""
    return not anonymous and not confidential


# -- tracking IDs ---------------------------------------------------------------

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CHECK_ALPHABET = ALPHABET + "*~$=U"            # 37 symbols for the mod-37 check
PREFIX = "LPR"
GROUP = 4
_ALIASES = {"O": "0", "I": "1", "L": "1"}

# Today's IDs: 11 random symbols and the check, read aloud in three groups of four,
# e.g. LPR-7K3M-Q9XD-2F4C (18 characters). 55 bits, less the few values drawn again for
# a check symbol that is hard to say (see new_tracking_id): about 54.8 bits.
SYMBOLS = 11
ID_BITS = SYMBOLS * 5
# IDs given before (16 symbols and the check, LPR-7K2M-Q9XD-3HBT-N0PA-Z, 25 characters)
# stay valid: they are recognised by their length.
OLD_SYMBOLS = 16
OLD_ID_BITS = OLD_SYMBOLS * 5


class InvalidTrackingId(ValueError):
    pass


def check_symbol(value):
    return CHECK_ALPHABET[value % 37]


def encode(value, length=SYMBOLS):
    out = []
    for _i in range(length):
        out.append(ALPHABET[value & 31])
        value >>= 5
    return "".join(reversed(out))


def format_tracking_id(value, length=SYMBOLS):
    """The ID of ``value``: today's short form, or (``length=OLD_SYMBOLS``) the old one
    whose check stands alone after the last dash."""
    body = encode(value, length)
    if length == OLD_SYMBOLS:
        groups = [body[i:i + GROUP] for i in range(0, len(body), GROUP)]
        return "-".join([PREFIX, *groups, check_symbol(value)])
    body += check_symbol(value)
    return "-".join([PREFIX, *[body[i:i + GROUP] for i in range(0, len(body), GROUP)]])


SPOKEN_CHECKS = frozenset(ALPHABET)  # a letter or digit that cannot be misheard


def new_tracking_id():
    """A fresh tracking ID: 55 random bits, e.g. LPR-7K3M-Q9XD-2F4C.

    Five values in 37 would end in a check symbol (``* ~ $ = U``) that is hard to read
    out to a call centre; those are drawn again (keeping about 54.8 of the 55 bits).
    """
    while True:
        value = secrets.randbits(ID_BITS)
        if check_symbol(value) in SPOKEN_CHECKS:
            return format_tracking_id(value)


def parse_tracking_id(text):
    """Normalise a typed ID (any case, dashes or spaces missing, O→0, I/L→1, with or
    without "LPR") to its canonical form, today's or the old longer one; raises
    InvalidTrackingId when malformed or the check fails."""
    cleaned = "".join(ch for ch in str(text or "").upper() if ch.isalnum() or ch in "*~$=")
    lengths = (SYMBOLS + 1, OLD_SYMBOLS + 1)
    if len(cleaned) not in lengths and cleaned.startswith(PREFIX):
        cleaned = cleaned[len(PREFIX):]
    if len(cleaned) not in lengths:
        raise InvalidTrackingId("wrong length")
    body, check = cleaned[:-1], cleaned[-1]
    value = 0
    for ch in body:
        ch = _ALIASES.get(ch, ch)
        if ch not in ALPHABET:
            raise InvalidTrackingId(f"invalid character {ch!r}")
        value = (value << 5) | ALPHABET.index(ch)
    check = _ALIASES.get(check, check)
    if check != check_symbol(value):
        raise InvalidTrackingId("check character does not match")
    return format_tracking_id(value, len(body))


def stored_form(text):
    """A typed ID as it may have been stored before any format existed: trimmed and in
    capitals (tried as it is when it is not a valid ID of either form)."""
    return " ".join(str(text or "").split()).upper()[:32]


# -- satisfaction ------------------------------------------------------------------

SATISFACTION_SCALE = (1, 2, 3, 4)


def may_rate(state, already_rated):
    return state == CLOSED and not already_rated
