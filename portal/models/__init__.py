"""The portal's tables, one module per domain area."""
from portal.models.accounts import ROLES, User
from portal.models.content import (Award, ContentAttachment, ContentItem, ContentTag,
                                   ContentTransition, Tag)
from portal.models.org import Employee, Unit

# In dependency order: create from the start, drop from the end.
MODELS = [Unit, Employee, User, ContentItem, Tag, ContentTag, ContentAttachment,
          ContentTransition, Award]

__all__ = ["MODELS", "ROLES", "Award", "ContentAttachment", "ContentItem", "ContentTag",
           "ContentTransition", "Employee", "Tag", "Unit", "User"]
