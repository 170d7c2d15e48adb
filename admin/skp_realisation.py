"""The realisation pages of an SKP: the employee enters, keeps and submits her
realisation of a period with bukti dukung (and removes a wrong file of hers while
it is open); the appraiser returns it with a reason. (The appraiser rates it on the
evaluation page, admin/skp.py.) Numbers are shown and read the reader's way (92,5
in Indonesian), file sizes too (3,0 MB).

A mixin of SkpView: ``self.get_one`` answers 404 for an SKP the user may not see.
"""
from babel.numbers import get_decimal_symbol
from flask import abort, flash, redirect, request, url_for
from flask_admin import expose
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from admin import consequences
from forms.performance import ActionForm, EvidenceForm
from portal import confirm, labels
from portal import skp as service
from portal import skp_realisation as realisations
from portal.models import Evaluation, Evidence, Rhk
from portal.rules import realisation, spreadsheet, uploads

EVIDENCE_ACCEPT = ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"


def _decimal_comma():
    """The reader's language writes decimals with a comma (Indonesian does)."""
    return get_decimal_symbol(get_locale() or "id") == ","


def number_text(value):
    """A stored number as the form shows it again, in the reader's way (92,5 in
    Indonesian) and without thousands marks, so read_number reads it back exactly."""
    if value is None:
        return ""
    return format_decimal(value, format="0.##########")


def read_number(raw):
    """The number typed in a realisation field (1.350 or 97,5 in Indonesian; 97.5 in
    English), None when empty; spreadsheet.CellError (a ValueError) when unreadable."""
    return spreadsheet.parse_number(raw, decimal_comma=_decimal_comma())


def file_size(size):
    """An evidence file's size as people read it, in their language: 3,0 MB, 812,4 KB."""
    amount, unit = uploads.human_size(size)
    if unit == "B":
        return f"{format_decimal(amount)} {unit}"
    return f"{format_decimal(amount, format='#,##0.0')} {unit}"


