"""The public side of events: /acara, an event's page with its registration form,
cancelling with the secret link, marking attendance with the code, and iCalendar.

Seats are counted and taken in one locked transaction (``_seat_lock``), so two
people registering at once for the last seat cannot both get it, on SQLite
(BEGIN IMMEDIATE) and on PostgreSQL (SELECT … FOR UPDATE on the event row).
Every change of a seat — registering, cancelling, moving up from the waiting
list, an organiser's decision in the back office — goes through the functions
here, under that lock, and queues a mail to the person in the same transaction.
"""
import datetime

import click
from flask import (Blueprint, Response, abort, current_app, redirect, render_template, request,
                   url_for)
from flask.cli import with_appcontext
from flask_babel import force_locale, format_date, format_datetime, format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from forms.events import AttendanceForm, CancelForm, RegistrationForm
from portal import confirm, custom_forms, held_uploads, stats
from portal.labels import events as event_labels
from portal.db import db, is_sqlite
from portal.extensions import limiter
from portal.oversized import KEEPS_FORM_OVER_LIMIT
from portal.mail import enqueue, external_url
from portal.models import ContentItem, CustomForm, Employee, Event, EventMaterial, Registration
from portal.models.base import utcnow
from portal.models.content import reader_of
from portal.rules import events as rules
from portal.rules import publication

bp = Blueprint("events", __name__)


class RegistrationRefused(ValueError):
    """``code``: closed (the event is over or unpublished) or duplicate (already registered)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _seat_lock():
    """A transaction that holds the event's seats until it ends."""
    if is_sqlite():
        return db.atomic("IMMEDIATE")
    return db.atomic()


def _locked_event(event_id):
    query = Event.select().where(Event.id == event_id)
    if not is_sqlite():
        query = query.for_update()
    return query.get()


def taken_seats(event_id):
    return Registration.select().where((Registration.event == event_id)
                                       & (Registration.status == rules.HOLDS_SEAT)).count()


def email_taken(event_id, email, other_than=None):
    """Whether ``email`` (normalised) holds a registration for the event that is not
    cancelled (besides registration ``other_than``)."""
    query = Registration.select().where((Registration.event == event_id)
                                        & (Registration.email == email)
                                        & (Registration.status != "cancelled"))
    if other_than is not None:
        query = query.where(Registration.id != other_than)
    return query.exists()


def register(event_id, fields, now=None, save_answers=None):
    """Register someone; a seat when one is left, else the waiting list.

    The check and the insert run in one transaction holding the event's lock;
    ``save_answers(registration)`` (the answers to the event's extra questions) runs in it too.
    """
    now = now or utcnow()
    email = rules.normalise_email(fields["email"])
    nip = fields.get("nip") or ""
    employee = Employee.get_or_none(Employee.nip == nip) if nip else None
    with _seat_lock():
        event = _locked_event(event_id)
        if not rules.registration_open(event.published, event.ends_at, now):
            raise RegistrationRefused("closed")
        if email_taken(event.id, email):
            raise RegistrationRefused("duplicate")
        status = rules.status_for_new(event.capacity, taken_seats(event.id))
        registration = Registration.create(
            event=event.id, name=fields["name"].strip(), email=email,
            phone=(fields.get("phone") or "").strip(),
            organisation=(fields.get("organisation") or "").strip(), nip=nip,
            employee=employee.id if employee else None, status=status, created_at=now)
        if save_answers is not None:
            save_answers(registration)
        notify(registration, event, status)
        return registration


def first_waiting(event_id):
    return (Registration.select().where((Registration.event == event_id)
                                        & (Registration.status == "waiting"))
            .order_by(Registration.created_at, Registration.id).first())


def cancel(token, now=None):
    """Cancel the registration with this secret; the first waiting moves up.

    Returns (the registration, the one promoted or None); None when nothing to cancel.
    """
    registration = Registration.get_or_none(Registration.cancel_token == token)
    if registration is None:
        return None, None
    return cancel_registration(registration.id, now)


def cancel_registration(registration_id, now=None):
    """Cancel one registration (by the person or the organiser) and fill the seat it freed.

    Returns (the registration, the one promoted or None).
    """
    now = now or utcnow()
    with _seat_lock():
        event = _locked_event(Registration.get_by_id(registration_id).event_id)
        registration = Registration.get_by_id(registration_id)
        if registration.status == "cancelled":
            return registration, None
        registration.status = "cancelled"
        registration.cancelled_at = now
        registration.save()
        notify(registration, event, "cancelled")
        promoted = fill_seats(event)
    return registration, (promoted[0] if promoted else None)


