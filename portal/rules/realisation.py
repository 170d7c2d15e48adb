"""The employee's realisation of one period (a quarter or the year) and who may move it.

The employee enters her realisation (per RHK a text, per numeric IKI the number
reached so far this year) with bukti dukung, keeps it as a draft, and submits it
(diajukan). The appraiser either returns it with a reason (dikembalikan: the
employee corrects and submits again) or rates it (dinilai). The appraiser may
also rate a period whose realisation was never submitted (the employee absent:
the appraiser writes it), but not one returned and waiting for the employee.
Once rated the realisation is locked for the employee; the appraiser may still
change the rating.

    draft → submitted → returned → submitted → … → assessed
"""
import calendar
import datetime

DRAFT = "draft"
SUBMITTED = "submitted"
RETURNED = "returned"
ASSESSED = "assessed"
STATES = (DRAFT, SUBMITTED, RETURNED, ASSESSED)

SAVE = "save"
SUBMIT = "submit"
RETURN = "return"
ASSESS = "assess"

OWNER = "owner"
APPRAISER = "appraiser"

# action: (states it starts from, who, reason required, state after; None = unchanged)
TRANSITIONS = {
    SAVE: ((DRAFT, RETURNED), OWNER, False, None),
    SUBMIT: ((DRAFT, RETURNED), OWNER, False, SUBMITTED),
    RETURN: ((SUBMITTED,), APPRAISER, True, RETURNED),
    ASSESS: ((DRAFT, SUBMITTED, ASSESSED), APPRAISER, False, ASSESSED),
}


class RealisationError(Exception):
    """Why a step is refused; ``code``: not_allowed, wrong_state or reason_required."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def transition(action, state, *, is_owner, is_appraiser, reason=""):
    """The state after ``action`` on a realisation in ``state`` (None: no realisation
    yet, a draft); raise RealisationError when refused."""
    state = state or DRAFT
    states, who, needs_reason, target = TRANSITIONS[action]
    if not {OWNER: is_owner, APPRAISER: is_appraiser and not is_owner}[who]:
        raise RealisationError("not_allowed")
    if state not in states:
        raise RealisationError("wrong_state")
    if needs_reason and not (reason or "").strip():
        raise RealisationError("reason_required")
    return target or state


def allowed(action, state, *, is_owner, is_appraiser):
    """True when ``action`` may be taken now (a reason not yet asked for)."""
    try:
        transition(action, state, is_owner=is_owner, is_appraiser=is_appraiser, reason="x")
    except RealisationError:
        return False
    return True


def period_start(year, quarter):
    """The day a period's realisation becomes due: the first day of its quarter; the
    year's realisation once the last quarter has begun (1 October)."""
    return datetime.date(year, 3 * ((quarter or 4) - 1) + 1, 1)


def period_end(year, quarter):
    """The last day of a period: of its quarter, or of the year for the annual one."""
    month = 3 * (quarter or 4)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def latest(values_by_quarter):
    """The annual realisation the quarters suggest: the value of the latest quarter
    that has one. The number per IKI is what was reached *so far this year*, so for a
    count (cumulative) and for a level alike the latest quarter is the year's value.
    ``values_by_quarter``: {quarter: value or None}. None when no quarter has one."""
    for quarter in sorted(values_by_quarter, reverse=True):
        if values_by_quarter[quarter] not in (None, ""):
            return values_by_quarter[quarter]
    return None


def changed(basis, chosen):
    """The keys whose ``chosen`` rating differs from the ``basis`` it started from
    (the quarters' ratings in the annual evaluation). A key without a basis rating
    is not a change; a basis rating left empty is."""
    return sorted(key for key, start in basis.items()
                  if start and chosen.get(key) != start)
