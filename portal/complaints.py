"""Citizen complaints, the service: submitting, tracking, handling, rating, auto-closing
(the rules live in rules/complaints.py), and what waits for the officers on the start page.

Called by the public pages (portal/web/complaints.py), the back office
(admin/complaints.py) and the APIs (portal/web/api.py) alike.
"""
import datetime
from types import SimpleNamespace

import click
from flask import current_app, render_template, url_for
from flask.cli import with_appcontext
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from peewee import JOIN, SQL

from portal import audit, holidays, labels, prepared, uploads
from portal.db import db
from portal.mail import enqueue, external_url
from portal.models import Complaint, ComplaintAttachment, ComplaintEvent, Unit
from portal.models.base import utcnow
from portal.prepared import Statement, slot
from portal.rules import complaints as rules
from portal.work_items import WorkItem, provides

# what a handling step changes; the audit trail keeps these, never the reporter's identity
AUDITED_COMPLAINT_FIELDS = ("state", "assigned_unit", "due_at", "verified_at", "disposed_at",
                            "answered_at", "closed_at")


def limits():
    return current_app.config["COMPLAINT_LIMITS"]


_TRACKING_ID_TAKEN = Statement(
    lambda: Complaint.select(SQL("1")).where(Complaint.tracking_id == slot("id")).limit(1))


def new_tracking_id():
    for _attempt in range(5):
        tracking_id = rules.new_tracking_id()
        if _TRACKING_ID_TAKEN.first(id=tracking_id) is None:
            return tracking_id
    raise RuntimeError("could not find a free tracking ID")  # pragma: no cover


def receipt_mail(complaint):
    """(to, subject, body) of the mail confirming a new report, or None without an address."""
    if not complaint.reporter_email:
        return None
    with force_locale("id"):
        return (complaint.reporter_email,
                _("Your report %(id)s has been received", id=complaint.tracking_id),
                render_template("complaints/mail_received.txt", complaint=complaint,
                                status_url=status_url(complaint)))


def submit(fields, files=(), now=None, save_answers=None):
    """Save a new report with its first event, attachments and the receipt mail.

    ``save_answers(complaint)`` (the answers to the category's extra questions) runs in the
    same transaction.

    ``fields``: kind, unit (id or None), category, title, description,
    event_date, place, reporter_name/email/phone, anonymous, confidential.
    ``files``: (original name, content type, bytes) already checked.
    """
    now = now or utcnow()
    stored = []
    try:
        for _name, content_type, data in files:
            stored.append(uploads.store(current_app.instance_path, content_type, data))
        # The mail is written before the transaction: on SQLite the transaction holds the
        # database's write lock, which every other submission waits for.
        complaint = Complaint(tracking_id=rules.new_tracking_id(), state=rules.RECEIVED,
                              created_at=now, updated_at=now, **fields)
        complaint.refresh_due(limits(), holidays.work_calendar())
        mail = receipt_mail(complaint)
        with db.atomic():
            if _TRACKING_ID_TAKEN.first(id=complaint.tracking_id) is not None:
                complaint.tracking_id = new_tracking_id()  # 80 random bits: hardly ever
                mail = receipt_mail(complaint)
            prepared.insert(complaint)
            prepared.insert(ComplaintEvent(complaint=complaint, from_state=None,
                                           to_state=rules.RECEIVED, public=True, created_at=now))
            for stored_name, (name, content_type, data) in zip(stored, files):
                ComplaintAttachment.create(complaint=complaint, stored_name=stored_name,
                                           original_name=name, content_type=content_type,
                                           size=len(data), created_at=now)
            if save_answers is not None:
                save_answers(complaint)
            if mail is not None:
                enqueue(*mail, anonymous_recipient=complaint.anonymous)
    except Exception:
        for name in stored:
            uploads.remove(current_app.instance_path, name)
        raise
    return complaint


def unit_exists(unit_id):
    return Unit.select().where(Unit.id == unit_id, Unit.active == True).exists()  # noqa: E712


def status_url(complaint):
    """The reporter's own link, in every mail to her: her status page, where she may
    also write (portal.complaint_conversation)."""
    return external_url("conversation.mine", tracking_id=complaint.tracking_id,
                        key=rules.reporter_key(current_app.secret_key, complaint.tracking_id))


