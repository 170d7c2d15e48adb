from portal.rules import follow_up as F


def test_only_the_appraiser_of_a_final_skp_records():
    assert F.may_record("final", is_appraiser=True)
    assert not F.may_record("annual_evaluated", is_appraiser=True)
    assert not F.may_record("final", is_appraiser=False)


def test_closing():
    assert F.may_close("open", is_appraiser=True, is_staff=False)
    assert F.may_close("open", is_appraiser=False, is_staff=True)
    assert not F.may_close("open", is_appraiser=False, is_staff=False)
    assert not F.may_close("done", is_appraiser=True, is_staff=True)


def test_check():
    assert F.check("training", "Diklat pelayanan prima") is None
    assert F.check("award", "", award_employee_id=5, skp_employee_id=5) is None
    assert F.check("award", "x", award_employee_id=6, skp_employee_id=5) == "bad_award"
    assert F.check("coaching", "x", award_employee_id=5, skp_employee_id=5) == "bad_award"
    assert F.check("sanction", "  ") == "note_required"
    assert F.check("promotion", "x") == "bad_kind"
