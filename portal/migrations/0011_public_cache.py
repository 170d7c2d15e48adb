"""The shared cache of public numbers and pages, and the indexes the public
aggregates need at a million survey answers and 200,000 complaints."""
from peewee import *


def up(migrator, db):
    class CacheEntry(Model):
        key = CharField(max_length=255, primary_key=True)
        value = BlobField(null=True)
        computed_at = DateTimeField(null=True)
        lock_until = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'public_cache'

    db.create_tables([CacheEntry])
    # the kabupaten's IKM of a year: a range of submitted_at without a unit
    db.execute_sql('CREATE INDEX IF NOT EXISTS survey_response_submitted_at '
                   'ON survey_response (submitted_at)')
    # a unit's complaints of a year: the handling unit (disposed-to, else named) and time
    db.execute_sql('CREATE INDEX IF NOT EXISTS complaint_handling_unit_created_at '
                   'ON complaint (COALESCE(assigned_unit_id, unit_id), created_at)')


def down(migrator, db):
    db.execute_sql('DROP INDEX IF EXISTS complaint_handling_unit_created_at')
    db.execute_sql('DROP INDEX IF EXISTS survey_response_submitted_at')
    migrator.migrate(migrator.drop_table('public_cache'))
