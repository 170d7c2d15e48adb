"""What each back-office step that cannot be undone will do, said in one sentence.

The views ask with these (``portal.confirm``) before they act: the confirmation
page and the dialog show the sentence and the button's words built here, so a
step says the same thing wherever it is asked.
"""
import re

from flask_babel import gettext as _

from portal import labels, predikat_spread, skp_realisation
from portal.confirm import Ask
from portal.rules import complaints as complaint_rules
from portal.rules import monthly_workflow, skp_workflow


def skp_step(skp, action, back):
    """An SKP workflow button (submit, approve, return, finalise, reopen)."""
    year, name = skp.year, skp.employee.name
    appraiser = skp.appraiser.name if skp.appraiser_id else "—"
    if action == skp_workflow.SUBMIT:
        return Ask(_("The %(year)s SKP of %(name)s will be submitted to %(appraiser)s; the "
                     "plan cannot be changed unless the appraiser returns it.", year=year,
                     name=name, appraiser=appraiser), _("Yes, submit"), back)
    if action == skp_workflow.APPROVE:
        return Ask(_("The %(year)s SKP of %(name)s will be approved; the plan cannot be "
                     "changed any more unless an administrator reopens it.", year=year,
                     name=name), _("Yes, approve"), back)
    if action == skp_workflow.RETURN:
        return Ask(_("The %(year)s SKP of %(name)s will be returned to %(name)s with your "
                     "reason; it comes back to you only when it is submitted again.",
                     year=year, name=name), _("Yes, return"), back)
    if action == skp_workflow.FINALISE:
        sentence = " ".join(filter(None, [
            _("The %(year)s SKP of %(name)s will be locked; the evaluation cannot be changed "
              "any more unless an administrator reopens it.", year=year, name=name),
            predikat_spread.finalise_line(skp), skp_realisation.unrated_text(skp)]))
        return Ask(sentence, _("Yes, lock"), back)
    if action == skp_workflow.REOPEN:
        state = labels.SKP_STATE[skp_workflow.target_state(action, skp.state)]
        return Ask(_("The %(year)s SKP of %(name)s will be reopened and go back to "
                     "“%(state)s”; its appraiser has to take the steps again from there.",
                     year=year, name=name, state=state), _("Yes, reopen"), back)
    return None


def rhk_removal(rhk, back):
    count = rhk.ikis.count()
    return Ask(_("The RHK “%(text)s” will be removed from the plan together with its "
                 "%(count)d indicator(s); this cannot be undone.", text=rhk.text,
                 count=count), _("Yes, remove"), back)


def iki_removal(iki, back):
    return Ask(_("The indicator “%(text)s” will be removed from its RHK; this cannot be "
                 "undone.", text=iki.indicator), _("Yes, remove"), back)


def evidence_removal(item, back):
    return Ask(_("The file “%(name)s” will be removed from the supporting evidence and "
                 "deleted; this cannot be undone.", name=item.filename), _("Yes, remove"), back)


def follow_up_done(item, back):
    return Ask(_("The follow-up “%(kind)s” for %(name)s will be marked as done; it cannot "
                 "be opened again.", kind=labels.FOLLOW_UP_KIND[item.kind],
                 name=item.skp.employee.name), _("Yes, mark as done"), back)


def monthly_step(report, action, back):
    """A monthly report's submit, accept or return."""
    month, name = labels.month_label(report.year, report.month), report.employee.name
    reviewer = report.appraiser.name if report.appraiser_id else "—"
    if action == monthly_workflow.SUBMIT:
        return Ask(_("The report for %(month)s of %(name)s will be submitted to "
                     "%(reviewer)s; it cannot be changed unless the supervisor returns it.",
                     month=month, name=name, reviewer=reviewer), _("Yes, submit"), back)
    if action == monthly_workflow.ACCEPT:
        return Ask(_("The report for %(month)s of %(name)s will be accepted; it cannot be "
                     "changed or returned any more.", month=month, name=name),
                   _("Yes, accept"), back)
    if action == monthly_workflow.RETURN:
        return Ask(_("The report for %(month)s of %(name)s will be returned to %(name)s "
                     "with your reason; it comes back to you only when it is submitted "
                     "again.", month=month, name=name), _("Yes, return"), back)
    return None


