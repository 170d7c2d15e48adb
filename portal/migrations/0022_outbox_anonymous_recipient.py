"""Mark mail addressed to the reporter of an anonymous complaint, so that the outbox
shows that address only to those who may see anonymous reporters; mail already queued
to such a reporter is marked too."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('outbox', 'anonymous_recipient',
                                         BooleanField(default=False)))
    outbox = Table('outbox', ('to', 'anonymous_recipient'))
    complaint = Table('complaint', ('reporter_email', 'anonymous'))
    anonymous_reporters = (complaint.select(complaint.reporter_email)
                           .where((complaint.anonymous == True)  # noqa: E712
                                  & (complaint.reporter_email != '')))
    (outbox.update(anonymous_recipient=True)
     .where(outbox.to.in_(anonymous_reporters))
     .bind(db).execute())


def down(migrator, db):
    migrator.migrate(migrator.drop_column('outbox', 'anonymous_recipient'))
