"""Back office for complaints: the officers' list and the handling page.

Row-level access: coordinators (a petugas_pengaduan without a unit), operators
and administrators see every complaint; a unit's petugas_pengaduan only those
disposed to their unit, and never who sent an anonymous report.
"""
import os

from flask import (abort, current_app, flash, has_request_context, redirect, request,
                   send_from_directory, url_for)
from flask_admin import expose
from flask_admin.actions import action
from flask_admin.contrib.peewee.filters import BasePeeweeFilter, FilterEqual
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from admin import consequences
from admin.base import AdminForm, SecureModelView, select_choices
from portal import complaints as service
from portal import complaint_merge, confirm, holidays, labels, uploads
from portal.models import Complaint, ComplaintAttachment, ComplaintEvent, Unit
from portal.models.base import utcnow
from portal.rules import complaints as rules


class FilterOverdue(BasePeeweeFilter):
    def apply(self, query, value):
        condition = Complaint.overdue(utcnow())
        return query.where(condition if value == "1" else ~condition)

    def operation(self):
        return _l("equals")


class ActionForm(AdminForm):
    unit = SelectField(_l("Responsible unit"), coerce=int, validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=4000)],
                         render_kw={"rows": 3})
    # internal unless the officer decides otherwise: a remark meant for colleagues
    # must never reach the citizen by an overlooked tick
    public = BooleanField(_l("Show this note to the reporter (public)"), default=False,
                          description=_l("Left unticked, the note is internal: only officers "
                                         "read it."))


class MergeForm(AdminForm):
    """Merge this report, a duplicate, into another one (the survivor)."""
    survivor = StringField(_l("Tracking ID of the report to keep"),
                           validators=[DataRequired(), Length(max=40)],
                           description=_l("The report describing the same problem that stays "
                                          "open; this one closes as merged and its reporter "
                                          "follows that one."),
                           render_kw={"autocomplete": "off", "spellcheck": "false",
                                      "placeholder": "LPR-XXXX-XXXX-XXXX"})
    note = TextAreaField(_l("Note to the reporter (public)"),
                         validators=[Optional(), Length(max=4000)], render_kw={"rows": 2})


MERGE_REFUSED = {
    "not_coordinator": _l("Only the complaint coordinator may merge reports."),
    "same_report": _l("A report cannot be merged into itself: give the tracking ID of the "
                      "other report."),
    "duplicate_not_open": _l("This report is no longer being handled, so it cannot be merged."),
    "survivor_not_open": _l("That report is closed or was itself merged: choose a report that "
                            "is still being handled."),
}


class FilterUnit(FilterEqual):
    """Units are read per request (the list changes; at start-up there may be no table)."""

    def get_options(self, view):
        if not has_request_context():
            return []
        return [(str(u.id), u.name) for u in Unit.public()]