def attachment_removal(filename, back):
    return Ask(_("The attachment “%(name)s” will be deleted; this cannot be undone.",
                 name=filename), _("Yes, delete"), back)


def complaint_step(complaint, action, back):
    """A complaint step that ends its handling (close, archive, not our authority)."""
    target = complaint_rules.ACTIONS[action][1]
    if target not in complaint_rules.FINAL_STATES:
        return None
    return Ask(_("Complaint %(id)s will be closed as “%(state)s”; its handling ends and it "
                 "cannot be reopened.", id=complaint.tracking_id,
                 state=labels.COMPLAINT_STATE[target]),
               _("Yes, %(action)s", action=str(labels.COMPLAINT_ACTION[action]).lower()), back)


def complaint_merge(duplicate, survivor, back):
    """Merging a duplicate report into another one (it cannot be undone)."""
    if duplicate.unit_id != survivor.unit_id or duplicate.category != survivor.category:
        sentence = _("Complaint %(id)s will be closed as merged into %(survivor)s (“%(title)s”), "
                     "which concerns another unit or category; its reporter will follow that "
                     "report. This cannot be undone.", id=duplicate.tracking_id,
                     survivor=survivor.tracking_id, title=survivor.title)
    else:
        sentence = _("Complaint %(id)s will be closed as merged into %(survivor)s (“%(title)s”); "
                     "its reporter will follow that report. This cannot be undone.",
                     id=duplicate.tracking_id, survivor=survivor.tracking_id,
                     title=survivor.title)
    return Ask(sentence, _("Yes, merge"), back)


def _kind(view):
    """The view's name as a common noun inside a sentence ("Pegawai (ASN)" →
    "pegawai"; "SKP" stays)."""
    name = re.sub(r"\s*\([^)]*\)$", "", str(view.name))  # "Pegawai (ASN)" → "Pegawai"
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def row_deletion(view, rows, back):
    """Flask-Admin's delete button (one row) and bulk delete (several)."""
    names = [labels.row_label(row) for row in rows]
    if len(names) == 1:
        sentence = _("Delete %(kind)s %(name)s? This cannot be undone.", kind=_kind(view),
                     name=names[0])
    else:
        sentence = _("Delete %(count)d records of %(kind)s: %(names)s? This cannot be "
                     "undone.", count=len(names), kind=_kind(view), names=_listed(names))
    return Ask(sentence, _("Yes, delete"), back)


def row_action(text, rows, back):
    """Another list action that cannot be undone (cancelling registrations): its
    question and the rows it will touch."""
    return Ask(_("%(question)s Selected: %(names)s.", question=str(text),
                 names=_listed([labels.row_label(row) for row in rows])), _("Yes, go on"), back)


def _listed(names, shown=10):
    if len(names) <= shown:
        return ", ".join(names)
    return _("%(names)s and %(more)d more", names=", ".join(names[:shown]),
             more=len(names) - shown)


def realisation_submit(skp, period, back):
    appraiser = skp.appraiser.name if skp.appraiser_id else "—"
    return Ask(_("Your realisation for %(period)s will be submitted to %(appraiser)s for "
                 "assessment; it cannot be changed unless the appraiser returns it.",
                 period=labels.period_label(period), appraiser=appraiser),
               _("Yes, submit"), back)


def realisation_return(skp, period, back):
    return Ask(_("The realisation for %(period)s will be returned to %(name)s with your "
                 "reason; you can rate it when it is submitted again.",
                 period=labels.period_label(period), name=skp.employee.name),
               _("Yes, return"), back)
