"""Translated labels of the audit trail: what was done, and to what kind of record."""
from flask_babel import lazy_gettext as _l

ACTION = {
    "create": _l("Created"), "update": _l("Changed"), "delete": _l("Deleted"),
    "transition": _l("Workflow step"), "reopen": _l("Reopened"), "upload": _l("File uploaded"),
}
OBJECT_TYPE = {
    "Unit": _l("Unit"), "Employee": _l("Employee"), "User": _l("User account"),
    "Period": _l("Period"), "UnitIndicator": _l("Unit indicator"),
    "IndicatorRealisation": _l("Indicator realisation"), "Skp": _l("SKP"), "Rhk": _l("RHK"),
    "Iki": _l("IKI"), "Evaluation": _l("Evaluation"), "Evidence": _l("Evidence (bukti dukung)"),
    "DialogMessage": _l("Dialog message"), "UnitResult": _l("Organisational achievement"),
    "MonthlyReport": _l("Monthly report"),
    "MonthlyReportAttachment": _l("Monthly report attachment"),
    "Service": _l("Service"), "ServicePopulation": _l("Service users per year"),
    "SurveyResponse": _l("Survey response"), "Complaint": _l("Complaint"),
    "Outbox": _l("Outgoing mail"), "ContentItem": _l("Content item"),
    "ContentAttachment": _l("Content attachment"), "Award": _l("Award"), "Event": _l("Event"),
    "Registration": _l("Registration"), "FollowUp": _l("Follow-up (tindak lanjut)"),
    "SurveyTally": _l("Survey tally"),
    "NonWorkingDay": _l("Holiday or cuti bersama"),
}
