"""The employee's realisation of a period: who moves it, and where the year starts."""
import datetime

import pytest

from portal.rules import predikat, realisation as r

OWNER = {"is_owner": True, "is_appraiser": False}
APPRAISER = {"is_owner": False, "is_appraiser": True}
STRANGER = {"is_owner": False, "is_appraiser": False}


def test_the_employee_keeps_a_draft_and_submits_it():
    assert r.transition(r.SAVE, None, **OWNER) == r.DRAFT
    assert r.transition(r.SUBMIT, r.DRAFT, **OWNER) == r.SUBMITTED
    assert r.transition(r.SUBMIT, r.RETURNED, **OWNER) == r.SUBMITTED
    assert r.transition(r.SAVE, r.RETURNED, **OWNER) == r.RETURNED


@pytest.mark.parametrize("state", [r.SUBMITTED, r.ASSESSED])
def test_a_submitted_or_rated_realisation_is_locked_for_the_employee(state):
    for action in (r.SAVE, r.SUBMIT):
        with pytest.raises(r.RealisationError) as err:
            r.transition(action, state, **OWNER)
        assert err.value.code == "wrong_state"


def test_the_appraiser_returns_with_a_reason_or_rates():
    with pytest.raises(r.RealisationError) as err:
        r.transition(r.RETURN, r.SUBMITTED, **APPRAISER, reason="  ")
    assert err.value.code == "reason_required"
    assert r.transition(r.RETURN, r.SUBMITTED, **APPRAISER, reason="Lampirkan absensi") \
        == r.RETURNED
    assert r.transition(r.ASSESS, r.SUBMITTED, **APPRAISER) == r.ASSESSED
    assert r.transition(r.ASSESS, r.ASSESSED, **APPRAISER) == r.ASSESSED  # a changed rating
    assert r.allowed(r.ASSESS, None, **APPRAISER)  # the employee absent: the appraiser writes
    assert not r.allowed(r.ASSESS, r.RETURNED, **APPRAISER)  # waiting for her correction
    assert not r.allowed(r.RETURN, r.DRAFT, **APPRAISER)


def test_nobody_else_moves_it_and_nobody_rates_their_own():
    for action in r.TRANSITIONS:
        assert not r.allowed(action, r.SUBMITTED, **STRANGER)
        assert not r.allowed(action, r.DRAFT, **STRANGER)
    assert not r.allowed(r.SUBMIT, r.DRAFT, **APPRAISER)
    assert not r.allowed(r.ASSESS, r.SUBMITTED, is_owner=True, is_appraiser=True)


def test_a_period_is_due_from_the_first_day_of_its_quarter():
    assert r.period_start(2026, 1) == datetime.date(2026, 1, 1)
    assert r.period_start(2026, 3) == datetime.date(2026, 7, 1)
    assert r.period_start(2026, None) == datetime.date(2026, 10, 1)


def test_the_year_starts_from_the_latest_quarter_with_a_number():
    # numbers are "reached so far this year": the latest quarter is the year's value
    assert r.latest({1: 300.0, 2: 640.0, 3: None}) == 640.0
    assert r.latest({1: None}) is None
    assert r.latest({}) is None


def test_a_changed_rating_is_one_that_differs_from_its_start():
    basis = {"a": "sesuai", "b": "di_atas", "c": None}
    assert r.changed(basis, {"a": "sesuai", "b": "di_atas", "c": "di_bawah"}) == []
    assert r.changed(basis, {"a": "di_bawah", "b": "di_atas"}) == ["a"]
    assert r.changed(basis, {"a": "sesuai", "b": None}) == ["b"]


@pytest.mark.parametrize("ratings, expected", [
    ([], None),
    ([None] * 7, None),
    (["di_atas"] * 4 + ["sesuai"] * 3, "di_atas"),
    (["di_atas"] * 6 + ["di_bawah"], "sesuai"),     # one below: not above
    (["di_atas"] * 3 + ["sesuai"] * 4, "sesuai"),
    (["di_bawah"] * 4 + ["di_atas"] * 3, "di_bawah"),
    (["sesuai"] * 7, "sesuai"),
    (["di_atas", None, None], "di_atas"),           # the values not rated are left out
])
def test_perilaku_follows_the_seven_values(ratings, expected):
    assert predikat.perilaku_summary(ratings) == expected


def test_perilaku_refuses_an_unknown_rating():
    with pytest.raises(ValueError):
        predikat.perilaku_summary(["bagus"])
