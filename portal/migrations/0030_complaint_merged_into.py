"""A duplicate report points to the report it was merged into (state "merged"); the
column is indexed with its foreign key."""
from peewee import *


def up(migrator, db):
    class Complaint(Model):
        class Meta:
            database = db
            table_name = 'complaint'

    migrator.migrate(migrator.add_column(
        'complaint', 'merged_into_id',
        ForeignKeyField(Complaint, null=True, field=Complaint.id, on_delete='SET NULL')))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('complaint', 'merged_into_id'))