class ComplaintView(SecureModelView):
    can_create = False
    can_edit = False
    can_delete = False
    can_view_details = False
    list_template = "admin/complaints/list.html"
    column_list = ["tracking_id", "created_at", "kind", "title", "unit", "assigned_unit",
                   "state", "due_at"]
    column_searchable_list = ["tracking_id", "title"]
    column_default_sort = ("created_at", True)
    column_sortable_list = ["tracking_id", "created_at", "state", "due_at"]
    column_labels = {"tracking_id": _l("Tracking ID"), "created_at": _l("Received"),
                     "kind": _l("Kind"), "title": _l("Title"), "unit": _l("Unit concerned"),
                     "assigned_unit": _l("Handled by"), "state": _l("Status"),
                     "due_at": _l("Due"), "category": _l("Category"),
                     "closed_at": _l("Closed")}
    column_export_list = ["tracking_id", "created_at", "kind", "category", "unit",
                          "assigned_unit", "state", "due_at", "closed_at"]

    def __init__(self, *args, **kwargs):
        self.column_filters = [
            FilterEqual(Complaint.state, _l("Status"),
                        options=labels.choices(labels.COMPLAINT_STATE)),
            FilterEqual(Complaint.kind, _l("Kind"), options=labels.choices(labels.COMPLAINT_KIND)),
            FilterUnit(Complaint.assigned_unit, _l("Handled by")),
            FilterOverdue(Complaint.due_at, _l("Overdue"), options=[("1", _l("Yes")),
                                                                     ("0", _l("No"))]),
        ]
        super().__init__(*args, **kwargs)

    column_formatters = {
        "tracking_id": lambda v, c, m, n: Markup('<a class="text-nowrap" href="{}">{}</a>').format(
            url_for(".handle", id=m.id), m.tracking_id),
        "title": lambda v, c, m, n: Markup('<a href="{}">{}</a>').format(
            url_for(".handle", id=m.id), m.title),
        "kind": lambda v, c, m, n: labels.COMPLAINT_KIND.get(m.kind, m.kind),
        "state": lambda v, c, m, n: labels.COMPLAINT_STATE.get(m.state, m.state),
        # a deadline is a day (it ends at the office's midnight): its date, no time
        "due_at": lambda v, c, m, n: (
            Markup('<span class="badge badge-danger">{}</span> ').format(_("Overdue"))
            if m.is_overdue() else "") + (format_date(m.due_at, "medium") if m.due_at else ""),
    }
    column_formatters_export = {
        "kind": lambda v, c, m, n: str(labels.COMPLAINT_KIND.get(m.kind, m.kind)),
        "category": lambda v, c, m, n: str(labels.COMPLAINT_CATEGORY.get(m.category,
                                                                          m.category)),
        "state": lambda v, c, m, n: str(labels.COMPLAINT_STATE.get(m.state, m.state)),
    }

    # -- the menu's count: complaints past their deadline ------------------------
    def menu_badge(self):
        if not self.is_accessible():
            return 0
        return service.overdue_count(current_user)

    def menu_badge_title(self):
        # any step's deadline (verification, forwarding, answer): more than the public
        # figure, which counts only complaints past the resolution limit (portal.stats)
        return _("past the deadline of their current step")

    # -- row-level access ------------------------------------------------------
    def get_query(self):
        return service.visible_to(current_user, Complaint.select())

    def get_one(self, id):
        complaint = Complaint.get_or_none(Complaint.id == id)
        if complaint is None or not service.may_see(current_user, complaint):
            return None
        return complaint

    def get_list(self, page, sort_column, sort_desc, search, filters, execute=True,
                 page_size=None):
        if search:
            try:
                search = rules.parse_tracking_id(search)
            except rules.InvalidTrackingId:
                pass
        return super().get_list(page, sort_column, sort_desc, search, filters,
                                execute=execute, page_size=page_size)

    def _get_filter_groups(self):
        self._refresh_filters_cache()
        return super()._get_filter_groups()

    def render(self, template, **kwargs):
        if template == self.list_template:
            kwargs["overdue_count"] = self.get_query().where(Complaint.overdue(utcnow())).count()
            index = next(i for i, f in enumerate(self._filters) if isinstance(f, FilterOverdue))
            kwargs["overdue_url"] = url_for(
                ".index_view", **{f"flt0_{self.get_filter_arg(index, self._filters[index])}": "1"})
        return super().render(template, **kwargs)

    # -- handling -----------------------------------------------------------------
    def complaint_or_404(self, id):
        complaint = self.get_one(id)
        if complaint is None:
            abort(404)
        return complaint

    def action_forms(self, complaint):
        actor = service.actor_for(current_user, complaint)
        forms = []
        for step in rules.allowed_actions(complaint.state, actor):
            form = ActionForm(prefix=step, formdata=request.form
                              if request.method == "POST" and request.view_args.get("action") == step
                              else None)
            if step == "dispose":
                form.unit.choices = select_choices([(u.id, u.name) for u in Unit.public()])
                if complaint.unit_id and not form.unit.data:
                    form.unit.data = complaint.unit_id
            else:
                del form.unit
            if step in rules.REPLY_ACTIONS:
                del form.public  # the reply is always shown to the reporter
                form.note.label.text = _("Answer to the reporter (public)")
            forms.append((step, form))
        return forms

    @expose("/handle/<int:id>")
    def handle(self, id):
        complaint = self.complaint_or_404(id)
        return self.render_handle(complaint)

    def merge_form(self, complaint, formdata=None):
        """The form to merge ``complaint`` into another report, when the user may."""
        try:
            rules.check_merge(service.actor_for(current_user, complaint), complaint.state,
                              rules.RECEIVED, False, False)
        except rules.MergeRefused:
            return None
        return MergeForm(prefix="merge", formdata=formdata)

    def render_handle(self, complaint, status=200, failed=None, merge_form=None):
        """The handling page; ``failed`` is an (action, form) pair to show with its errors."""
        events = (complaint.events.order_by(ComplaintEvent.created_at, ComplaintEvent.id))
        forms = [(name, failed[1] if failed and failed[0] == name else form)
                 for name, form in self.action_forms(complaint)]
        merged = [c for c in complaint.merged_reports if service.may_see(current_user, c)]
        return self.render("admin/complaints/handle.html", complaint=complaint,
                           merge_form=merge_form or self.merge_form(complaint),
                           survivor=complaint_merge.survivor_of(complaint), merged=merged,
                           events=list(events), forms=forms,
                           show_identity=service.may_see_identity(current_user, complaint),
                           attachments=list(complaint.attachments),
                           overdue=complaint.overdue_limits(utcnow(), service.limits(),
                                                            holidays.work_calendar()),
                           rules=rules, asks={name: self.ask(complaint, name)
                                              for name, _form in forms}), status

    def ask(self, complaint, action):
        """The question a step that ends the handling asks first (None for the others)."""
        return consequences.complaint_step(complaint, action,
                                           url_for(".handle", id=complaint.id))

    @expose("/handle/<int:id>/<action>", methods=["POST"])
    def act(self, id, action):
        complaint = self.complaint_or_404(id)
        forms = dict(self.action_forms(complaint))
        form = forms.get(action)
        if form is None:
            abort(403)
        valid = form.validate()
        unit = None
        if action == "dispose":
            unit = Unit.get_or_none(Unit.id == form.unit.data) if form.unit.data else None
            if unit is None:
                form.unit.errors = [_("Choose the unit that will follow up.")]
                valid = False
        reply = action in rules.REPLY_ACTIONS
        if reply and not (form.note.data or "").strip():
            form.note.errors = [_("Write the answer the reporter will read.")]
            valid = False
        if not valid:
            return self.render_handle(complaint, status=400, failed=(action, form))
        ask = self.ask(complaint, action)
        waiting = confirm.pending(ask, self.render) if ask else None
        if waiting is not None:
            return waiting
        try:
            service.act(complaint, action, current_user._get_current_object(),
                        note=form.note.data or "", public=reply or form.public.data, unit=unit)
        except rules.TransitionRefused:
            abort(409)
        flash(_("Status changed to: %(state)s", state=labels.COMPLAINT_STATE[complaint.state]),
              "success")
        return redirect(url_for(".handle", id=complaint.id))

    @expose("/handle/<int:id>/merge", methods=["POST"])
    def merge(self, id):
        """Merge this report (a duplicate) into the one whose tracking ID is given."""
        complaint = self.complaint_or_404(id)
        form = self.merge_form(complaint, formdata=request.form)
        if form is None:
            abort(403)
        if not form.validate():
            return self.render_handle(complaint, status=400, merge_form=form)
        survivor, error = service.find(form.survivor.data)
        if survivor is None:
            form.survivor.errors = [error]
            return self.render_handle(complaint, status=400, merge_form=form)
        try:
            rules.check_merge(service.actor_for(current_user, complaint), complaint.state,
                              survivor.state, survivor.id == complaint.id,
                              survivor.merged_into_id is not None)
        except rules.MergeRefused as refused:
            form.survivor.errors = [str(MERGE_REFUSED[refused.reason])]
            return self.render_handle(complaint, status=400, merge_form=form)
        waiting = confirm.pending(consequences.complaint_merge(
            complaint, survivor, url_for(".handle", id=complaint.id)), self.render)
        if waiting is not None:
            return waiting
        try:
            complaint_merge.merge(complaint, survivor, current_user._get_current_object(),
                                  note=form.note.data or "")
        except rules.MergeRefused:
            abort(409)
        flash(_("Report %(id)s was merged into %(survivor)s; its reporter now follows that "
                "report.", id=complaint.tracking_id, survivor=survivor.tracking_id), "success")
        return redirect(url_for(".handle", id=complaint.id))

    @expose("/attachment/<int:id>")
    def attachment(self, id):
        attachment = ComplaintAttachment.get_or_none(ComplaintAttachment.id == id)
        if attachment is None or self.get_one(attachment.complaint_id) is None:
            abort(404)
        folder = uploads.folder(current_app.instance_path)
        if not os.path.exists(os.path.join(folder, attachment.stored_name)):
            abort(404)
        response = send_from_directory(folder, attachment.stored_name,
                                       mimetype=attachment.content_type, as_attachment=True,
                                       download_name=attachment.original_name)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "private, no-store"
        return response


