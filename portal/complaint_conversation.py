"""A complaint is a conversation: through her own link (the tracking ID and the
reporter key sent with the receipt and every reply) the reporter adds information
while the complaint is handled, replies to the unit's answer and, within the
auto-close window, says "belum selesai": the complaint goes back to the unit.

The status page's facts (the handling unit, the current step and its deadline in the
office's calendar, the attachments one may see) are put together here too, for the
public page (tracking ID alone: read-only) and the reporter's own page alike.
The rules live in rules/complaints.py; the public pages in web/complaint_conversation.py.
"""
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from portal import holidays, labels, uploads
from portal.complaints import limits
from portal.db import db
from portal.mail import external_url
from portal.models import ComplaintAttachment, ComplaintEvent
from portal.models.base import utcnow
from portal.rules import complaints as rules


def reporter_key(complaint):
    return rules.reporter_key(current_app.secret_key, complaint.tracking_id)


def key_matches(complaint, key):
    return rules.reporter_key_matches(current_app.secret_key, complaint.tracking_id, key)


def own_url(complaint, external=True):
    """The reporter's own link: her status page, where she may also write."""
    args = {"tracking_id": complaint.tracking_id, "key": reporter_key(complaint)}
    if external:
        return external_url("conversation.mine", **args)
    return url_for("conversation.mine", **args)


# --- what the reporter writes ------------------------------------------------------

def _store(files):
    """Write the checked files and attach them; returns the stored names (to remove
    them again when the transaction fails)."""
    stored = []
    for _name, content_type, data in files:
        stored.append(uploads.store(current_app.instance_path, content_type, data))
    return stored


def _attach(complaint, stored, files, now):
    for stored_name, (name, content_type, data) in zip(stored, files):
        ComplaintAttachment.create(complaint=complaint, stored_name=stored_name,
                                   original_name=name, content_type=content_type,
                                   size=len(data), created_at=now)


def _write(complaint, note, files, now, change):
    """Store the files, then in one transaction apply ``change()`` (which returns the
    state before and after) and keep the reporter's event and attachments."""
    stored = _store(files)
    try:
        with db.atomic():
            previous, target = change()
            event = ComplaintEvent.create(complaint=complaint, from_state=previous,
                                          to_state=target, actor=None, note=note.strip(),
                                          public=True, by_reporter=True, created_at=now)
            _attach(complaint, stored, files, now)
    except Exception:
        for name in stored:
            uploads.remove(current_app.instance_path, name)
        raise
    return event


class NotNow(ValueError):
    """What the reporter asked for is not possible in the complaint's state now."""


def add_message(complaint, note, files=(), now=None):
    """Information added while the complaint is handled, or a reply to the unit's
    answer; the state does not change."""
    now = now or utcnow()
    if not (rules.reporter_may_add(complaint.state) or rules.reporter_may_reply(complaint.state)):
        raise NotNow(complaint.state)

    def change():
        complaint.updated_at = now
        complaint.save()
        return complaint.state, complaint.state
    return _write(complaint, note, files, now, change)


def may_reopen(complaint, now=None):
    return rules.reporter_may_reopen(complaint.state, complaint.answered_at, now or utcnow(),
                                     limits(), holidays.work_calendar())


def reopen(complaint, reason, files=(), now=None):
    """"Belum selesai": the answered complaint goes back to the unit (tindak lanjut),
    with the reporter's reason in its history; the follow-up limit runs again."""
    now = now or utcnow()
    if not may_reopen(complaint, now):
        raise NotNow(complaint.state)

    # No audit entry: it would keep the reporter's address (IP); the event is the record.
    def change():
        previous = complaint.state
        complaint.state = rules.transition(previous, "reopen", rules.REPORTER)
        complaint.reopened_at = complaint.updated_at = now
        complaint.refresh_due(limits(), holidays.work_calendar())
        complaint.save()
        return previous, complaint.state
    return _write(complaint, reason, files, now, change)


# --- what the status page shows --------------------------------------------------------

# the step a complaint waits for in each state, as the reporter reads it
STEP = {
    rules.RECEIVED: _l("Verification by the complaint coordinator"),
    rules.POSTPONED: _l("Postponed by the complaint coordinator; verification follows"),
    rules.VERIFIED: _l("Being passed to the unit responsible"),
    rules.DISPOSED: _l("Follow-up by the handling unit"),
    rules.IN_PROGRESS: _l("Follow-up by the handling unit"),
    rules.ANSWERED: _l("The unit has answered: waiting for your reaction"),
    rules.CLOSED: _l("Closed"),
    rules.ARCHIVED: _l("Archived"),
    rules.NOT_OUR_AUTHORITY: _l("Not within the authority of this government"),
    rules.MERGED: _l("Merged into another report on the same problem: handled there"),
}

REPORTER_EVENT = {
    rules.REPORTER_INFORMATION: _l("Information added by the reporter"),
    rules.REPORTER_REPLY: _l("Reply from the reporter"),
    rules.REPORTER_REOPENED: _l("Not resolved yet: sent back to the unit by the reporter"),
}


def _events(complaint, reporter):
    """The public history; the reporter's own words are shown on her page only (on the
    public page the step is listed without them)."""
    rows = []
    for event in complaint.public_events():
        if event.by_reporter:
            label = REPORTER_EVENT[rules.reporter_event_kind(event.from_state, event.to_state)]
            note = event.note if reporter else ""
        else:
            label = labels.COMPLAINT_STATE[event.to_state]
            note = "" if complaint.confidential and not reporter else event.note
        rows.append({"label": str(label), "at": event.created_at, "note": note,
                     "by_reporter": event.by_reporter})
    return rows


def status_page(complaint, reporter=False, now=None):
    """The facts of the status page. ``reporter``: reached through her own link (she
    sees her own words and files, and the forms)."""
    now = now or utcnow()
    calendar = holidays.work_calendar()
    confidential = complaint.confidential and not reporter
    step_due = None
    if complaint.state == rules.ANSWERED and complaint.answered_at is not None:
        step_due = rules.reopen_deadline(complaint.answered_at, limits(), calendar)
    elif complaint.due_at is not None:
        step_due = complaint.due_at
    shown_files = reporter or rules.attachments_public(complaint.anonymous,
                                                       complaint.confidential)
    return {
        "tracking_id": complaint.tracking_id,
        "state": complaint.state,
        "state_label": str(labels.COMPLAINT_STATE[complaint.state]),
        "kind_label": str(labels.COMPLAINT_KIND.get(complaint.kind, complaint.kind)),
        "received_at": complaint.created_at,
        "confidential": complaint.confidential,
        "title": None if confidential else complaint.title,
        "description": None if confidential else complaint.description,
        "handled_by": None if complaint.assigned_unit is None else complaint.assigned_unit.name,
        "step": str(STEP[complaint.state]),
        "step_due": calendar.local_date(step_due) if step_due else None,
        "answered": complaint.state == rules.ANSWERED,
        "working_days": step_due is not None and complaint.state != rules.ANSWERED
        and rules.step_in_working_days(complaint.state, limits()),
        "overdue": complaint.is_overdue(now),
        "events": _events(complaint, reporter),
        "attachments": list(complaint.attachments.order_by(ComplaintAttachment.created_at,
                                                           ComplaintAttachment.id))
        if shown_files else [],
        "may_rate": rules.may_rate(complaint.state, complaint.rated_at is not None),
        "may_add": rules.reporter_may_add(complaint.state),
        "may_reply": rules.reporter_may_reply(complaint.state),
        "may_reopen": may_reopen(complaint, now),
        "reopened": complaint.reopened_at is not None,
    }
