"""Monthly performance reports (laporan kinerja bulanan) with items, attachments and events;
follow-ups (tindak lanjut) of a final SKP."""
from peewee import *


def up(migrator, db):
    class Employee(Model):
        class Meta:
            database = db
            table_name = 'employee'

    class User(Model):
        class Meta:
            database = db
            table_name = 'account'

    class Unit(Model):
        class Meta:
            database = db
            table_name = 'unit'

    class Skp(Model):
        class Meta:
            database = db
            table_name = 'skp'

    class Award(Model):
        class Meta:
            database = db
            table_name = 'award'

    class Rhk(Model):
        class Meta:
            database = db
            table_name = 'rhk'

    class MonthlyReport(Model):
        employee = ForeignKeyField(Employee, on_delete='RESTRICT')
        appraiser = ForeignKeyField(Employee, null=True, on_delete='SET NULL',
                                    backref='reviewed_reports')
        year = IntegerField(index=True)
        month = IntegerField()
        state = CharField(max_length=20, default='draft', index=True)
        summary = TextField(default='')
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'monthly_report'
            indexes = ((('employee', 'year', 'month'), True),)

    class MonthlyReportItem(Model):
        report = ForeignKeyField(MonthlyReport, on_delete='CASCADE')
        rhk = ForeignKeyField(Rhk, null=True, on_delete='SET NULL')
        activity = TextField(default='')
        realisation = TextField(default='')
        class Meta:
            database = db
            table_name = 'monthly_report_item'

    class MonthlyReportAttachment(Model):
        report = ForeignKeyField(MonthlyReport, on_delete='CASCADE')
        filename = CharField(max_length=200)
        stored_name = CharField(max_length=80, unique=True)
        content_type = CharField(max_length=100)
        size = IntegerField()
        uploaded_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        uploaded_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'monthly_report_attachment'

    class MonthlyReportEvent(Model):
        report = ForeignKeyField(MonthlyReport, on_delete='CASCADE')
        actor = ForeignKeyField(User, null=True, on_delete='SET NULL')
        action = CharField(max_length=20)
        from_state = CharField(max_length=20)
        to_state = CharField(max_length=20)
        reason = TextField(default='')
        at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'monthly_report_event'

    class FollowUp(Model):
        skp = ForeignKeyField(Skp, on_delete='CASCADE')
        unit = ForeignKeyField(Unit, on_delete='RESTRICT')
        kind = CharField(max_length=16, index=True)
        award = ForeignKeyField(Award, null=True, on_delete='SET NULL')
        note = TextField(default='')
        status = CharField(max_length=8, default='open', index=True)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        done_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'follow_up'

    db.create_tables([MonthlyReport, MonthlyReportItem, MonthlyReportAttachment,
                      MonthlyReportEvent, FollowUp])


def down(migrator, db):
    for table in ('follow_up', 'monthly_report_event', 'monthly_report_attachment', 'monthly_report_item',
                  'monthly_report'):
        migrator.migrate(migrator.drop_table(table))
