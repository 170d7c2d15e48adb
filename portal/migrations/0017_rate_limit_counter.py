"""Rate-limit counters in the database, so every worker (and every machine) counts together."""
from peewee import *


def up(migrator, db):
    class RateLimitCounter(Model):
        key = CharField(max_length=255, primary_key=True)
        count = IntegerField(default=0)
        expires_at = DoubleField(index=True)

        class Meta:
            database = db
            table_name = 'rate_limit_counter'

    db.create_tables([RateLimitCounter])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('rate_limit_counter'))
