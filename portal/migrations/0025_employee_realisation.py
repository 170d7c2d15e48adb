"""The employee enters her realisation per period and submits it for assessment: its
state, the appraiser's reason for returning it and when it last moved; the
appraiser's written reasons for a perilaku other than the suggested one and for
annual ratings other than the quarters'. Evaluations already rated are assessed."""
from peewee import *


def up(migrator, db):
    migrator.migrate(
        migrator.add_column('evaluation', 'realisation_state',
                            CharField(max_length=12, default='draft')),
        migrator.add_column('evaluation', 'realisation_reason', TextField(default='')),
        migrator.add_column('evaluation', 'realisation_at', DateTimeField(null=True)),
        migrator.add_column('evaluation', 'perilaku_reason', TextField(default='')),
        migrator.add_column('evaluation', 'change_note', TextField(default='')),
        migrator.add_index('evaluation', ('realisation_state',), False),
    )
    db.execute_sql("UPDATE evaluation SET realisation_state = 'assessed' "
                   "WHERE hasil_kerja_rating IS NOT NULL OR perilaku_rating IS NOT NULL")


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index('evaluation', 'evaluation_realisation_state'),
        *[migrator.drop_column('evaluation', name) for name in (
            'realisation_state', 'realisation_reason', 'realisation_at', 'perilaku_reason',
            'change_note')])
