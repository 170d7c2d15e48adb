"""Monthly performance reports (laporan kinerja bulanan): what an employee did
in a month, per RHK of their SKP or in general, with attachments and the
supervisor's review."""
from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from portal.models.accounts import User
from portal.models.base import BaseModel, utcnow
from portal.models.org import Employee
from portal.models.performance import Rhk
from portal.rules import monthly_workflow


class MonthlyReport(BaseModel):
    """One employee's report for one month; ``appraiser`` is the direct supervisor
    when the report was started, who reviews it (the same name as on an SKP)."""

    employee = ForeignKeyField(Employee, backref="monthly_reports", on_delete="RESTRICT")
    appraiser = ForeignKeyField(Employee, null=True, backref="reviewed_reports",
                                on_delete="SET NULL")
    year = IntegerField(index=True)
    month = IntegerField()
    state = CharField(max_length=20, choices=[(s, s) for s in monthly_workflow.STATES],
                      default=monthly_workflow.DRAFT, index=True)
    summary = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "monthly_report"
        indexes = ((("employee", "year", "month"), True),)

    def __str__(self):
        return f"{self.year}-{self.month:02d} — {self.employee.name}"

    @property
    def editable(self):
        return self.state in monthly_workflow.EDITABLE


class MonthlyReportItem(BaseModel):
    """Activities and realisation of the month for one RHK of the approved SKP."""

    report = ForeignKeyField(MonthlyReport, backref="items", on_delete="CASCADE")
    rhk = ForeignKeyField(Rhk, null=True, backref="monthly_items", on_delete="SET NULL")
    activity = TextField(default="")
    realisation = TextField(default="")

    class Meta:
        table_name = "monthly_report_item"

    def __str__(self):
        return self.activity[:60]


class MonthlyReportAttachment(BaseModel):
    """A file attached to a monthly report, checked like SKP evidence."""

    report = ForeignKeyField(MonthlyReport, backref="attachments", on_delete="CASCADE")
    filename = CharField(max_length=200)
    stored_name = CharField(max_length=80, unique=True)
    content_type = CharField(max_length=100)
    size = IntegerField()
    uploaded_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    uploaded_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "monthly_report_attachment"

    def __str__(self):
        return self.filename


class MonthlyReportEvent(BaseModel):
    """One step of a report: who, when, from where to where, the comment or reason."""

    report = ForeignKeyField(MonthlyReport, backref="events", on_delete="CASCADE")
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
    action = CharField(max_length=20)
    from_state = CharField(max_length=20)
    to_state = CharField(max_length=20)
    reason = TextField(default="")
    at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "monthly_report_event"

    def __str__(self):
        return f"{self.action}: {self.from_state} → {self.to_state}"


MONTHLY_MODELS = [MonthlyReport, MonthlyReportItem, MonthlyReportAttachment, MonthlyReportEvent]
