"""The audit trail of back-office changes."""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'account'

    class AuditEntry(Model):
        at = DateTimeField(index=True)
        account = ForeignKeyField(User, null=True, on_delete='SET NULL')
        username = CharField(max_length=64, default='')
        action = CharField(max_length=16, index=True)
        object_type = CharField(max_length=64)
        object_id = IntegerField(null=True)
        object_label = CharField(max_length=255, default='')
        changes = TextField(default='{}')
        comment = TextField(default='')
        remote_ip = CharField(max_length=64, default='')
        class Meta:
            database = db
            table_name = 'audit_entry'
            indexes = ((('object_type', 'object_id'), False),)

    db.create_tables([AuditEntry])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('audit_entry'))
