"""The number each IKI reached in an evaluation, so its achievement % can be computed."""
from peewee import *


def up(migrator, db):
    class Evaluation(Model):
        class Meta:
            database = db
            table_name = 'evaluation'

    class Iki(Model):
        class Meta:
            database = db
            table_name = 'iki'

    class IkiRealisation(Model):
        evaluation = ForeignKeyField(Evaluation, backref='iki_values', on_delete='CASCADE')
        iki = ForeignKeyField(Iki, backref='realisations', on_delete='CASCADE')
        value = DoubleField()

        class Meta:
            database = db
            table_name = 'iki_realisation'
            indexes = ((('evaluation', 'iki'), True),)

    db.create_tables([IkiRealisation])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('iki_realisation'))
