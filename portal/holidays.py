"""The office's calendar of non-working days: what every working-day limit reads, the
recomputation of open complaints' deadlines when it changes, and its CSV import.

``work_calendar()`` is the office's zone (``PORTAL_TIMEZONE``) and every date of the
``NonWorkingDay`` table; complaint deadlines, the overdue filter and the public
statistics all take it. ``recompute_open_deadlines()`` is the one place that moves
the deadlines of complaints whose working-day limit is still running (after a
holiday is added, changed, deleted or imported).

The import reads a CSV (or XLSX) file with the columns ``tanggal,nama[,jenis]``
(dates as 2026-12-25 or 25/12/2026; jenis "libur nasional" or "cuti bersama",
empty = libur nasional): every row is checked first and all rows are saved in one
transaction, or none when any row has an error. A date already in the table is
updated (its name and kind), so importing the same file twice changes nothing.
"""
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal import audit
from portal.db import db
from portal.imports import ERROR, NEW, SAME, UPDATE, FileRefused, Plan, Row, read_table
from portal.models import Complaint, NonWorkingDay
from portal.models.base import utcnow
from portal.rules import calendar as rules
from portal.rules import complaints as complaint_rules
from portal.rules.spreadsheet import duplicates, header_key, text

KIND_LABELS = {rules.LIBUR_NASIONAL: _l("National holiday"),
               rules.CUTI_BERSAMA: _l("Cuti bersama")}
# header cells (compared loosely, header_key) and the column each one names
HEADERS = {"tanggal": "date", "date": "date", "nama": "name", "name": "name",
           "keterangan": "name", "jenis": "kind", "kind": "kind"}
REQUIRED = ("date", "name")
MAX_ROWS = 1000


def work_calendar():
    """The office's time zone and every non-working date in the table."""
    dates = frozenset(day for (day,) in NonWorkingDay.select(NonWorkingDay.date).tuples())
    return rules.WorkCalendar(current_app.config["PORTAL_TIMEZONE"], dates)


def local_today():
    """Today's date in the office's time zone."""
    return rules.WorkCalendar(current_app.config["PORTAL_TIMEZONE"]).local_date(utcnow())


def recompute_open_deadlines():
    """Move the deadline (``due_at``) of every complaint whose working-day limit is still
    running to what the current table gives; return how many moved."""
    limits = current_app.config["COMPLAINT_LIMITS"]
    states = complaint_rules.states_with_working_day_limits(limits)
    if not states:
        return 0
    calendar = work_calendar()
    moved = {}
    with db.atomic():
        rows = list(Complaint.select(Complaint.id, Complaint.state, Complaint.created_at,
                                     Complaint.disposed_at, Complaint.answered_at,
                                     Complaint.due_at)
                    .where(Complaint.state.in_(states)))
        for complaint in rows:
            due = complaint_rules.current_deadline(complaint.state, complaint.clocks, limits,
                                                   calendar)
            if due != complaint.due_at:
                moved.setdefault(due, []).append(complaint.id)
        for due, ids in moved.items():
            for start in range(0, len(ids), 500):
                (Complaint.update(due_at=due)
                 .where(Complaint.id.in_(ids[start:start + 500])).execute())
    return sum(len(ids) for ids in moved.values())


# --- the CSV import --------------------------------------------------------------------
def _positions(header):
    positions, unknown = {}, []
    for index, cell in enumerate(header):
        name = header_key(cell)
        if not name:
            continue
        key = HEADERS.get(name)
        if key is None:
            unknown.append(text(cell))
        elif key in positions:
            raise FileRefused(_("The column “%(name)s” appears twice.", name=text(cell)))
        else:
            positions[key] = index
    missing = [name for name in REQUIRED if name not in positions]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(_("Missing columns: %(names)s.",
                              names=", ".join({"date": "tanggal", "name": "nama"}[m]
                                              for m in missing)))
        if unknown:
            problems.append(_("Unknown columns: %(names)s.", names=", ".join(unknown)))
        problems.append(_("The first row must be: tanggal,nama,jenis (jenis may be left "
                          "out)."))
        raise FileRefused(" ".join(problems))
    return positions


