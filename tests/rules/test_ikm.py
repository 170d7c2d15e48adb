"""The IKM rules of PermenPANRB 14/2017 on plain values."""
from decimal import Decimal

import pytest

from portal.rules import ikm


def test_nine_elements_with_four_labels_each():
    assert ikm.ELEMENT_CODES == ("U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9")
    for code, name, question, answers in ikm.ELEMENTS:
        assert name and question.endswith("?") and len(answers) == 4
    by_code = {code: answers for code, _n, _q, answers in ikm.ELEMENTS}
    assert by_code["U1"] == ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")
    assert by_code["U4"] == ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")


def test_nrr_is_sum_over_count():
    assert ikm.nrr(35, 10) == Decimal("3.5")
    assert ikm.nrr(0, 0) is None


def test_ikm_is_the_weighted_index_times_25():
    assert ikm.ikm([4] * 9) == 100
    assert ikm.ikm([1] * 9) == 25
    # (3.2 + 3.4 + 3.0 + 4.0 + 3.1 + 3.3 + 3.5 + 2.9 + 2.6) = 29.0; 29 / 9 × 25 = 80.555…
    value = ikm.ikm([Decimal(x) for x in
                     ("3.2", "3.4", "3.0", "4.0", "3.1", "3.3", "3.5", "2.9", "2.6")])
    assert ikm.round_ikm(value) == Decimal("80.56")
    assert ikm.ikm([3] * 8 + [None]) is None


@pytest.mark.parametrize("value, mutu, kinerja", [
    ("100", "A", "Sangat Baik"),
    ("88.31", "A", "Sangat Baik"),
    ("88.30", "B", "Baik"),
    ("88.305", "A", "Sangat Baik"),     # published as 88.31
    ("88.3049", "B", "Baik"),           # published as 88.30
    ("76.61", "B", "Baik"),
    ("76.60", "C", "Kurang Baik"),
    ("76.605", "B", "Baik"),
    ("65.00", "C", "Kurang Baik"),
    ("64.995", "C", "Kurang Baik"),     # published as 65.00
    ("64.99", "D", "Tidak Baik"),
    ("25", "D", "Tidak Baik"),
])
def test_band_edges_on_the_published_two_decimals(value, mutu, kinerja):
    assert ikm.band(Decimal(value)) == (mutu, kinerja)


def test_band_of_nothing():
    assert ikm.band(None) == (None, None)


def test_summarise_from_sums_and_counts():
    totals = {code: 32 for code in ikm.ELEMENT_CODES}
    counts = {code: 10 for code in ikm.ELEMENT_CODES}
    result = ikm.summarise(totals, counts)
    assert result["nrr"]["U1"] == Decimal("3.2")
    assert result["ikm"] == Decimal("80.00")
    assert (result["mutu"], result["kinerja"]) == ("B", "Baik")
    empty = ikm.summarise({}, {})
    assert empty["ikm"] is None and empty["mutu"] is None


def test_summarise_keeps_each_elements_sum_with_its_own_count_and_code():
    """Nine different sums, and one element answered by fewer respondents: each element's
    NRR is its own sum over its own count, under its own code (a rotation or a mix-up of
    which answer feeds which element shows here)."""
    totals = {"U1": 10, "U2": 15, "U3": 20, "U4": 25, "U5": 30, "U6": 35, "U7": 40,
              "U8": 12, "U9": 38}
    counts = {code: 10 for code in ikm.ELEMENT_CODES}
    counts["U3"] = 8
    result = ikm.summarise(totals, counts)
    assert result["nrr"] == {"U1": Decimal("1"), "U2": Decimal("1.5"), "U3": Decimal("2.5"),
                             "U4": Decimal("2.5"), "U5": Decimal("3"), "U6": Decimal("3.5"),
                             "U7": Decimal("4"), "U8": Decimal("1.2"), "U9": Decimal("3.8")}
    assert list(result["nrr"]) == list(ikm.ELEMENT_CODES)
    # (1 + 1.5 + 2.5 + 2.5 + 3 + 3.5 + 4 + 1.2 + 3.8) = 23; 23 / 9 × 25 = 63.888…
    assert result["ikm"] == Decimal("63.89")
    assert (result["mutu"], result["kinerja"]) == ("D", "Tidak Baik")
    # an element with no answers at all leaves the index undecided, whichever it is
    for code in ikm.ELEMENT_CODES:
        assert ikm.summarise(totals, {**counts, code: 0})["ikm"] is None
        assert ikm.summarise(totals, {**counts, code: 0})["nrr"][code] is None


@pytest.mark.parametrize("population, sample", [
    (300, 169), (500, 217), (2000, 322), (100, 80), (1000, 278), (10, 10), (1_000_000, 384),
])
def test_krejcie_morgan_minimum_sample(population, sample):
    assert ikm.minimum_sample(population) == sample


def test_minimum_sample_without_population():
    assert ikm.minimum_sample(None) is None
    assert ikm.minimum_sample(0) is None
