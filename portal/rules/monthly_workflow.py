"""The life of a monthly performance report (laporan kinerja bulanan).

draft → submitted (diajukan) → accepted (diterima) or returned (dikembalikan,
with a reason) → the employee fixes it and submits again. The employee writes
and submits; the direct supervisor recorded on the report reviews it. Nobody
reviews their own report.
"""

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
ACCEPTED = "accepted"
STATES = (DRAFT, SUBMITTED, RETURNED, ACCEPTED)

# the states in which the employee may still change the report and its files
EDITABLE = (DRAFT, RETURNED)

SUBMIT = "submit"
RETURN = "return"
ACCEPT = "accept"

OWNER = "owner"
REVIEWER = "reviewer"

# action: (states it starts from, who may do it, reason required)
TRANSITIONS = {
    SUBMIT: ((DRAFT, RETURNED), OWNER, False),
    RETURN: ((SUBMITTED,), REVIEWER, True),
    ACCEPT: ((SUBMITTED,), REVIEWER, False),
}
ACTIONS = tuple(TRANSITIONS)
_TARGET = {SUBMIT: SUBMITTED, RETURN: RETURNED, ACCEPT: ACCEPTED}


class WorkflowError(Exception):
    """``code``: unknown_action, own_report, not_allowed, wrong_state, reason_required."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def transition(action, state, *, is_owner, is_reviewer, reason=""):
    """The state after ``action``; raise WorkflowError when it is refused."""
    if action not in TRANSITIONS:
        raise WorkflowError("unknown_action")
    states, who, needs_reason = TRANSITIONS[action]
    if is_owner and who != OWNER:
        raise WorkflowError("own_report")
    if {OWNER: is_owner, REVIEWER: is_reviewer and not is_owner}[who] is not True:
        raise WorkflowError("not_allowed")
    if state not in states:
        raise WorkflowError("wrong_state")
    if needs_reason and not (reason or "").strip():
        raise WorkflowError("reason_required")
    return _TARGET[action]


def available(state, *, is_owner, is_reviewer):
    found = []
    for action in ACTIONS:
        try:
            transition(action, state, is_owner=is_owner, is_reviewer=is_reviewer, reason="x")
        except WorkflowError:
            continue
        found.append(action)
    return found


def valid_month(year, month):
    """A report month is a real month of a plausible year."""
    return isinstance(year, int) and isinstance(month, int) and 2000 <= year <= 2100 \
        and 1 <= month <= 12
