"""Low-code forms: the form, its fields, submissions and answers."""
from peewee import *


def up(migrator, db):
    class Unit(Model):
        class Meta:
            database = db
            table_name = 'unit'

    class User(Model):
        class Meta:
            database = db
            table_name = 'account'

    class Event(Model):
        class Meta:
            database = db
            table_name = 'event'

    class Registration(Model):
        class Meta:
            database = db
            table_name = 'event_registration'

    class Complaint(Model):
        class Meta:
            database = db
            table_name = 'complaint'

    class CustomForm(Model):
        title = CharField(max_length=200)
        slug = CharField(max_length=80, unique=True, default='')
        intro = TextField(default='')
        status = CharField(max_length=12, default='draft', index=True)
        audience = CharField(max_length=16, default='public')
        opens_at = DateTimeField(null=True)
        closes_at = DateTimeField(null=True)
        confirmation = TextField(default='')
        unit = ForeignKeyField(Unit, null=True, on_delete='SET NULL')
        event = ForeignKeyField(Event, null=True, on_delete='SET NULL')
        complaint_category = CharField(max_length=32, default='', index=True)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'custom_form'

    class FormField(Model):
        form = ForeignKeyField(CustomForm, on_delete='CASCADE')
        key = CharField(max_length=40, default='')
        label = CharField(max_length=300)
        help_text = CharField(max_length=500, default='')
        type = CharField(max_length=20)
        required = BooleanField(default=False)
        position = IntegerField(default=0)
        choices = TextField(default='')
        show_when_key = CharField(max_length=40, default='')
        show_when_value = CharField(max_length=200, default='')
        active = BooleanField(default=True)
        removed_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'form_field'
            indexes = ((('form', 'key'), True),)

    class FormSubmission(Model):
        form = ForeignKeyField(CustomForm, on_delete='CASCADE')
        reference = CharField(max_length=16, unique=True)
        submitted_at = DateTimeField(index=True)
        account = ForeignKeyField(User, null=True, on_delete='SET NULL')
        ip_hash = CharField(max_length=64, default='')
        registration = ForeignKeyField(Registration, null=True, on_delete='SET NULL')
        complaint = ForeignKeyField(Complaint, null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'form_submission'

    class FormAnswer(Model):
        submission = ForeignKeyField(FormSubmission, on_delete='CASCADE')
        field = ForeignKeyField(FormField, null=True, on_delete='SET NULL')
        field_key = CharField(max_length=40)
        field_label = CharField(max_length=300)
        field_type = CharField(max_length=20)
        value = TextField(default='')
        file_stored = CharField(max_length=64, default='')
        file_type = CharField(max_length=100, default='')
        class Meta:
            database = db
            table_name = 'form_answer'
            indexes = ((('submission', 'field_key'), True),)

    db.create_tables([CustomForm, FormField, FormSubmission, FormAnswer])


def down(migrator, db):
    for table in ('form_answer', 'form_submission', 'form_field', 'custom_form'):
        migrator.migrate(migrator.drop_table(table))
