"""The back office (Flask-Admin at /admin): one module per area, one secure base."""
from flask import Blueprint
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import lazy_gettext as _l

from portal.i18n import TRANSLATIONS

# the menu's categories, in the order the menu shows them
ORGANISATION = _l("Organisation")
PERFORMANCE = _l("Performance")
SURVEY = _l("Survey (SKM)")
CONTENT = _l("Content")
EVENTS = _l("Events")
FORMS = _l("Forms")
SYSTEM = _l("System")


def init_admin(app):
    """Mount a new Admin on ``app`` with every back-office view, in the menu's order."""
    app.register_blueprint(Blueprint("lentera_admin", __name__, template_folder="templates"))
    admin = new_admin(app)
    add_organisation(admin)
    add_performance(admin)
    add_survey(admin)
    add_complaints(admin)
    add_holidays(admin)
    add_content(admin)
    add_events(admin)
    add_imports(admin)
    add_forms(admin)
    add_system(admin)
    return admin


def new_admin(app):
    from admin.home import StartView
    from portal.security import csp_nonce
    return Admin(
        app,
        name=app.config["PORTAL_NAME"],
        index_view=StartView(name=_l("Home"), url="/admin"),
        translations_path=TRANSLATIONS,
        theme=Bootstrap4Theme(base_template="admin/lentera_base.html", fluid=True),
        csp_nonce_generator=csp_nonce,
    )


def add_organisation(admin):
    from admin.org import EmployeeView, UnitView
    from portal.models import Employee, Unit
    admin.add_view(UnitView(Unit, name=_l("Units (OPD)"), category=ORGANISATION,
                            endpoint="unit"))
    admin.add_view(EmployeeView(Employee, name=_l("Employees (ASN)"), category=ORGANISATION,
                                endpoint="employee"))


def add_performance(admin):
    from admin.followup import FollowUpView
    from admin.monthly import MonthlyReportView
    from admin.performance import (DistributionView, IndicatorRealisationView, PeriodView,
                                   UnitIndicatorView, UnitResultView)
    from admin.skp import SkpView
    from portal.models import FollowUp, IndicatorRealisation, Period, UnitIndicator, UnitResult
    admin.add_view(SkpView(name=_l("SKP"), category=PERFORMANCE, endpoint="skp",
                           url="/admin/skp"))
    admin.add_view(MonthlyReportView(name=_l("Monthly reports"), category=PERFORMANCE,
                                     endpoint="monthly_report", url="/admin/monthly"))
    admin.add_view(FollowUpView(FollowUp, name=_l("Follow-ups (tindak lanjut)"),
                                category=PERFORMANCE, endpoint="follow_up"))
    admin.add_view(DistributionView(name=_l("Predikat distribution"), category=PERFORMANCE,
                                    endpoint="predikat_distribution",
                                    url="/admin/predikat-distribution"))
    admin.add_view(PeriodView(Period, name=_l("Periods"), category=PERFORMANCE,
                              endpoint="period"))
    admin.add_view(UnitIndicatorView(UnitIndicator, name=_l("Unit indicators"),
                                     category=PERFORMANCE, endpoint="unit_indicator"))
    admin.add_view(IndicatorRealisationView(IndicatorRealisation,
                                            name=_l("Indicator realisations"),
                                            category=PERFORMANCE,
                                            endpoint="indicator_realisation"))
    admin.add_view(UnitResultView(UnitResult, name=_l("Organisational achievement"),
                                  category=PERFORMANCE, endpoint="unit_result"))


def add_survey(admin):
    from admin.survey import (ImportView, IkmView, QrView, ServicePopulationView, ServiceView,
                              SurveyResponseView)
    from portal.models import Service, ServicePopulation, SurveyResponse
    admin.add_view(IkmView(name=_l("Satisfaction index (IKM)"), category=SURVEY,
                           endpoint="survey_ikm", url="/admin/survey/ikm"))
    admin.add_view(SurveyResponseView(SurveyResponse, name=_l("Survey responses"), category=SURVEY,
                                      endpoint="survey_response"))
    admin.add_view(ServiceView(Service, name=_l("Services"), category=SURVEY,
                               endpoint="survey_service"))
    admin.add_view(ServicePopulationView(ServicePopulation, name=_l("Service users per year"),
                                         category=SURVEY, endpoint="survey_population"))
    admin.add_view(QrView(name=_l("QR codes"), category=SURVEY, endpoint="survey_qr",
                          url="/admin/survey/qr"))
    admin.add_view(ImportView(name=_l("Import paper forms"), category=SURVEY,
                              endpoint="survey_import", url="/admin/survey/import"))


def add_complaints(admin):
    from admin.complaints import ComplaintView
    from portal.models import Complaint
    admin.add_view(ComplaintView(Complaint, name=_l("Complaints"), endpoint="complaint"))


def add_holidays(admin):
    from admin.calendar import NonWorkingDayView
    from portal.models import NonWorkingDay
    admin.add_view(NonWorkingDayView(NonWorkingDay, name=_l("Holidays and cuti bersama"),
                                     category=ORGANISATION, endpoint="non_working_day",
                                     url="/admin/hari-libur"))


def add_content(admin):
    from admin.awards import AwardView
    from admin.content import ContentItemView, ContentQueueView
    from portal.models import Award, ContentItem
    admin.add_view(ContentItemView(ContentItem, name=_l("Content items"), category=CONTENT,
                                   endpoint="content_item"))
    admin.add_view(ContentQueueView(ContentItem, name=_l("Review queue"), category=CONTENT,
                                    endpoint="content_queue"))
    admin.add_view(AwardView(Award, name=_l("Awards"), category=CONTENT, endpoint="award"))


def add_events(admin):
    from admin.events import EventView, RegistrationView, TrainingHistoryView
    from portal.models import Event, Registration
    admin.add_view(EventView(Event, name=_l("Events"), category=EVENTS, endpoint="event"))
    admin.add_view(RegistrationView(Registration, name=_l("Registrations"), category=EVENTS,
                                    endpoint="event_registration"))
    admin.add_view(TrainingHistoryView(Registration, name=_l("My training history"),
                                       category=EVENTS, endpoint="training_history",
                                       url="/admin/training-history"))


def add_imports(admin):
    from admin.imports import DataImportView, ImportLink
    admin.add_view(DataImportView(name=_l("Import data"), category=ORGANISATION,
                                  endpoint="data_import", url="/admin/import"))
    admin.add_link(ImportLink(name=_l("Import data"), category=PERFORMANCE,
                              url="/admin/import/?kind=indicators"))


def add_forms(admin):
    from admin.form_submissions import FormSubmissionView
    from admin.forms import CustomFormView
    from portal.models import CustomForm, FormSubmission
    admin.add_view(CustomFormView(CustomForm, name=_l("Form builder"), category=FORMS,
                                  endpoint="custom_form"))
    admin.add_view(FormSubmissionView(FormSubmission, name=_l("Form submissions"),
                                      category=FORMS, endpoint="form_submission"))


def add_system(admin):
    from admin.accounts import UserView
    from admin.audit import AuditView
    from admin.complaints import OutboxView
    from portal.models import AuditEntry, Outbox, User
    admin.add_view(UserView(User, name=_l("User accounts"), category=SYSTEM,
                            endpoint="account"))
    admin.add_view(OutboxView(Outbox, name=_l("Outgoing mail"), category=SYSTEM,
                              endpoint="outbox"))
    admin.add_view(AuditView(AuditEntry, name=_l("Audit trail"), category=SYSTEM,
                             endpoint="audit", url="/admin/audit"))
