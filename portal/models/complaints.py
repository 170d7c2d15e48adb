"""Citizen complaints (pengaduan), their history, attachments, and the mail outbox."""
from peewee import (BooleanField, CharField, DateField, DateTimeField, ForeignKeyField,
                    IntegerField, TextField)

from portal.models.accounts import User
from portal.models.base import BaseModel, utcnow
from portal.models.org import Unit
from portal.rules import complaints as rules


class Complaint(BaseModel):
    tracking_id = CharField(max_length=32, unique=True)
    kind = CharField(max_length=32, choices=[(k, k) for k in rules.KINDS], index=True)
    unit = ForeignKeyField(Unit, null=True, backref="complaints_about", on_delete="SET NULL")
    category = CharField(max_length=100, default="")
    title = CharField(max_length=200)
    description = TextField()
    event_date = DateField(null=True)
    place = CharField(max_length=200, default="")
    reporter_name = CharField(max_length=200, default="")
    reporter_email = CharField(max_length=200, default="")
    reporter_phone = CharField(max_length=32, default="")
    anonymous = BooleanField(default=False)
    confidential = BooleanField(default=False)  # rahasia: content never public
    state = CharField(max_length=32, default=rules.RECEIVED, index=True,
                      choices=[(s, s) for s in rules.STATES])
    assigned_unit = ForeignKeyField(Unit, null=True, backref="complaints_assigned",
                                    on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow, index=True)
    updated_at = DateTimeField(default=utcnow)
    verified_at = DateTimeField(null=True)
    disposed_at = DateTimeField(null=True)
    answered_at = DateTimeField(null=True)
    closed_at = DateTimeField(null=True)
    # the last time the reporter said "belum selesai" (the follow-up clock starts again)
    reopened_at = DateTimeField(null=True)
    # The earliest time limit still running (verification, follow-up, resolution).
    due_at = DateTimeField(null=True, index=True)
    satisfaction = IntegerField(null=True)
    satisfaction_comment = TextField(default="")
    rated_at = DateTimeField(null=True)
    # a duplicate (state "merged") is followed through the report it was merged into
    merged_into = ForeignKeyField("self", null=True, backref="merged_reports",
                                  on_delete="SET NULL", index=True)

    class Meta:
        table_name = "complaint"

    def __str__(self):
        return self.tracking_id

    @property
    def clocks(self):
        return {"received": self.created_at,
                "disposed": rules.follow_up_start(self.disposed_at, self.reopened_at),
                "answered": self.answered_at}

    def refresh_due(self, limits=None, calendar=None):
        """The earliest running limit, working days in the office's ``calendar``
        (``portal.holidays.work_calendar()``)."""
        self.due_at = rules.current_deadline(self.state, self.clocks, limits, calendar)

    @classmethod
    def overdue(cls, now=None):
        """The SQL condition for complaints past their running limit."""
        return (cls.due_at.is_null(False)) & (cls.due_at < (now or utcnow()))

    def is_overdue(self, now=None):
        return self.due_at is not None and self.due_at < (now or utcnow())

    def overdue_limits(self, now=None, limits=None, calendar=None):
        return rules.overdue_limits(self.state, self.clocks, now or utcnow(), limits, calendar)

    def public_events(self):
        return (self.events.where(ComplaintEvent.public == True)  # noqa: E712
                .order_by(ComplaintEvent.created_at, ComplaintEvent.id))


class ComplaintEvent(BaseModel):
    complaint = ForeignKeyField(Complaint, backref="events", on_delete="CASCADE")
    from_state = CharField(max_length=32, null=True)
    to_state = CharField(max_length=32)
    actor = ForeignKeyField(User, null=True, backref="complaint_events", on_delete="SET NULL")
    note = TextField(default="")
    public = BooleanField(default=True)
    # written by the reporter through her own link (information, a reply, "belum selesai")
    by_reporter = BooleanField(default=False)
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "complaint_event"

    def __str__(self):
        return f"{self.complaint.tracking_id}: {self.from_state or '-'} → {self.to_state}"


class ComplaintAttachment(BaseModel):
    complaint = ForeignKeyField(Complaint, backref="attachments", on_delete="CASCADE")
    stored_name = CharField(max_length=100, unique=True)  # under instance/uploads/complaints/
    original_name = CharField(max_length=200)
    content_type = CharField(max_length=64)
    size = IntegerField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "complaint_attachment"

    def __str__(self):
        return self.original_name


class Outbox(BaseModel):
    """Mail waiting to be sent; written in the same transaction as what caused it."""

    to = CharField(max_length=200)
    # the reporter of an anonymous complaint: the address is theirs to keep (see
    # portal.complaints.sees_anonymous_reporters)
    anonymous_recipient = BooleanField(default=False)
    subject = CharField(max_length=200)
    body = TextField()
    created_at = DateTimeField(default=utcnow)
    attempts = IntegerField(default=0)
    last_error = TextField(default="")
    sent_at = DateTimeField(null=True, index=True)
    next_attempt_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "outbox"

    def __str__(self):
        return f"{self.to}: {self.subject}"