def actor_for(user, complaint):
    if user is None or not user.is_authenticated:
        return None
    return rules.actor_kind(user.role, user.unit_id, complaint.assigned_unit_id)


def may_see(user, complaint):
    """Coordinators, operators and administrators see every complaint; a unit's
    officer only those disposed to their unit."""
    if user is None or not user.is_authenticated:
        return False
    if user.role in ("admin", "operator") or user.is_coordinator:
        return True
    return user.role == "petugas_pengaduan" and user.unit_id is not None \
        and complaint.assigned_unit_id == user.unit_id


def visible_to(user, query=None):
    query = query if query is not None else Complaint.select()
    if user.role in ("admin", "operator") or user.is_coordinator:
        return query
    if user.role == "petugas_pengaduan" and user.unit_id is not None:
        return query.where(Complaint.assigned_unit == user.unit_id)
    return query.where(False)


def sees_anonymous_reporters(user):
    """True for whoever may see who sent an anonymous report: the complaint coordinator
    and the roles in ANONYMOUS_REPORTER_VISIBLE_TO (none by default)."""
    if user is None or not user.is_authenticated:
        return False
    return rules.may_see_reporter(True, user.is_coordinator, user.role,
                                  current_app.config["ANONYMOUS_REPORTER_VISIBLE_TO"])


def may_see_identity(user, complaint):
    """The one answer to "may ``user`` see who sent ``complaint``?", asked by every
    page, list and mail view that could show a reporter."""
    if not may_see(user, complaint):
        return False
    return not complaint.anonymous or sees_anonymous_reporters(user)


def act(complaint, action, user, note="", public=True, unit=None, now=None):
    """Apply ``action`` for ``user`` (None: the system); raises TransitionRefused."""
    now = now or utcnow()
    actor = rules.SYSTEM if user is None else actor_for(user, complaint)
    target = rules.transition(complaint.state, action, actor)
    if action == "dispose" and unit is None:
        raise rules.TransitionRefused("dispose needs a unit")
    with db.atomic():
        before = audit.snapshot(complaint, AUDITED_COMPLAINT_FIELDS)
        previous = complaint.state
        complaint.state = target
        complaint.updated_at = now
        if action == "verify":
            complaint.verified_at = now
        elif action == "dispose":
            complaint.assigned_unit = unit
            complaint.disposed_at = now
        elif action == "answer":
            complaint.answered_at = now
        elif target in rules.FINAL_STATES:
            complaint.closed_at = now
        complaint.refresh_due(limits(), holidays.work_calendar())
        complaint.save()
        event = ComplaintEvent.create(complaint=complaint, from_state=previous, to_state=target,
                                      actor=user, note=note.strip(), public=public, created_at=now)
        audit.record(audit.TRANSITION, complaint, before=before,
                     after=audit.snapshot(complaint, AUDITED_COMPLAINT_FIELDS), comment=note,
                     user=user, label=complaint.tracking_id)
        if public and complaint.reporter_email:
            with force_locale("id"):
                enqueue(complaint.reporter_email,
                        _("Your report %(id)s: %(state)s", id=complaint.tracking_id,
                          state=labels.COMPLAINT_STATE[target]),
                        render_template("complaints/mail_event.txt", complaint=complaint,
                                        event=event, status_url=status_url(complaint)),
                        anonymous_recipient=complaint.anonymous)
        if public:
            notify_followers(complaint, event)
    return event


def notify_followers(complaint, event):
    """Mail a public step of ``complaint`` to the reporters of the reports merged into it,
    each with her own tracking link (a confidential report's notes stay out)."""
    followers = complaint.merged_reports.where(Complaint.reporter_email != "")
    shown = SimpleNamespace(to_state=event.to_state,
                            note="" if complaint.confidential else event.note)
    for follower in followers:
        with force_locale("id"):
            enqueue(follower.reporter_email,
                    _("Your report %(id)s: %(state)s", id=follower.tracking_id,
                      state=labels.COMPLAINT_STATE[event.to_state]),
                    render_template("complaints/mail_event.txt", complaint=follower,
                                    event=shown, status_url=status_url(follower)),
                    anonymous_recipient=follower.anonymous)


