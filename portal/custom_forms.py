"""Low-code forms on the public site: /formulir/<slug>, and saving a submission.

A published form that is open (within its optional dates) and not attached to an
event or a complaint category is shown at its own address. Draft, closed and
attached forms answer 404 to the public; the operators who may manage a form can
open it as a preview (answers are checked but never saved).

Attached forms are the extra questions of an event's registration
(portal/events.py) or of a complaint category (portal/complaints.py); both call
``extra_form`` and ``save`` from here.
"""
import hashlib

from flask import (Blueprint, abort, current_app, has_request_context, make_response,
                   redirect, render_template, request, url_for)
from flask_babel import gettext as _
from flask_login import current_user

from forms import custom
from portal import held_uploads, labels, receipts, uploads
from portal.labels import forms as form_labels
from portal.db import db
from portal.extensions import limiter
from portal.oversized import KEEPS_FORM_OVER_LIMIT
from portal.models import CustomForm, FormAnswer, FormSubmission
from portal.models.base import utcnow

bp = Blueprint("custom_forms", __name__)
UPLOAD_AREA = "forms"
EXTRA_PREFIX = "extra"
# The last answers sent from this browser: their receipt page shows them again on a reload.
RECEIPT_KEY = "form_receipt"


def may_manage(user, form_def):
    """Administrators manage every form; an operator those of their unit (all when the
    operator's account has no unit)."""
    if user is None or not user.is_authenticated:
        return False
    if user.role == "admin":
        return True
    if user.role != "operator":
        return False
    return user.unit_id is None or form_def.unit_id == user.unit_id


def ip_hash(address):
    """The sender's address, hashed with the instance's secret: abuse can be spotted,
    nobody can read the address back."""
    secret = current_app.config["SECRET_KEY"]
    return hashlib.sha256(f"{secret}|{address or ''}".encode()).hexdigest()[:32]


def form_class(form_def, embedded=False):
    return custom.build(form_def.active_fields(), embedded=embedded)


def extra_form(form_def, prefix=EXTRA_PREFIX):
    """The extra questions of an attached form, inside another page's form (or None)."""
    if form_def is None:
        return None
    return form_class(form_def, embedded=True)(prefix=prefix)


def complaint_extras():
    """category → (form definition, its built extra questions) for the complaint page."""
    return {category: (form_def, extra_form(form_def, prefix=f"xq_{category}"))
            for category, form_def in CustomForm.complaint_forms().items()}


def storage_full(built):
    """After ``save`` failed to write a file answer (a full disk, a quota): say so under
    each answered file question of ``built``, whose other answers are shown again."""
    message = _("The file could not be saved because the portal's storage is full or cannot "
                "be written to. Nothing has been sent yet: try again later. Your other "
                "answers have been kept.")
    sent = built.answers()
    for spec in built.specs:
        if spec.type == "file" and spec.key in sent:
            field = built[spec.key]
            field.errors = [*field.errors, message]


def save(form_def, built, account=None, registration=None, complaint=None, now=None):
    """Save the answers of a validated built form; return the submission.

    Call inside the caller's transaction when the submission belongs to another
    row (a registration, a complaint); files are written first and removed again
    when saving fails.
    """
    now = now or utcnow()
    answers = built.answers()
    specs = {spec.key: spec for spec in built.specs}
    stored = []
    try:
        files = {}
        for key, value in answers.items():
            if specs[key].type == "file":
                _name, content_type, data = value
                files[key] = uploads.store(current_app.instance_path, content_type, data,
                                           area=UPLOAD_AREA)
                stored.append(files[key])
        with db.atomic():
            submission = FormSubmission.create(
                form=form_def.id, submitted_at=now,
                account=account.id if account is not None and account.is_authenticated else None,
                ip_hash=ip_hash(request.remote_addr) if has_request_context() else "",
                registration=registration, complaint=complaint)
            rows = []
            for key, value in answers.items():
                spec = specs[key]
                row = {"submission": submission.id, "field": spec.id, "field_key": key,
                       "field_label": spec.label, "field_type": spec.type}
                if spec.type == "file":
                    name, content_type, _data = value
                    row.update(value=name, file_stored=files[key], file_type=content_type)
                else:
                    row["value"] = value
                rows.append(row)
            if rows:
                FormAnswer.insert_many(rows).execute()
    except Exception:
        for name in stored:
            uploads.remove(current_app.instance_path, name, area=UPLOAD_AREA)
        raise
    return submission


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
    manage = may_manage(current_user, form_def)
    if not public and not manage:
        abort(404)
    preview = not public or (request.args.get("preview") == "1" and manage)
    built = form_class(form_def)()
    checked = False
    if built.validate_on_submit():
        if preview:
            checked = True
        else:
            try:
                submission = save(form_def, built, account=current_user)
            except OSError:
                storage_full(built)
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
    app.jinja_env.globals["form_condition_attrs"] = custom.condition_attrs
    app.jinja_env.globals["form_answer_text"] = \
        lambda answer: form_labels.display_value(answer.field_type, answer.value)
    app.jinja_env.globals["complaint_category_label"] = \
        lambda code: labels.COMPLAINT_CATEGORY.get(code, code)
