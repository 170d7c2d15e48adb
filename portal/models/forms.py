"""Low-code forms built in the back office: the form, its fields, submissions and answers.

Changing a form that already has answers never loses them: each answer keeps a
copy of its field's key, label and type as they were when it was given, and a
field that has answers is never deleted — deleting it in the back office only
switches it off (``active`` false, ``removed_at`` set). Old submissions stay
readable and their columns stay in the export.
"""
import secrets

from peewee import (BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField,
                    TextField)

from portal import prepared
from portal.models.accounts import User
from portal.models.base import BaseModel, utcnow
from portal.models.complaints import Complaint
from portal.models.events import Event, Registration
from portal.models.org import Unit
from portal.rules import form_fields as rules

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I


def new_reference():
    return "FRM-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))


class CustomForm(BaseModel):
    title = CharField(max_length=200)
    slug = CharField(max_length=80, unique=True, default="")  # "" → made from the title
    intro = TextField(default="")  # Markdown, sanitised on display
    status = CharField(max_length=12, default="draft", index=True,
                       choices=[(s, s) for s in rules.STATUSES])
    audience = CharField(max_length=16, default="public",
                         choices=[(a, a) for a in rules.AUDIENCES])
    opens_at = DateTimeField(null=True)  # UTC
    closes_at = DateTimeField(null=True)  # UTC
    confirmation = TextField(default="")  # shown after sending
    unit = ForeignKeyField(Unit, null=True, backref="custom_forms", on_delete="SET NULL")
    # extra questions of one event's registration, or of one complaint category
    event = ForeignKeyField(Event, null=True, backref="custom_forms", on_delete="SET NULL")
    complaint_category = CharField(max_length=32, default="", index=True)
    created_by = ForeignKeyField(User, null=True, backref="custom_forms", on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "custom_form"

    def __str__(self):
        return self.title

    def active_fields(self):
        return list(FormField.select().where((FormField.form == self.id)
                                             & (FormField.active == True))  # noqa: E712
                    .order_by(FormField.position, FormField.id))

    def is_open(self, now=None):
        return rules.is_open(self.status, self.opens_at, self.closes_at, now or utcnow())

    @classmethod
    def open_to_public(cls, now=None):
        """The forms shown at their own address now: published, within their dates, and
        not the extra questions of an event or a complaint category; by title."""
        now = now or utcnow()
        return (cls.select().where(
            (cls.status == "published") & cls.event.is_null() & (cls.complaint_category == "")
            & (cls.opens_at.is_null() | (cls.opens_at <= now))
            & (cls.closes_at.is_null() | (cls.closes_at > now)))
            .order_by(cls.title, cls.id))

    @classmethod
    def attached_to_event(cls, event_id):
        """The published form of an event's registration extra questions, or None."""
        return (cls.select().where((cls.event == event_id) & (cls.status == "published"))
                .order_by(cls.id).first())

    @classmethod
    def complaint_forms(cls):
        """category → the published form of its extra questions (the oldest, when several)."""
        found = {}
        fields = cls._meta.sorted_fields
        for row in _PUBLISHED_COMPLAINT_FORMS.run():  # read on every complaint sent: SQL kept
            form = prepared.instance(cls, fields, row)
            found.setdefault(form.complaint_category, form)
        return found


_PUBLISHED_COMPLAINT_FORMS = prepared.Statement(
    lambda: CustomForm.select().where((CustomForm.complaint_category != "")
                                      & (CustomForm.status == "published"))
    .order_by(CustomForm.id))


class FormField(BaseModel):
    # declared in the order the builder shows them
    form = ForeignKeyField(CustomForm, backref="fields", on_delete="CASCADE")
    position = IntegerField(default=0)
    label = CharField(max_length=300)
    type = CharField(max_length=20, choices=[(t, t) for t in rules.TYPES])
    required = BooleanField(default=False)
    # stable per form: exports and conditions use it ("" → made from the label on saving)
    key = CharField(max_length=rules.KEY_MAX, default="")
    help_text = CharField(max_length=500, default="")
    choices = TextField(default="")  # one per line
    show_when_key = CharField(max_length=rules.KEY_MAX, default="")
    show_when_value = CharField(max_length=200, default="")
    active = BooleanField(default=True)
    removed_at = DateTimeField(null=True)

    class Meta:
        table_name = "form_field"
        indexes = ((("form", "key"), True),)

    def __str__(self):
        return f"{self.label} ({self.key})"

    @property
    def choice_list(self):
        return rules.parse_choices(self.choices)

    def has_answers(self):
        return self.id is not None and FormAnswer.select().where(
            FormAnswer.field == self.id).exists()

    def delete_instance(self, *args, **kwargs):
        """A field with answers is switched off, never deleted."""
        if self.has_answers():
            self.active = False
            self.removed_at = self.removed_at or utcnow()
            return self.save()
        return super().delete_instance(*args, **kwargs)


class FormSubmission(BaseModel):
    form = ForeignKeyField(CustomForm, backref="submissions", on_delete="CASCADE")
    reference = CharField(max_length=16, unique=True, default=new_reference)
    submitted_at = DateTimeField(default=utcnow, index=True)
    account = ForeignKeyField(User, null=True, backref="form_submissions",
                              on_delete="SET NULL")
    ip_hash = CharField(max_length=64, default="")
    registration = ForeignKeyField(Registration, null=True, backref="form_submissions",
                                   on_delete="SET NULL")
    complaint = ForeignKeyField(Complaint, null=True, backref="form_submissions",
                                on_delete="SET NULL")

    class Meta:
        table_name = "form_submission"

    def __str__(self):
        return self.reference

    def answer_map(self):
        return {answer.field_key: answer for answer in self.answers}


class FormAnswer(BaseModel):
    submission = ForeignKeyField(FormSubmission, backref="answers", on_delete="CASCADE")
    field = ForeignKeyField(FormField, null=True, backref="answers", on_delete="SET NULL")
    # the field as it was when answered
    field_key = CharField(max_length=rules.KEY_MAX)
    field_label = CharField(max_length=300)
    field_type = CharField(max_length=20)
    value = TextField(default="")  # clean text; multiple choice: one per line
    file_stored = CharField(max_length=64, default="")  # under instance/uploads/forms/
    file_type = CharField(max_length=100, default="")

    class Meta:
        table_name = "form_answer"
        indexes = ((("submission", "field_key"), True),)

    def __str__(self):
        return f"{self.field_key}: {self.value[:40]}"
