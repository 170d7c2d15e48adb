"""Mark mail addressed to the reporter of an anonymous complaint, so that the outbox
shows that address only to those who may see anonymous reporters; mail already queued
to such a reporter is marked too."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('outbox', 'anonymous_recipient',
                                         BooleanField(default=False)))
    db.execute_sql(
        "UPDATE outbox SET anonymous_recipient = %s WHERE \"to\" IN "
        "(SELECT reporter_email FROM complaint WHERE anonymous = %s AND reporter_email <> '')"
        % ((db.param,) * 2), (True, True))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('outbox', 'anonymous_recipient'))
