"""The portal's tables, one module per domain area."""
from portal.models.accounts import ROLES, User
from portal.models.org import Employee, Unit
from portal.models.survey import Service, ServicePopulation, SurveyResponse

# In dependency order: create from the start, drop from the end.
MODELS = [Unit, Employee, User, Service, SurveyResponse, ServicePopulation]

__all__ = ["MODELS", "ROLES", "Employee", "Service", "ServicePopulation", "SurveyResponse",
           "Unit", "User"]
