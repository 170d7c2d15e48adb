"""Low-code forms on the public site: /formulir and /formulir/<slug>.

A published form that is open (within its optional dates) and not attached to an
event or a complaint category is shown at its own address. Draft, closed and
attached forms answer 404 to the public; the operators who may manage a form can
open it as a preview (answers are checked but never saved). Saving is the
service's, portal/custom_forms.py.
"""
from flask import (Blueprint, abort, current_app, make_response, redirect, render_template,
                   request, url_for)
from flask_login import current_user

from portal import custom_forms as service
from portal import held_uploads, receipts
from portal.extensions import limiter
from portal.models import CustomForm
from portal.oversized import KEEPS_FORM_OVER_LIMIT

bp = Blueprint("custom_forms", __name__)
# The last answers sent from this browser: their receipt page shows them again on a reload.
RECEIPT_KEY = "form_receipt"


def submit_limit():
    return current_app.config["FORM_SUBMIT_RATE_LIMIT"]


def _standalone(form_def):
    return form_def.event_id is None and not form_def.complaint_category


KEEPS_FORM_OVER_LIMIT.add("custom_forms.page")


@bp.route("/formulir")
def index():
    """Every form the public may fill in now, so that none is reachable only by its link."""
    return render_template("custom_forms/index.html",
                           forms=list(CustomForm.open_to_public().limit(200)))


@bp.route("/formulir/<slug>", methods=["GET", "POST"])
@limiter.limit(submit_limit, methods=["POST"])
def page(slug):
    form_def = CustomForm.get_or_none(CustomForm.slug == slug[:80])
    if form_def is None:
        abort(404)
    public = form_def.is_open() and _standalone(form_def)
    manage = service.may_manage(current_user, form_def)
    if not public and not manage:
        abort(404)
    preview = not public or (request.args.get("preview") == "1" and manage)
    built = service.form_class(form_def)()
    checked = False
    if built.validate_on_submit():
        if preview:
            checked = True
        else:
            try:
                submission = service.save(form_def, built, account=current_user)
            except OSError:
                service.storage_full(built)
                return render_template("custom_forms/form.html", form_def=form_def,
                                       form=built, preview=preview, checked=checked), 503
            held_uploads.release(built)  # the submission's files now
            # Post/Redirect/Get: a reload of the receipt never sends the answers again
            receipts.keep(RECEIPT_KEY, slug=form_def.slug, reference=submission.reference)
            return redirect(url_for("custom_forms.sent", slug=form_def.slug), 303)
    # a file accepted now comes back as "attached" (the browser cannot fill it in again)
    held_uploads.hold_fresh(built)
    return render_template("custom_forms/form.html", form_def=form_def, form=built,
                           preview=preview, checked=checked), 400 if built.errors else 200


@bp.route("/formulir/<slug>/terkirim")
def sent(slug):
    """The receipt of the last answers sent from this browser (kept until the next ones);
    without them, the form itself."""
    kept = receipts.kept(RECEIPT_KEY)
    if not kept or kept.get("slug") != slug[:80] or not kept.get("reference"):
        return redirect(url_for("custom_forms.page", slug=slug[:80]))
    form_def = CustomForm.get_or_none(CustomForm.slug == kept["slug"])
    if form_def is None:
        abort(404)
    page = render_template("custom_forms/sent.html", form_def=form_def,
                           reference=kept["reference"])
    response = make_response(page)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def init_app(app):
    app.register_blueprint(bp)
    service.init_app(app)
