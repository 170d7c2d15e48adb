"""Translated labels of the audit trail: what was done, and to what kind of record."""
from flask_babel import lazy_gettext as _l

ACTION = {
    "create": _l("Created"), "update": _l("Changed"), "delete": _l("Deleted"),
    "transition": _l("Workflow step"), "reopen": _l("Reopened"), "upload": _l("File uploaded"),
    "import": _l("Imported from a file"),
}
OBJECT_TYPE = {
    "Unit": _l("Unit"), "Employee": _l("Employee"), "User": _l("User account"),
    "Period": _l("Period"), "UnitIndicator": _l("Unit indicator"),
    "IndicatorRealisation": _l("Indicator realisation"), "Skp": _l("SKP"), "Rhk": _l("RHK"),
    "Iki": _l("IKI"), "Evaluation": _l("Evaluation"), "Evidence": _l("Evidence (bukti dukung)"),
    "EvaluationResult": _l("Realisation per RHK"), "EvaluationBehaviour": _l("BerAKHLAK rating"),
    "IkiRealisation": _l("IKI realisation"), "SkpEvent": _l("SKP history step"),
    "DialogMessage": _l("Dialog message"), "UnitResult": _l("Organisational achievement"),
    "MonthlyReport": _l("Monthly report"), "MonthlyReportItem": _l("Monthly report activity"),
    "MonthlyReportAttachment": _l("Monthly report attachment"),
    "MonthlyReportEvent": _l("Monthly report history step"),
    "Service": _l("Service"), "ServicePopulation": _l("Service users per year"),
    "SurveyResponse": _l("Survey response"), "Complaint": _l("Complaint"),
    "ComplaintEvent": _l("Complaint history step"),
    "ComplaintAttachment": _l("Complaint attachment"),
    "Outbox": _l("Outgoing mail"), "ContentItem": _l("Content item"), "Tag": _l("Tag"),
    "ContentTag": _l("Content tag"), "ContentTransition": _l("Content history step"),
    "ContentAttachment": _l("Content attachment"), "Award": _l("Award"), "Event": _l("Event"),
    "EventMaterial": _l("Event material"),
    "Registration": _l("Registration"), "FollowUp": _l("Follow-up (tindak lanjut)"),
    "SurveyTally": _l("Survey tally"),
    "NonWorkingDay": _l("Holiday or cuti bersama"),
    "CustomForm": _l("Form"), "FormField": _l("Form question"),
    "FormSubmission": _l("Form submission"), "FormAnswer": _l("Form answer"),
}
# what an import read, besides the kinds of the spreadsheet import page
IMPORT_KIND = {"holidays": _l("Holidays and cuti bersama"),
               "survey": _l("Survey responses (paper forms)")}
