"""What a UPT serves (puskesmas, sekolah), for the public comparison of units; existing
UPTs are guessed from their names as portal.rules.org.facility_from_name does."""
import operator
from functools import reduce

from peewee import *

SCHOOL_PATTERNS = ('%sekolah%', 'sd %', 'sdn %', 'smp %', 'smpn %', 'sma %', 'sman %',
                   'smk %', 'smkn %', 'slb %')


def up(migrator, db):
    migrator.migrate(migrator.add_column('unit', 'facility', CharField(max_length=32, null=True)))
    unit = Table('unit', ('kind', 'name', 'facility')).bind(db)
    named = fn.LOWER(unit.name)
    unit.update(facility='puskesmas').where(
        (unit.kind == 'upt') & named.contains('puskesmas')).execute()
    school = reduce(operator.or_, (named ** pattern for pattern in SCHOOL_PATTERNS))
    unit.update(facility='sekolah').where(
        (unit.kind == 'upt') & unit.facility.is_null() & school).execute()


def down(migrator, db):
    migrator.migrate(migrator.drop_column('unit', 'facility'))
