"""Demo monthly reports and follow-ups for an already-loaded demo kabupaten.

Monthly reports: the demo appraiser's team and the demo employee write one per
month of this year so far (the last three months at large scale for every
supervised employee); earlier months are accepted, the latest submitted,
returned or still a draft, so every state shows. Follow-ups (tindak lanjut):
last year's final SKP get one by predikat (award for Sangat Baik, coaching or
training for Butuh Perbaikan, a sanction note for Kurang), some already done.
"""
import datetime
import random

from portal.db import db
from portal.demo.performance import _chunks
from portal.models import (Award, Employee, FollowUp, MonthlyReport, MonthlyReportEvent,
                           MonthlyReportItem, Rhk, Skp, User)
from portal.models.base import utcnow
from portal.monthly import APPROVED_SKP_STATES
from portal.rules import follow_up as F
from portal.rules import monthly_workflow as M

ACTIVITIES = [
    ("Melaksanakan kegiatan sesuai rencana kerja bulan ini.", "Tercapai sesuai target bulanan."),
    ("Menyusun laporan dan dokumentasi kegiatan.", "Laporan diserahkan tepat waktu."),
    ("Mengikuti rapat koordinasi dan menindaklanjuti hasilnya.", "Dua tindak lanjut selesai."),
]
NOTES = {
    F.AWARD: "Diusulkan sebagai pegawai berprestasi tingkat OPD.",
    F.TRAINING: "Diusulkan mengikuti pelatihan pelayanan prima.",
    F.COACHING: "Pembinaan oleh atasan langsung setiap bulan.",
    F.SANCTION: "Catatan pembinaan disiplin sesuai ketentuan.",
}
# the latest month's state, in turn per employee, so that every state shows
LAST_STATES = (M.SUBMITTED, M.RETURNED, M.ACCEPTED, M.DRAFT)
KIND_FOR = {"sangat_baik": F.AWARD, "butuh_perbaikan": F.COACHING, "kurang": F.SANCTION,
            "sangat_kurang": F.SANCTION}


def load(scale="small", seed=2026, today=None):
    """Fill monthly reports and follow-ups (deterministic per seed)."""
    rng = random.Random(seed * 11 + 5)
    today = today or datetime.date.today()
    large = scale == "large"
    with db.atomic():
        demo = {u.username: u for u in User.select().where(
            User.username.in_(["pegawai", "penilai", "operator"]))}
        _reports(rng, today, large, demo)
        _follow_ups(rng, today.year - 1, demo)


def _months(today, count):
    """The ``count`` months before ``today``'s month, oldest first (year, month)."""
    year, month, found = today.year, today.month, []
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        found.append((year, month))
    return list(reversed(found))


