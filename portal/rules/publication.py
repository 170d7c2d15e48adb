"""The publication workflow of socialisation content, as Plone's simple publication workflow.

States: ``private`` (a draft only the back office sees) → ``pending`` (waiting
for review) → ``published``. Transitions:

========  ====================  ==========================================
name      from → to             who
========  ====================  ==========================================
submit    private → pending     the item's author (operator) or a reviewer
publish   pending → published   a reviewer who did not write the item
          private → published   a reviewer who did not write it (publishing directly)
reject    pending → private     a reviewer, with a reason (comment)
retract   published → private   the item's author (operator) or a reviewer
========  ====================  ==========================================

Who is a **reviewer**: every administrator, and every operator whose account
has the reviewer flag switched on in the back office (User accounts → May
review and publish content). Other roles (appraisers, employees, complaint
officers) do not work on content. Nobody approves their own work: the author
of an item, reviewer or not, cannot publish it; another reviewer must.

An operator edits and deletes their own items while they are private; a
reviewer edits any item in any state. An item is visible on the public site
when it is published and ``visible_now``: its publication time has come and
its expiry time has not.

Who may read an item (``audience``): ``public`` everyone; ``all_asn`` any
signed-in user linked to an employee; ``unit`` the employees of that unit;
``supervisors`` signed-in employees who have subordinates. Administrators and
operators see every audience.
"""
from dataclasses import dataclass

STATES = ("private", "pending", "published")
KINDS = ("page", "news", "guide", "document")
AUDIENCES = ("public", "all_asn", "unit", "supervisors")
LANGUAGES = ("id", "en")
EDITOR_ROLES = frozenset({"admin", "operator"})

# name → (states it starts from, the state it leads to)
TRANSITIONS = {
    "submit": (("private",), "pending"),
    "publish": (("pending", "private"), "published"),
    "reject": (("pending",), "private"),
    "retract": (("published",), "private"),
}
REVIEWER_ONLY = frozenset({"publish", "reject"})
NOT_BY_AUTHOR = frozenset({"publish"})  # four eyes: the author never approves her own item
NEEDS_COMMENT = frozenset({"reject"})


class WorkflowError(ValueError):
    """A refused transition; ``code`` says why (unknown, state, role, own, comment)."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Actor:
    """Who acts: their role and whether their account carries the reviewer flag."""

    role: str
    reviewer_flag: bool = False

    @property
    def is_editor(self):
        return self.role in EDITOR_ROLES

    @property
    def is_reviewer(self):
        return self.role == "admin" or (self.role == "operator" and self.reviewer_flag)


def may_edit(actor, state, is_owner):
    """May ``actor`` change (or delete) an item in ``state``?"""
    if actor.is_reviewer:
        return True
    return actor.is_editor and is_owner and state == "private"


def may_create(actor):
    return actor.is_editor


def refusal(actor, name, state, is_owner, comment=""):
    """Why ``actor`` may not take transition ``name`` now, or None when they may."""
    if name not in TRANSITIONS:
        return "unknown"
    sources, _target = TRANSITIONS[name]
    if state not in sources:
        return "state"
    if not actor.is_editor:
        return "role"
    if name in REVIEWER_ONLY and not actor.is_reviewer:
        return "role"
    if not actor.is_reviewer and not is_owner:
        return "role"
    if name in NOT_BY_AUTHOR and is_owner:
        return "own"
    if name in NEEDS_COMMENT and not (comment or "").strip():
        return "comment"
    return None


def allowed_transitions(actor, state, is_owner):
    """The transitions to offer as buttons (a reason is asked for where needed)."""
    return [name for name in TRANSITIONS
            if refusal(actor, name, state, is_owner, comment="-") is None]


def apply(actor, name, state, is_owner, comment=""):
    """The state after transition ``name``; raise WorkflowError when refused."""
    reason = refusal(actor, name, state, is_owner, comment)
    if reason:
        raise WorkflowError(reason)
    return TRANSITIONS[name][1]


def visible_now(state, publish_at, expire_at, now):
    """Published, its publication time reached (or none set) and not yet expired."""
    if state != "published":
        return False
    if publish_at is not None and publish_at > now:
        return False
    return expire_at is None or now < expire_at


@dataclass(frozen=True)
class Reader:
    """Who reads: signed in or not, their role, their employee's unit, supervisor or not."""

    authenticated: bool = False
    role: str = ""
    has_employee: bool = False
    unit_id: int | None = None
    is_supervisor: bool = False


ANONYMOUS = Reader()


def audience_allows(audience, audience_unit_id, reader):
    """May ``reader`` see an item addressed to ``audience``?"""
    if audience == "public":
        return True
    if not reader.authenticated:
        return False
    if reader.role in EDITOR_ROLES:
        return True
    if not reader.has_employee:
        return False
    if audience == "all_asn":
        return True
    if audience == "unit":
        return audience_unit_id is not None and reader.unit_id == audience_unit_id
    if audience == "supervisors":
        return reader.is_supervisor
    return False


def readable_audiences(reader):
    """The audiences ``reader`` may see, for a query: (audience codes, the unit for 'unit')."""
    if reader.authenticated and reader.role in EDITOR_ROLES:
        return set(AUDIENCES), None, True
    audiences = {"public"}
    if reader.authenticated and reader.has_employee:
        audiences.add("all_asn")
        if reader.is_supervisor:
            audiences.add("supervisors")
    return audiences, (reader.unit_id if reader.authenticated and reader.has_employee else None), False
