"""What a UPT serves (puskesmas, sekolah), for the public comparison of units; existing
UPTs are guessed from their names as portal.rules.org.facility_from_name does."""
from peewee import *

SCHOOL_PATTERNS = ('%sekolah%', 'sd %', 'sdn %', 'smp %', 'smpn %', 'sma %', 'sman %',
                   'smk %', 'smkn %', 'slb %')


def up(migrator, db):
    migrator.migrate(migrator.add_column('unit', 'facility', CharField(max_length=32, null=True)))
    p = db.param
    db.execute_sql(f"UPDATE unit SET facility = 'puskesmas' "
                   f"WHERE kind = 'upt' AND LOWER(name) LIKE {p}", ('%puskesmas%',))
    matches = " OR ".join(f"LOWER(name) LIKE {p}" for _ in SCHOOL_PATTERNS)
    db.execute_sql(f"UPDATE unit SET facility = 'sekolah' "
                   f"WHERE kind = 'upt' AND facility IS NULL AND ({matches})", SCHOOL_PATTERNS)


def down(migrator, db):
    migrator.migrate(migrator.drop_column('unit', 'facility'))
