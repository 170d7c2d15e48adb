"""The demo's audit trail: the workflow steps the other demo generators logged (SKP,
monthly reports, content, complaint handling) as audit entries, plus a few edits of
units and employees by the operator, so "Jejak Audit" reads like a busy office.

Called last in ``portal.demo.load``; the same seed gives the same entries. Derived
from rows already written, so it is deterministic for a seed as they are.
"""
import datetime
import json
import random

from portal.db import db
from portal.models import (AuditEntry, Complaint, ComplaintEvent, ContentItem,
                           ContentTransition, Employee, MonthlyReport, MonthlyReportEvent, Skp,
                           SkpEvent, Unit, User)
from portal.models.base import utcnow
from portal.rules import ranks

CHUNK = 500
# the newest steps of each kind taken over (large: a sample of a very long history)
LIMIT = {"small": 2000, "large": 20000}
DEMO_IP = "10.10.1.{}"


def _entry(at, user, action, object_type, object_id, label, changes, comment=""):
    return {"at": at, "account": user.id if user else None,
            "username": user.username if user else "", "action": action,
            "object_type": object_type, "object_id": object_id, "object_label": label[:255],
            "changes": json.dumps(changes, ensure_ascii=False), "comment": comment or "",
            "remote_ip": DEMO_IP.format(user.id % 250 + 1) if user else ""}


# the employee's own steps; the others are the appraiser's
OWN_STEPS = ("create", "submit")


def _actor(users, by_employee, event, row):
    """Who took a step the demo logged without an account: the employee for their own
    steps, else the appraiser (None when that person has no account)."""
    if event.actor_id:
        return users.get(event.actor_id)
    own = event.action in OWN_STEPS
    user = by_employee.get(row.employee_id if own else row.appraiser_id)
    if user is None or user.role not in (("pegawai", "penilai") if own else ("penilai",)):
        return None
    return user


def _steps(limit):
    users = {u.id: u for u in User.select()}
    by_employee = {u.employee_id: u for u in users.values() if u.employee_id}
    rows = []
    query = (SkpEvent.select(SkpEvent, Skp, Employee).join(Skp).join(Employee)
             .order_by(SkpEvent.at.desc(), SkpEvent.id.desc()).limit(limit))
    for event in query:
        skp = event.skp
        actor = _actor(users, by_employee, event, skp)
        if actor is None:
            continue
        action = {"create": "create", "reopen": "reopen"}.get(event.action, "transition")
        changes = ({"state": [None, event.to_state]} if action == "create"
                   else {"state": [event.from_state, event.to_state]})
        rows.append(_entry(event.at, actor, action, "Skp", skp.id,
                           f"SKP {skp.year} — {skp.employee.name}", changes, event.reason))
    query = (MonthlyReportEvent.select(MonthlyReportEvent, MonthlyReport, Employee)
             .join(MonthlyReport).join(Employee)
             .order_by(MonthlyReportEvent.at.desc(), MonthlyReportEvent.id.desc()).limit(limit))
    for event in query:
        report = event.report
        actor = _actor(users, by_employee, event, report)
        if actor is None:
            continue
        action = "create" if event.action == "create" else "transition"
        changes = ({"state": [None, event.to_state]} if action == "create"
                   else {"state": [event.from_state, event.to_state]})
        rows.append(_entry(event.at, actor, action, "MonthlyReport", report.id,
                           f"{report.year}-{report.month:02d} — {report.employee.name}",
                           changes, event.reason))
    query = (ContentTransition.select(ContentTransition, ContentItem).join(ContentItem)
             .where(ContentTransition.actor.is_null(False))
             .order_by(ContentTransition.created_at.desc()).limit(limit))
    for step in query:
        rows.append(_entry(step.created_at, users.get(step.actor_id), "transition",
                           "ContentItem", step.item.id, step.item.title,
                           {"state": [step.from_state, step.to_state]}, step.comment))
    query = (ComplaintEvent.select(ComplaintEvent, Complaint).join(Complaint)
             .where(ComplaintEvent.actor.is_null(False) & ComplaintEvent.from_state.is_null(False))
             .order_by(ComplaintEvent.created_at.desc()).limit(limit))
    for event in query:
        rows.append(_entry(event.created_at, users.get(event.actor_id), "transition",
                           "Complaint", event.complaint.id, event.complaint.tracking_id,
                           {"state": [event.from_state, event.to_state]}, event.note))
    return rows


def _office_edits(rng, now):
    """A few edits of units and employees by the operator over the last weeks."""
    operator = User.get_or_none(User.username == "operator")
    admin = User.get_or_none(User.username == "admin")
    rows = []
    units = list(Unit.select().order_by(Unit.id).limit(6))
    employees = list(Employee.select().order_by(Employee.id).limit(60))
    grades = [code for code, _name in ranks.GOLONGAN]
    promotable = [e for e in employees if e.golongan in grades[:-1]]
    for employee in rng.sample(promotable, min(8, len(promotable))):
        # a kenaikan pangkat typed in late, and corrected the same day
        at = now - datetime.timedelta(days=rng.randint(1, 40), minutes=rng.randint(0, 600))
        higher = grades[grades.index(employee.golongan) + 1]
        rows.append(_entry(at, operator, "update", "Employee", employee.id,
                           f"{employee.name} ({employee.nip_formatted})",
                           {"golongan": [employee.golongan, higher]}))
        rows.append(_entry(at + datetime.timedelta(minutes=rng.randint(5, 90)), operator,
                           "update", "Employee", employee.id,
                           f"{employee.name} ({employee.nip_formatted})",
                           {"golongan": [higher, employee.golongan]},
                           "Salah input: SK kenaikan pangkat belum terbit"))
    for unit in units[:2]:
        at = now - datetime.timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 600))
        rows.append(_entry(at, admin, "update", "Unit", unit.id, unit.name,
                           {"active": [False, True]}))
    return rows


def load(scale="small", seed=2026):
    rng = random.Random(seed * 31 + 8)
    rows = _steps(LIMIT.get(scale, LIMIT["small"])) + _office_edits(rng, utcnow())
    rows.sort(key=lambda row: row["at"])
    with db.atomic():
        for start in range(0, len(rows), CHUNK):
            AuditEntry.insert_many(rows[start:start + CHUNK]).execute()
    return len(rows)
