import pytest

from portal.rules import distribution as d
from portal.rules.predikat import BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_BAIK, SANGAT_KURANG


def broken(capaian, **counts):
    return [(r.predikats, r.bound, r.percent) for r in d.broken_rules(capaian, counts)]


def test_istimewa_allows_up_to_seventy_percent_sangat_baik():
    assert broken(d.ISTIMEWA, sangat_baik=7, baik=3) == []
    assert broken(d.ISTIMEWA, sangat_baik=8, baik=2) == [((SANGAT_BAIK,), d.AT_MOST, 70)]


def test_baik_needs_at_most_seventy_percent_baik_and_some_below():
    assert broken(d.CKO_BAIK, sangat_baik=2, baik=7, butuh_perbaikan=1) == []
    assert broken(d.CKO_BAIK, sangat_baik=2, baik=8) == [
        ((BAIK,), d.AT_MOST, 70), ((BUTUH_PERBAIKAN, KURANG), d.SOME, 0)]
    assert broken(d.CKO_BAIK, sangat_baik=3, baik=6, kurang=1) == []


def test_butuh_perbaikan():
    assert broken(d.CKO_BUTUH_PERBAIKAN, butuh_perbaikan=6, baik=3, sangat_baik=1) == []
    assert broken(d.CKO_BUTUH_PERBAIKAN, butuh_perbaikan=5, baik=3, sangat_baik=2) == [
        ((BUTUH_PERBAIKAN,), d.AT_LEAST, 60), ((SANGAT_BAIK,), d.AT_MOST, 10)]


def test_kurang():
    assert broken(d.CKO_KURANG, kurang=6, butuh_perbaikan=1, baik=2, sangat_baik=1) == []
    assert broken(d.CKO_KURANG, kurang=6, baik=4) == [((BUTUH_PERBAIKAN,), d.AT_LEAST, 10)]


def test_sangat_kurang_allows_no_sangat_baik():
    assert broken(d.CKO_SANGAT_KURANG, sangat_kurang=6, kurang=3, baik=1) == []
    assert broken(d.CKO_SANGAT_KURANG, sangat_kurang=6, kurang=3, sangat_baik=1) == [
        ((SANGAT_BAIK,), d.AT_MOST, 0)]
    assert broken(d.CKO_SANGAT_KURANG, sangat_kurang=5, baik=5) == [
        ((SANGAT_KURANG,), d.AT_LEAST, 60), ((KURANG, BUTUH_PERBAIKAN), d.AT_LEAST, 10)]


def test_nothing_to_warn_without_capaian_or_ratings():
    assert d.broken_rules(None, {BAIK: 10}) == []
    assert d.broken_rules(d.ISTIMEWA, {}) == []
    assert d.broken_rules(d.ISTIMEWA, {SANGAT_KURANG: 0}) == []


def test_every_capaian_has_a_pattern_and_share():
    assert set(d.PATTERNS) == set(d.CAPAIAN)
    assert d.share({BAIK: 1, KURANG: 3}, (KURANG,)) == 75.0
    assert d.share({}, (KURANG,)) == 0.0


def test_a_unit_head_is_one_whose_supervisor_works_elsewhere():
    from portal.rules.distribution import heads_unit
    assert heads_unit(7, None)          # no supervisor in the portal (appraised by the Bupati)
    assert heads_unit(7, 3)             # the kepala dinas under the Sekda of the Setda
    assert not heads_unit(7, 7)         # a section head under the kepala dinas


def test_a_unit_heads_hasil_kerja_follows_the_units_result():
    from portal.rules.distribution import CAPAIAN, head_hasil_kerja
    assert [head_hasil_kerja(c) for c in CAPAIAN] == [
        "di_atas", "sesuai", "di_bawah", "di_bawah", "di_bawah"]
    assert head_hasil_kerja(None) is None
    with pytest.raises(ValueError):
        head_hasil_kerja("luar_biasa")
