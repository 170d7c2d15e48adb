"""The pola distribusi: how a unit's result bounds its employees' predikat (domain.md §2).

*(check)* The percentages come from secondary sources; they live here as
data so an office can correct them in one place. Breaking a rule is a
warning shown to BKPSDM and the unit, never a block.
"""
from dataclasses import dataclass

from portal.rules.predikat import (BAIK, BUTUH_PERBAIKAN, DI_ATAS, DI_BAWAH, KURANG, SANGAT_BAIK,
                                   SANGAT_KURANG, SESUAI)

# Capaian Kinerja Organisasi (the unit's own result for the year)
ISTIMEWA = "istimewa"
CKO_BAIK = "baik"
CKO_BUTUH_PERBAIKAN = "butuh_perbaikan"
CKO_KURANG = "kurang"
CKO_SANGAT_KURANG = "sangat_kurang"
CAPAIAN = (ISTIMEWA, CKO_BAIK, CKO_BUTUH_PERBAIKAN, CKO_KURANG, CKO_SANGAT_KURANG)

# A unit head's hasil kerja is not rated by hand: it follows the unit's result
# (PermenPANRB 6/2022: Istimewa → di atas, Baik → sesuai, lower → di bawah ekspektasi).
HEAD_HASIL_KERJA = {
    ISTIMEWA: DI_ATAS,
    CKO_BAIK: SESUAI,
    CKO_BUTUH_PERBAIKAN: DI_BAWAH,
    CKO_KURANG: DI_BAWAH,
    CKO_SANGAT_KURANG: DI_BAWAH,
}


def heads_unit(unit_id, supervisor_unit_id):
    """Whether an employee of ``unit_id`` heads it: their supervisor (if any) works elsewhere.

    ``supervisor_unit_id`` is None for an employee with no supervisor in the
    portal (e.g. the Sekda, appraised by the Bupati).
    """
    return supervisor_unit_id is None or supervisor_unit_id != unit_id


def head_hasil_kerja(capaian):
    """The unit head's hasil kerja rating for the unit's ``capaian``; None when not set."""
    if not capaian:
        return None
    if capaian not in HEAD_HASIL_KERJA:
        raise ValueError(f"unknown capaian kinerja organisasi: {capaian!r}")
    return HEAD_HASIL_KERJA[capaian]


AT_MOST = "at_most"
AT_LEAST = "at_least"
SOME = "some"       # at least one employee


@dataclass(frozen=True)
class Rule:
    """The share of employees whose predikat is one of ``predikats`` must be
    ``at_most``/``at_least`` ``percent``, or (``some``) not zero."""

    predikats: tuple
    bound: str
    percent: int = 0

    def holds(self, counts):
        total = sum(counts.values())
        n = sum(counts.get(p, 0) for p in self.predikats)
        if self.bound == SOME:
            return n > 0
        if self.bound == AT_MOST:
            return n * 100 <= self.percent * total
        return n * 100 >= self.percent * total


PATTERNS = {
    ISTIMEWA: (Rule((SANGAT_BAIK,), AT_MOST, 70),),
    CKO_BAIK: (Rule((BAIK,), AT_MOST, 70),
               Rule((BUTUH_PERBAIKAN, KURANG), SOME)),
    CKO_BUTUH_PERBAIKAN: (Rule((BUTUH_PERBAIKAN,), AT_LEAST, 60),
                          Rule((SANGAT_BAIK,), AT_MOST, 10)),
    CKO_KURANG: (Rule((KURANG,), AT_LEAST, 60),
                 Rule((BUTUH_PERBAIKAN,), AT_LEAST, 10),
                 Rule((SANGAT_BAIK,), AT_MOST, 10)),
    CKO_SANGAT_KURANG: (Rule((SANGAT_KURANG,), AT_LEAST, 60),
                        Rule((KURANG, BUTUH_PERBAIKAN), AT_LEAST, 10),
                        Rule((SANGAT_BAIK,), AT_MOST, 0)),
}


def broken_rules(capaian, counts):
    """The rules of ``capaian``'s pattern that ``counts`` breaks (a list, empty when fine).

    ``counts`` maps predikat codes to numbers of employees with a final
    rating. No capaian set or nobody rated yet: nothing to warn about.
    """
    if not capaian or sum(counts.values()) == 0:
        return []
    if capaian not in PATTERNS:
        raise ValueError(f"unknown capaian kinerja organisasi: {capaian!r}")
    return [rule for rule in PATTERNS[capaian] if not rule.holds(counts)]


def share(counts, predikats):
    """Percentage of employees whose predikat is among ``predikats`` (0 when none)."""
    total = sum(counts.values())
    if not total:
        return 0.0
    return sum(counts.get(p, 0) for p in predikats) * 100 / total
