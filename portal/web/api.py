"""Machine access to complaints: a small JSON API and Open311 GeoReport v2.

Both are CSRF-exempt (no cookies are used); writes need an API key from
``OPEN311_API_KEYS`` and everything is rate-limited per address. Answers carry
the same public view as the status page: never the reporter, and nothing of
the content of a confidential (rahasia) report.
"""
import datetime
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, current_app, jsonify, request
from flask_babel import force_locale

from portal import complaints as service
from portal import labels
from portal.extensions import csrf, limiter
from portal.models import Complaint
from portal.models.base import utcnow
from portal.rules import complaint_fields as fields
from portal.rules import complaints as rules
from portal.web._common import read_limit

api = Blueprint("api", __name__, url_prefix="/api/v1")
open311 = Blueprint("open311", __name__, url_prefix="/open311/v2")


def write_limit():
    return current_app.config["API_WRITE_RATE_LIMIT"]


def api_client():
    """The client name for the request's API key, or None."""
    key = request.headers.get("X-API-Key") or request.values.get("api_key") or ""
    keys = current_app.config.get("OPEN311_API_KEYS") or {}
    return keys.get(key) if key else None


def iso(value):
    if value is None:
        return None
    return value.replace(tzinfo=datetime.timezone.utc, microsecond=0).isoformat()


# -- the JSON API -----------------------------------------------------------------

def json_status(complaint):
    with force_locale("id"):
        status = service.public_status(complaint)
    status["received_at"] = iso(status["received_at"])
    status["updated_at"] = iso(status["updated_at"])
    for event in status["events"]:
        event["at"] = iso(event["at"])
    return status


def field_message(name, problem):
    """What is wrong with a field, in English: the limits and the contact messages are the
    public form's own (portal/rules/complaint_fields.py, portal/labels)."""
    if problem == fields.REQUIRED_PROBLEM:
        return "required"
    if problem == fields.LENGTH_PROBLEM:
        fewest, most = fields.LIMITS[name]
        return f"length must be {fewest} to {most}"
    with force_locale("en"):
        return str(labels.EMAIL_INVALID if problem == fields.EMAIL_PROBLEM
                   else labels.PHONE_INVALID)


def json_error(status, message, **extra):
    return jsonify({"error": message, **extra}), status


