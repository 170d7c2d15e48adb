"""Events, the service: registering, cancelling, the waiting list, reminders, attendance.
Called by the public pages (portal/web/events.py) and the back office (admin/events.py).

Seats are counted and taken in one locked transaction (``_seat_lock``), so two
people registering at once for the last seat cannot both get it, on SQLite
(BEGIN IMMEDIATE) and on PostgreSQL (SELECT … FOR UPDATE on the event row).
Every change of a seat — registering, cancelling, moving up from the waiting
list, an organiser's decision in the back office — goes through the functions
here, under that lock, and queues a mail to the person in the same transaction.
"""

import click
from flask import render_template
from flask.cli import with_appcontext
from flask_babel import force_locale, format_date, format_datetime, format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.db import db, is_sqlite
from portal.labels import events as event_labels
from portal.mail import enqueue, external_url
from portal.models import Employee, Event, Registration
from portal.models.base import utcnow
from portal.rules import events as rules


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


def event_time(value):
    """``Sabtu, 02 Maret 2030, 08.30 WIB``: the day, the time and the office zone's name."""
    if not value:
        return ""
    with force_locale("id"):
        zone = format_datetime(value, "zzz")  # WIB, WITA, WIT — said so in English too
    return f"{format_date(value, 'full')}, {format_time(value, 'short')} {zone}"


def init_app(app):
    app.cli.add_command(remind_events_command)

    app.jinja_env.filters["event_time"] = event_time

    @app.context_processor
    def _event_labels():
        return {"event_labels": event_labels}
