import pytest

from portal.rules.achievement import HIGHER, LOWER, RATIO, achievement_pct


def test_more_is_better():
    assert achievement_pct(100, 120, HIGHER) == pytest.approx(120.0)
    assert achievement_pct("95", "90.25", HIGHER) == pytest.approx(95.0)
    assert achievement_pct(100, 0, HIGHER) == 0


def test_less_is_better_default_formula():
    # 3 days targeted, 2 days taken: (2*3 - 2) / 3 = 133.3 %
    assert achievement_pct(3, 2, LOWER) == pytest.approx(133.333, rel=1e-4)
    assert achievement_pct(3, 3, LOWER) == pytest.approx(100.0)
    assert achievement_pct(30, 45, LOWER) == pytest.approx(50.0)
    assert achievement_pct(3, 7, LOWER) < 0


def test_less_is_better_ratio_formula():
    assert achievement_pct(3, 2, LOWER, lower_formula=RATIO) == pytest.approx(150.0)
    assert achievement_pct(30, 45, LOWER, lower_formula=RATIO) == pytest.approx(66.667, rel=1e-4)
    assert achievement_pct(3, 0, LOWER, lower_formula=RATIO) is None


@pytest.mark.parametrize("target", [0, 0.0, "0", None, "", "  "])
@pytest.mark.parametrize("polarity", [HIGHER, LOWER])
def test_zero_or_empty_target_gives_no_percentage(target, polarity):
    assert achievement_pct(target, 5, polarity) is None


def test_empty_realisation_gives_no_percentage():
    assert achievement_pct(100, None) is None
    assert achievement_pct(100, "") is None


def test_unknown_polarity_or_formula():
    with pytest.raises(ValueError):
        achievement_pct(1, 1, "sideways")
    with pytest.raises(ValueError):
        achievement_pct(1, 1, LOWER, lower_formula="magic")


def test_counts_add_up_over_the_year_levels_do_not():
    from portal.rules.achievement import is_cumulative, year_to_date
    assert is_cumulative("kuantitas", "pasien")
    assert not is_cumulative("kuantitas", "%")
    assert not is_cumulative("waktu", "hari")
    assert not is_cumulative("kualitas", "dokumen")
    assert year_to_date([10, 20, 5], True) == [10, 30, 35]
    assert year_to_date([10, 20, 5], False) == [10, 20, 5]
    assert year_to_date([], True) == []


def test_time_and_cost_are_better_when_lower():
    from portal.rules.achievement import HIGHER, LOWER, polarity_for_aspect
    assert [polarity_for_aspect(a) for a in ("kuantitas", "kualitas", "waktu", "biaya")] == [
        HIGHER, HIGHER, LOWER, LOWER]
