"""The portal's tables, one module per domain area."""
from portal.models.accounts import ROLES, User
from portal.models.audit import AuditEntry
from portal.models.cache import CacheEntry
from portal.models.calendar import NonWorkingDay
from portal.models.complaints import Complaint, ComplaintAttachment, ComplaintEvent, Outbox
from portal.models.content import (Award, ContentAttachment, ContentItem, ContentTag,
                                   ContentTransition, Tag)
from portal.models.events import Event, EventMaterial, Registration
from portal.models.followup import FollowUp
from portal.models.forms import CustomForm, FormAnswer, FormField, FormSubmission
from portal.models.monthly import (MonthlyReport, MonthlyReportAttachment, MonthlyReportEvent,
                                   MonthlyReportItem)
from portal.models.org import Employee, Unit
from portal.models.performance import (DialogMessage, Evaluation, EvaluationBehaviour,
                                       EvaluationResult, Evidence, IndicatorRealisation, Iki,
                                       IkiRealisation, Period, Rhk, Skp, SkpEvent, UnitIndicator,
                                       UnitResult)
from portal.models.ratelimit import RateLimitCounter
from portal.models.survey import Service, ServicePopulation, SurveyResponse, SurveyTally

# In dependency order: create from the start, drop from the end.
MODELS = [
    Unit, Employee, User,
    # performance (SKP)
    Period, UnitIndicator, IndicatorRealisation, Skp, Rhk, Iki, Evaluation,
    EvaluationResult, EvaluationBehaviour, Evidence, SkpEvent, DialogMessage, UnitResult,
    IkiRealisation,
    # monthly performance reports
    MonthlyReport, MonthlyReportItem, MonthlyReportAttachment, MonthlyReportEvent,
    # satisfaction survey (SKM)
    Service, SurveyResponse, ServicePopulation, SurveyTally,
    # complaints (pengaduan) and outgoing mail
    Complaint, ComplaintEvent, ComplaintAttachment, Outbox,
    # socialisation content and awards
    ContentItem, Tag, ContentTag, ContentAttachment, ContentTransition, Award,
    # events (seminars, training, sosialisasi) and registrations
    Event, EventMaterial, Registration,
    # tindak lanjut of a final SKP (after awards: it may point at one)
    FollowUp,
    # request rate limits shared by every worker
    RateLimitCounter,
    # the audit trail of back-office changes
    AuditEntry,
    # low-code forms, their submissions and answers
    CustomForm, FormField, FormSubmission, FormAnswer,
    # the shared cache of public numbers and pages (portal.cache)
    CacheEntry,
    # national holidays and cuti bersama (working-day limits skip them)
    NonWorkingDay,
]

__all__ = ["MODELS", "ROLES"] + [model.__name__ for model in MODELS]