def _reports(rng, today, large, demo):
    penilai = demo.get("penilai")
    pegawai = demo.get("pegawai")
    query = Employee.select(Employee.id, Employee.supervisor).where(
        Employee.supervisor.is_null(False))
    if not large:
        team = [penilai.employee_id] if penilai and penilai.employee_id else []
        ids = [u.employee_id for u in (pegawai, penilai) if u and u.employee_id]
        query = query.where(Employee.supervisor.in_(team) | Employee.id.in_(ids))
    people = list(query.order_by(Employee.id).tuples())
    months = _months(today, 3 if large else max(today.month - 1, 3))
    now = utcnow()
    rows, others = [], 0
    for emp_id, boss_id in people:
        mine = pegawai is not None and emp_id == pegawai.employee_id
        if not mine:
            others += 1
        for i, (year, month) in enumerate(months):
            last = i == len(months) - 1
            if not last:
                state = M.ACCEPTED
            elif mine:
                state = M.DRAFT  # the demo employee is still writing this month's
            else:
                state = LAST_STATES[(others - 1) % len(LAST_STATES)]
            rows.append({"employee": emp_id, "appraiser": boss_id, "year": year, "month": month,
                         "state": state, "summary": "Kegiatan rutin dan pelayanan berjalan "
                         "lancar." if state != M.DRAFT or rng.random() < 0.5 else "",
                         "created_at": now, "updated_at": now})
    for chunk in _chunks(rows):
        MonthlyReport.insert_many(chunk).execute()
    if not people:
        return
    writers = MonthlyReport.select(MonthlyReport.employee).distinct()
    rhks = {}
    for emp, year, rhk_id in (Rhk.select(Skp.employee, Skp.year, Rhk.id).join(Skp)
                              .where(Skp.employee.in_(writers)
                                     & Skp.state.in_(APPROVED_SKP_STATES))
                              .order_by(Rhk.position, Rhk.id).tuples()):
        rhks.setdefault((emp, year), []).append(rhk_id)
    items, events = [], []
    actor_for = {}
    if penilai and penilai.employee_id:
        actor_for[penilai.employee_id] = penilai.id
    for report_id, emp, boss, year, month, state in (
            MonthlyReport.select(MonthlyReport.id, MonthlyReport.employee,
                                 MonthlyReport.appraiser, MonthlyReport.year,
                                 MonthlyReport.month, MonthlyReport.state).tuples()):
        for n, rhk_id in enumerate(rhks.get((emp, year), [])):
            activity, realisation = ACTIVITIES[(n + month) % len(ACTIVITIES)]
            items.append({"report": report_id, "rhk": rhk_id, "activity": activity,
                          "realisation": realisation})
        start = datetime.datetime(year, month, 25, 8, 0)
        reviewer = actor_for.get(boss)
        steps = [("create", "", M.DRAFT, "", None)]
        if state != M.DRAFT:
            steps.append((M.SUBMIT, M.DRAFT, M.SUBMITTED, "", None))
        if state == M.RETURNED:
            steps.append((M.RETURN, M.SUBMITTED, M.RETURNED,
                          "Mohon lengkapi realisasi dan lampiran daftar hadir.", reviewer))
        if state == M.ACCEPTED:
            steps.append((M.ACCEPT, M.SUBMITTED, M.ACCEPTED, "Baik, lanjutkan.", reviewer))
        for k, (action, source, target, reason, actor) in enumerate(steps):
            events.append({"report": report_id, "actor": actor, "action": action,
                           "from_state": source, "to_state": target, "reason": reason,
                           "at": start + datetime.timedelta(days=k)})
    for chunk in _chunks(items):
        MonthlyReportItem.insert_many(chunk).execute()
    for chunk in _chunks(events):
        MonthlyReportEvent.insert_many(chunk).execute()


def _follow_ups(rng, year, demo):
    penilai = demo.get("penilai")
    awards = {}
    for award_id, emp in Award.select(Award.id, Award.employee).where(
            Award.employee.is_null(False)).tuples():
        awards.setdefault(emp, award_id)
    rows = []
    now = utcnow()
    query = (Skp.select(Skp.id, Skp.employee, Skp.appraiser, Skp.predikat, Employee.unit)
             .join(Employee, on=(Skp.employee == Employee.id))
             .where((Skp.year == year) & (Skp.state == "final") & Skp.predikat.in_(list(KIND_FOR)))
             .order_by(Skp.id))
    for skp_id, emp, boss, code, unit_id in query.tuples():
        if rng.random() > 0.35 and not (penilai and boss == penilai.employee_id):
            continue
        kind = KIND_FOR[code]
        if kind == F.COACHING and rng.random() < 0.4:
            kind = F.TRAINING
        done = rng.random() < 0.3
        rows.append({"skp": skp_id, "unit": unit_id, "kind": kind,
                     "award": awards.get(emp) if kind == F.AWARD else None,
                     "note": NOTES[kind], "status": F.DONE if done else F.OPEN,
                     "created_by": penilai.id if penilai and boss == penilai.employee_id
                     else None,
                     "created_at": now, "done_at": now if done else None})
    for chunk in _chunks(rows):
        FollowUp.insert_many(chunk).execute()
