import pytest

from portal.rules import predikat as p


@pytest.mark.parametrize("hasil, perilaku, expected", [
    (p.DI_ATAS, p.DI_BAWAH, p.KURANG),
    (p.DI_ATAS, p.SESUAI, p.BAIK),
    (p.DI_ATAS, p.DI_ATAS, p.SANGAT_BAIK),
    (p.SESUAI, p.DI_BAWAH, p.KURANG),
    (p.SESUAI, p.SESUAI, p.BAIK),
    (p.SESUAI, p.DI_ATAS, p.BAIK),
    (p.DI_BAWAH, p.DI_BAWAH, p.SANGAT_KURANG),
    (p.DI_BAWAH, p.SESUAI, p.BUTUH_PERBAIKAN),
    (p.DI_BAWAH, p.DI_ATAS, p.BUTUH_PERBAIKAN),
])
def test_all_nine_cells_of_the_matrix(hasil, perilaku, expected):
    assert p.predikat(hasil, perilaku) == expected


def test_matrix_is_complete_and_uses_the_five_predikat():
    assert len(p.MATRIX) == 9
    assert set(p.MATRIX.values()) == set(p.PREDIKATS)


def test_missing_or_unknown_ratings():
    assert p.predikat(None, p.SESUAI) is None
    assert p.predikat(p.SESUAI, "") is None
    with pytest.raises(ValueError):
        p.predikat("luar biasa", p.SESUAI)


U, T = p.UTAMA, p.TAMBAHAN


def test_hasil_kerja_above_when_most_exceed_and_no_main_result_below():
    assert p.hasil_kerja_summary([(U, p.DI_ATAS), (U, p.DI_ATAS), (T, p.SESUAI)]) == p.DI_ATAS
    assert p.hasil_kerja_summary([(U, p.DI_ATAS), (U, p.DI_ATAS)]) == p.DI_ATAS
    # a tambahan below does not stop "di atas"
    assert p.hasil_kerja_summary([(U, p.DI_ATAS), (U, p.DI_ATAS), (T, p.DI_BAWAH)]) == p.DI_ATAS


def test_a_main_result_below_stops_above():
    assert p.hasil_kerja_summary([(U, p.DI_ATAS), (U, p.DI_ATAS), (U, p.DI_BAWAH)]) == p.SESUAI


def test_hasil_kerja_below_when_most_fall_below():
    assert p.hasil_kerja_summary([(U, p.DI_BAWAH), (U, p.DI_BAWAH), (T, p.DI_ATAS)]) == p.DI_BAWAH
    assert p.hasil_kerja_summary([(U, p.DI_BAWAH)]) == p.DI_BAWAH


def test_otherwise_sesuai_and_half_is_not_most():
    assert p.hasil_kerja_summary([(U, p.DI_ATAS), (U, p.SESUAI)]) == p.SESUAI
    assert p.hasil_kerja_summary([(U, p.DI_BAWAH), (U, p.SESUAI)]) == p.SESUAI
    assert p.hasil_kerja_summary([(U, p.SESUAI), (T, p.SESUAI)]) == p.SESUAI


def test_unrated_results_are_ignored_and_nothing_rated_gives_none():
    assert p.hasil_kerja_summary([]) is None
    assert p.hasil_kerja_summary([(U, None)]) is None
    assert p.hasil_kerja_summary([(U, p.DI_ATAS), (U, None)]) == p.DI_ATAS
