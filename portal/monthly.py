"""Monthly performance reports as a user meets them: who may see which report
(the SKP's row-level rule, portal.skp.visible_rows), workflow steps with their
events, the RHK of the employee's approved SKP, and attachments checked like
SKP evidence (portal.skp.check_upload); and what waits for the employee and the
reviewer on the start page."""
import datetime
import os

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal import audit, holidays
from portal import skp as skp_service
from portal.db import db
from portal.models import (Employee, MonthlyReport, MonthlyReportAttachment, MonthlyReportEvent,
                           MonthlyReportItem, Rhk, Skp)
from portal.models.base import utcnow
from portal.rules import monthly_workflow, skp_workflow
from portal.work_items import RETURNED, WorkItem, provides

# an SKP whose plan was approved: its RHK are what a month is reported against
APPROVED_SKP_STATES = (skp_workflow.APPROVED, skp_workflow.EVALUATED,
                       skp_workflow.ANNUAL_EVALUATED, skp_workflow.FINAL)


def visible_reports(user, query=None):
    return skp_service.visible_rows(user, MonthlyReport, query)


def get_visible(user, report_id):
    return skp_service.get_visible_row(user, MonthlyReport, report_id)


def relation(user, report):
    """dict(is_owner, is_reviewer): the employee, or the supervisor recorded on it."""
    rel = skp_service.relation(user, report)
    return {"is_owner": rel["is_owner"], "is_reviewer": rel["is_appraiser"]}


def actions_for(user, report):
    return monthly_workflow.available(report.state, **relation(user, report))


def move(report, action, user, reason=""):
    """Apply a workflow action (raises WorkflowError) and log it.

    A report is only submitted when it says what was done (``has_content``);
    otherwise WorkflowError("empty") and it stays as it is.
    """
    new_state = monthly_workflow.transition(action, report.state, reason=reason,
                                            **relation(user, report))
    if action == monthly_workflow.SUBMIT and not has_content(report):
        raise monthly_workflow.WorkflowError("empty")
    with db.atomic():
        before = audit.snapshot(report)
        MonthlyReportEvent.create(report=report, actor=user, action=action,
                                  from_state=report.state, to_state=new_state,
                                  reason=(reason or "").strip())
        report.state = new_state
        report.updated_at = utcnow()
        report.save()
        audit.record(audit.TRANSITION, report, before=before, after=audit.snapshot(report),
                     comment=reason, user=user)
    return new_state


def create_report(employee, year, month, user):
    """A new draft report; the reviewer is the employee's supervisor now."""
    with db.atomic():
        report = MonthlyReport.create(employee=employee, year=year, month=month,
                                      appraiser=employee.supervisor_id)
        MonthlyReportEvent.create(report=report, actor=user, action="create", from_state="",
                                  to_state=report.state)
        audit.record(audit.CREATE, report, user=user)
    return report


def approved_skp(report):
    return (Skp.select().where((Skp.employee == report.employee_id) & (Skp.year == report.year)
                               & Skp.state.in_(APPROVED_SKP_STATES)).first())


def rhks_for(report):
    skp = approved_skp(report)
    if skp is None:
        return []
    return list(skp.rhks.order_by(Rhk.position, Rhk.id))


def save_items(report, summary, entries):
    """Replace the report's text: ``entries`` {rhk_id: (activity, realisation)}."""
    with db.atomic():
        before = _report_snapshot(report)
        report.summary = summary
        report.updated_at = utcnow()
        report.save()
        MonthlyReportItem.delete().where(MonthlyReportItem.report == report).execute()
        rows = [{"report": report.id, "rhk": rid, "activity": a, "realisation": r}
                for rid, (a, r) in entries.items() if a or r]
        if rows:
            MonthlyReportItem.insert_many(rows).execute()
        audit.record(audit.UPDATE, report, before=before, after=_report_snapshot(report))


def _report_snapshot(report):
    """The report's row and its texts per RHK, for the audit trail."""
    data = audit.snapshot(report)
    data["items"] = [[i.rhk_id, i.activity, i.realisation] for i in MonthlyReportItem.select()
                     .where(MonthlyReportItem.report == report).order_by(MonthlyReportItem.id)]
    return data


