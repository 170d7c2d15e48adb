"""Indicator targets, their realisations and IKI targets in double precision.

peewee's FloatField is REAL: eight bytes on SQLite but four on PostgreSQL, about
seven significant digits — a budget realisation of 1.234.567.890 rupiah came back
as 1.234.567.936. On PostgreSQL the columns are widened in place (every stored
value fits); on SQLite they already are eight-byte floats and nothing changes."""
from peewee import *

COLUMNS = (("unit_indicator", "target"), ("indicator_realisation", "value"),
           ("iki", "target_value"))


def _postgres(db):
    return isinstance(db, PostgresqlDatabase)


def up(migrator, db):
    if _postgres(db):
        for table, column in COLUMNS:
            db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" '
                           'TYPE DOUBLE PRECISION')


def down(migrator, db):
    if _postgres(db):
        for table, column in COLUMNS:
            db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE REAL')