class AddressUnlessAnonymous:
    """The outbox's "to" column as a search sees it: the address of an anonymous
    reporter is searched only for those who may see anonymous reporters, so a search
    for a reporter's e-mail cannot tell which report (subject) is theirs."""

    def __init__(self, field, flag):
        self.field, self.flag, self.model = field, flag, field.model

    def __pow__(self, term):
        if service.sees_anonymous_reporters(current_user):
            return self.field ** term
        return (self.field ** term) & (self.flag == False)  # noqa: E712


def outbox_recipient(view, context, row, name):
    """The recipient, or a stand-in for an anonymous reporter's address."""
    if row.anonymous_recipient and not service.sees_anonymous_reporters(current_user):
        return _("(anonymous reporter)")
    return row.to


class OutboxView(SecureModelView):
    """Queued and sent mail: what failed and why (administrators only). The address of
    an anonymous reporter stays hidden unless the office lets administrators see
    anonymous reporters (ANONYMOUS_REPORTER_VISIBLE_TO)."""

    can_create = False
    can_edit = False
    can_delete = False
    can_export = False
    can_view_details = False
    column_list = ["created_at", "to", "subject", "attempts", "next_attempt_at", "sent_at",
                   "last_error"]
    column_default_sort = ("created_at", True)
    column_searchable_list = ["to", "subject"]
    column_formatters = {"to": outbox_recipient}
    column_labels = {"created_at": _l("Queued"), "to": _l("To"), "subject": _l("Subject"),
                     "attempts": _l("Attempts"), "next_attempt_at": _l("Next attempt"),
                     "sent_at": _l("Sent"), "last_error": _l("Last error"), "body": _l("Text")}

    def __init__(self, *args, **kwargs):
        from portal.models import Outbox
        self.column_filters = [FilterSent(Outbox.sent_at, _l("Sent"),
                                          options=[("1", _l("Yes")), ("0", _l("No"))])]
        super().__init__(*args, **kwargs)

    def init_search(self):
        from portal.models import Outbox
        supported = super().init_search()
        self._search_fields = [AddressUnlessAnonymous(Outbox.to, Outbox.anonymous_recipient)
                               if field is Outbox.to else field
                               for field in self._search_fields]
        return supported

    @action("retry", _l("Retry now"))
    def action_retry(self, ids):
        from portal.models import Outbox
        count = (Outbox.update(next_attempt_at=utcnow(), attempts=0)
                 .where(Outbox.id.in_([int(i) for i in ids]), Outbox.sent_at.is_null())
                 .execute())
        flash(_("%(n)d mail(s) will be sent at the next run.", n=count), "success")


class FilterSent(BasePeeweeFilter):
    def apply(self, query, value):
        return query.where(self.column.is_null(value != "1"))

    def operation(self):
        return _l("equals")