def _kind(value):
    word = header_key(value).replace(" ", "")
    if not word or word in ("libur", "liburnasional", "nasional", "liburnas"):
        return rules.LIBUR_NASIONAL
    if word in ("cuti", "cutibersama", "cuber"):
        return rules.CUTI_BERSAMA
    return None


def _check(row, existing):
    raw_date = row.cells.get("date")
    day = rules.parse_day(raw_date)
    if day is None:
        row.errors.append(_("“%(value)s” is not a date; write 2026-12-25 or 25/12/2026.",
                            value=text(raw_date) or "—"))
    name = text(row.cells.get("name"))
    if not name:
        row.errors.append(_("The name of the day is empty."))
    elif len(name) > NonWorkingDay.name.max_length:
        row.errors.append(_("The name is longer than %(n)d characters.",
                            n=NonWorkingDay.name.max_length))
    kind = _kind(row.cells.get("kind"))
    if kind is None:
        row.errors.append(_("Unknown kind “%(value)s”; write “libur nasional” or "
                            "“cuti bersama”.", value=text(row.cells.get("kind"))))
    row.values = {"date": day, "name": name, "kind": kind}
    row.key = day.isoformat() if day else text(raw_date)
    row.label = day.strftime("%d/%m/%Y") if day else (text(raw_date) or "—")
    current = existing.get(day)
    row.existing = current
    if current is None:
        row.status = NEW
    elif (current.name, current.kind) == (name, kind):
        row.status = SAME
    else:
        row.status = UPDATE


def plan_import(data, filename):
    """Read and check a file of non-working days; nothing is written."""
    result = Plan("holidays")
    try:
        header, body, _comma = read_table(data, filename)
        positions = _positions(header)
        if not body:
            raise FileRefused(_("The file has a header row but no data rows."))
        if len(body) > MAX_ROWS:
            raise FileRefused(_("At most %(n)d rows per file; split the file.", n=MAX_ROWS))
    except FileRefused as exc:
        result.file_errors.append(str(exc))
        return result
    existing = {day.date: day for day in NonWorkingDay.select()}
    for line, cells in body:
        row = Row(line=line, cells={key: (cells[index] if index < len(cells) else None)
                                    for key, index in positions.items()})
        _check(row, existing)
        result.rows.append(row)
    twice = duplicates([(row.line, row.values["date"]) for row in result.rows])
    for row in result.rows:
        if row.line in twice:
            row.errors.append(_("This date is also on line %(lines)s.",
                                lines=", ".join(str(n) for n in twice[row.line])))
        if row.errors:
            row.status = ERROR
    return result


def apply_import(data, filename):
    """Check again and save every row in one transaction (the import and each row with
    their audit entries, linked); on any error nothing is saved. Open complaints' deadlines follow."""
    with db.atomic():
        result = plan_import(data, filename)
        if not result.ok:
            return result
        counts = {status: sum(1 for row in result.rows if row.status == status)
                  for status in (NEW, UPDATE)}
        entry = audit.import_entry("NonWorkingDay", filename, len(data), "holidays",
                                   created=counts[NEW], updated=counts[UPDATE],
                                   unchanged=len(result.rows) - counts[NEW] - counts[UPDATE])
        with audit.linked(entry):
            for row in result.rows:
                if row.status == NEW:
                    day = NonWorkingDay.create(**row.values)
                    audit.record(audit.CREATE, day)
                elif row.status == UPDATE:
                    day = row.existing
                    before = audit.snapshot(day)
                    day.name, day.kind = row.values["name"], row.values["kind"]
                    day.save()
                    audit.record(audit.UPDATE, day, before=before, after=audit.snapshot(day))
        recompute_open_deadlines()
    return result
