"""Citizen complaints, the public pages: /pengaduan/baru (new report), /pengaduan/lacak
(status by tracking ID), /pengaduan/lacak/<id>/kepuasan (one satisfaction answer after
closing). Filing, tracking and rating are done by the service, portal/complaints.py.
"""
from flask import (Blueprint, abort, current_app, g, make_response, redirect,
                   render_template, request, session, url_for)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import escape

from forms.complaints import ComplaintForm, SatisfactionForm, TrackForm
from portal import complaint_conversation as conversation
from portal import complaints as service
from portal import custom_forms, held_uploads, receipts
from portal.complaint_merge import followed_status
from portal.web.complaint_conversation import reporter_own_url
from portal.web.reports import similar_to
from portal.cache import CSRF_PLACEHOLDER, cached_page, page_response
from portal.extensions import LIMITED_ON_POST_ONLY, limiter
from portal.oversized import KEEPS_FORM_OVER_LIMIT
from portal.rules import complaints as rules

bp = Blueprint("complaints", __name__, url_prefix="/pengaduan")


def submit_limit():
    return current_app.config["COMPLAINT_SUBMIT_RATE_LIMIT"]


def lookup_limit():
    return current_app.config["COMPLAINT_LOOKUP_RATE_LIMIT"]


# Stands for the tracking ID in a kept receipt page (letters only: HTML escaping and URL
# quoting leave it as it is).
TRACKING_PLACEHOLDER = "TRACKINGIDPLACEHOLDER"


def receipt(tracking_id, email):
    """The page acknowledging a report.

    Everything on it but the tracking ID and the language switch's CSRF token is the same
    for every anonymous visitor (in one language, with or without the e-mail line), so its
    bytes are rendered once per worker and the two are put in per answer. Signed-in users,
    visitors with flashed messages waiting, and templates reloaded while developing get
    the page rendered as usual.
    """
    if (current_user.is_authenticated or "_flashes" in session
            or current_app.jinja_env.auto_reload):
        return render_template("complaints/created.html", tracking_id=tracking_id, email=email)
    from portal.i18n import select_locale
    pages = current_app.extensions.setdefault("complaint_receipts", {})
    key = (select_locale(), bool(email))
    body = pages.get(key)
    if body is None:
        html = render_template("complaints/created.html", tracking_id=TRACKING_PLACEHOLDER,
                               email=email).encode()
        token = g.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
        body = pages[key] = html.replace(token.encode(), CSRF_PLACEHOLDER) if token else html
    for placeholder, value in (
            # the links first: they quote the ID (a check symbol "=" becomes %3D), and
            # the own link's key is made from the ID
            (reporter_own_url(TRACKING_PLACEHOLDER), reporter_own_url(tracking_id)),
            (url_for("complaints.track", id=TRACKING_PLACEHOLDER),
             url_for("complaints.track", id=tracking_id)),
            (TRACKING_PLACEHOLDER, tracking_id)):
        body = body.replace(str(escape(placeholder)).encode(), str(escape(value)).encode())
    return page_response(body)


# The last report sent from this browser: the receipt page shows it again on a reload.
RECEIPT_KEY = "complaint_receipt"


def remember_receipt(tracking_id, email):
    """Post/Redirect/Get (``portal.receipts``): the receipt page shows the tracking ID,
    and reloading it never sends the report a second time."""
    receipts.keep(RECEIPT_KEY, id=tracking_id, email=bool(email))
    return redirect(url_for("complaints.received"), 303)


@bp.route("/")
def index():
    return redirect(url_for("complaints.new"))


LIMITED_ON_POST_ONLY.add("complaints.new")
KEEPS_FORM_OVER_LIMIT.add("complaints.new")


