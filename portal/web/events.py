"""Events, the public pages: /acara, an event's page with its registration form,
cancelling with the secret link, marking attendance with the code, and iCalendar.
Seats are taken and given back by the service, portal/events.py.
"""
import datetime

from flask import (Blueprint, Response, abort, current_app, redirect, render_template, request,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from forms.events import AttendanceForm, CancelForm, RegistrationForm
from portal import confirm, custom_forms, held_uploads, stats
from portal import events as service
from portal.extensions import limiter
from portal.models import ContentItem, CustomForm, Event, EventMaterial, Registration
from portal.models.base import utcnow
from portal.models.content import reader_of
from portal.oversized import KEEPS_FORM_OVER_LIMIT
from portal.rules import events as rules
from portal.rules import publication

bp = Blueprint("events", __name__)


def register_limit():
    return current_app.config["EVENT_REGISTER_RATE_LIMIT"]


def attendance_limit():
    return current_app.config["EVENT_ATTENDANCE_RATE_LIMIT"]


def _visible_event(event_id):
    event = Event.get_or_none(Event.id == event_id)
    if event is None or not event.published:
        abort(404)
    reader = reader_of(current_user)
    if not publication.audience_allows(event.audience, event.audience_unit_id, reader):
        if not reader.authenticated:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        abort(403)
    return event


@bp.route("/acara")
def index():
    now = utcnow()
    visible = Event.visible(reader_of(current_user))
    upcoming = list(visible.where(Event.ends_at >= now).order_by(Event.starts_at, Event.id))
    past = list(visible.where(Event.ends_at < now)
                .order_by(Event.starts_at.desc(), Event.id.desc()).limit(20))
    return render_template("events/list.html", upcoming=upcoming, past=past)


def _page(event, form, status=200, error=None, extra=None, already=False):
    """The event's page; ``already``: the e-mail is registered (the message says so,
    not "you are not registered yet"). A file answered now comes back as "attached"."""
    held_uploads.hold_fresh(extra)
    now = utcnow()
    counts = stats.event_registrations(event.id)
    reader = reader_of(current_user)
    materials = [item for item in ContentItem.visible(now, reader)
                 .join(EventMaterial, on=(EventMaterial.item == ContentItem.id))
                 .where(EventMaterial.event == event.id).order_by(ContentItem.title)]
    return render_template(
        "events/event.html", event=event, form=form, rules=rules,
        phase=rules.phase(event.starts_at, event.ends_at, now),
        open=rules.registration_open(event.published, event.ends_at, now),
        seats_left=rules.seats_left(event.capacity, counts[rules.HOLDS_SEAT]),
        waiting=counts["waiting"], already=already,
        attendance_open=rules.attendance_open(event.starts_at, event.ends_at, now),
        materials=materials, error=error, extra=extra), status


KEEPS_FORM_OVER_LIMIT.add("events.event")


@bp.route("/acara/<int:event_id>", methods=["GET", "POST"])
@limiter.limit(register_limit, methods=["POST"])
def event(event_id):
    found = _visible_event(event_id)
    if not isinstance(found, Event):
        return found
    form = RegistrationForm()
    extra_def = CustomForm.attached_to_event(found.id)
    extra = custom_forms.extra_form(extra_def)
    extra_valid = extra is None or request.method != "POST" or extra.validate()
    if form.validate_on_submit() and extra_valid:
        if form.website.data:  # the honeypot: look successful, save nothing
            return render_template("events/registered.html", event=found, status="registered",
                                   cancel_url=None)
        parsed = getattr(form, "parsed_nip", None)
        fields = {"name": form.name.data, "email": form.email.data, "phone": form.phone.data,
                  "organisation": form.organisation.data,
                  "nip": parsed.digits if parsed else ""}
        answers = None if extra is None else (
            lambda registration: custom_forms.save(extra_def, extra, account=current_user,
                                                   registration=registration.id))
        try:
            registration = service.register(found.id, fields, save_answers=answers)
        except service.RegistrationRefused as exc:
            if exc.code == "duplicate":
                form.email.errors = [_("This e-mail address is already registered for this "
                                       "event.")]
                return _page(found, form, 409, extra=extra, already=True)
            return _page(found, form, 409, error=_("Registration for this event is closed."),
                         extra=extra)
        except OSError:  # a file answer could not be written: nothing was registered
            custom_forms.storage_full(extra)
            return _page(found, form, 503, extra=extra)
        held_uploads.release(extra)  # the registration's files now
        return render_template(
            "events/registered.html", event=found, status=registration.status,
            email=registration.email,
            cancel_url=url_for("events.cancel_view", token=registration.cancel_token,
                               _external=True))
    return _page(found, form, 400 if form.errors or (extra is not None and extra.errors) else 200,
                 extra=extra)


@bp.route("/acara/batal/<token>", methods=["GET", "POST"])
@limiter.limit(attendance_limit, methods=["POST"])
def cancel_view(token):
    registration = Registration.get_or_none(Registration.cancel_token == token[:64])
    if registration is None:
        abort(404)
    form = CancelForm()
    if form.validate_on_submit() and confirm.confirmed():
        registration, _promoted = service.cancel(registration.cancel_token)
        return render_template("events/cancel.html", registration=registration, ask=None,
                               done=True)
    done = registration.status == "cancelled"
    # the page itself asks: what cancelling does, "Ya" posts it with confirmed=1
    return render_template("events/cancel.html", registration=registration, done=done,
                           ask=None if done else cancel_ask(registration),
                           fields=[("csrf_token", generate_csrf())])


def cancel_ask(registration):
    """What cancelling a registration by its link does, said before it is done."""
    event = registration.event
    sentence = _("Your registration for “%(event)s” on %(when)s as %(name)s (%(email)s) "
                 "will be cancelled; your place goes to the next person waiting and this "
                 "cannot be undone.", event=event.title, when=service.event_time(event.starts_at),
                 name=registration.name, email=registration.email)
    return confirm.Ask(sentence, _("Cancel my registration"),
                       url_for("events.event", event_id=event.id))


@bp.route("/acara/<int:event_id>/hadir", methods=["GET", "POST"])
@limiter.limit(attendance_limit, methods=["POST"])
def attend(event_id):
    found = _visible_event(event_id)
    if not isinstance(found, Event):
        return found
    now = utcnow()
    is_open = rules.attendance_open(found.starts_at, found.ends_at, now)
    form = AttendanceForm()
    error = None
    if is_open and form.validate_on_submit():
        registration = Registration.get_or_none(
            (Registration.event == found.id)
            & (Registration.email == rules.normalise_email(form.email.data))
            & (Registration.status == rules.HOLDS_SEAT))
        if not rules.code_matches(found.attendance_code, form.code.data):
            error = _("This attendance code is not right. Check it with the organiser.")
        elif registration is None:
            error = _("No confirmed registration for this event has this e-mail address.")
        else:
            service.mark_attended([registration.id], "code", now)
            return render_template("events/attended.html", event=found,
                                   registration=registration)
    status = 200 if is_open and not (error or form.errors) else (400 if is_open else 409)
    return render_template("events/attend.html", event=found, form=form, error=error,
                           is_open=is_open, not_yet=now < found.starts_at,
                           opens_at=found.starts_at - rules.ATTENDANCE_OPENS_BEFORE), status


def _ics_time(value):
    return value.replace(tzinfo=datetime.timezone.utc)


@bp.route("/acara/<int:event_id>.ics")
def ics(event_id):
    import icalendar

    found = _visible_event(event_id)
    if not isinstance(found, Event):
        return found
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{current_app.config['PORTAL_NAME']}//acara//ID")
    calendar.add("version", "2.0")
    entry = icalendar.Event()
    host = request.host.split(":")[0] or "localhost"
    entry.add("uid", f"event-{found.id}@{host}")
    entry.add("summary", found.title)
    entry.add("dtstamp", _ics_time(found.updated_at or utcnow()))
    entry.add("dtstart", _ics_time(found.starts_at))
    entry.add("dtend", _ics_time(found.ends_at))
    url = url_for("events.event", event_id=found.id, _external=True)
    entry.add("url", url)
    location = found.place or found.online_url
    if location:
        entry.add("location", location)
    entry.add("description", (found.description or "")[:2000] + f"\n\n{url}")
    calendar.add_component(entry)
    response = Response(calendar.to_ical(), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="acara-{found.id}.ics"'
    return response


def init_app(app):
    app.register_blueprint(bp)
    service.init_app(app)
