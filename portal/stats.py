"""Public numbers, one function per dataset, aggregated in SQL."""
import statistics

from peewee import SQL, Case, fn

from portal.db import is_sqlite
from portal.models import Complaint, Unit
from portal.rules import complaints as rules


def _days(start, end):
    """Days between two timestamp columns, as a float, on either engine."""
    if is_sqlite():
        return fn.julianday(end) - fn.julianday(start)
    return fn.date_part("epoch", end - start) / SQL("86400.0")


def _count_if(condition):
    return fn.SUM(Case(None, [(condition, 1)], 0))


def complaints_per_unit(start=None, end=None, limits=None):
    """Per unit handling complaints (the disposed-to unit, else the unit named by the
    reporter): received, verified, resolved, median days to respond (answer) and to
    resolve (close), and the share resolved within the resolution limit.

    ``start``/``end`` bound the receipt time. Returns a list of dicts by unit name.
    """
    unit_of = fn.COALESCE(Complaint.assigned_unit, Complaint.unit)
    query = Complaint.select()
    if start is not None:
        query = query.where(Complaint.created_at >= start)
    if end is not None:
        query = query.where(Complaint.created_at < end)
    unit_, amount = (limits or rules.DEFAULT_LIMITS)["resolution"]
    resolve_days = _days(Complaint.created_at, Complaint.closed_at)
    closed = Complaint.state == rules.CLOSED
    counts = (query.select(unit_of.alias("unit_id"),
                           fn.COUNT(Complaint.id).alias("received"),
                           _count_if(Complaint.verified_at.is_null(False)).alias("verified"),
                           _count_if(closed).alias("resolved"),
                           _count_if(closed & (resolve_days <= amount)).alias("within"))
              .where(unit_of.is_null(False))
              .group_by(unit_of).dicts())
    respond = {}
    for unit_id, days in (query.select(unit_of, _days(Complaint.created_at, Complaint.answered_at))
                          .where(unit_of.is_null(False), Complaint.answered_at.is_null(False))
                          .tuples()):
        respond.setdefault(unit_id, []).append(days)
    resolve = {}
    for unit_id, days in (query.select(unit_of, resolve_days)
                          .where(unit_of.is_null(False), closed).tuples()):
        resolve.setdefault(unit_id, []).append(days)
    names = dict(Unit.select(Unit.id, Unit.name).tuples())
    rows = []
    for row in counts:
        unit_id = row["unit_id"]
        resolved = int(row["resolved"] or 0)
        rows.append({
            "unit_id": unit_id, "unit": names.get(unit_id, ""),
            "received": int(row["received"]), "verified": int(row["verified"] or 0),
            "resolved": resolved,
            "median_days_to_respond": _median(respond.get(unit_id)),
            "median_days_to_resolve": _median(resolve.get(unit_id)),
            "share_within_limit": (int(row["within"] or 0) / resolved) if resolved else None,
        })
    return sorted(rows, key=lambda r: r["unit"])


def _median(values):
    return round(statistics.median(float(v) for v in values), 1) if values else None