@bp.route("/baru", methods=["GET", "POST"])
@limiter.limit(submit_limit, methods=["POST"])
@cached_page()  # the empty form, kept for anonymous visitors (GET only; see portal/cache.py)
def new():
    form = ComplaintForm()
    extras = custom_forms.complaint_extras()
    chosen = extras.get(form.category.data) if request.method == "POST" else None
    if request.method == "POST" and request.form.get("check_similar"):
        return similar_step(form, extras, chosen)
    extra_valid = chosen is None or chosen[1].validate()
    if form.validate_on_submit() and extra_valid:
        if form.website.data:  # the honeypot: look successful, save nothing
            held_uploads.release(form, chosen and chosen[1])
            return remember_receipt(rules.new_tracking_id(), email=False)
        fields = {
            "kind": form.kind.data, "unit": form.unit.data or None,
            "category": form.category.data, "title": form.title.data.strip(),
            "description": form.description.data.strip(), "event_date": form.event_date.data,
            "place": (form.place.data or "").strip(),
            "reporter_name": (form.reporter_name.data or "").strip(),
            "reporter_email": (form.reporter_email.data or "").strip(),
            "reporter_phone": (form.reporter_phone.data or "").strip(),
            "anonymous": form.anonymous.data, "confidential": form.confidential.data,
        }
        answers = None if chosen is None else (
            lambda complaint: custom_forms.save(chosen[0], chosen[1], complaint=complaint.id))
        try:
            complaint = service.submit(fields, form.cleaned_files, save_answers=answers)
        except OSError:  # the attachments could not be written (disk full, quota)
            if chosen is not None:  # an extra question's file may be the one that failed
                custom_forms.storage_full(chosen[1])
            form.attachments.errors.append(
                _("The attachments could not be saved because the portal's storage is full or "
                  "cannot be written to. Your report has not been sent yet: try again later, "
                  "or send it now without attachments. The rest of the form has been kept."))
            return render_template("complaints/new.html", form=form, extras=extras), 503
        held_uploads.release(form, chosen and chosen[1])  # the report's attachments now
        return remember_receipt(complaint.tracking_id, email=bool(complaint.reporter_email))
    failed = form.errors or (chosen is not None and chosen[1].errors)
    # the photos accepted now come back as "attached": the browser cannot fill a file
    # input again (a POST answer, never kept by the page cache)
    held_uploads.hold_fresh(form, chosen and chosen[1])
    return render_template("complaints/new.html", form=form, extras=extras), \
        400 if failed else 200


def similar_step(form, extras, chosen):
    """"Periksa laporan serupa" without JavaScript: the form comes back as it was typed
    (photos held), with the open reports that look like it; nothing is sent, nothing is
    marked wrong, and sending stays one click away."""
    form.validate()  # holds the photos that pass their checks
    if chosen is not None:
        chosen[1].validate()
    for group in (form, chosen[1]) if chosen is not None else (form,):
        for field in group:
            if field.name != "attachments":
                field.errors = []
        group._errors = None
    held_uploads.hold_fresh(form, chosen and chosen[1])
    similar = similar_to({"unit": str(form.unit.data or ""), "category": form.category.data or "",
                          "title": form.title.data or ""})
    return render_template("complaints/new.html", form=form, extras=extras, similar=similar,
                           checked=True)


@bp.route("/baru/terkirim")
def received():
    """The receipt of the last report sent from this browser (kept until the next one)."""
    kept = receipts.kept(RECEIPT_KEY)
    if not kept or not kept.get("id"):
        return redirect(url_for("complaints.new"))
    response = make_response(receipt(kept["id"], email=bool(kept.get("email"))))
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/lacak")
@limiter.limit(lookup_limit)
def track():
    form = TrackForm(request.args)
    status = error = followed = None
    if request.args.get("id"):
        complaint, error = service.find(request.args["id"])
        if complaint is not None:
            status = conversation.status_page(complaint)
            followed = followed_status(complaint)
    return render_template("complaints/track.html", form=form, status=status,
                           error=error, followed=followed), 404 if error else 200


@bp.route("/lacak/<tracking_id>/kepuasan", methods=["GET", "POST"])
@limiter.limit(lookup_limit)
def rate(tracking_id):
    complaint, error = service.find(tracking_id)
    if complaint is None:
        abort(404)
    if not rules.may_rate(complaint.state, complaint.rated_at is not None):
        return render_template("complaints/rate.html", complaint=complaint, form=None,
                               done=complaint.rated_at is not None), 409
    form = SatisfactionForm()
    if form.validate_on_submit():
        if service.rate(complaint, form.rating.data, (form.comment.data or "").strip()):
            return render_template("complaints/rate.html", complaint=complaint, form=None,
                                   thanks=True)
        return render_template("complaints/rate.html", complaint=complaint, form=None,
                               done=True), 409
    return render_template("complaints/rate.html", complaint=complaint, form=form), \
        400 if form.errors else 200


def init_app(app):
    app.register_blueprint(bp)
    service.init_app(app)
    from portal.web import complaint_conversation
    complaint_conversation.init_app(app)

