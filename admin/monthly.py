"""Monthly performance reports in the back office: list by month and state,
one report with its RHK texts, attachments, review buttons and step log.

Every page asks portal.monthly (the SKP's row-level rule) for the rows the
signed-in user may see: an id typed by hand that is not theirs answers 404;
one they may see but not change answers 403.
"""
from flask import abort, flash, redirect, request, send_file, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from peewee import fn

from admin import consequences
from admin.base import Guarded, RowScoped
from admin.export import export_response
from admin.base import int_arg as _int
from admin.skp import UPLOAD_ERRORS
from forms.performance import ActionForm, EvidenceForm, MonthlyCreateForm
from portal import confirm, labels
from portal import monthly as service
from portal import skp as skp_service
from portal.models import Employee, MonthlyReport, MonthlyReportAttachment, MonthlyReportEvent
from portal.models.base import utcnow
from portal.rules import monthly_workflow

WORKFLOW_ERRORS = {
    "own_report": _l("Nobody may review their own report."),
    "not_allowed": _l("You may not do this on this report."),
    "wrong_state": _l("This step is not possible in the report's current state."),
    "reason_required": _l("Please give a reason."),
    "unknown_action": _l("Unknown action."),
    "empty": _l("Write what you did this month before submitting."),
}
PAGE_SIZE = 25
TEXT_MAX = 5000


