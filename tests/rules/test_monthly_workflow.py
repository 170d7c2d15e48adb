import pytest

from portal.rules import monthly_workflow as W


def test_owner_submits_and_resubmits():
    assert W.transition("submit", "draft", is_owner=True, is_reviewer=False) == "submitted"
    assert W.transition("submit", "returned", is_owner=True, is_reviewer=False) == "submitted"


def test_reviewer_accepts_or_returns_with_reason():
    assert W.transition("accept", "submitted", is_owner=False, is_reviewer=True) == "accepted"
    assert W.transition("return", "submitted", is_owner=False, is_reviewer=True,
                        reason="Lampiran kurang") == "returned"
    with pytest.raises(W.WorkflowError) as exc:
        W.transition("return", "submitted", is_owner=False, is_reviewer=True, reason="  ")
    assert exc.value.code == "reason_required"


@pytest.mark.parametrize("action,state,owner,reviewer,code", [
    ("accept", "submitted", True, True, "own_report"),
    ("accept", "submitted", False, False, "not_allowed"),
    ("submit", "draft", False, True, "not_allowed"),
    ("accept", "draft", False, True, "wrong_state"),
    ("submit", "accepted", True, False, "wrong_state"),
    ("return", "accepted", False, True, "wrong_state"),
    ("delete", "draft", True, False, "unknown_action"),
])
def test_refused(action, state, owner, reviewer, code):
    with pytest.raises(W.WorkflowError) as exc:
        W.transition(action, state, is_owner=owner, is_reviewer=reviewer, reason="x")
    assert exc.value.code == code


def test_available():
    assert W.available("draft", is_owner=True, is_reviewer=False) == ["submit"]
    assert W.available("submitted", is_owner=False, is_reviewer=True) == ["return", "accept"]
    assert W.available("accepted", is_owner=False, is_reviewer=True) == []


def test_valid_month():
    assert W.valid_month(2026, 1) and W.valid_month(2026, 12)
    assert not W.valid_month(2026, 13) and not W.valid_month(2026, 0)
    assert not W.valid_month(1999, 5)
