"""The sign-in before the current one, which the start page shows as "last sign-in"."""
from peewee import *


def up(migrator, db):
    migrator.migrate(migrator.add_column('account', 'previous_login_at',
                                         DateTimeField(null=True)))


def down(migrator, db):
    migrator.migrate(migrator.drop_column('account', 'previous_login_at'))
