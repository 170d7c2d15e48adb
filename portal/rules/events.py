"""Events (seminars, workshops, training, sosialisasi): seats, the waiting list, attendance.

Pure rules on plain values; the tables and the locking live in ``portal.events``.

- A registration takes a seat while seats are left (``capacity`` minus the
  registrations holding a seat); after that it joins the waiting list.
- When someone holding a seat cancels, the first on the waiting list (the
  earliest registration) moves up.
- The day before (24 hours), everyone holding a seat is reminded by mail once.
- Attendees mark themselves present with the organiser's attendance code from
  an hour before the start until two hours after the end.
"""
import datetime
import secrets

KINDS = ("seminar", "workshop", "training", "sosialisasi")
STATUSES = ("registered", "waiting", "cancelled")
HOLDS_SEAT = "registered"
ATTENDANCE_OPENS_BEFORE = datetime.timedelta(hours=1)
ATTENDANCE_CLOSES_AFTER = datetime.timedelta(hours=2)
REMIND_BEFORE = datetime.timedelta(hours=24)
# no 0/O, 1/I/L: easy to read aloud and to type on a phone
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def seats_left(capacity, taken):
    return max(0, capacity - taken)


def status_for_new(capacity, taken):
    """A seat when one is left, else the waiting list."""
    return "registered" if taken < capacity else "waiting"


def phase(starts_at, ends_at, now):
    """``upcoming``, ``ongoing`` or ``past``."""
    if now < starts_at:
        return "upcoming"
    if now <= ends_at:
        return "ongoing"
    return "past"


def reminder_due(starts_at, now, before=REMIND_BEFORE):
    """Whether the reminder of an event starting at ``starts_at`` goes out now: within
    ``before`` of the start and not yet started (a late registration gets no reminder
    after the start)."""
    return now < starts_at <= now + before


def registration_open(published, ends_at, now):
    return bool(published) and now < ends_at


def attendance_open(starts_at, ends_at, now):
    return starts_at - ATTENDANCE_OPENS_BEFORE <= now <= ends_at + ATTENDANCE_CLOSES_AFTER


def new_attendance_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(value):
    return "".join((value or "").split()).upper().replace("-", "")


def code_matches(expected, typed):
    """Constant-time comparison; compared as UTF-8 bytes, since compare_digest refuses
    str with characters outside ASCII (anyone can type those)."""
    return bool(expected) and secrets.compare_digest(normalise_code(typed).encode("utf-8"),
                                                      normalise_code(expected).encode("utf-8"))


def new_cancel_token():
    return secrets.token_urlsafe(24)


def normalise_email(value):
    return (value or "").strip().lower()


def check_times(starts_at, ends_at):
    """None when the times make sense, else a reason code."""
    if starts_at is None or ends_at is None:
        return "missing"
    if ends_at <= starts_at:
        return "order"
    return None


def check_capacity(capacity):
    if capacity is None or capacity < 1:
        return "capacity"
    return None
