"""The portal's tables, one module per domain area."""
from portal.models.accounts import ROLES, User
from portal.models.org import Employee, Unit

# In dependency order: create from the start, drop from the end.
MODELS = [Unit, Employee, User]

__all__ = ["MODELS", "ROLES", "Employee", "Unit", "User"]
