"""The SKP pages of the back office: list, plan, workflow buttons, evaluations, evidence.

A Flask-Admin BaseView with its own templates. Every page asks portal.skp for
the rows the signed-in user may see: an SKP id typed by hand that is not
theirs to see answers 404; one they may see but not change answers 403.
"""
import re
from collections import namedtuple

from flask import Response, abort, flash, redirect, request, send_file, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from peewee import JOIN, fn

from admin import consequences
from admin.base import Guarded, RowScoped
from admin.base import int_arg as _int
from admin.export import export_response
from admin.skp_print import SkpPrintMixin
from admin.skp_realisation import (RealisationPages, file_size, number_text,
                                   read_number)
from forms.performance import (ActionForm, CreateSkpForm, DialogForm, EvidenceForm,
                               FollowUpForm, IkiForm, LampiranForm, RhkForm, choices)
from portal import audit, confirm, labels
from portal import skp as service
from portal import skp_realisation as realisations
from portal.db import db
from portal.models import (Award, DialogMessage, Employee, Evaluation, Evidence, FollowUp, Iki,
                           Period, Rhk, Skp, SkpEvent, Unit, UnitIndicator)
from portal.models.base import utcnow
from portal.models.performance import BERAKHLAK
from portal.pdf.skp import skp_pdf
from portal.rules import distribution, predikat, realisation, skp_workflow
from portal.uploads import STORAGE_FULL

WORKFLOW_ERRORS = {
    "own_skp": _l("Nobody may approve, evaluate or finalise their own SKP."),
    "not_allowed": _l("You may not do this on this SKP."),
    "wrong_state": _l("This step is not possible in the SKP's current state."),
    "reason_required": _l("Please give a reason."),
    "unknown_action": _l("Unknown action."),
}
UPLOAD_ERRORS = {
    "empty": _l("Choose a file to upload."),
    "too_large": _l("The file is too large (at most %(mb)s MB)."),
    "bad_type": _l("Only PDF, JPEG, PNG and office documents (Word, Excel, PowerPoint, "
                   "OpenDocument) can be uploaded."),
    "damaged": _l("The image could not be read; it may be damaged."),
    "too_many_pixels": _l("The image has too many pixels (at most 40 million). "
                          "Upload a smaller picture."),
    "no_space": STORAGE_FULL,
}
FOLLOW_UP_ERRORS = {
    "bad_kind": _l("Choose a follow-up."),
    "bad_award": _l("Only an award of this employee can be linked, and only to an award "
                    "follow-up."),
    "note_required": _l("Write the recommendation or link an award."),
}
BUTTON_ACTIONS = (skp_workflow.SUBMIT, skp_workflow.RETURN, skp_workflow.APPROVE,
                  skp_workflow.FINALISE, skp_workflow.REOPEN)
PAGE_SIZE = 25
# evidence belongs to an evaluation period: from approval until the SKP is final
UPLOAD_STATES = (skp_workflow.APPROVED, skp_workflow.EVALUATED, skp_workflow.ANNUAL_EVALUATED)


