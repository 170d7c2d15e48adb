"""Link the rows a spreadsheet import created or changed to the audit entry of the
import itself, so the trail shows who imported which file and what each row became."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('audit_entry', 'batch', IntegerField(null=True)),
        migrator.add_index('audit_entry', ('batch',), False),
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_index('audit_entry', 'audit_entry_batch'),
                     migrator.drop_column('audit_entry', 'batch'))
