"""Ratings and the predikat kinerja matrix of PermenPANRB 6/2022 (domain.md §2).

The appraiser rates *hasil kerja* (results) and *perilaku kerja* (BerAKHLAK
behaviour) each as above, meeting or below expectation; the predikat follows
from the pair and is never typed by hand.
"""

DI_ATAS = "di_atas"      # di atas ekspektasi
SESUAI = "sesuai"        # sesuai ekspektasi
DI_BAWAH = "di_bawah"    # di bawah ekspektasi
RATINGS = (DI_ATAS, SESUAI, DI_BAWAH)

SANGAT_BAIK = "sangat_baik"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"                # Kurang/Misconduct
SANGAT_KURANG = "sangat_kurang"
PREDIKATS = (SANGAT_BAIK, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG)

UTAMA = "utama"
TAMBAHAN = "tambahan"
RHK_KINDS = (UTAMA, TAMBAHAN)

# (hasil kerja, perilaku kerja) -> predikat; rows hasil kerja, columns perilaku.
MATRIX = {
    (DI_ATAS, DI_BAWAH): KURANG,
    (DI_ATAS, SESUAI): BAIK,
    (DI_ATAS, DI_ATAS): SANGAT_BAIK,
    (SESUAI, DI_BAWAH): KURANG,
    (SESUAI, SESUAI): BAIK,
    (SESUAI, DI_ATAS): BAIK,
    (DI_BAWAH, DI_BAWAH): SANGAT_KURANG,
    (DI_BAWAH, SESUAI): BUTUH_PERBAIKAN,
    (DI_BAWAH, DI_ATAS): BUTUH_PERBAIKAN,
}


def predikat(hasil_kerja, perilaku):
    """The predikat kinerja for a hasil kerja and a perilaku kerja rating.

    Returns None while either rating is missing; raises ValueError on an
    unknown rating.
    """
    if not hasil_kerja or not perilaku:
        return None
    try:
        return MATRIX[(hasil_kerja, perilaku)]
    except KeyError:
        raise ValueError(f"unknown rating pair: {hasil_kerja!r}, {perilaku!r}") from None


def hasil_kerja_summary(rated_rhk):
    """The hasil kerja rating that follows from the ratings of the single RHK.

    ``rated_rhk`` is an iterable of ``(kind, rating)`` pairs, ``kind`` being
    ``"utama"`` or ``"tambahan"``. Unrated RHK (rating None) are ignored.

    - *di atas* when most or all results exceed expectation (more than half)
      and no *utama* result falls below;
    - *di bawah* when most or all fall below (more than half);
    - otherwise *sesuai*. Returns None when nothing is rated yet.
    """
    rated = [(kind, rating) for kind, rating in rated_rhk if rating]
    for _kind, rating in rated:
        if rating not in RATINGS:
            raise ValueError(f"unknown rating: {rating!r}")
    if not rated:
        return None
    total = len(rated)
    above = sum(1 for _k, r in rated if r == DI_ATAS)
    below = sum(1 for _k, r in rated if r == DI_BAWAH)
    utama_below = any(k == UTAMA and r == DI_BAWAH for k, r in rated)
    if above * 2 > total and not utama_below:
        return DI_ATAS
    if below * 2 > total:
        return DI_BAWAH
    return SESUAI


def perilaku_summary(value_ratings):
    """The perilaku kerja rating that follows from the BerAKHLAK values' ratings: a
    suggestion the appraiser may change with a written reason.

    ``value_ratings`` is an iterable of ratings (None for a value not rated, which
    is ignored). As for hasil kerja: *di atas* when most values (more than half)
    exceed expectation and none falls below; *di bawah* when most fall below;
    otherwise *sesuai*. Returns None when no value is rated yet.
    """
    rated = [rating for rating in value_ratings if rating]
    for rating in rated:
        if rating not in RATINGS:
            raise ValueError(f"unknown rating: {rating!r}")
    if not rated:
        return None
    above = sum(1 for r in rated if r == DI_ATAS)
    below = sum(1 for r in rated if r == DI_BAWAH)
    if above * 2 > len(rated) and not below:
        return DI_ATAS
    if below * 2 > len(rated):
        return DI_BAWAH
    return SESUAI


# How one predikat group of a unit's year is published (portal.stats.predikat_states).
NOT_APPRAISED = "not_appraised"  # no final SKP in the unit that year: "belum dinilai"
ZERO = "zero"                    # final SKPs exist, none with this predikat: "0"
TOO_FEW = "too_few"              # 1 … minimum − 1 employees: "terlalu sedikit untuk dipublikasikan"
PUBLISHED = "published"          # at least the minimum: the count itself


def publication_state(count, minimum, appraised):
    """How a group of ``count`` employees sharing a predikat is published.

    ``appraised`` says whether the unit has any final SKP that year; without one
    nothing has been rated yet (NOT_APPRAISED), which is not the same as nobody
    getting the predikat (ZERO) nor as a group too small to show without singling
    anyone out (TOO_FEW, fewer than ``minimum``, setting PUBLISH_MIN_GROUP).
    """
    if not appraised:
        return NOT_APPRAISED
    if not count:
        return ZERO
    return PUBLISHED if count >= minimum else TOO_FEW


def publication_states(counts, minimum):
    """{predikat: state} of a unit's year from its {predikat: count} of final SKP.

    A zero is shown as zero only when no group of the unit is withheld: beside a
    withheld group, the zeros would tell which predikat the few withheld employees
    got (six final SKP, "Baik 5", the rest "0": the sixth is the withheld one), so
    zeros are withheld with it ("fewer than the minimum" covers none as well)."""
    appraised = any(counts.values())
    states = {code: publication_state(counts.get(code, 0), minimum, appraised)
              for code in PREDIKATS}
    if TOO_FEW in states.values():
        states = {code: TOO_FEW if state == ZERO else state for code, state in states.items()}
    return states
