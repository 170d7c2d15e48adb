"""The portal's tables, one module per domain area."""
from portal.models.accounts import ROLES, User
from portal.models.complaints import Complaint, ComplaintAttachment, ComplaintEvent, Outbox
from portal.models.org import Employee, Unit

# In dependency order: create from the start, drop from the end.
MODELS = [Unit, Employee, User, Complaint, ComplaintEvent, ComplaintAttachment, Outbox]

__all__ = ["MODELS", "ROLES", "Complaint", "ComplaintAttachment", "ComplaintEvent", "Employee",
           "Outbox", "Unit", "User"]
