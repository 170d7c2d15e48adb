"""Working days in the office's own calendar: pure functions on plain values.

Saturdays, Sundays, national holidays (libur nasional) and cuti bersama are not
working days. Days are the office's *local* dates (WIB ``Asia/Jakarta``, WITA
``Asia/Makassar`` or WIT ``Asia/Jayapura``): a report sent at 06.25 WIB on a
Wednesday was received on Wednesday, though it is still Tuesday in UTC.

What "N working days from receipt" means here, as SP4N-LAPOR! counts a limit
"sejak laporan diterima": the day of receipt is day zero, and the limit runs to
the **end of the Nth working day after the local receipt date** (23.59.59 local
time). A report received on a Saturday, a Sunday or a holiday therefore starts
counting on the next working day: received Friday 15.10 or Saturday 08.40, three
working days run out at the end of Wednesday (without holidays). Every receipt
on the same local day gets the same deadline, whatever its time.

Timestamps go in and come out as naive UTC datetimes, as the database stores them.
"""
import datetime
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

DEFAULT_ZONE = "Asia/Jakarta"
LIBUR_NASIONAL = "libur_nasional"
CUTI_BERSAMA = "cuti_bersama"
KINDS = (LIBUR_NASIONAL, CUTI_BERSAMA)
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    """The office's time zone (an IANA name) and its non-working dates besides weekends."""

    zone: str = DEFAULT_ZONE
    holidays: frozenset = field(default_factory=frozenset)

    def __post_init__(self):
        object.__setattr__(self, "holidays", frozenset(self.holidays))

    @property
    def tzinfo(self):
        return ZoneInfo(self.zone)

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in self.holidays

    def local_date(self, moment):
        """The office's date at ``moment`` (naive UTC)."""
        return (moment.replace(tzinfo=datetime.timezone.utc)
                .astimezone(self.tzinfo).date())

    def utc(self, day, time=datetime.time.min):
        """``time`` on local date ``day`` as a naive UTC datetime."""
        local = datetime.datetime.combine(day, time, tzinfo=self.tzinfo)
        return local.astimezone(datetime.timezone.utc).replace(tzinfo=None)

    def end_of(self, day):
        """The last instant of local date ``day`` (23.59.59.999999), naive UTC."""
        return self.utc(day, datetime.time.max)


def nth_working_day_after(day, days, calendar):
    """The ``days``-th working day after local date ``day`` (``day`` itself not counted;
    ``days`` = 0 gives ``day``)."""
    current, counted = day, 0
    while counted < days:
        current += ONE_DAY
        if calendar.is_working_day(current):
            counted += 1
    return current


def working_deadline(start, days, calendar):
    """When ``days`` working days from ``start`` (naive UTC) run out: the end of the
    ``days``-th working day after the local receipt date, naive UTC."""
    return calendar.end_of(nth_working_day_after(calendar.local_date(start), days, calendar))


def working_started_before(now, days, calendar):
    """The earliest start (naive UTC) whose ``days`` working days have not run out by
    ``now``: a clock started before it is past its limit (``now`` >
    ``working_deadline(start)`` exactly when ``start`` < this).

    It is the local midnight that opens the ``days``-th working day counted back
    from the day before today: a start on that day has its limit end today at the
    earliest; a start on any earlier day had it end yesterday at the latest."""
    current, counted = calendar.local_date(now), 0
    while counted < days:
        current -= ONE_DAY
        if calendar.is_working_day(current):
            counted += 1
    return calendar.utc(current)


def deadline_steps(first, last, days, calendar):
    """The working-day deadline of every local receipt date from ``first`` to ``last``,
    merged into runs: [(first local date of the run, deadline naive UTC)], in order.
    Lets a database compare each row with its own deadline in one CASE expression."""
    steps, day = [], first
    while day <= last:
        due = working_deadline(calendar.utc(day), days, calendar)
        if not steps or steps[-1][1] != due:
            steps.append((day, due))
        day += ONE_DAY
    return steps


_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_day(value):
    """A date as a holiday list writes it: 2026-12-25 or 25/12/2026 (also 25-12-2026 and
    25.12.2026), or a date a spreadsheet cell already holds; None when it is not one."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    cell = str(value or "").strip()
    match = _ISO.fullmatch(cell)
    if match:
        year, month, day = match.groups()
    else:
        match = _DMY.fullmatch(cell)
        if not match:
            return None
        day, month, year = match.groups()
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