class SkpView(SkpPrintMixin, Guarded, RowScoped, RealisationPages, BaseView):
    """SKP (Sasaran Kinerja Pegawai): row-level access through portal.skp."""

    row_model = Skp

    def render(self, template, **kwargs):
        """Every SKP page writes numbers and file sizes the reader's way."""
        kwargs.setdefault("file_size", file_size)
        kwargs.setdefault("number_text", number_text)
        kwargs.setdefault("max_mb",
                          self.admin.app.config["SKP_UPLOAD_MAX_BYTES"] // (1024 * 1024))
        return super().render(template, **kwargs)

    def visible(self, user):
        return service.visible_skps(user)

    def visible_row(self, user, skp_id):
        return service.get_visible(user, skp_id)

    def _owned_and_editable(self, skp):
        if not service.relation(current_user, skp)["is_owner"]:
            abort(403)
        if not skp.editable:
            flash(_("The plan can only be changed while the SKP is a draft or returned."),
                  "error")
            return False
        return True

    def _url(self, skp, anchor=""):
        return url_for(".detail", skp_id=skp.id) + anchor

    def _back(self, skp, anchor=""):
        return redirect(self._url(skp, anchor))

    # -- list ------------------------------------------------------------------
    def _filtered(self):
        """The visible SKP narrowed by the list's filters: (query, year, state, q, unit)."""
        year = _int(request.args.get("year"))
        state = request.args.get("state", "")
        q = request.args.get("q", "", type=str).strip()[:100]
        unit = _int(request.args.get("unit"))
        query = self.get_query()
        if year:
            query = query.where(Skp.year == year)
        if unit:
            query = query.where(Skp.employee.in_(
                Employee.select(Employee.id).where(Employee.unit == unit)))
        if state in skp_workflow.STATES:
            query = query.where(Skp.state == state)
        if q:
            digits = q.replace(" ", "")
            query = query.where(Skp.employee.in_(Employee.select(Employee.id).where(
                fn.LOWER(Employee.name).contains(q.lower())
                | (Employee.nip.startswith(digits) if digits.isdigit() else False))))
        return query, year, state, q, unit

    def _units(self):
        """(id, name) of the units of the SKP this user sees, when there are several."""
        rows = (Unit.select(Unit.id, Unit.name).join(Employee, on=(Employee.unit == Unit.id))
                .join(Skp, on=(Skp.employee == Employee.id))
                .where(Skp.id.in_(self.get_query().select(Skp.id)))
                .distinct().order_by(Unit.name).tuples())
        units = list(rows)
        return units if len(units) > 1 else []

    @expose("/")
    def index(self):
        query, year, state, q, unit = self._filtered()
        page = max(_int(request.args.get("page"), 1), 1)
        total = query.count()
        Appraiser = Employee.alias()
        rows = (query.select(Skp, Employee, Appraiser)
                .join(Employee, on=(Skp.employee == Employee.id))
                .switch(Skp).join(Appraiser, JOIN.LEFT_OUTER, on=(Skp.appraiser == Appraiser.id))
                .order_by(Skp.year.desc(), Employee.name, Skp.id)
                .paginate(page, PAGE_SIZE))
        this_year = utcnow().year
        mine = None
        if current_user.employee_id:
            mine = Skp.get_or_none(Skp.employee == current_user.employee_id,
                                   Skp.year == this_year)
        return self.render("admin/skp/list.html", rows=list(rows), total=total, page=page,
                           pages=max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1), year=year,
                           state=state, q=q, unit=unit, units=self._units(),
                           this_year=this_year, mine=mine,
                           create_form=CreateSkpForm(year=this_year))

    @expose("/export/<export_type>/")
    def export(self, export_type):
        query = self._filtered()[0]
        Appraiser = Employee.alias()
        rows = (query.select(Skp, Employee, Appraiser, Unit)
                .join(Employee, on=(Skp.employee == Employee.id)).join(Unit)
                .switch(Skp).join(Appraiser, JOIN.LEFT_OUTER, on=(Skp.appraiser == Appraiser.id))
                .order_by(Skp.year.desc(), Employee.name, Skp.id))
        return export_response(export_type, "skp", [
            _("Year"), _("NIP"), _("Employee"), _("Unit"), _("Appraiser"), _("State"),
            _("Predikat")], (
            [skp.year, skp.employee.nip, skp.employee.name, skp.employee.unit.name,
             skp.appraiser.name if skp.appraiser_id else "",
             str(labels.SKP_STATE.get(skp.state, skp.state)),
             str(labels.PREDIKAT.get(skp.predikat, "")) if skp.predikat else ""]
            for skp in rows.iterator()))

    @expose("/create", methods=["POST"])
    def create(self):
        form = CreateSkpForm()
        employee = current_user.employee
        if employee is None:
            abort(403)
        if not form.validate_on_submit():
            flash(_("Please give a valid year."), "error")
            return redirect(url_for(".index"))
        existing = Skp.get_or_none(Skp.employee == employee, Skp.year == form.year.data)
        if existing:
            return self._back(existing)
        if employee.supervisor_id is None:
            flash(_("Your employee record has no direct supervisor, who would appraise "
                    "this SKP. Ask BKPSDM to set one."), "error")
            return redirect(url_for(".index"))
        skp = service.create_skp(employee, form.year.data, current_user)
        flash(_("Your SKP for %(year)s was created as a draft.", year=skp.year), "success")
        return self._back(skp)

    # -- one SKP ---------------------------------------------------------------
    @expose("/<int:skp_id>/")
    def detail(self, skp_id):
        skp = self.get_one(skp_id)
        rel = service.relation(current_user, skp)
        actions = [a for a in service.actions_for(current_user, skp) if a in BUTTON_ACTIONS]
        rhks = list(skp.rhks.order_by(Rhk.position, Rhk.id))
        ikis = {}
        for iki in Iki.select().where(Iki.rhk.in_([r.id for r in rhks])).order_by(Iki.id):
            ikis.setdefault(iki.rhk_id, []).append(iki)
        evaluations = {e.period_id: e for e in skp.evaluations}
        periods = list(Period.select().where((Period.year == skp.year) & Period.month.is_null())
                       .order_by(Period.quarter.is_null(), Period.quarter))
        evaluable = {p.id for p in periods if self._may_evaluate(skp, p)}
        uploadable = {p.id for p in periods if self._may_upload(skp, p)}
        editing = rel["is_owner"] and skp.editable
        rhk_form = self._rhk_form(skp) if editing else None
        second_level = None
        if skp.appraiser_id and skp.appraiser.supervisor_id:
            second_level = skp.appraiser.supervisor
        return self.render(
            "admin/skp/detail.html", skp=skp, rel=rel, actions=actions, rhks=rhks, ikis=ikis,
            evaluations=evaluations, periods=periods, evaluable=evaluable,
            uploadable=uploadable,
            realisation_links=self.realisation_links(skp, periods, evaluations),
            rhk_edit_forms={r.id: self._rhk_form(skp, r) for r in rhks} if editing else {},
            iki_edit_forms={i.id: IkiForm(data=self._iki_data(i)) for items in ikis.values()
                            for i in items} if editing else {},
            editing=editing, rhk_form=rhk_form, iki_form=IkiForm() if editing else None,
            lampiran_form=LampiranForm(obj=skp) if editing else None, action_form=ActionForm(),
            events=list(skp.events.order_by(SkpEvent.at, SkpEvent.id)),
            second_level=second_level, workflow=skp_workflow,
            dialog=list(skp.dialog.order_by(DialogMessage.created_at, DialogMessage.id)),
            dialog_form=DialogForm() if service.may_write_dialog(current_user, skp) else None,
            follow_ups=list(skp.follow_ups.order_by(FollowUp.created_at, FollowUp.id)),
            follow_up_form=(self._follow_up_form(skp)
                            if service.may_record_follow_up(current_user, skp) else None),
            may_close=lambda item: service.may_close_follow_up(current_user, item),
            asks=self._asks(skp, actions, rhks, ikis, editing))

    def _asks(self, skp, actions, rhks, ikis, editing):
        """What each button of the page that cannot be undone will say before it posts."""
        here = self._url(skp)
        asks = {("action", a): consequences.skp_step(skp, a, here) for a in actions}
        if editing:
            for rhk in rhks:
                asks[("rhk", rhk.id)] = consequences.rhk_removal(rhk, self._url(skp, "#rhk"))
                for iki in ikis.get(rhk.id, []):
                    asks[("iki", iki.id)] = consequences.iki_removal(iki, here + "#rhk")
        for item in skp.follow_ups:
            asks[("follow_up", item.id)] = consequences.follow_up_done(
                item, self._url(skp, "#follow-up"))
        return asks

    def _rhk_form(self, skp, rhk=None):
        """The RHK form (to add one, or prefilled with ``rhk`` to change it)."""
        form = RhkForm() if rhk is None else RhkForm(formdata=None, data={
            "kind": rhk.kind, "text": rhk.text, "parent_rhk": rhk.parent_rhk_id or 0,
            "unit_indicator": rhk.unit_indicator_id or 0})
        parents = []
        if skp.appraiser_id:
            boss_skp = Skp.get_or_none(Skp.employee == skp.appraiser_id, Skp.year == skp.year)
            if boss_skp:
                parents = [(r.id, r.text[:120]) for r in boss_skp.rhks.order_by(Rhk.position, Rhk.id)]
        form.parent_rhk.choices = choices([(0, "—")] + parents)
        indicators = (UnitIndicator.select()
                      .where((UnitIndicator.unit == skp.employee.unit_id)
                             & (UnitIndicator.year == skp.year))
                      .order_by(UnitIndicator.code))
        form.unit_indicator.choices = choices([(0, "—")] + [(i.id, f"{i.code} {i.name}")
                                                             for i in indicators])
        return form

    @expose("/<int:skp_id>/lampiran", methods=["POST"])
    def lampiran(self, skp_id):
        skp = self.get_one(skp_id)
        form = LampiranForm()
        if self._owned_and_editable(skp) and form.validate_on_submit():
            with db.atomic():
                before = audit.snapshot(skp)
                form.populate_obj(skp)
                skp.updated_at = utcnow()
                skp.save()
                audit.record(audit.UPDATE, skp, before=before, after=audit.snapshot(skp))
            flash(_("Saved."), "success")
        elif form.errors:
            flash(_("The texts are too long."), "error")
        return self._back(skp, "#lampiran")

    @expose("/<int:skp_id>/rhk", methods=["POST"])
    def add_rhk(self, skp_id):
        skp = self.get_one(skp_id)
        if not self._owned_and_editable(skp):
            return self._back(skp)
        form = self._rhk_form(skp)
        if not form.validate_on_submit():
            flash(_("Please write the planned result (RHK)."), "error")
            return self._back(skp, "#rhk")
        position = (skp.rhks.count() or 0) + 1
        with db.atomic():
            rhk = Rhk.create(skp=skp, kind=form.kind.data, text=form.text.data.strip(),
                             parent_rhk=form.parent_rhk.data or None,
                             unit_indicator=form.unit_indicator.data or None, position=position)
            audit.record(audit.CREATE, rhk)
        flash(_("RHK added."), "success")
        return self._back(skp, "#rhk")

    def _rhk_of(self, skp, rhk_id):
        rhk = Rhk.get_or_none((Rhk.id == rhk_id) & (Rhk.skp == skp))
        if rhk is None:
            abort(404)
        return rhk

    @expose("/<int:skp_id>/rhk/<int:rhk_id>/delete", methods=["POST"])
    def delete_rhk(self, skp_id, rhk_id):
        skp = self.get_one(skp_id)
        if self._owned_and_editable(skp) and ActionForm().validate_on_submit():
            rhk = self._rhk_of(skp, rhk_id)
            waiting = confirm.pending(consequences.rhk_removal(rhk, self._url(skp, "#rhk")),
                                      self.render)
            if waiting is not None:
                return waiting
            with db.atomic():
                audit.record(audit.DELETE, rhk)
                rhk.delete_instance(recursive=True)
            flash(_("RHK removed."), "success")
        return self._back(skp, "#rhk")

    @expose("/<int:skp_id>/rhk/<int:rhk_id>/edit", methods=["POST"])
    def edit_rhk(self, skp_id, rhk_id):
        skp = self.get_one(skp_id)
        if not self._owned_and_editable(skp):
            return self._back(skp)
        rhk = self._rhk_of(skp, rhk_id)
        form = self._rhk_form(skp)
        if not form.validate_on_submit():
            flash(_("Please write the planned result (RHK)."), "error")
            return self._back(skp, f"#rhk-{rhk.id}")
        with db.atomic():
            before = audit.snapshot(rhk)
            rhk.kind, rhk.text = form.kind.data, form.text.data.strip()
            rhk.parent_rhk = form.parent_rhk.data or None
            rhk.unit_indicator = form.unit_indicator.data or None
            rhk.save()
            audit.record(audit.UPDATE, rhk, before=before, after=audit.snapshot(rhk))
        flash(_("RHK changed."), "success")
        return self._back(skp, f"#rhk-{rhk.id}")

    @staticmethod
    def _iki_data(iki):
        return {"aspect": iki.aspect, "indicator": iki.indicator,
                "target_value": iki.target_value, "target_unit": iki.target_unit}

    @expose("/<int:skp_id>/iki/<int:iki_id>/edit", methods=["POST"])
    def edit_iki(self, skp_id, iki_id):
        skp = self.get_one(skp_id)
        if not self._owned_and_editable(skp):
            return self._back(skp)
        iki = Iki.select().join(Rhk).where((Iki.id == iki_id) & (Rhk.skp == skp)).first()
        if iki is None:
            abort(404)
        form = IkiForm()
        if not form.validate_on_submit():
            flash(_("Please write the indicator; the target must be a number."), "error")
            return self._back(skp, f"#rhk-{iki.rhk_id}")
        with db.atomic():
            before = audit.snapshot(iki)
            iki.aspect, iki.indicator = form.aspect.data, form.indicator.data.strip()
            iki.target_value = form.target_value.data
            iki.target_unit = form.target_unit.data.strip()
            iki.save()
            audit.record(audit.UPDATE, iki, before=before, after=audit.snapshot(iki))
        flash(_("Indicator changed."), "success")
        return self._back(skp, f"#rhk-{iki.rhk_id}")

    @expose("/<int:skp_id>/rhk/<int:rhk_id>/iki", methods=["POST"])
    def add_iki(self, skp_id, rhk_id):
        skp = self.get_one(skp_id)
        if not self._owned_and_editable(skp):
            return self._back(skp)
        rhk = self._rhk_of(skp, rhk_id)
        form = IkiForm()
        if not form.validate_on_submit():
            flash(_("Please write the indicator; the target must be a number."), "error")
            return self._back(skp, f"#rhk-{rhk.id}")
        with db.atomic():
            iki = Iki.create(rhk=rhk, aspect=form.aspect.data,
                             indicator=form.indicator.data.strip(),
                             target_value=form.target_value.data,
                             target_unit=form.target_unit.data.strip())
            audit.record(audit.CREATE, iki)
        flash(_("Indicator added."), "success")
        return self._back(skp, f"#rhk-{rhk.id}")

    @expose("/<int:skp_id>/iki/<int:iki_id>/delete", methods=["POST"])
    def delete_iki(self, skp_id, iki_id):
        skp = self.get_one(skp_id)
        if self._owned_and_editable(skp) and ActionForm().validate_on_submit():
            iki = (Iki.select().join(Rhk).where((Iki.id == iki_id) & (Rhk.skp == skp)).first())
            if iki is None:
                abort(404)
            waiting = confirm.pending(consequences.iki_removal(iki, self._url(skp, "#rhk")),
                                      self.render)
            if waiting is not None:
                return waiting
            with db.atomic():
                audit.record(audit.DELETE, iki)
                iki.delete_instance()
            flash(_("Indicator removed."), "success")
        return self._back(skp, "#rhk")

    @expose("/<int:skp_id>/action/<action>", methods=["POST"])
    def action(self, skp_id, action):
        skp = self.get_one(skp_id)
        if action not in BUTTON_ACTIONS:
            abort(404)
        form = ActionForm()
        if not form.validate_on_submit():
            abort(400)
        rel = service.relation(current_user, skp)
        if not any(rel.values()):
            abort(403)
        if action == skp_workflow.SUBMIT and not skp.rhks.exists():
            flash(_("Add at least one RHK before submitting."), "error")
            return self._back(skp)
        reason = form.reason.data or ""
        try:
            # refused steps are refused before anyone is asked to confirm them
            skp_workflow.transition(action, skp.state, reason=reason, **rel)
            waiting = confirm.pending(consequences.skp_step(skp, action, self._url(skp)),
                                      self.render)
            if waiting is not None:
                return waiting
            service.move(skp, action, current_user, reason)
        except skp_workflow.WorkflowError as exc:
            if exc.code in ("own_skp", "not_allowed"):
                abort(403)
            flash(str(WORKFLOW_ERRORS[exc.code]), "error")
            return self._back(skp)
        flash(_("Done: %(action)s. The SKP is now: %(state)s.",
                action=labels.SKP_ACTION[action], state=labels.SKP_STATE[skp.state]), "success")
        return self._back(skp)

    @expose("/<int:skp_id>/dialog", methods=["POST"])
    def dialog(self, skp_id):
        skp = self.get_one(skp_id)
        if not service.may_write_dialog(current_user, skp):
            abort(403)
        form = DialogForm()
        if form.validate_on_submit():
            with db.atomic():
                message = DialogMessage.create(skp=skp, author=current_user,
                                               body=form.body.data.strip())
                audit.record(audit.CREATE, message, label=f"{skp}: {message}")
            flash(_("Message sent."), "success")
        else:
            flash(_("Write a message (at most 4,000 characters)."), "error")
        return self._back(skp, "#dialog")

    # -- evaluations -----------------------------------------------------------
    def _period(self, skp, period_id):
        period = Period.get_or_none((Period.id == period_id) & (Period.year == skp.year)
                                    & Period.month.is_null())
        if period is None:
            abort(404)
        return period

    def _may_evaluate(self, skp, period):
        action = (skp_workflow.EVALUATE_ANNUAL if period.is_annual
                  else skp_workflow.EVALUATE_QUARTER)
        if not period.open or action not in service.actions_for(current_user, skp):
            return False
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        return realisation.allowed(realisation.ASSESS, realisations.state_of(evaluation),
                                   is_owner=False, is_appraiser=True)

    def _may_upload(self, skp, period):
        rel = service.relation(current_user, skp)
        return (period.open and skp.state in UPLOAD_STATES
                and (rel["is_owner"] or rel["is_appraiser"]))

    def _owner_enters_it(self, skp, period, evaluation):
        """Nothing rated yet and the signed-in employee owns the SKP: her own
        realisation page, not the evaluation page, is where she enters it."""
        return ((evaluation is None or not evaluation.predikat)
                and not self._may_evaluate(skp, period)
                and service.relation(current_user, skp)["is_owner"])

    @expose("/<int:skp_id>/evaluation/<int:period_id>", methods=["GET", "POST"])
    def evaluation(self, skp_id, period_id):
        skp = self.get_one(skp_id)
        period = self._period(skp, period_id)
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        may_evaluate = self._may_evaluate(skp, period)
        may_upload = self._may_upload(skp, period)
        if evaluation is None and not may_evaluate and not may_upload:
            abort(404)
        if request.method == "GET" and self._owner_enters_it(skp, period, evaluation):
            return redirect(url_for(".realisation", skp_id=skp.id, period_id=period.id))
        form = ActionForm()
        page = self._evaluation_page(skp, period, form)
        if request.method == "POST":
            if not may_evaluate:
                abort(403)
            if not form.validate_on_submit():
                abort(400)
            if page["may_upload"] and getattr(request.files.get("file"), "filename", ""):
                self._store_evidence(skp, period)  # chosen, then "Save evaluation": kept too
                page = self._evaluation_page(skp, period, form)
            return self._save_evaluation(page)
        return self._render_evaluation(page)

    def _evaluation_page(self, skp, period, form):
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        state = realisations.state_of(evaluation)
        return {"skp": skp, "period": period, "rhks": list(skp.rhks.order_by(Rhk.position, Rhk.id)),
                "evaluation": evaluation, "form": form,
                "may_evaluate": self._may_evaluate(skp, period),
                "may_upload": self._may_upload(skp, period),
                "realisation_state": state,
                # the employee wrote the realisation: the appraiser rates it, not retypes it
                "employee_wrote": evaluation is not None and (
                    state in (realisation.SUBMITTED, realisation.RETURNED)
                    or (state == realisation.ASSESSED and evaluation.realisation_at is not None)),
                "may_return": realisations.may(current_user, skp, period, evaluation,
                                               realisation.RETURN),
                "basis": realisations.quarter_basis(skp) if period.is_annual else None}

    def _render_evaluation(self, page, typed=None, errors=None):
        """The evaluation page: what is stored, or (``typed``) what was just submitted."""
        skp, evaluation, rhks = page["skp"], page["evaluation"], page["rhks"]
        Typed = namedtuple("Typed", "realisation feedback rating ekspektasi_khusus")
        basis = page["basis"]
        if typed is None:
            results = {r.rhk_id: r for r in evaluation.results} if evaluation else {}
            behaviours = {b.value: b for b in evaluation.behaviours} if evaluation else {}
            overall = {"hasil_kerja": evaluation.hasil_kerja_rating if evaluation else "",
                       "perilaku": evaluation.perilaku_rating if evaluation else "",
                       "perilaku_reason": evaluation.perilaku_reason if evaluation else "",
                       "change_note": evaluation.change_note if evaluation else ""}
            if basis and page["may_evaluate"] and not (evaluation and evaluation.predikat):
                # the year starts from the quarters: their latest ratings, prefilled
                results = {rid: Typed(r.realisation if r else "", r.feedback if r else "",
                                      basis["rhk"].get(rid), "")
                           for rid in {x.id for x in rhks}
                           for r in [results.get(rid)]}
                behaviours = {v: Typed("", "", basis["behaviours"].get(v), "")
                              for v in BERAKHLAK}
        else:
            results, behaviours, overall = typed["results"], typed["behaviours"], typed["overall"]
        iki_typed = typed["iki"] if typed else {}
        if (typed is None and basis and page["may_evaluate"] and not page["employee_wrote"]
                and not (evaluation and evaluation.iki_values.count())):
            # no annual realisation from the employee: each indicator starts from its
            # latest quarter, each result from the quarters' texts, as hers would
            texts, values = realisations.annual_start(skp)
            iki_typed = {iki_id: number_text(v) for iki_id, v in values.items()}
            results = {rid: Typed(getattr(r, "realisation", "") or texts.get(rid, ""),
                                  getattr(r, "feedback", ""), getattr(r, "rating", None), "")
                       for rid in {x.id for x in rhks} for r in [results.get(rid)]}
        unit_result = service.unit_result_for_head(skp)
        may_upload = page["may_upload"]
        return self.render(
            "admin/skp/evaluation.html", unit_result=unit_result,
            head_rating=distribution.head_hasil_kerja(unit_result.capaian)
            if unit_result else None,
            ikis={r.id: list(r.ikis) for r in rhks}, results=results,
            iki_numbers=service.iki_achievements(evaluation),
            iki_typed=iki_typed, overall=overall, errors=errors or {},
            unrated=(realisations.unrated_text(skp)
                     if page["period"].is_annual and page["may_evaluate"] else ""),
            perilaku_suggestion=predikat.perilaku_summary(
                getattr(behaviours.get(v), "rating", None) for v in BERAKHLAK),
            return_form=ActionForm() if page["may_return"] else None,
            ask_return=consequences.realisation_return(
                skp, page["period"], url_for(".evaluation", skp_id=skp.id,
                                             period_id=page["period"].id)),
            behaviours=behaviours, berakhlak=BERAKHLAK, ratings=predikat.RATINGS,
            evidence_form=EvidenceForm() if may_upload else None,
            evidence=list(evaluation.evidence.order_by(Evidence.id)) if evaluation else [],
            **page), 400 if errors else 200

    def _save_evaluation(self, page):
        """Store the submitted evaluation; on a mistake show the form again as typed
        (status 400, nothing saved) with the message next to the field."""
        skp, period, rhks = page["skp"], page["period"], page["rhks"]

        def rating(name):
            value = request.form.get(name, "")
            return value if value in predikat.RATINGS else None

        def text(name):
            return (request.form.get(name) or "").strip()[:5000]

        if page["employee_wrote"]:  # rated as the employee submitted it
            written, iki_values = realisations.stored(page["evaluation"])
        else:
            written, iki_values = {r.id: text(f"rhk-{r.id}-realisation") for r in rhks}, {}
        results = {r.id: (written.get(r.id, ""), text(f"rhk-{r.id}-feedback"),
                          rating(f"rhk-{r.id}-rating")) for r in rhks}
        behaviours = {v: (rating(f"{v}-rating"), text(f"{v}-feedback"), text(f"{v}-special"))
                      for v in BERAKHLAK}
        typed_iki, errors, unreadable = {}, {}, []
        for rhk in ([] if page["employee_wrote"] else rhks):
            for iki in rhk.ikis:
                typed_iki[iki.id] = typed = text(f"iki-{iki.id}-value")
                try:
                    iki_values[iki.id] = read_number(typed)
                except ValueError:
                    unreadable.append(iki.indicator)
                    errors[f"iki-{iki.id}-value"] = _(
                        "Write the realisation as a number, e.g. 1.350 or 97,5: %(names)s.",
                        names=iki.indicator)
        if unreadable:
            flash(_("Write the realisation as a number, e.g. 1.350 or 97,5: %(names)s.",
                    names="; ".join(unreadable)), "error")
        hasil_kerja, perilaku = rating("hasil_kerja"), rating("perilaku")
        perilaku_reason, change_note = text("perilaku_reason"), text("change_note")
        fixed = period.is_annual and service.unit_result_for_head(skp) is not None
        if hasil_kerja is None and not fixed and not any(r[2] for r in results.values()):
            errors["hasil_kerja"] = _("Rate the work results or each RHK.")
        suggestion = predikat.perilaku_summary(b[0] for b in behaviours.values())
        if perilaku is None and suggestion is None:
            errors["perilaku"] = _("Rate the work behaviour or its seven core values.")
        elif perilaku and suggestion and perilaku != suggestion and not perilaku_reason:
            errors["perilaku_reason"] = _(
                "The seven core values suggest %(rating)s: write why you rate otherwise.",
                rating=labels.RATING[suggestion])
        if "hasil_kerja" in errors or "perilaku" in errors:
            flash(_("Rate the work results (or each RHK) and the work behaviour."), "error")
        if page["basis"] and not change_note:
            chosen = {("rhk", rid): r[2] for rid, r in results.items()}
            chosen.update({("value", v): b[0] for v, b in behaviours.items()})
            start = {("rhk", rid): rating for rid, rating in page["basis"]["rhk"].items()}
            start.update({("value", v): r for v, r in page["basis"]["behaviours"].items()})
            if realisation.changed(start, chosen):
                errors["change_note"] = _("A rating differs from the quarters': write a note "
                                          "on the change.")
        for name in ("perilaku_reason", "change_note"):
            if name in errors:
                flash(errors[name], "error")
        if errors:
            Typed = namedtuple("Typed", "realisation feedback rating ekspektasi_khusus")
            return self._render_evaluation(page, errors=errors, typed={
                "results": {rid: Typed(*r, "") for rid, r in results.items()},
                "behaviours": {v: Typed("", b[1], b[0], b[2]) for v, b in behaviours.items()},
                "overall": {"hasil_kerja": hasil_kerja or "", "perilaku": perilaku or "",
                            "perilaku_reason": perilaku_reason, "change_note": change_note},
                "iki": typed_iki})
        try:
            evaluation = service.save_evaluation(skp, period, current_user, results, behaviours,
                                                 hasil_kerja, perilaku, iki_values,
                                                 perilaku_reason=perilaku_reason,
                                                 change_note=change_note)
        except skp_workflow.WorkflowError:
            abort(403)
        flash(_("Evaluation saved. Predikat: %(predikat)s.",
                predikat=labels.PREDIKAT.get(evaluation.predikat, "—")), "success")
        return redirect(url_for(".evaluation", skp_id=skp.id, period_id=period.id))

    @expose("/<int:skp_id>/evaluation/<int:period_id>/evidence", methods=["POST"])
    def upload(self, skp_id, period_id):
        skp = self.get_one(skp_id)
        period = self._period(skp, period_id)
        if not self._may_upload(skp, period):
            abort(403)
        form = EvidenceForm()
        if not form.validate_on_submit():
            abort(400)
        self._store_evidence(skp, period)
        if "perilaku" in request.form and self._may_evaluate(skp, period):
            # the appraiser's upload button belongs to the evaluation form: what was
            # typed there is saved as "Save evaluation" does (or shown again, unsaved,
            # with what is missing), never lost
            return self._save_evaluation(self._evaluation_page(skp, period, form))
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        page = ".realisation" if self._owner_enters_it(skp, period, evaluation) else ".evaluation"
        return redirect(url_for(page, skp_id=skp.id, period_id=period.id) + "#evidence")

    def _store_evidence(self, skp, period):
        """Keep the file sent with this request as evidence, saying so (or why not)."""
        storage = request.files.get("file")
        try:
            if storage is None:
                raise service.UploadError("empty")
            with db.atomic():
                evaluation, _created = Evaluation.get_or_create(skp=skp, period=period)
                service.store_evidence(evaluation, storage, current_user)
        except service.UploadError as exc:
            mb = self.admin.app.config["SKP_UPLOAD_MAX_BYTES"] // (1024 * 1024)
            message = (str(UPLOAD_ERRORS[exc.code]) % {"mb": mb}
                       if exc.code == "too_large" else str(UPLOAD_ERRORS[exc.code]))
            if storage is not None and storage.filename:
                message = _("%(name)s was not uploaded:", name=storage.filename) + " " + message
            flash(message, "error")
        else:
            flash(_("Evidence uploaded."), "success")

    @expose("/evidence/<int:evidence_id>")
    def evidence(self, evidence_id):
        item = Evidence.get_or_none(Evidence.id == evidence_id)
        if item is None:
            abort(404)
        self.get_one(item.evaluation.skp_id)  # 404 unless the SKP is visible
        return send_file(service.evidence_path(item), mimetype=item.content_type,
                         as_attachment=True, download_name=item.filename)

    @expose("/<int:skp_id>/pdf")
    def pdf(self, skp_id):
        skp = self.get_one(skp_id)  # 404 unless the SKP is visible
        config = self.admin.app.config
        data = skp_pdf(skp, config["PORTAL_REGION"], config["PORTAL_NAME"])
        name = re.sub(r"[^A-Za-z0-9]+", "-", skp.employee.name).strip("-") or "pegawai"
        return Response(data, mimetype="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="skp-{skp.year}-{name}.pdf"'})

    # -- tindak lanjut -------------------------------------------------------------
    def _follow_up_form(self, skp):
        form = FollowUpForm()
        awards = (Award.select().where(Award.employee == skp.employee_id)
                  .order_by(Award.award_date.desc()))
        form.award.choices = choices([(0, "—")] + [(a.id, f"{a.title} ({a.award_date})")
                                                    for a in awards])
        return form

    @expose("/<int:skp_id>/follow-up", methods=["POST"])
    def add_follow_up(self, skp_id):
        skp = self.get_one(skp_id)
        if not service.may_record_follow_up(current_user, skp):
            abort(403)
        form = self._follow_up_form(skp)
        if not form.validate_on_submit():
            flash(_("Choose a follow-up and write the recommendation (at most 2,000 "
                    "characters)."), "error")
            return self._back(skp, "#follow-up")
        award = Award.get_or_none(Award.id == form.award.data) if form.award.data else None
        _item, refused = service.record_follow_up(skp, current_user, form.kind.data,
                                                  form.note.data, award)
        if refused:
            flash(str(FOLLOW_UP_ERRORS[refused]), "error")
        else:
            flash(_("Follow-up recorded."), "success")
        return self._back(skp, "#follow-up")

    @expose("/follow-up/<int:item_id>/done", methods=["POST"])
    def follow_up_done(self, item_id):
        item = FollowUp.get_or_none(FollowUp.id == item_id)
        if item is None:
            abort(404)
        skp = self.get_one(item.skp_id)  # 404 unless the SKP is visible
        if not ActionForm().validate_on_submit():
            abort(400)
        if not service.may_close_follow_up(current_user, item):
            abort(403)
        back = (url_for("follow_up.index_view") if request.form.get("next") == "list"
                else self._url(skp, "#follow-up"))
        waiting = confirm.pending(consequences.follow_up_done(item, back), self.render)
        if waiting is not None:
            return waiting
        service.close_follow_up(item)
        flash(_("Follow-up marked as done."), "success")
        if request.form.get("next") == "list":
            return redirect(url_for("follow_up.index_view"))
        return self._back(skp, "#follow-up")
