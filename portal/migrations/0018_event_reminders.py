"""When the day-before reminder of an event was queued for each registration."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('event_registration', 'reminded_at',
                                         DateTimeField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('event_registration', 'reminded_at'))
