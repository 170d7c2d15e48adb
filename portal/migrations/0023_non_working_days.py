"""The office's national holidays and cuti bersama, skipped by working-day limits."""
from peewee import *


def up(migrator, db):
    class NonWorkingDay(Model):
        date = DateField(unique=True)
        name = CharField(max_length=200)
        kind = CharField(max_length=32, default='libur_nasional')

        class Meta:
            database = db
            table_name = 'non_working_day'

    db.create_tables([NonWorkingDay])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('non_working_day'))
