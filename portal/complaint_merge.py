"""Duplicates: the coordinator merges a report into another one (the survivor).

The duplicate ends as "merged" (digabung) and points to the survivor; both keep an event
(the duplicate's public, the survivor's internal: the public never learns another
reporter's tracking ID). The duplicate's reporter gets a mail, and from then on follows
the survivor: her status page shows the survivor's progress and each public step of the
survivor reaches her by mail, as it reaches the survivor's own reporter.
"""

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from portal import audit, holidays, labels
from portal import complaints as service
from portal.db import db
from portal.mail import enqueue
from portal.models import Complaint, ComplaintEvent
from portal.models.base import utcnow
from portal.rules import complaints as rules


def survivor_of(complaint):
    """The report a merged one is followed through (None when it was not merged)."""
    if complaint.state != rules.MERGED or complaint.merged_into_id is None:
        return None
    return Complaint.get_or_none(Complaint.id == complaint.merged_into_id)


def merge(duplicate, survivor, user, note="", now=None):
    """Merge ``duplicate`` into ``survivor`` for ``user``; raises rules.MergeRefused."""
    now = now or utcnow()
    rules.check_merge(service.actor_for(user, duplicate), duplicate.state, survivor.state,
                      duplicate.id == survivor.id, survivor.merged_into_id is not None)
    note = (note or "").strip()
    with db.atomic():
        before = audit.snapshot(duplicate, service.AUDITED_COMPLAINT_FIELDS)
        previous = duplicate.state
        duplicate.state = rules.MERGED
        duplicate.merged_into = survivor
        duplicate.closed_at = duplicate.updated_at = now
        duplicate.refresh_due(service.limits(), holidays.work_calendar())
        duplicate.save()
        # reports merged into the duplicate before follow the survivor now
        (Complaint.update(merged_into=survivor)
         .where(Complaint.merged_into == duplicate.id).execute())
        event = ComplaintEvent.create(complaint=duplicate, from_state=previous,
                                      to_state=rules.MERGED, actor=user, note=note,
                                      public=True, created_at=now)
        with force_locale("id"):
            ComplaintEvent.create(
                complaint=survivor, from_state=survivor.state, to_state=survivor.state,
                actor=user, public=False, created_at=now,
                note=_("Report %(id)s (“%(title)s”) was merged into this one; its reporter "
                       "follows this report.", id=duplicate.tracking_id, title=duplicate.title))
        audit.record(audit.TRANSITION, duplicate, before=before,
                     after=audit.snapshot(duplicate, service.AUDITED_COMPLAINT_FIELDS),
                     comment=note, user=user, label=duplicate.tracking_id)
        if duplicate.reporter_email:
            with force_locale("id"):
                enqueue(duplicate.reporter_email,
                        _("Your report %(id)s was merged with a report on the same problem",
                          id=duplicate.tracking_id),
                        render_template("complaints/mail_merged.txt", complaint=duplicate,
                                        note=note, status_url=service.status_url(duplicate)),
                        anonymous_recipient=duplicate.anonymous)
    return event


def followed_status(complaint):
    """For the status page of a merged report: the public status of the report it was
    merged into (what its reporter follows now) and that report's public number (None
    when it is confidential); None when ``complaint`` was not merged."""
    survivor = survivor_of(complaint)
    if survivor is None:
        return None
    return {"status": service.public_status(survivor),
            "number": None if survivor.confidential else survivor.id}
