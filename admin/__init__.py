"""The back office (Flask-Admin at /admin): one module per area, one secure base."""
from flask import Blueprint
from flask_admin import Admin
from flask_admin.theme import Bootstrap4Theme
from flask_babel import lazy_gettext as _l

from portal.i18n import TRANSLATIONS


def init_admin(app):
    """Mount a new Admin on ``app`` with every back-office view."""
    from admin.accounts import UserView
    from admin.awards import AwardView
    from admin.content import ContentItemView, ContentQueueView
    from admin.base import SecureIndexView
    from admin.complaints import ComplaintView, OutboxView
    from admin.org import EmployeeView, UnitView
    from admin.performance import (DistributionView, IndicatorRealisationView, PeriodView,
                                   UnitIndicatorView, UnitResultView)
    from admin.followup import FollowUpView
    from admin.monthly import MonthlyReportView
    from admin.skp import SkpView
    from portal.security import csp_nonce
    from portal.models import (Award, Complaint, ContentItem, Employee, FollowUp,
                               IndicatorRealisation, Outbox, Period, Unit, UnitIndicator,
                               UnitResult, User)

    app.register_blueprint(Blueprint("lentera_admin", __name__, template_folder="templates"))
    admin = Admin(
        app,
        name=app.config["PORTAL_NAME"],
        index_view=SecureIndexView(name=_l("Home"), url="/admin"),
        translations_path=TRANSLATIONS,
        theme=Bootstrap4Theme(base_template="admin/lentera_base.html", fluid=True),
        csp_nonce_generator=csp_nonce,
    )
    organisation = _l("Organisation")
    admin.add_view(UnitView(Unit, name=_l("Units (OPD)"), category=organisation,
                            endpoint="unit"))
    admin.add_view(EmployeeView(Employee, name=_l("Employees (ASN)"), category=organisation,
                                endpoint="employee"))
    performance = _l("Performance")
    admin.add_view(SkpView(name=_l("SKP"), category=performance, endpoint="skp",
                           url="/admin/skp"))
    admin.add_view(MonthlyReportView(name=_l("Monthly reports"), category=performance,
                                     endpoint="monthly_report", url="/admin/monthly"))
    admin.add_view(FollowUpView(FollowUp, name=_l("Follow-ups (tindak lanjut)"),
                                category=performance, endpoint="follow_up"))
    admin.add_view(DistributionView(name=_l("Predikat distribution"), category=performance,
                                    endpoint="predikat_distribution",
                                    url="/admin/predikat-distribution"))
    admin.add_view(PeriodView(Period, name=_l("Periods"), category=performance,
                              endpoint="period"))
    admin.add_view(UnitIndicatorView(UnitIndicator, name=_l("Unit indicators"),
                                     category=performance, endpoint="unit_indicator"))
    admin.add_view(IndicatorRealisationView(IndicatorRealisation,
                                            name=_l("Indicator realisations"),
                                            category=performance,
                                            endpoint="indicator_realisation"))
    admin.add_view(UnitResultView(UnitResult, name=_l("Organisational achievement"),
                                  category=performance, endpoint="unit_result"))
    from admin.survey import (ImportView, IkmView, QrView, ServicePopulationView, ServiceView,
                              SurveyResponseView)
    from portal.models import Service, ServicePopulation, SurveyResponse
    survey = _l("Survey (SKM)")
    admin.add_view(IkmView(name=_l("Satisfaction index (IKM)"), category=survey,
                           endpoint="survey_ikm", url="/admin/survey/ikm"))
    admin.add_view(SurveyResponseView(SurveyResponse, name=_l("Survey responses"), category=survey,
                                      endpoint="survey_response"))
    admin.add_view(ServiceView(Service, name=_l("Services"), category=survey,
                               endpoint="survey_service"))
    admin.add_view(ServicePopulationView(ServicePopulation, name=_l("Service users per year"),
                                         category=survey, endpoint="survey_population"))
    admin.add_view(QrView(name=_l("QR codes"), category=survey, endpoint="survey_qr",
                          url="/admin/survey/qr"))
    admin.add_view(ImportView(name=_l("Import paper forms"), category=survey,
                              endpoint="survey_import", url="/admin/survey/import"))
    admin.add_view(ComplaintView(Complaint, name=_l("Complaints"), endpoint="complaint"))
    from admin.calendar import NonWorkingDayView
    from portal.models import NonWorkingDay
    admin.add_view(NonWorkingDayView(NonWorkingDay, name=_l("Holidays and cuti bersama"),
                                     category=organisation, endpoint="non_working_day",
                                     url="/admin/hari-libur"))
    content = _l("Content")
    admin.add_view(ContentItemView(ContentItem, name=_l("Content items"), category=content,
                                   endpoint="content_item"))
    admin.add_view(ContentQueueView(ContentItem, name=_l("Review queue"), category=content,
                                    endpoint="content_queue"))
    admin.add_view(AwardView(Award, name=_l("Awards"), category=content, endpoint="award"))
    from admin.events import EventView, RegistrationView, TrainingHistoryView
    from portal.models import Event, Registration
    events = _l("Events")
    admin.add_view(EventView(Event, name=_l("Events"), category=events, endpoint="event"))
    admin.add_view(RegistrationView(Registration, name=_l("Registrations"), category=events,
                                    endpoint="event_registration"))
    admin.add_view(TrainingHistoryView(Registration, name=_l("My training history"),
                                       category=events, endpoint="training_history",
                                       url="/admin/training-history"))
    from admin.imports import DataImportView, ImportLink
    admin.add_view(DataImportView(name=_l("Import data"), category=organisation,
                                  endpoint="data_import", url="/admin/import"))
    admin.add_link(ImportLink(name=_l("Import data"), category=performance,
                              url="/admin/import/?kind=indicators"))
    from admin.form_submissions import FormSubmissionView
    from admin.forms import CustomFormView
    from portal.models import CustomForm, FormSubmission
    forms = _l("Forms")
    admin.add_view(CustomFormView(CustomForm, name=_l("Form builder"), category=forms,
                                  endpoint="custom_form"))
    admin.add_view(FormSubmissionView(FormSubmission, name=_l("Form submissions"),
                                      category=forms, endpoint="form_submission"))
    admin.add_view(UserView(User, name=_l("User accounts"), category=_l("System"),
                            endpoint="account"))
    admin.add_view(OutboxView(Outbox, name=_l("Outgoing mail"), category=_l("System"),
                              endpoint="outbox"))
    from admin.audit import AuditView
    from portal.models import AuditEntry
    admin.add_view(AuditView(AuditEntry, name=_l("Audit trail"), category=_l("System"),
                             endpoint="audit", url="/admin/audit"))
    return admin
