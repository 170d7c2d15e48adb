"""The public aggregates at any size: the survey answers summed per service and
month (``survey_tally``, filled from the answers already kept), and covering
indexes for the complaint statistics, so a year's complaints are counted and
timed from the index without reading their texts."""
from peewee import *

COMPLAINT_COLUMNS = "state, closed_at, answered_at, verified_at, satisfaction"


def up(migrator, db):
    class Unit(Model):
        class Meta:
            database = db
            table_name = 'unit'

    class Service(Model):
        class Meta:
            database = db
            table_name = 'service'

    class SurveyTally(Model):
        unit = ForeignKeyField(Unit, on_delete='RESTRICT')
        service = ForeignKeyField(Service, on_delete='RESTRICT')
        year = IntegerField()
        month = SmallIntegerField()
        responses = IntegerField(default=0)
        u1 = IntegerField(default=0)
        u2 = IntegerField(default=0)
        u3 = IntegerField(default=0)
        u4 = IntegerField(default=0)
        u5 = IntegerField(default=0)
        u6 = IntegerField(default=0)
        u7 = IntegerField(default=0)
        u8 = IntegerField(default=0)
        u9 = IntegerField(default=0)

        class Meta:
            database = db
            table_name = 'survey_tally'
            indexes = ((('service', 'unit', 'year', 'month'), True),
                       (('year', 'unit'), False))

    db.create_tables([SurveyTally])
    # the kabupaten's complaints of a year, and one unit's (replacing 0011's narrower index)
    db.execute_sql('CREATE INDEX IF NOT EXISTS complaint_created_at_stats '
                   f'ON complaint (created_at, assigned_unit_id, unit_id, {COMPLAINT_COLUMNS})')
    db.execute_sql('CREATE INDEX IF NOT EXISTS complaint_handling_unit_stats '
                   'ON complaint (COALESCE(assigned_unit_id, unit_id), created_at, '
                   f'{COMPLAINT_COLUMNS})')
    db.execute_sql('DROP INDEX IF EXISTS complaint_handling_unit_created_at')

    from portal import survey_tally
    survey_tally.rebuild()


def down(migrator, db):
    db.execute_sql('CREATE INDEX IF NOT EXISTS complaint_handling_unit_created_at '
                   'ON complaint (COALESCE(assigned_unit_id, unit_id), created_at)')
    db.execute_sql('DROP INDEX IF EXISTS complaint_handling_unit_stats')
    db.execute_sql('DROP INDEX IF EXISTS complaint_created_at_stats')
    migrator.migrate(migrator.drop_table('survey_tally'))
