"""The public side of the reports as a whole: the list of public reports (never a
confidential one, never who sent one), each unit's Atom feed, and the open reports a
citizen is offered while filing because their titles look like hers.

A report belongs to the unit handling it, or before disposition to the unit the
citizen named. The tracking ID is never shown here: it stays the reporter's key to
her own status page; a public report has a read-only page by its number.
"""
import datetime
import re

from peewee import JOIN

from portal import holidays, labels
from portal.models import Complaint, Unit
from portal.rules import complaints as rules
from portal.rules import duplicates

PAGE_SIZE = 20
FEED_SIZE = 30
# the open reports read to look for look-alikes (the most recent of the unit and category)
SIMILAR_POOL = 500
MONTH_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def public():
    """Reports whose content may be shown: all but the confidential (rahasia) ones."""
    return Complaint.select().where(Complaint.confidential == False)  # noqa: E712


def of_unit(query, unit_id):
    """The reports of a unit: handled by it, or named by the citizen and not yet sent on."""
    return query.where((Complaint.assigned_unit == unit_id)
                       | (Complaint.assigned_unit.is_null() & (Complaint.unit == unit_id)))


def month_bounds(text):
    """(start, end) in naive UTC of the office's calendar month ``YYYY-MM``; None when
    ``text`` is not such a month."""
    match = MONTH_RE.match(text or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 2000 <= year <= 2100:
        return None
    calendar = holidays.work_calendar()
    first = datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return calendar.utc(first), calendar.utc(following)


def filtered(unit_id=None, category="", state="", month=""):
    """The public reports matching the list's filters (each already checked)."""
    query = public()
    if unit_id:
        query = of_unit(query, unit_id)
    if category:
        query = query.where(Complaint.category == category)
    if state:
        query = query.where(Complaint.state == state)
    bounds = month_bounds(month)
    if bounds:
        query = query.where(Complaint.created_at >= bounds[0], Complaint.created_at < bounds[1])
    return query


def page_of(query, page):
    """(rows with their units, page, pages, total), newest first."""
    total = query.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    handled = Unit.alias()
    rows = list(query.select(Complaint, Unit, handled)
                .join_from(Complaint, Unit, JOIN.LEFT_OUTER, on=(Complaint.unit == Unit.id))
                .join_from(Complaint, handled, JOIN.LEFT_OUTER,
                           on=(Complaint.assigned_unit == handled.id))
                .order_by(Complaint.created_at.desc(), Complaint.id.desc())
                .paginate(page, PAGE_SIZE))
    return [row_of(c) for c in rows], page, pages, total


def unit_name(complaint):
    unit = complaint.assigned_unit if complaint.assigned_unit_id else complaint.unit
    return unit.name if unit is not None else ""


def row_of(complaint):
    """What the public list and feed show of one report: no reporter, no tracking ID."""
    return {
        "id": complaint.id,
        "title": complaint.title,
        "category": complaint.category,
        "category_label": str(labels.COMPLAINT_CATEGORY.get(complaint.category,
                                                            complaint.category)),
        "kind_label": str(labels.COMPLAINT_KIND.get(complaint.kind, complaint.kind)),
        "state": complaint.state,
        "state_label": str(labels.COMPLAINT_STATE.get(complaint.state, complaint.state)),
        "unit": unit_name(complaint),
        "received_at": complaint.created_at,
        "updated_at": complaint.updated_at,
    }


def public_report(number):
    """A public report by its number, or None (confidential or unknown)."""
    return public().where(Complaint.id == number).first()


def feed_rows(unit):
    """The latest public reports of ``unit``, most recently changed first."""
    rows = (of_unit(public(), unit.id).order_by(Complaint.updated_at.desc(), Complaint.id.desc())
            .limit(FEED_SIZE))
    return [row_of(c) for c in rows]


def similar(title, category, unit_id=None, limit=5):
    """Open public reports of the same category (and unit, when one is chosen) whose
    titles look like ``title``: (row, shared words) pairs, best first."""
    if not duplicates.significant_words(title) or not category:
        return []
    query = public().where(Complaint.category == category,
                           Complaint.state.in_(sorted(rules.OPEN_STATES)))
    if unit_id:
        query = of_unit(query, unit_id)
    pool = list(query.order_by(Complaint.created_at.desc()).limit(SIMILAR_POOL))
    by_id = {c.id: c for c in pool}
    found = duplicates.alike(title, [(c.id, c.title) for c in pool], limit)
    return [(row_of(by_id[key]), words) for key, words in found]
