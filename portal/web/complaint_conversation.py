"""The reporter's own status page, reached through her link (tracking ID + reporter key):
/pengaduan/saya/<id>/<key>. There she adds information while the report is handled,
replies to the unit's answer and, within the auto-close window, says "belum selesai".
The tracking ID alone (/pengaduan/lacak) stays read-only. The service is
portal/complaint_conversation.py.
"""
import os

from flask import (Blueprint, abort, current_app, flash, redirect, render_template,
                   send_from_directory, url_for)
from flask_babel import gettext as _

from forms.complaint_conversation import ReopenForm, ReporterMessageForm
from portal import complaint_conversation as service
from portal import complaints, held_uploads, uploads
from portal.extensions import limiter
from portal.models import ComplaintAttachment
from portal.oversized import KEEPS_FORM_OVER_LIMIT
from portal.rules import complaints as rules

bp = Blueprint("conversation", __name__, url_prefix="/pengaduan")


def write_limit():
    return current_app.config["COMPLAINT_SUBMIT_RATE_LIMIT"]


def lookup_limit():
    return current_app.config["COMPLAINT_LOOKUP_RATE_LIMIT"]


KEEPS_FORM_OVER_LIMIT.update({"conversation.message", "conversation.reopen"})


@bp.app_template_global()
def reporter_own_url(tracking_id):
    """The reporter's own link for a tracking ID (the receipt page shows it), so any
    template rendering of the receipt gives the same button."""
    return url_for("conversation.mine", tracking_id=tracking_id,
                   key=rules.reporter_key(current_app.secret_key, tracking_id))


def _complaint(tracking_id):
    complaint, error = complaints.find(tracking_id)
    if complaint is None:
        abort(404)
    return complaint


def _page(complaint, key, message_form=None, reopen_form=None, status=200):
    """The reporter's page, or with a key that does not fit, the read-only page with
    the reason (the tracking ID alone never lets anyone write as the reporter)."""
    if not service.key_matches(complaint, key):
        return render_template("complaints/mine.html", status=service.status_page(complaint),
                               key_refused=True, forms=None), 403
    state = service.status_page(complaint, reporter=True)
    message_form = message_form or (ReporterMessageForm(prefix="message")
                                    if state["may_add"] or state["may_reply"] else None)
    if message_form is not None and state["may_reply"]:
        message_form.message.label.text = _("Your reply to the answer")
        message_form.submit.label.text = _("Send reply")
    if message_form is not None and state["may_add"]:
        message_form.submit.label.text = _("Add information")
    reopen_form = reopen_form or (ReopenForm(prefix="reopen") if state["may_reopen"] else None)
    return render_template("complaints/mine.html", status=state, key=key, key_refused=False,
                           message_form=message_form, reopen_form=reopen_form), status


def _refused(complaint, key):
    """A form sent with a key that does not fit: nothing is saved."""
    if not service.key_matches(complaint, key):
        return _page(complaint, key)
    return None


@bp.route("/saya/<tracking_id>/<key>")
@limiter.limit(lookup_limit)
def mine(tracking_id, key):
    return _page(_complaint(tracking_id), key)


@bp.route("/saya/<tracking_id>/<key>/keterangan", methods=["POST"])
@limiter.limit(write_limit)
def message(tracking_id, key):
    complaint = _complaint(tracking_id)
    refused = _refused(complaint, key)
    if refused is not None:
        return refused
    form = ReporterMessageForm(prefix="message")
    if not (rules.reporter_may_add(complaint.state) or rules.reporter_may_reply(complaint.state)):
        flash(_("This report can no longer receive messages: its handling has ended."), "error")
        return redirect(service.own_url(complaint, external=False), 303)
    if not form.validate():
        held_uploads.hold_fresh(form)
        return _page(complaint, key, message_form=form, status=400)
    answered = complaint.state == rules.ANSWERED
    try:
        service.add_message(complaint, form.message.data, form.cleaned_files)
    except OSError:
        return _storage_full(complaint, key, form, "message")
    held_uploads.release(form)
    flash(_("Your reply has been sent to the unit.") if answered
          else _("Your information has been added to the report."), "success")
    return redirect(service.own_url(complaint, external=False), 303)


@bp.route("/saya/<tracking_id>/<key>/belum-selesai", methods=["POST"])
@limiter.limit(write_limit)
def reopen(tracking_id, key):
    complaint = _complaint(tracking_id)
    refused = _refused(complaint, key)
    if refused is not None:
        return refused
    form = ReopenForm(prefix="reopen")
    if not service.may_reopen(complaint):
        flash(_("This report can no longer be sent back: that is possible only after the "
                "unit's answer and until the report closes."), "error")
        return redirect(service.own_url(complaint, external=False), 303)
    if not form.validate():
        held_uploads.hold_fresh(form)
        return _page(complaint, key, reopen_form=form, status=400)
    try:
        service.reopen(complaint, form.message.data, form.cleaned_files)
    except OSError:
        return _storage_full(complaint, key, form, "reopen")
    held_uploads.release(form)
    flash(_("Your report has gone back to %(unit)s, which will follow it up again.",
            unit=complaint.assigned_unit.name if complaint.assigned_unit else _("the unit")),
          "success")
    return redirect(service.own_url(complaint, external=False), 303)


def _storage_full(complaint, key, form, which):
    form.attachments.errors.append(
        _("The attachments could not be saved because the portal's storage is full or "
          "cannot be written to. Nothing has been sent yet: try again later, or send it now "
          "without attachments. What you wrote has been kept."))
    forms = {"message_form": form} if which == "message" else {"reopen_form": form}
    return _page(complaint, key, status=503, **forms)


def _send(complaint, attachment_id):
    attachment = ComplaintAttachment.get_or_none(ComplaintAttachment.id == attachment_id,
                                                 ComplaintAttachment.complaint == complaint)
    folder = uploads.folder(current_app.instance_path)
    if attachment is None or not os.path.exists(os.path.join(folder, attachment.stored_name)):
        abort(404)
    response = send_from_directory(folder, attachment.stored_name,
                                   mimetype=attachment.content_type, as_attachment=True,
                                   download_name=attachment.original_name)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/saya/<tracking_id>/<key>/lampiran/<int:attachment_id>")
@limiter.limit(lookup_limit)
def own_attachment(tracking_id, key, attachment_id):
    complaint = _complaint(tracking_id)
    if not service.key_matches(complaint, key):
        abort(403)
    return _send(complaint, attachment_id)


@bp.route("/lacak/<tracking_id>/lampiran/<int:attachment_id>")
@limiter.limit(lookup_limit)
def attachment(tracking_id, attachment_id):
    complaint = _complaint(tracking_id)
    if not rules.attachments_public(complaint.anonymous, complaint.confidential):
        abort(404)
    return _send(complaint, attachment_id)


def init_app(app):
    app.register_blueprint(bp)