class RealisationPages:
    """Routes of SkpView for the employee's realisation of a period."""

    def _realisation_url(self, skp, period):
        return url_for(".realisation", skp_id=skp.id, period_id=period.id)

    @expose("/<int:skp_id>/realisation/<int:period_id>", methods=["GET", "POST"])
    def realisation(self, skp_id, period_id):
        skp = self.get_one(skp_id)
        period = self._period(skp, period_id)
        if not service.relation(current_user, skp)["is_owner"]:
            abort(403)  # the appraiser reads it on the evaluation page
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        editable = realisations.may(current_user, skp, period, evaluation, realisation.SAVE)
        if evaluation is None and not editable:
            abort(404)
        if request.method == "POST":
            if not editable:
                abort(403)
            if not ActionForm().validate_on_submit():
                abort(400)
            return self._save_realisation(skp, period)
        return self._render_realisation(skp, period)

    def _render_realisation(self, skp, period, typed=None, errors=None):
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        editable = realisations.may(current_user, skp, period, evaluation, realisation.SAVE)
        rhks = list(skp.rhks.order_by(Rhk.position, Rhk.id))
        texts, values = realisations.stored(evaluation)
        if period.is_annual and not texts and not values:
            texts, values = realisations.annual_start(skp)
        shown_values = {k: number_text(v) for k, v in values.items()}
        if typed is not None:
            texts, shown_values = typed
        here = self._realisation_url(skp, period)
        return self.render(
            "admin/skp/realisation.html", skp=skp, period=period, evaluation=evaluation,
            rhks=rhks, ikis={r.id: list(r.ikis) for r in rhks}, texts=texts,
            values=shown_values, numbers=values, errors=errors or {}, editable=editable,
            state=realisations.state_of(evaluation), states=realisation,
            achievements=service.iki_achievements(evaluation) if typed is None else {},
            evidence=list(evaluation.evidence.order_by(Evidence.id)) if evaluation else [],
            form=ActionForm(), evidence_form=EvidenceForm(), accept=EVIDENCE_ACCEPT,
            removable={e.id: consequences.evidence_removal(e, here + "#evidence")
                       for e in self._removable_evidence(skp, period, evaluation)},
            ask_submit=consequences.realisation_submit(skp, period, here),
            basis=realisations.quarter_basis(skp) if period.is_annual else None,
        ), 400 if errors else 200

    def _save_realisation(self, skp, period):
        """Keep what was typed (and the file chosen); with "Ajukan", check that every
        RHK has its realisation and every numeric IKI its number, ask once, submit."""
        submit = request.form.get("submit_realisation") == "1"
        if getattr(request.files.get("file"), "filename", ""):
            self._store_evidence(skp, period)
        rhks = list(skp.rhks.order_by(Rhk.position, Rhk.id))
        texts, typed_values, values, errors = {}, {}, {}, {}
        missing, unreadable = [], []
        for rhk in rhks:
            texts[rhk.id] = text = (request.form.get(f"rhk-{rhk.id}-realisation") or "") \
                .strip()[:5000]
            if submit and not text:
                errors[f"rhk-{rhk.id}-realisation"] = _("Write what was achieved.")
                missing.append(rhk.text[:80])
            for iki in rhk.ikis:
                if iki.target_value is None:
                    continue
                name = f"iki-{iki.id}-value"
                typed_values[iki.id] = raw = (request.form.get(name) or "").strip()[:50]
                try:
                    values[iki.id] = read_number(raw)
                except ValueError:
                    unreadable.append(iki.indicator)
                    errors[name] = _("Write a number, e.g. 1.350 or 97,5.")
                    continue
                if submit and values[iki.id] is None:
                    errors[name] = _("Write the number reached so far this year.")
                    missing.append(iki.indicator[:80])
        if unreadable:
            flash(_("Write the realisation as a number, e.g. 1.350 or 97,5: %(names)s.",
                    names="; ".join(unreadable)), "error")
        if missing:
            flash(_("Before submitting, fill in the realisation of: %(names)s.",
                    names="; ".join(missing)), "error")
        if errors:
            return self._render_realisation(skp, period, typed=(texts, typed_values),
                                             errors=errors)
        here = self._realisation_url(skp, period)
        try:
            realisations.save(skp, period, current_user, texts, values)
            if submit:
                waiting = confirm.pending(consequences.realisation_submit(skp, period, here),
                                          self.render)
                if waiting is not None:
                    return waiting  # the draft is kept meanwhile
                realisations.save(skp, period, current_user, texts, values, submit=True)
        except realisation.RealisationError:
            abort(403)
        if submit:
            flash(_("Realisation submitted to %(name)s for assessment.",
                    name=skp.appraiser.name if skp.appraiser_id else "—"), "success")
        else:
            flash(_("Draft saved. Submit it when it is complete."), "success")
        return redirect(here)

    def _removable_evidence(self, skp, period, evaluation):
        """The evidence the signed-in employee may remove now: her own files, while her
        realisation of the period is a draft or returned."""
        if evaluation is None or not realisations.may(current_user, skp, period, evaluation,
                                                      realisation.SAVE):
            return []
        return [e for e in evaluation.evidence.order_by(Evidence.id)
                if e.uploaded_by_id == current_user.id]

    @expose("/<int:skp_id>/realisation/<int:period_id>/evidence/<int:evidence_id>/remove",
            methods=["POST"])
    def remove_evidence(self, skp_id, period_id, evidence_id):
        skp = self.get_one(skp_id)
        period = self._period(skp, period_id)
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        item = Evidence.get_or_none((Evidence.id == evidence_id)
                                    & (Evidence.evaluation == evaluation))
        if item is None:
            abort(404)
        if item not in self._removable_evidence(skp, period, evaluation):
            abort(403)
        if not ActionForm().validate_on_submit():
            abort(400)
        back = self._realisation_url(skp, period) + "#evidence"
        waiting = confirm.pending(consequences.evidence_removal(item, back), self.render)
        if waiting is not None:
            return waiting
        service.remove_evidence(item, current_user)
        flash(_("%(name)s was removed.", name=item.filename), "success")
        return redirect(back)

    @expose("/<int:skp_id>/realisation/<int:period_id>/return", methods=["POST"])
    def return_realisation(self, skp_id, period_id):
        skp = self.get_one(skp_id)
        period = self._period(skp, period_id)
        evaluation = Evaluation.get_or_none(Evaluation.skp == skp, Evaluation.period == period)
        rel = service.relation(current_user, skp)
        if not rel["is_appraiser"]:
            abort(403)
        form = ActionForm()
        if not form.validate_on_submit():
            abort(400)
        back = url_for(".evaluation", skp_id=skp.id, period_id=period.id)
        if not realisations.may(current_user, skp, period, evaluation, realisation.RETURN):
            flash(_("Only a submitted realisation can be returned."), "error")
            return redirect(back)
        reason = (form.reason.data or "").strip()
        if not reason:
            flash(_("Please give a reason."), "error")
            return redirect(back + "#return")
        waiting = confirm.pending(consequences.realisation_return(skp, period, back),
                                  self.render)
        if waiting is not None:
            return waiting
        realisations.send_back(evaluation, current_user, reason)
        flash(_("The realisation was returned to %(name)s.", name=skp.employee.name),
              "success")
        return redirect(back)

    def realisation_links(self, skp, periods, evaluations):
        """{period_id: (state label, link text or None)} for the SKP page's table."""
        rel = service.relation(current_user, skp)
        result = {}
        for period in periods:
            evaluation = evaluations.get(period.id)
            state = realisations.state_of(evaluation)
            label = labels.REALISATION_STATE[state]
            link = None
            if rel["is_owner"]:
                if realisations.may(current_user, skp, period, evaluation, realisation.SAVE):
                    link = (_("Correct the realisation") if state == realisation.RETURNED
                            else _("Enter realisation"))
                elif evaluation is not None:
                    link = _("View realisation")
            if evaluation is None and skp.state not in realisations.OPEN_STATES:
                label = "—"
            result[period.id] = (label, link)
        return result
