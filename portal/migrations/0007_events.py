"""Events (seminars, workshops, training, sosialisasi), their materials and registrations."""
from peewee import *


def up(migrator, db):
    class Unit(Model):
        class Meta:
            database = db
            table_name = 'unit'

    class Employee(Model):
        class Meta:
            database = db
            table_name = 'employee'

    class User(Model):
        class Meta:
            database = db
            table_name = 'account'

    class ContentItem(Model):
        class Meta:
            database = db
            table_name = 'content_item'

    class Event(Model):
        title = CharField(max_length=200)
        kind = CharField(max_length=16, default='sosialisasi')
        description = TextField(default='')
        starts_at = DateTimeField(index=True)
        ends_at = DateTimeField()
        place = CharField(max_length=300, default='')
        online_url = CharField(max_length=500, default='')
        capacity = IntegerField(default=50)
        audience = CharField(max_length=16, default='public')
        audience_unit = ForeignKeyField(Unit, null=True, on_delete='SET NULL')
        published = BooleanField(default=False, index=True)
        attendance_code = CharField(max_length=12)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'event'

    class EventMaterial(Model):
        event = ForeignKeyField(Event, on_delete='CASCADE')
        item = ForeignKeyField(ContentItem, on_delete='CASCADE')
        class Meta:
            database = db
            table_name = 'event_material'
            indexes = ((('event', 'item'), True),)

    class Registration(Model):
        event = ForeignKeyField(Event, on_delete='CASCADE')
        name = CharField(max_length=200)
        email = CharField(max_length=200, index=True)
        phone = CharField(max_length=30, default='')
        organisation = CharField(max_length=200, default='')
        nip = CharField(max_length=18, default='', index=True)
        employee = ForeignKeyField(Employee, null=True, on_delete='SET NULL')
        status = CharField(max_length=12, index=True)
        cancel_token = CharField(max_length=64, unique=True)
        attended_at = DateTimeField(null=True)
        attended_via = CharField(max_length=8, default='')
        created_at = DateTimeField()
        cancelled_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'event_registration'

    db.create_tables([Event, EventMaterial, Registration])


def down(migrator, db):
    for table in ('event_registration', 'event_material', 'event'):
        migrator.migrate(migrator.drop_table(table))
