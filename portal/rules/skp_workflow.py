"""The life of an SKP and who may move it (PermenPANRB 6/2022, domain.md §2).

draft → submitted (diajukan) → approved (disetujui) or returned (dikembalikan,
with a reason) → evaluated (a quarterly evaluation recorded) → annual_evaluated
→ final (locked). An administrator may reopen an approved or final SKP with a
reason. The employee submits; the appraiser (the direct supervisor recorded on
the SKP) approves, returns, evaluates and finalises; nobody acts on their own
SKP except to submit it.
"""

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
APPROVED = "approved"
EVALUATED = "evaluated"
ANNUAL_EVALUATED = "annual_evaluated"
FINAL = "final"
STATES = (DRAFT, SUBMITTED, RETURNED, APPROVED, EVALUATED, ANNUAL_EVALUATED, FINAL)

# the states in which the employee may still change the plan (RHK, IKI, lampiran)
EDITABLE = (DRAFT, RETURNED)

OWNER = "owner"
APPRAISER = "appraiser"
ADMIN = "admin"

SUBMIT = "submit"
RETURN = "return"
APPROVE = "approve"
EVALUATE_QUARTER = "evaluate_quarter"
EVALUATE_ANNUAL = "evaluate_annual"
FINALISE = "finalise"
REOPEN = "reopen"

# action: (states it starts from, who may do it, reason required)
TRANSITIONS = {
    SUBMIT: ((DRAFT, RETURNED), OWNER, False),
    RETURN: ((SUBMITTED,), APPRAISER, True),
    APPROVE: ((SUBMITTED,), APPRAISER, False),
    EVALUATE_QUARTER: ((APPROVED, EVALUATED), APPRAISER, False),
    EVALUATE_ANNUAL: ((APPROVED, EVALUATED, ANNUAL_EVALUATED), APPRAISER, False),
    FINALISE: ((ANNUAL_EVALUATED,), APPRAISER, False),
    REOPEN: ((APPROVED, EVALUATED, ANNUAL_EVALUATED, FINAL), ADMIN, True),
}
ACTIONS = tuple(TRANSITIONS)

# where an action leads; reopening steps back one stage
_TARGET = {SUBMIT: SUBMITTED, RETURN: RETURNED, APPROVE: APPROVED,
           EVALUATE_QUARTER: EVALUATED, EVALUATE_ANNUAL: ANNUAL_EVALUATED, FINALISE: FINAL}
_REOPEN_TARGET = {APPROVED: DRAFT, EVALUATED: DRAFT, ANNUAL_EVALUATED: EVALUATED,
                  FINAL: ANNUAL_EVALUATED}


class WorkflowError(Exception):
    """Why an action is refused; ``code`` is one of: unknown_action, wrong_state,
    own_skp, not_allowed, reason_required."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def target_state(action, state):
    if action == REOPEN:
        return _REOPEN_TARGET[state]
    return _TARGET[action]


def transition(action, state, *, is_owner, is_appraiser, is_admin, reason=""):
    """The state after ``action`` on an SKP in ``state``; raise WorkflowError if refused.

    ``is_owner``: the acting user is the SKP's employee; ``is_appraiser``: the
    acting user is the appraiser recorded on the SKP; ``is_admin``: the acting
    user is an administrator. Nobody but the owner acts on their own SKP, and
    the owner only submits.
    """
    if action not in TRANSITIONS:
        raise WorkflowError("unknown_action")
    states, who, needs_reason = TRANSITIONS[action]
    if is_owner and who != OWNER:
        raise WorkflowError("own_skp")
    if {OWNER: is_owner, APPRAISER: is_appraiser and not is_owner,
            ADMIN: is_admin and not is_owner}[who] is not True:
        raise WorkflowError("not_allowed")
    if state not in states:
        raise WorkflowError("wrong_state")
    if needs_reason and not (reason or "").strip():
        raise WorkflowError("reason_required")
    return target_state(action, state)


def available(state, *, is_owner, is_appraiser, is_admin):
    """The actions the acting user may take now (reasons not yet checked)."""
    found = []
    for action in ACTIONS:
        try:
            transition(action, state, is_owner=is_owner, is_appraiser=is_appraiser,
                       is_admin=is_admin, reason="x")
        except WorkflowError:
            continue
        found.append(action)
    return found
