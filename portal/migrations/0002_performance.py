"""Performance: periods, unit indicators and realisations, SKP with RHK/IKI,
evaluations, evidence, workflow events, the dialog kinerja and the units'
yearly results."""
from peewee import *


def up(migrator, db):
    class Employee(Model):
        class Meta:
            database = db
            table_name = 'employee'

    class Unit(Model):
        class Meta:
            database = db
            table_name = 'unit'

    class User(Model):
        class Meta:
            database = db
            table_name = 'account'

    class Skp(Model):
        employee = ForeignKeyField(Employee, on_delete='RESTRICT')
        year = IntegerField(index=True)
        appraiser = ForeignKeyField(Employee, null=True, on_delete='SET NULL')
        state = CharField(index=True, max_length=20, default='draft')
        dukungan_sumber_daya = TextField(default='')
        skema_pertanggungjawaban = TextField(default='')
        konsekuensi = TextField(default='')
        hasil_kerja_rating = CharField(null=True, max_length=10)
        perilaku_rating = CharField(null=True, max_length=10)
        predikat = CharField(index=True, null=True, max_length=20)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'skp'
            indexes = ((('employee', 'year'), True),)
    db.create_tables([Skp])

    class Period(Model):
        year = IntegerField(index=True)
        quarter = IntegerField(null=True)
        month = IntegerField(null=True)
        open = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'period'
            indexes = ((('year', 'quarter', 'month'), True),)
    db.create_tables([Period])

    class Evaluation(Model):
        skp = ForeignKeyField(Skp, on_delete='CASCADE')
        period = ForeignKeyField(Period, on_delete='RESTRICT')
        hasil_kerja_rating = CharField(null=True, max_length=10)
        perilaku_rating = CharField(null=True, max_length=10)
        predikat = CharField(null=True, max_length=20)
        evaluator = ForeignKeyField(User, null=True, on_delete='SET NULL')
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'evaluation'
            indexes = ((('skp', 'period'), True),)
    db.create_tables([Evaluation])

    class EvaluationBehaviour(Model):
        evaluation = ForeignKeyField(Evaluation, on_delete='CASCADE')
        value = CharField(max_length=32)
        rating = CharField(null=True, max_length=10)
        feedback = TextField(default='')
        ekspektasi_khusus = TextField(default='')
        class Meta:
            database = db
            table_name = 'evaluation_behaviour'
            indexes = ((('evaluation', 'value'), True),)
    db.create_tables([EvaluationBehaviour])

    class UnitIndicator(Model):
        unit = ForeignKeyField(Unit, on_delete='RESTRICT')
        year = IntegerField(index=True)
        code = CharField(max_length=32)
        name = CharField(max_length=300)
        definition = TextField(default='')
        measurement_unit = CharField(max_length=50)
        aspect = CharField(max_length=16, default='kuantitas')
        polarity = CharField(max_length=8, default='higher')
        data_source = CharField(max_length=300, default='')
        target = FloatField(null=True)
        public = BooleanField(default=True)
        previous = ForeignKeyField('self', null=True, on_delete='SET NULL')
        class Meta:
            database = db
            table_name = 'unit_indicator'
            indexes = ((('unit', 'year', 'code'), True),)
    db.create_tables([UnitIndicator])

    class Rhk(Model):
        skp = ForeignKeyField(Skp, on_delete='CASCADE')
        kind = CharField(max_length=10, default='utama')
        text = TextField()
        parent_rhk = ForeignKeyField('self', null=True, on_delete='SET NULL')
        unit_indicator = ForeignKeyField(UnitIndicator, null=True, on_delete='SET NULL')
        position = IntegerField(default=0)
        class Meta:
            database = db
            table_name = 'rhk'
    db.create_tables([Rhk])

    class EvaluationResult(Model):
        evaluation = ForeignKeyField(Evaluation, on_delete='CASCADE')
        rhk = ForeignKeyField(Rhk, on_delete='CASCADE')
        realisation = TextField(default='')
        feedback = TextField(default='')
        rating = CharField(null=True, max_length=10)
        class Meta:
            database = db
            table_name = 'evaluation_result'
            indexes = ((('evaluation', 'rhk'), True),)
    db.create_tables([EvaluationResult])

    class Evidence(Model):
        evaluation = ForeignKeyField(Evaluation, on_delete='CASCADE')
        filename = CharField(max_length=200)
        stored_name = CharField(unique=True, max_length=80)
        content_type = CharField(max_length=100)
        size = IntegerField()
        uploaded_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        uploaded_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'evidence'
    db.create_tables([Evidence])

    class Iki(Model):
        rhk = ForeignKeyField(Rhk, on_delete='CASCADE')
        aspect = CharField(max_length=16, default='kuantitas')
        indicator = TextField()
        target_value = FloatField(null=True)
        target_unit = CharField(max_length=50, default='')
        class Meta:
            database = db
            table_name = 'iki'
    db.create_tables([Iki])

    class IndicatorRealisation(Model):
        indicator = ForeignKeyField(UnitIndicator, on_delete='CASCADE')
        period = ForeignKeyField(Period, on_delete='RESTRICT')
        value = FloatField()
        note = TextField(default='')
        evidence = CharField(null=True, max_length=300)
        class Meta:
            database = db
            table_name = 'indicator_realisation'
            indexes = ((('indicator', 'period'), True),)
    db.create_tables([IndicatorRealisation])

    class SkpEvent(Model):
        skp = ForeignKeyField(Skp, on_delete='CASCADE')
        actor = ForeignKeyField(User, null=True, on_delete='SET NULL')
        action = CharField(max_length=20)
        from_state = CharField(max_length=20)
        to_state = CharField(max_length=20)
        reason = TextField(default='')
        at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'skp_event'
    db.create_tables([SkpEvent])

    class DialogMessage(Model):
        skp = ForeignKeyField(Skp, on_delete='CASCADE')
        author = ForeignKeyField(User, null=True, on_delete='SET NULL')
        body = TextField()
        created_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'dialog_message'
    db.create_tables([DialogMessage])

    class UnitResult(Model):
        unit = ForeignKeyField(Unit, on_delete='CASCADE')
        year = IntegerField()
        capaian = CharField(max_length=20)
        class Meta:
            database = db
            table_name = 'unit_result'
            indexes = ((('unit', 'year'), True),)
    db.create_tables([UnitResult])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('unit_result'))
    migrator.migrate(migrator.drop_table('dialog_message'))
    migrator.migrate(migrator.drop_table('skp_event'))
    migrator.migrate(migrator.drop_table('indicator_realisation'))
    migrator.migrate(migrator.drop_table('iki'))
    migrator.migrate(migrator.drop_table('evidence'))
    migrator.migrate(migrator.drop_table('evaluation_result'))
    migrator.migrate(migrator.drop_table('rhk'))
    migrator.migrate(migrator.drop_table('unit_indicator'))
    migrator.migrate(migrator.drop_table('evaluation_behaviour'))
    migrator.migrate(migrator.drop_table('evaluation'))
    migrator.migrate(migrator.drop_table('period'))
    migrator.migrate(migrator.drop_table('skp'))