@api.route("/complaints", methods=["POST"])
@limiter.limit(write_limit)
def create_complaint():
    if api_client() is None:
        return json_error(403, "a valid API key is required (X-API-Key header)")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return json_error(400, "send a JSON object")
    errors = {}

    def text(name):
        value = data.get(name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            errors[name] = "must be a string"
            return ""
        return value.strip()

    kind = data.get("kind", "pengaduan")
    if not isinstance(kind, str) or kind not in rules.KINDS:
        errors["kind"] = f"one of {', '.join(rules.KINDS)}"
    category = data.get("category", "lainnya")
    if not isinstance(category, str) or category not in labels.COMPLAINT_CATEGORY:
        errors["category"] = f"one of {', '.join(labels.COMPLAINT_CATEGORY)}"
    values = {name: text(name) for name in fields.LIMITS}
    for name, problem in fields.problems(values).items():
        errors.setdefault(name, field_message(name, problem))
    unit_id = data.get("unit_id")
    if unit_id is not None and (not isinstance(unit_id, int) or isinstance(unit_id, bool)
                                or not 0 < unit_id < 2**63 or not service.unit_exists(unit_id)):
        errors["unit_id"] = "unknown unit"
    event_date = None
    if data.get("event_date"):
        try:
            event_date = datetime.date.fromisoformat(str(data["event_date"]))
        except ValueError:
            errors["event_date"] = "use YYYY-MM-DD"

    def flag(name):
        """A JSON boolean (absent or null: false). Not bool(): that reads the string
        "false" as true, and a report meant to name its reporter would go anonymous."""
        value = data.get(name)
        if value is None:
            return False
        if not isinstance(value, bool):
            errors[name] = "must be true or false (a JSON boolean)"
        return value is True

    anonymous, confidential = flag("anonymous"), flag("confidential")
    if errors:
        return json_error(400, "invalid fields", fields=errors)
    complaint = service.submit({
        "kind": kind, "unit": unit_id, "category": category, **values,
        "event_date": event_date, "anonymous": anonymous, "confidential": confidential,
    })
    return jsonify({"tracking_id": complaint.tracking_id}), 201


@api.route("/complaints/<tracking_id>")
@limiter.limit(read_limit)
def complaint_status(tracking_id):
    try:
        canonical = rules.parse_tracking_id(tracking_id)
    except rules.InvalidTrackingId:
        return json_error(400, "not a valid tracking ID (a typo is caught by the check character)")
    complaint = Complaint.get_or_none(Complaint.tracking_id == canonical)
    if complaint is None:
        return json_error(404, "no report has this tracking ID")
    return jsonify(json_status(complaint))


# -- Open311 GeoReport v2 -------------------------------------------------------------

def services():
    with force_locale("id"):
        return [{
            "service_code": code,
            "service_name": str(name),
            "description": str(name),
            "metadata": False,
            "type": "realtime",
            "keywords": "pengaduan",
            "group": "Pengaduan",
        } for code, name in labels.COMPLAINT_CATEGORY.items()]


def to_xml(root_name, item_name, items):
    root = ET.Element(root_name)
    for item in items:
        node = ET.SubElement(root, item_name)
        for key, value in item.items():
            child = ET.SubElement(node, key)
            if isinstance(value, bool):
                child.text = "true" if value else "false"
            elif isinstance(value, list):
                for entry in value:
                    sub = ET.SubElement(child, "attribute")
                    for k, v in entry.items():
                        ET.SubElement(sub, k).text = "" if v is None else str(v)
            elif value is not None:
                child.text = str(value)
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(root, encoding="utf-8")
    return body


def answer(fmt, root_name, item_name, items, status=200):
    if fmt == "xml":
        return Response(to_xml(root_name, item_name, items), status=status,
                        mimetype="text/xml")
    if root_name == "service_definition":
        return jsonify(items[0]), status
    return jsonify(items), status


def open311_error(fmt, status, description):
    return answer(fmt, "errors", "error", [{"code": status, "description": description}], status)


def check_format(fmt):
    return fmt in ("json", "xml")


@open311.route("/services.<fmt>")
@limiter.limit(read_limit)
def service_list(fmt):
    if not check_format(fmt):
        return open311_error("json", 404, "format must be json or xml")
    return answer(fmt, "services", "service", services())


@open311.route("/services/<code>.<fmt>")
@limiter.limit(read_limit)
def service_definition(code, fmt):
    if not check_format(fmt):
        return open311_error("json", 404, "format must be json or xml")
    if code not in labels.COMPLAINT_CATEGORY:
        return open311_error(fmt, 404, "unknown service_code")
    definition = {"service_code": code, "attributes": []}
    if fmt == "xml":
        root = ET.Element("service_definition")
        ET.SubElement(root, "service_code").text = code
        ET.SubElement(root, "attributes")
        return Response(b'<?xml version="1.0" encoding="utf-8"?>' + ET.tostring(root, "utf-8"),
                        mimetype="text/xml")
    return jsonify(definition)


OPEN_STATES = rules.OPEN_STATES


def request_item(complaint):
    """A complaint as an Open311 service request: public fields only."""
    confidential = complaint.confidential
    with force_locale("id"):
        notes = [e.note for e in complaint.public_events() if e.note]
        status_notes = str(labels.COMPLAINT_STATE[complaint.state])
        if notes and not confidential:
            status_notes += ": " + notes[-1]
        service_name = str(labels.COMPLAINT_CATEGORY.get(complaint.category, complaint.category))
    return {
        "service_request_id": complaint.tracking_id,
        "status": "closed" if complaint.state in rules.FINAL_STATES else "open",
        "status_notes": status_notes,
        "service_name": None if confidential else service_name,
        "service_code": None if confidential else complaint.category,
        "description": None if confidential else complaint.description,
        "agency_responsible": complaint.assigned_unit.name if complaint.assigned_unit else None,
        "service_notice": None,
        "requested_datetime": iso(complaint.created_at),
        "updated_datetime": iso(complaint.updated_at),
        "expected_datetime": iso(complaint.due_at),
        "address": None if confidential else (complaint.place or None),
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }


def parse_date(text):
    """A w3c date-time as naive UTC; ValueError when it is not one.

    A time with an offset near the ends of the calendar (``0001-01-01T00:00:00+01:00``,
    ``9999-12-31T23:00:00-05:00``) lies outside years 1–9999 in UTC, where Python raises
    OverflowError: it is taken as the first or last instant there is, which selects
    the same complaints.
    """
    value = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is not None:
        try:
            value = value.astimezone(datetime.timezone.utc)
        except OverflowError:
            return datetime.datetime.min if value.year == 1 else datetime.datetime.max
        value = value.replace(tzinfo=None)
    return value


def days_before(moment, days):
    """``moment`` less ``days`` days, or the first instant there is (no OverflowError)."""
    try:
        return moment - datetime.timedelta(days=days)
    except OverflowError:
        return datetime.datetime.min


@open311.route("/requests.<fmt>", methods=["GET"])
@limiter.limit(read_limit)
def request_list(fmt):
    if not check_format(fmt):
        return open311_error("json", 404, "format must be json or xml")
    query = Complaint.select().where(Complaint.confidential == False)  # noqa: E712
    args = request.args
    if args.get("service_request_id"):
        ids = []
        for text in args["service_request_id"].split(",")[:100]:
            try:
                ids.append(rules.parse_tracking_id(text))
            except rules.InvalidTrackingId:
                continue
        query = query.where(Complaint.tracking_id.in_(ids or [""]))
    else:
        try:
            end = parse_date(args["end_date"]) if args.get("end_date") else None
            start = parse_date(args["start_date"]) if args.get("start_date") else None
        except ValueError:
            return open311_error(fmt, 400, "start_date and end_date must be w3c date-times")
        if start is None:
            start = days_before(end or utcnow(), 90)
        query = query.where(Complaint.created_at >= start)
        if end is not None:
            query = query.where(Complaint.created_at <= end)
        if args.get("service_code"):
            query = query.where(Complaint.category.in_(args["service_code"].split(",")))
        if args.get("status") in ("open", "closed"):
            final = list(rules.FINAL_STATES)
            query = query.where(Complaint.state.not_in(final) if args["status"] == "open"
                                else Complaint.state.in_(final))
    items = [request_item(c) for c in query.order_by(Complaint.created_at.desc()).limit(1000)]
    return answer(fmt, "service_requests", "request", items)


@open311.route("/requests/<tracking_id>.<fmt>")
@limiter.limit(read_limit)
def request_one(tracking_id, fmt):
    if not check_format(fmt):
        return open311_error("json", 404, "format must be json or xml")
    try:
        canonical = rules.parse_tracking_id(tracking_id)
    except rules.InvalidTrackingId:
        return open311_error(fmt, 404, "unknown service_request_id")
    complaint = Complaint.get_or_none(Complaint.tracking_id == canonical)
    if complaint is None:
        return open311_error(fmt, 404, "unknown service_request_id")
    return answer(fmt, "service_requests", "request", [request_item(complaint)])


@open311.route("/requests.<fmt>", methods=["POST"])
@limiter.limit(write_limit)
def request_create(fmt):
    if not check_format(fmt):
        return open311_error("json", 404, "format must be json or xml")
    if api_client() is None:
        return open311_error(fmt, 403, "api_key is missing or not valid")
    form = request.form
    code = form.get("service_code", "")
    if code not in labels.COMPLAINT_CATEGORY:
        return open311_error(fmt, 400, "service_code is missing or unknown")
    description = (form.get("description") or "").strip()
    email = (form.get("email") or "").strip()
    phone = (form.get("phone") or "").strip()
    found = fields.problems({"description": description, "reporter_email": email,
                             "reporter_phone": phone})
    if "description" in found:
        fewest, most = fields.LIMITS["description"]
        return open311_error(fmt, 400, f"description must be {fewest} to {most} characters")
    for name, given in (("reporter_email", "email"), ("reporter_phone", "phone")):
        if name in found:
            return open311_error(fmt, 400, f"{given}: {field_message(name, found[name])}")
    address = (form.get("address_string") or "").strip()[:200]
    lat, lon = form.get("lat"), form.get("long")
    if not address and lat and lon:
        address = f"{lat}, {lon}"[:200]
    name = " ".join(p for p in (form.get("first_name", "").strip(),
                                form.get("last_name", "").strip()) if p)[:200]
    title = description.split("\n", 1)[0][:80]
    if len(title) < 5:
        title = description[:80]
    complaint = service.submit({
        "kind": "pengaduan", "unit": None, "category": code, "title": title,
        "description": description, "event_date": None, "place": address,
        "reporter_name": name, "reporter_email": email, "reporter_phone": phone,
        "anonymous": False, "confidential": False,
    })
    item = {"service_request_id": complaint.tracking_id, "service_notice": "",
            "account_id": None}
    return answer(fmt, "service_requests", "request", [item], status=201)


@api.errorhandler(429)
def _api_limited(exc):
    return json_error(429, "too many requests")


@open311.errorhandler(429)
def _open311_limited(exc):
    fmt = "xml" if request.path.endswith(".xml") else "json"
    return open311_error(fmt, 429, "too many requests")


def init_app(app):
    csrf.exempt(api)
    csrf.exempt(open311)
    app.register_blueprint(api)
    app.register_blueprint(open311)