def auto_close(now=None):
    """Close answered complaints whose reporter did not react in time; return how many."""
    now = now or utcnow()
    unit, amount = limits()["auto_close"]
    cutoff = now - datetime.timedelta(days=amount)
    count = 0
    calendar = holidays.work_calendar()
    for complaint in Complaint.select().where(Complaint.state == rules.ANSWERED,
                                              Complaint.answered_at < cutoff):
        if rules.due_for_auto_close(complaint.state, complaint.answered_at, now, limits(),
                                    calendar):
            with force_locale("id"):
                note = _("Closed automatically: no reaction within %(n)d days of the answer.",
                         n=amount)
            act(complaint, "close", None, note=note, public=True, now=now)
            count += 1
    return count


@click.command("close-complaints")
@with_appcontext
def close_complaints_command():
    """Close answered complaints after the waiting time (run daily from cron)."""
    with db.connection_context():
        count = auto_close()
    click.echo(_("Complaints closed automatically: %(n)d", n=count))


def public_status(complaint):
    """What anyone holding the tracking ID may see: never the reporter, and for a
    confidential report no content and no notes."""
    confidential = complaint.confidential
    events = [{"state": e.to_state, "state_label": str(labels.COMPLAINT_STATE[e.to_state]),
               "at": e.created_at, "note": "" if confidential else e.note}
              for e in complaint.public_events()]
    return {
        "tracking_id": complaint.tracking_id,
        "kind": complaint.kind,
        "kind_label": str(labels.COMPLAINT_KIND.get(complaint.kind, complaint.kind)),
        "state": complaint.state,
        "state_label": str(labels.COMPLAINT_STATE[complaint.state]),
        "confidential": confidential,
        "title": None if confidential else complaint.title,
        "description": None if confidential else complaint.description,
        "category": None if confidential else complaint.category,
        "unit": None if confidential or complaint.unit is None else complaint.unit.name,
        "handled_by": None if complaint.assigned_unit is None else complaint.assigned_unit.name,
        "received_at": complaint.created_at,
        "updated_at": complaint.updated_at,
        "events": events,
        "may_rate": rules.may_rate(complaint.state, complaint.rated_at is not None),
    }


def find(text):
    """(complaint or None, error message or None) for a typed tracking ID."""
    try:
        tracking_id = rules.parse_tracking_id(text)
    except rules.InvalidTrackingId:
        # an ID kept from before today's forms is tried as it is
        complaint = Complaint.get_or_none(Complaint.tracking_id == rules.stored_form(text)) \
            if rules.stored_form(text) else None
        if complaint is not None:
            return complaint, None
        return None, _("This is not a valid tracking ID. It looks like LPR-XXXX-XXXX-XXXX; "
                       "check each character (a typo is detected by the last one).")
    complaint = Complaint.get_or_none(Complaint.tracking_id == tracking_id)
    if complaint is None:
        return None, _("No report has this tracking ID.")
    return complaint, None


def rate(complaint, rating, comment):
    """Keep the reporter's one satisfaction answer; False when one was already given."""
    with db.atomic():
        updated = (Complaint.update(satisfaction=rating, satisfaction_comment=comment,
                                    rated_at=utcnow())
                   .where(Complaint.id == complaint.id, Complaint.rated_at.is_null())
                   .execute())
    return bool(updated)


def init_app(app):
    app.cli.add_command(close_complaints_command)


# --- what waits, for the start page (portal.work_items) --------------------------
TO_HANDLE = _l("Complaints waiting for you")
TO_CLOSE = _l("Answered complaints waiting to close")
# the moment each state's wait began (the clock of its limit)
_WAITING_SINCE = {rules.RECEIVED: "created_at", rules.POSTPONED: "updated_at",
                  rules.VERIFIED: "verified_at", rules.DISPOSED: "disposed_at",
                  rules.IN_PROGRESS: "disposed_at", rules.ANSWERED: "answered_at"}


def _actor(user):
    """The kind of actor ``user`` is on the complaints they see (a unit's officer acts
    only on those disposed to their unit, which is all they see)."""
    return rules.actor_kind(user.role, user.unit_id, user.unit_id)


def _items(user, states, title):
    """The complaints ``user`` sees in ``states``: never the reporter, only the tracking
    ID, the subject, the unit and the deadline."""
    return [item for item, _id in _items_with_ids(user, states, title)]