class MonthlyReportView(Guarded, RowScoped, BaseView):
    """Laporan kinerja bulanan: row-level access through portal.monthly."""

    row_model = MonthlyReport

    def visible(self, user):
        return service.visible_reports(user)

    def visible_row(self, user, report_id):
        return service.get_visible(user, report_id)

    def _url(self, report, anchor=""):
        return url_for(".detail", report_id=report.id) + anchor

    def _back(self, report, anchor=""):
        return redirect(self._url(report, anchor))

    def _asking(self, report, action, reason=""):
        """The confirmation page of a step the user may take now (None once confirmed);
        a refused step raises WorkflowError before anyone is asked."""
        monthly_workflow.transition(action, report.state, reason=reason,
                                    **service.relation(current_user, report))
        return confirm.pending(consequences.monthly_step(report, action, self._url(report)),
                               self.render)

    def _owned_and_editable(self, report):
        if not service.relation(current_user, report)["is_owner"]:
            abort(403)
        if not report.editable:
            flash(_("The report can only be changed while it is a draft or returned."), "error")
            return False
        return True

    def _filtered(self):
        """The visible reports narrowed by the list's filters: (query, year, month, state, q)."""
        year = _int(request.args.get("year"))
        month = _int(request.args.get("month"))
        state = request.args.get("state", "")
        q = request.args.get("q", "", type=str).strip()[:100]
        query = self.get_query()
        if year:
            query = query.where(MonthlyReport.year == year)
        if month and 1 <= month <= 12:
            query = query.where(MonthlyReport.month == month)
        if state in monthly_workflow.STATES:
            query = query.where(MonthlyReport.state == state)
        if q:
            digits = q.replace(" ", "")
            query = query.where(MonthlyReport.employee.in_(Employee.select(Employee.id).where(
                fn.LOWER(Employee.name).contains(q.lower())
                | (Employee.nip.startswith(digits) if digits.isdigit() else False))))
        return query, year, month, state, q

    @expose("/export/<export_type>/")
    def export(self, export_type):
        rows = (self._filtered()[0].select(MonthlyReport, Employee)
                .join(Employee, on=(MonthlyReport.employee == Employee.id))
                .order_by(MonthlyReport.year.desc(), MonthlyReport.month.desc(), Employee.name,
                          MonthlyReport.id))
        return export_response(export_type, "laporan-bulanan", [
            _("Year"), _("Month"), _("NIP"), _("Employee"), _("State")], (
            [r.year, r.month, r.employee.nip, r.employee.name,
             str(labels.MONTHLY_STATE.get(r.state, r.state))] for r in rows.iterator()))

    @expose("/")
    def index(self):
        query, year, month, state, q = self._filtered()
        page = max(_int(request.args.get("page"), 1), 1)
        total = query.count()
        rows = (query.select(MonthlyReport, Employee)
                .join(Employee, on=(MonthlyReport.employee == Employee.id))
                .order_by(MonthlyReport.year.desc(), MonthlyReport.month.desc(), Employee.name,
                          MonthlyReport.id)
                .paginate(page, PAGE_SIZE))
        today = utcnow().date()
        months = [(m, labels.month_label(today.year, m)) for m in range(1, 13)]
        return self.render("admin/monthly/list.html", rows=list(rows), total=total, page=page,
                           pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), year=year,
                           month=month, state=state, q=q, months=months, today=today,
                           create_form=MonthlyCreateForm(year=today.year, month=today.month))

    @expose("/create", methods=["POST"])
    def create(self):
        employee = current_user.employee
        if employee is None:
            abort(403)
        form = MonthlyCreateForm()
        if not form.validate_on_submit() or not monthly_workflow.valid_month(form.year.data,
                                                                              form.month.data):
            flash(_("Please choose a valid month and year."), "error")
            return redirect(url_for(".index"))
        existing = MonthlyReport.get_or_none(MonthlyReport.employee == employee,
                                             MonthlyReport.year == form.year.data,
                                             MonthlyReport.month == form.month.data)
        if existing:
            return self._back(existing)
        if employee.supervisor_id is None:
            flash(_("Your employee record has no direct supervisor, who would review "
                    "this report. Ask BKPSDM to set one."), "error")
            return redirect(url_for(".index"))
        report = service.create_report(employee, form.year.data, form.month.data,
                                       current_user)
        flash(_("Your report for %(month)s was created as a draft.",
                month=labels.month_label(report.year, report.month)), "success")
        return self._back(report)

    @expose("/<int:report_id>/")
    def detail(self, report_id):
        report = self.get_one(report_id)
        rel = service.relation(current_user, report)
        editing = rel["is_owner"] and report.editable
        rhks = service.rhks_for(report)
        items = {i.rhk_id: i for i in report.items}
        general = [i for i in items.values() if i.rhk_id is None or
                   i.rhk_id not in {r.id for r in rhks}]
        return self.render(
            "admin/monthly/detail.html", report=report, rel=rel, editing=editing, rhks=rhks,
            items=items, general=general, actions=service.actions_for(current_user, report),
            action_form=ActionForm(), evidence_form=EvidenceForm() if editing else None,
            attachments=list(report.attachments.order_by(MonthlyReportAttachment.id)),
            events=list(report.events.order_by(MonthlyReportEvent.at, MonthlyReportEvent.id)),
            skp=service.approved_skp(report), asks=self._asks(report, editing))

    def _asks(self, report, editing):
        """What each button of the page that cannot be undone will say before it posts."""
        here = self._url(report)
        asks = {("action", a): consequences.monthly_step(report, a, here)
                for a in service.actions_for(current_user, report)}
        if editing:
            for item in report.attachments:
                asks[("attachment", item.id)] = consequences.attachment_removal(
                    item.filename, self._url(report, "#attachments"))
        return asks

    @expose("/<int:report_id>/save", methods=["POST"])
    def save(self, report_id):
        report = self.get_one(report_id)
        if not self._owned_and_editable(report):
            return self._back(report)
        if not ActionForm().validate_on_submit():
            abort(400)
        if not self._save_text(report):
            return self._back(report, "#report-text")
        # a file chosen below and then "Simpan" (or "Ajukan") is uploaded too, not dropped
        if self._file_chosen() and not self._store_file(report):
            return self._back(report, "#attachments")
        if request.form.get("then") == monthly_workflow.SUBMIT:
            # "Ajukan ke atasan" belongs to this form: what was typed (and a chosen file)
            # is saved as the draft, then the page asks before the report is submitted
            try:
                waiting = self._asking(report, monthly_workflow.SUBMIT)
            except monthly_workflow.WorkflowError as exc:
                return self._refused(report, exc)
            return waiting if waiting is not None else self._move(report,
                                                                  monthly_workflow.SUBMIT)
        flash(_("Saved."), "success")
        return self._back(report, "#report-text")

    def _save_text(self, report):
        """Save the report's texts sent with this request (the text form, which also
        carries the attachment's upload and remove buttons, so that what was typed is
        never lost to them). False, with a message, when a text is too long."""

        def text(name):
            return (request.form.get(name) or "").strip()

        fields = [text("summary")]
        entries = {}
        for rhk in service.rhks_for(report):
            activity, realisation = text(f"rhk-{rhk.id}-activity"), text(f"rhk-{rhk.id}-realisation")
            fields += [activity, realisation]
            entries[rhk.id] = (activity, realisation)
        if any(len(f) > TEXT_MAX for f in fields):
            flash(_("Each text may have at most %(n)s characters; nothing was saved.",
                    n=f"{TEXT_MAX:,}".replace(",", ".")), "error")
            return False
        service.save_items(report, fields[0], entries)
        return True

    def _text_sent(self):
        return "summary" in request.form

    @expose("/<int:report_id>/action/<action>", methods=["POST"])
    def action(self, report_id, action):
        report = self.get_one(report_id)
        if action not in monthly_workflow.ACTIONS:
            abort(404)
        form = ActionForm()
        if not form.validate_on_submit():
            abort(400)
        try:
            waiting = self._asking(report, action, form.reason.data or "")
        except monthly_workflow.WorkflowError as exc:
            return self._refused(report, exc)
        if waiting is not None:
            return waiting
        return self._move(report, action, form.reason.data or "")

    def _refused(self, report, exc):
        if exc.code in ("own_report", "not_allowed"):
            abort(403)
        flash(str(WORKFLOW_ERRORS[exc.code]), "error")
        return self._back(report)

    def _move(self, report, action, reason=""):
        try:
            service.move(report, action, current_user, reason)
        except monthly_workflow.WorkflowError as exc:
            return self._refused(report, exc)
        flash(_("Done: %(action)s. The report is now: %(state)s.",
                action=labels.MONTHLY_ACTION[action],
                state=labels.MONTHLY_STATE[report.state]), "success")
        return self._back(report)

    @expose("/<int:report_id>/attachment", methods=["POST"])
    def upload(self, report_id):
        report = self.get_one(report_id)
        if not self._owned_and_editable(report):
            return self._back(report, "#attachments")
        if not EvidenceForm().validate_on_submit():
            abort(400)
        if self._text_sent() and not self._save_text(report):
            name = getattr(request.files.get("file"), "filename", "")
            if name:
                flash(_("%(name)s was not uploaded: choose it again once the text is "
                        "shorter.", name=name), "error")
            return self._back(report, "#report-text")
        self._store_file(report)
        return self._back(report, "#attachments")

    def _store_file(self, report):
        """Keep the file sent with this request, saying so (or why not) in a message."""
        saved = " " + _("What you typed in the report has been saved.") \
            if self._text_sent() else ""
        storage = request.files.get("file")
        try:
            service.store_attachment(report, storage, current_user)
        except skp_service.UploadError as exc:
            mb = self.admin.app.config["SKP_UPLOAD_MAX_BYTES"] // (1024 * 1024)
            message = (str(UPLOAD_ERRORS[exc.code]) % {"mb": mb}
                       if exc.code == "too_large" else str(UPLOAD_ERRORS[exc.code]))
            if storage is not None and storage.filename:
                message = _("%(name)s was not uploaded:", name=storage.filename) + " " + message
            flash(message + saved, "error")
            return False
        flash(_("Attachment uploaded.") + saved, "success")
        return True

    def _file_chosen(self):
        return bool(getattr(request.files.get("file"), "filename", ""))

    def _attachment(self, attachment_id):
        item = MonthlyReportAttachment.get_or_none(MonthlyReportAttachment.id == attachment_id)
        if item is None:
            abort(404)
        self.get_one(item.report_id)  # 404 unless the report is visible
        return item

    @expose("/attachment/<int:attachment_id>")
    def attachment(self, attachment_id):
        item = self._attachment(attachment_id)
        return send_file(service.attachment_path_of(item.stored_name),
                         mimetype=item.content_type, as_attachment=True,
                         download_name=item.filename)

    @expose("/attachment/<int:attachment_id>/delete", methods=["POST"])
    def delete_attachment(self, attachment_id):
        item = self._attachment(attachment_id)
        report = item.report
        if self._owned_and_editable(report) and ActionForm().validate_on_submit():
            if self._text_sent() and not self._save_text(report):
                return self._back(report, "#report-text")
            if self._file_chosen():
                self._store_file(report)
            waiting = confirm.pending(consequences.attachment_removal(
                item.filename, self._url(report, "#attachments")), self.render)
            if waiting is not None:
                return waiting  # what was typed (or chosen) is kept; now the question
            service.delete_attachment(item)
            flash(_("Attachment removed."), "success")
        return self._back(report, "#attachments")

