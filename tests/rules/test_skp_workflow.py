import pytest

from portal.rules import skp_workflow as w

OWNER = dict(is_owner=True, is_appraiser=False, is_admin=False)
APPRAISER = dict(is_owner=False, is_appraiser=True, is_admin=False)
ADMIN = dict(is_owner=False, is_appraiser=False, is_admin=True)
STRANGER = dict(is_owner=False, is_appraiser=False, is_admin=False)


def refused(action, state, who, reason="x"):
    with pytest.raises(w.WorkflowError) as exc:
        w.transition(action, state, reason=reason, **who)
    return exc.value.code


def test_the_whole_cycle():
    state = w.DRAFT
    state = w.transition(w.SUBMIT, state, **OWNER)
    assert state == w.SUBMITTED
    state = w.transition(w.RETURN, state, reason="IKI belum terukur", **APPRAISER)
    assert state == w.RETURNED
    state = w.transition(w.SUBMIT, state, **OWNER)
    state = w.transition(w.APPROVE, state, **APPRAISER)
    assert state == w.APPROVED
    state = w.transition(w.EVALUATE_QUARTER, state, **APPRAISER)
    assert state == w.EVALUATED
    state = w.transition(w.EVALUATE_QUARTER, state, **APPRAISER)
    state = w.transition(w.EVALUATE_ANNUAL, state, **APPRAISER)
    assert state == w.ANNUAL_EVALUATED
    state = w.transition(w.FINALISE, state, **APPRAISER)
    assert state == w.FINAL


def test_returning_and_reopening_need_a_reason():
    assert refused(w.RETURN, w.SUBMITTED, APPRAISER, reason="  ") == "reason_required"
    assert refused(w.REOPEN, w.FINAL, ADMIN, reason="") == "reason_required"
    assert w.transition(w.REOPEN, w.FINAL, reason="salah input", **ADMIN) == w.ANNUAL_EVALUATED
    assert w.transition(w.REOPEN, w.APPROVED, reason="revisi", **ADMIN) == w.DRAFT


def test_only_the_employee_submits():
    assert refused(w.SUBMIT, w.DRAFT, APPRAISER) == "not_allowed"
    assert refused(w.SUBMIT, w.DRAFT, ADMIN) == "not_allowed"
    assert refused(w.SUBMIT, w.DRAFT, STRANGER) == "not_allowed"


@pytest.mark.parametrize("action", [w.RETURN, w.APPROVE, w.EVALUATE_QUARTER,
                                    w.EVALUATE_ANNUAL, w.FINALISE, w.REOPEN])
def test_nobody_acts_on_their_own_skp(action):
    state = w.TRANSITIONS[action][0][0]
    # even an administrator who is also the appraiser of record
    assert refused(action, state, dict(is_owner=True, is_appraiser=True, is_admin=True)) == "own_skp"


@pytest.mark.parametrize("action", [w.RETURN, w.APPROVE, w.EVALUATE_QUARTER,
                                    w.EVALUATE_ANNUAL, w.FINALISE])
def test_only_the_appraiser_decides(action):
    state = w.TRANSITIONS[action][0][0]
    assert refused(action, state, STRANGER) == "not_allowed"
    assert refused(action, state, ADMIN) == "not_allowed"


def test_wrong_states_are_refused():
    assert refused(w.SUBMIT, w.APPROVED, OWNER) == "wrong_state"
    assert refused(w.APPROVE, w.DRAFT, APPRAISER) == "wrong_state"
    assert refused(w.FINALISE, w.EVALUATED, APPRAISER) == "wrong_state"
    assert refused(w.EVALUATE_QUARTER, w.FINAL, APPRAISER) == "wrong_state"
    assert refused(w.REOPEN, w.DRAFT, ADMIN) == "wrong_state"
    assert refused("publish", w.DRAFT, OWNER) == "unknown_action"


def test_available_actions():
    assert w.available(w.DRAFT, **OWNER) == [w.SUBMIT]
    assert w.available(w.SUBMITTED, **APPRAISER) == [w.RETURN, w.APPROVE]
    assert w.available(w.FINAL, **APPRAISER) == []
    assert w.available(w.FINAL, **ADMIN) == [w.REOPEN]
    assert w.available(w.SUBMITTED, **STRANGER) == []
