"""Events (seminars, workshops, training, sosialisasi), their materials and registrations."""
from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField,
                    TextField)

from portal.models.accounts import User
from portal.models.base import BaseModel, utcnow
from portal.models.content import ContentItem
from portal.models.org import Employee, Unit
from portal.rules import events as rules
from portal.rules import publication


class Event(BaseModel):
    title = CharField(max_length=200)
    kind = CharField(max_length=16, choices=[(k, k) for k in rules.KINDS], default="sosialisasi")
    description = TextField(default="")  # Markdown, rendered and sanitised on display
    starts_at = DateTimeField(index=True)  # UTC
    ends_at = DateTimeField()  # UTC
    place = CharField(max_length=300, default="")
    online_url = CharField(max_length=500, default="")
    capacity = IntegerField(default=50)
    audience = CharField(max_length=16, default="public",
                         choices=[(a, a) for a in publication.AUDIENCES])
    audience_unit = ForeignKeyField(Unit, null=True, backref="events", on_delete="SET NULL")
    published = BooleanField(default=False, index=True)
    attendance_code = CharField(max_length=12, default=rules.new_attendance_code)
    created_by = ForeignKeyField(User, null=True, backref="events", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "event"

    def __str__(self):
        return self.title

    @classmethod
    def visible(cls, reader=publication.ANONYMOUS):
        """Published events ``reader`` may see (the content audience rules, in SQL)."""
        query = cls.select().where(cls.published == True)  # noqa: E712
        audiences, unit_id, everything = publication.readable_audiences(reader)
        if everything:
            return query
        allowed = cls.audience.in_(sorted(audiences))
        if unit_id is not None:
            allowed |= (cls.audience == "unit") & (cls.audience_unit == unit_id)
        return query.where(allowed)


class EventMaterial(BaseModel):
    event = ForeignKeyField(Event, backref="material_links", on_delete="CASCADE")
    item = ForeignKeyField(ContentItem, backref="event_links", on_delete="CASCADE")

    class Meta:
        table_name = "event_material"
        indexes = ((("event", "item"), True),)

    def __str__(self):
        return f"{self.event_id}:{self.item_id}"


class Registration(BaseModel):
    event = ForeignKeyField(Event, backref="registrations", on_delete="CASCADE")
    name = CharField(max_length=200)
    email = CharField(max_length=200, index=True)
    phone = CharField(max_length=30, default="")
    organisation = CharField(max_length=200, default="")  # instansi / unit
    nip = CharField(max_length=18, default="", index=True)  # digits only, or empty
    employee = ForeignKeyField(Employee, null=True, backref="event_registrations",
                               on_delete="SET NULL")
    status = CharField(max_length=12, choices=[(s, s) for s in rules.STATUSES], index=True)
    cancel_token = CharField(max_length=64, unique=True, default=rules.new_cancel_token)
    attended_at = DateTimeField(null=True)
    attended_via = CharField(max_length=8, default="")  # "list" or "code"
    created_at = DateTimeField(default=utcnow)
    cancelled_at = DateTimeField(null=True)
    reminded_at = DateTimeField(null=True)  # the day-before reminder was queued

    class Meta:
        table_name = "event_registration"

    def __str__(self):
        return f"{self.name} — {self.event.title}"
