"""The public satisfaction survey (SKM): choose a unit's service, answer nine questions."""
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from peewee import fn

from forms.survey import SurveyForm
from portal import prepared
from portal.cache import cached_page
from portal.db import db
from portal.extensions import LIMITED_ON_POST_ONLY, limiter
from portal.models import Service, SurveyResponse, Unit
from portal.models.base import utcnow
from portal.prepared import Statement, slot

bp = Blueprint("survey", __name__, url_prefix="/survei")


SERVICE_FIELDS = tuple(Service._meta.sorted_fields)
UNIT_FIELDS = tuple(Unit._meta.sorted_fields)
_ACTIVE_SERVICE = Statement(
    lambda: Service.select(*SERVICE_FIELDS, *UNIT_FIELDS).join(Unit)
    .where(Unit.code == slot("unit"), Service.code == slot("service"),
           Service.active == True, Unit.active == True)  # noqa: E712
    .limit(1))


def _service_or_404(unit_code, service_code):
    row = _ACTIVE_SERVICE.first(unit=unit_code.upper(), service=service_code.upper())
    if row is None:
        abort(404)
    service = prepared.instance(Service, SERVICE_FIELDS, row[:len(SERVICE_FIELDS)])
    service.unit = prepared.instance(Unit, UNIT_FIELDS, row[len(SERVICE_FIELDS):])
    return service


def _linked(unit_code, service_code):
    """Only the addresses the site links to (codes in capitals) are kept as pages."""
    return unit_code == unit_code.upper() and service_code == service_code.upper()


@bp.route("/")
def choose():
    """Every active service, grouped by unit: a list of links, no JavaScript needed."""
    q = request.args.get("q", "", type=str).strip()[:100]
    services = Service.public()
    if q:
        needle = q.lower()
        services = services.where(fn.LOWER(Unit.name).contains(needle)
                                  | fn.LOWER(Service.name).contains(needle))
    groups = {}
    for service in services:
        groups.setdefault(service.unit, []).append(service)
    return render_template("survey/choose.html", groups=groups, q=q)


LIMITED_ON_POST_ONLY.add("survey.answer")


@bp.route("/<unit_code>/<service_code>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SURVEY_RATE_LIMIT"], methods=["POST"])
@cached_page(canonical=_linked)  # the empty form, kept for anonymous visitors (GET only)
def answer(unit_code, service_code):
    service = _service_or_404(unit_code, service_code)
    form = SurveyForm()
    if form.validate_on_submit():
        if form.website.data:  # a bot filled the hidden field: thank it, keep nothing
            current_app.logger.info("survey honeypot filled; response dropped")
            return redirect(url_for("survey.thanks", unit=service.unit.code))
        with db.atomic():
            SurveyResponse.create(  # save() adds it to its month's tally too
                unit=service.unit_id, service=service, submitted_at=utcnow(),
                gender=form.gender.data or None, age=form.age.data,
                education=form.education.data or None, occupation=form.occupation.data or None,
                suggestion=(form.suggestion.data or "").strip() or None, source="web",
                **form.answers())
        return redirect(url_for("survey.thanks", unit=service.unit.code))
    errors = [field for field in form if field.errors and field.name != "csrf_token"]
    status = 200 if request.method == "GET" else 422
    return render_template("survey/form.html", form=form, service=service, errors=errors), status


@bp.route("/terima-kasih")
def thanks():
    unit = Unit.get_or_none(Unit.code == request.args.get("unit", "", type=str)[:32])
    return render_template("survey/thanks.html", unit=unit)


def init_app(app):
    app.register_blueprint(bp)

