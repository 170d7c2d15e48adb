"""Complaints (pengaduan): reports, their events and attachments, and the mail outbox."""
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

    class Complaint(Model):
        tracking_id = CharField(unique=True, max_length=32)
        kind = CharField(index=True, max_length=32)
        unit = ForeignKeyField(Unit, null=True, on_delete='SET NULL')
        category = CharField(max_length=100, default='')
        title = CharField(max_length=200)
        description = TextField()
        event_date = DateField(null=True)
        place = CharField(max_length=200, default='')
        reporter_name = CharField(max_length=200, default='')
        reporter_email = CharField(max_length=200, default='')
        reporter_phone = CharField(max_length=32, default='')
        anonymous = BooleanField(default=False)
        confidential = BooleanField(default=False)
        state = CharField(index=True, max_length=32, default='received')
        assigned_unit = ForeignKeyField(Unit, null=True, on_delete='SET NULL')
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        verified_at = DateTimeField(null=True)
        disposed_at = DateTimeField(null=True)
        answered_at = DateTimeField(null=True)
        closed_at = DateTimeField(null=True)
        due_at = DateTimeField(null=True, index=True)
        satisfaction = IntegerField(null=True)
        satisfaction_comment = TextField(default='')
        rated_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'complaint'

    class ComplaintEvent(Model):
        complaint = ForeignKeyField(Complaint, on_delete='CASCADE')
        from_state = CharField(null=True, max_length=32)
        to_state = CharField(max_length=32)
        actor = ForeignKeyField(User, null=True, on_delete='SET NULL')
        note = TextField(default='')
        public = BooleanField(default=True)
        created_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'complaint_event'

    class ComplaintAttachment(Model):
        complaint = ForeignKeyField(Complaint, on_delete='CASCADE')
        stored_name = CharField(unique=True, max_length=100)
        original_name = CharField(max_length=200)
        content_type = CharField(max_length=64)
        size = IntegerField()
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'complaint_attachment'

    class Outbox(Model):
        to = CharField(max_length=200)
        subject = CharField(max_length=200)
        body = TextField()
        created_at = DateTimeField()
        attempts = IntegerField(default=0)
        last_error = TextField(default='')
        sent_at = DateTimeField(null=True, index=True)
        next_attempt_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'outbox'

    db.create_tables([Complaint, ComplaintEvent, ComplaintAttachment, Outbox])


def down(migrator, db):
    for name in ('outbox', 'complaint_attachment', 'complaint_event', 'complaint'):
        migrator.migrate(migrator.drop_table(name))
