"""The reporter's messages in a complaint's history, and the last reopening."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('complaint', 'reopened_at', DateTimeField(null=True)),
        migrator.add_column('complaint_event', 'by_reporter', BooleanField(default=False)),
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column('complaint_event', 'by_reporter'),
                     migrator.drop_column('complaint', 'reopened_at'))