def fill_seats(event):
    """Move people up from the waiting list while seats are left; call under the lock.

    Returns the registrations promoted, each told by mail.
    """
    promoted = []
    free = rules.seats_left(event.capacity, taken_seats(event.id))
    for _n in range(free):
        waiting = first_waiting(event.id)
        if waiting is None:
            break
        waiting.status = rules.HOLDS_SEAT
        waiting.save()
        notify(waiting, event, "promoted")
        promoted.append(waiting)
    return promoted


def fill_seats_of(event_id):
    """After the organiser changed an event (e.g. more seats): fill them from the waiting list."""
    with _seat_lock():
        return fill_seats(_locked_event(event_id))


class SeatRefused(ValueError):
    """The organiser asked to confirm a seat but none is left."""


def confirm_seat(registration_id):
    """The organiser gives a waiting (or cancelled) person a seat, when one is left."""
    with _seat_lock():
        event = _locked_event(Registration.get_by_id(registration_id).event_id)
        registration = Registration.get_by_id(registration_id)
        if registration.status == rules.HOLDS_SEAT:
            return registration
        if taken_seats(event.id) >= event.capacity:
            raise SeatRefused(registration.name)
        registration.status = rules.HOLDS_SEAT
        registration.cancelled_at = None
        registration.save()
        notify(registration, event, "promoted")
        return registration


# -- mail to the person registered ------------------------------------------------

def send_reminders(now=None):
    """Queue the reminder for everyone holding a seat at a published event starting
    within a day; each registration once. Returns how many were queued."""
    now = now or utcnow()
    count = 0
    with db.atomic():
        due = (Registration.select(Registration, Event).join(Event)
               .where(Event.published == True,  # noqa: E712
                      Event.starts_at > now, Event.starts_at <= now + rules.REMIND_BEFORE,
                      Registration.status == rules.HOLDS_SEAT,
                      Registration.reminded_at.is_null()))
        for registration in due:
            if not rules.reminder_due(registration.event.starts_at, now):
                continue
            notify(registration, registration.event, "reminder")
            registration.reminded_at = now
            registration.save(only=[Registration.reminded_at])
            count += 1
    return count


@click.command("remind-events")
@with_appcontext
def remind_events_command():
    """Remind the people holding a seat of tomorrow's events (run hourly from cron)."""
    with db.connection_context():
        count = send_reminders()
    click.echo(_("Event reminders queued: %(n)d", n=count))


NOTICE_SUBJECT = {
    "registered": _l("Registration confirmed: %(title)s"),
    "waiting": _l("On the waiting list: %(title)s"),
    "promoted": _l("A seat is yours: %(title)s"),
    "cancelled": _l("Registration cancelled: %(title)s"),
    "reminder": _l("Reminder, tomorrow: %(title)s"),
}


def notify(registration, event, what):
    """Queue the mail telling ``registration``'s person what happened (``NOTICE_SUBJECT``)."""
    if not registration.email:
        return None
    with force_locale("id"):
        return enqueue(
            registration.email, str(NOTICE_SUBJECT[what]) % {"title": event.title},
            render_template(
                "events/mail_notice.txt", what=what, event=event, registration=registration,
                event_url=external_url("events.event", event_id=event.id),
                ics_url=external_url("events.ics", event_id=event.id),
                cancel_url=external_url("events.cancel_view",
                                        token=registration.cancel_token)))


def mark_attended(registration_ids, via, now=None):
    """Tick attendance for registrations holding a seat; returns how many were ticked."""
    now = now or utcnow()
    with db.atomic():
        return (Registration.update(attended_at=now, attended_via=via)
                .where(Registration.id.in_(list(registration_ids))
                       & (Registration.status == rules.HOLDS_SEAT)
                       & Registration.attended_at.is_null())
                .execute())


# -- public pages ----------------------------------------------------------------

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
            registration = register(found.id, fields, save_answers=answers)
        except RegistrationRefused as exc:
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
        registration, _promoted = cancel(registration.cancel_token)
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
                 "cannot be undone.", event=event.title, when=event_time(event.starts_at),
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
            mark_attended([registration.id], "code", now)
            return render_template("events/attended.html", event=found,
                                   registration=registration)
    status = 200 if is_open and not (error or form.errors) else (400 if is_open else 409)
    return render_template("events/attend.html", event=found, form=form, error=error,
                           is_open=is_open, not_yet=now < found.starts_at,
                           opens_at=found.starts_at - rules.ATTENDANCE_OPENS_BEFORE), status


def event_time(value):
    """``Sabtu, 02 Maret 2030, 08.30 WIB``: the day, the time and the office zone's name."""
    if not value:
        return ""
    with force_locale("id"):
        zone = format_datetime(value, "zzz")  # WIB, WITA, WIT — said so in English too
    return f"{format_date(value, 'full')}, {format_time(value, 'short')} {zone}"


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
    app.cli.add_command(remind_events_command)

    app.jinja_env.filters["event_time"] = event_time

    @app.context_processor
    def _event_labels():
        return {"event_labels": event_labels}