def has_content(report):
    """Whether the report says what was done: an activity or realisation written
    against an RHK of the approved SKP or, when there is no such SKP to report
    against, the general notes. General notes alone do not do when there are RHK."""
    filled = report.items.where((MonthlyReportItem.activity != "")
                                | (MonthlyReportItem.realisation != ""))
    rhk_ids = [r.id for r in rhks_for(report)]
    if rhk_ids:
        return filled.where(MonthlyReportItem.rhk.in_(rhk_ids)).exists()
    return bool(report.summary.strip()) or filled.exists()


def store_attachment(report, storage, user):
    """Check (as SKP evidence) and keep an uploaded file; raises skp.UploadError."""
    filename, content_type, data = skp_service.check_upload(storage)
    stored = skp_service.write_upload(filename, data)
    try:
        with db.atomic():
            attachment = MonthlyReportAttachment.create(
                report=report, filename=filename, stored_name=stored,
                content_type=content_type, size=len(data), uploaded_by=user)
            audit.record(audit.UPLOAD, attachment,
                         after=audit.file_facts(filename, len(data), content_type),
                         user=user, label=f"{filename} — {report}")
        return attachment
    except Exception:
        os.remove(attachment_path_of(stored))
        raise


def attachment_path_of(stored_name):
    return os.path.join(skp_service.upload_folder(), stored_name)


def delete_attachment(attachment):
    path = attachment_path_of(attachment.stored_name)
    with db.atomic():
        audit.record(audit.DELETE, attachment,
                     before=audit.file_facts(attachment.filename, attachment.size,
                                             attachment.content_type),
                     label=f"{attachment.filename} — {attachment.report}")
        attachment.delete_instance()
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


# --- what waits, for the start page (portal.work_items) --------------------------
MY_REPORTS = _l("My monthly reports")
TO_REVIEW = _l("Monthly reports waiting for your review")


@provides(MY_REPORTS, "pegawai", "penilai")
def my_reports_due(user):
    """Last month's report when it is not written yet, and every report of the
    employee's still to submit: a draft, or one returned with the reviewer's reason."""
    if user.employee_id is None:
        return []
    today = holidays.local_today()
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    rows = list(visible_reports(user).where((MonthlyReport.employee == user.employee_id)
                                            & ((MonthlyReport.state.in_(
                                                monthly_workflow.EDITABLE))
                                               | ((MonthlyReport.year == last_month.year)
                                                  & (MonthlyReport.month == last_month.month)))))
    items = []
    if not any((r.year, r.month) == (last_month.year, last_month.month) for r in rows):
        items.append(WorkItem(
            _("Write your monthly report for %(month)s", month=format_date(last_month, "MMMM y")),
            url_for("monthly_report.index"),
            holidays.work_calendar().utc(today.replace(day=1))))
    for report in rows:
        month = format_date(datetime.date(report.year, report.month, 1), "MMMM y")
        url = url_for("monthly_report.detail", report_id=report.id)
        if report.state == monthly_workflow.RETURNED:
            returned = (report.events.where(MonthlyReportEvent.action == monthly_workflow.RETURN)
                        .order_by(MonthlyReportEvent.at.desc()).first())
            items.append(WorkItem(
                _("Your monthly report for %(month)s was returned: fix it and submit it again",
                  month=month), url, returned.at if returned else report.updated_at,
                note=_("Reason: %(reason)s", reason=returned.reason) if returned else "",
                attention=str(RETURNED)))
        elif report.state == monthly_workflow.DRAFT:
            items.append(WorkItem(_("Finish and submit your monthly report for %(month)s",
                                    month=month), url, report.created_at))
    return items


@provides(TO_REVIEW, "penilai")
def reports_to_review(user):
    """Reports submitted to ``user`` as their reviewer (never their own)."""
    if user.employee_id is None:
        return []
    rows = (visible_reports(user).select(MonthlyReport, Employee)
            .join(Employee, on=(MonthlyReport.employee == Employee.id))
            .where((MonthlyReport.appraiser == user.employee_id)
                   & (MonthlyReport.employee != user.employee_id)
                   & (MonthlyReport.state == monthly_workflow.SUBMITTED)))
    return [WorkItem(_("Review the monthly report of %(name)s for %(month)s",
                       name=report.employee.name,
                       month=format_date(datetime.date(report.year, report.month, 1),
                                         "MMMM y")),
                     url_for("monthly_report.detail", report_id=report.id), report.updated_at)
            for report in rows]