def _items_with_ids(user, states, title):
    """(WorkItem, complaint id) of ``_items``."""
    if not states:
        return []
    now = utcnow()
    calendar = holidays.work_calendar()
    rows = (visible_to(user).select(Complaint, Unit).join(
        Unit, JOIN.LEFT_OUTER, on=(Complaint.assigned_unit == Unit.id))
        .where(Complaint.state.in_(states)))
    return [(WorkItem(title(row), url_for("complaint.handle", id=row.id),
                     getattr(row, _WAITING_SINCE[row.state]) or row.created_at,
                     deadline=calendar.local_date(row.due_at) if row.due_at else None,
                     note=row.assigned_unit.name if row.assigned_unit_id else "",
                     overdue=row.is_overdue(now)), row.id)
            for row in rows]


# the next step of a complaint waiting in each state, as the start page names it
_NEXT_STEP = {rules.RECEIVED: _l("Verify"), rules.POSTPONED: _l("Verify (postponed)"),
              rules.VERIFIED: _l("Send to a unit"), rules.DISPOSED: _l("Follow up"),
              rules.IN_PROGRESS: _l("Answer")}


def _step_title(row):
    return _("%(step)s — %(id)s: %(title)s", step=_NEXT_STEP[row.state],
             id=row.tracking_id, title=row.title)


SENT_BACK = _l("Sent back by the reporter: not resolved yet")


def _sent_back(user):
    """The complaints back in follow-up because their reporter said "belum selesai",
    for the unit's officer (the coordinator has no step on them)."""
    if _actor(user) != rules.UNIT_OFFICER:
        return visible_to(user).where(False)
    return visible_to(user).where(Complaint.state == rules.IN_PROGRESS,
                                  Complaint.reopened_at.is_null(False))


# registered before the other complaint groups: the unit's officer sees it first
@provides(SENT_BACK, "petugas_pengaduan")
def complaints_sent_back(user):
    """Complaints the reporter sent back, with her reason (never her identity), waiting
    since she sent them back; the follow-up limit runs again from then."""
    now = utcnow()
    calendar = holidays.work_calendar()
    rows = _sent_back(user).select(Complaint, Unit).join(
        Unit, JOIN.LEFT_OUTER, on=(Complaint.assigned_unit == Unit.id))
    reasons = {event.complaint_id: event.note for event in ComplaintEvent.select().where(
        ComplaintEvent.complaint.in_([row.id for row in rows]),
        ComplaintEvent.by_reporter == True,  # noqa: E712
        ComplaintEvent.from_state == rules.ANSWERED).order_by(ComplaintEvent.created_at)}
    return [WorkItem(_("%(id)s: %(title)s", id=row.tracking_id, title=row.title),
                     url_for("complaint.handle", id=row.id), row.reopened_at,
                     deadline=calendar.local_date(row.due_at) if row.due_at else None,
                     note=_("Reason: %(reason)s", reason=reasons.get(row.id, "")),
                     overdue=row.is_overdue(now))
            for row in rows]


@provides(TO_HANDLE, "petugas_pengaduan", "admin")
def complaints_to_handle(user):
    """The open complaints whose next step is ``user``'s: to verify and dispose for the
    coordinator, to follow up and answer for a unit's officer; overdue first. Those
    the reporter sent back are in their own group (above)."""
    actor = _actor(user)
    states = [state for state in rules.OPEN_STATES - {rules.ANSWERED}
              if rules.allowed_actions(state, actor)]
    sent_back = {row.id for row in _sent_back(user).select(Complaint.id)}
    return [item for item, row_id in _items_with_ids(user, states, _step_title)
            if row_id not in sent_back]


@provides(TO_CLOSE, "petugas_pengaduan", "admin")
def complaints_to_close(user):
    """Answered complaints ``user`` may close (the reporter has not reacted)."""
    actor = _actor(user)
    states = [rules.ANSWERED] if "close" in rules.allowed_actions(rules.ANSWERED, actor) else []
    return _items(user, states, lambda row: _("%(id)s: %(title)s", id=row.tracking_id,
                                              title=row.title))


def overdue_count(user):
    """How many complaints ``user`` sees are past their deadline (the menu's badge)."""
    return visible_to(user).where(Complaint.overdue(utcnow())).count()
