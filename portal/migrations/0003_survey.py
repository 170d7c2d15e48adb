"""The satisfaction survey: services, responses and yearly populations of service users."""
from peewee import *


def up(migrator, db):
    class Unit(Model):
        class Meta:
            database = db
            table_name = 'unit'

    class Service(Model):
        unit = ForeignKeyField(Unit, on_delete='RESTRICT')
        code = CharField(max_length=32)
        name = CharField(max_length=200)
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'service'
            indexes = ((('unit', 'code'), True),)
    db.create_tables([Service])

    class SurveyResponse(Model):
        unit = ForeignKeyField(Unit, on_delete='RESTRICT')
        service = ForeignKeyField(Service, on_delete='RESTRICT')
        submitted_at = DateTimeField()
        u1 = SmallIntegerField()
        u2 = SmallIntegerField()
        u3 = SmallIntegerField()
        u4 = SmallIntegerField()
        u5 = SmallIntegerField()
        u6 = SmallIntegerField()
        u7 = SmallIntegerField()
        u8 = SmallIntegerField()
        u9 = SmallIntegerField()
        gender = CharField(null=True, max_length=1)
        age = SmallIntegerField(null=True)
        education = CharField(null=True, max_length=8)
        occupation = CharField(null=True, max_length=16)
        suggestion = TextField(null=True)
        source = CharField(max_length=8, default='web')
        class Meta:
            database = db
            table_name = 'survey_response'
            indexes = ((('unit', 'submitted_at'), False),
                       (('service', 'submitted_at'), False))
    db.create_tables([SurveyResponse])

    class ServicePopulation(Model):
        unit = ForeignKeyField(Unit, on_delete='CASCADE')
        year = IntegerField()
        population = IntegerField()
        class Meta:
            database = db
            table_name = 'service_population'
            indexes = ((('unit', 'year'), True),)
    db.create_tables([ServicePopulation])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('service_population'))
    migrator.migrate(migrator.drop_table('survey_response'))
    migrator.migrate(migrator.drop_table('service'))
