"""The public satisfaction survey (SKM) and its index (IKM), PermenPANRB 14/2017.

Pure rules on plain values: the nine elements and their answer labels, the
NRR per element, the IKM with its mutu band and kinerja label, and the
Krejcie–Morgan minimum sample for a population of service users.
"""
import math
from decimal import ROUND_HALF_UP, Decimal

SCALE = (1, 2, 3, 4)

# code, name, question, answer labels for 1..4 (the regulation's questionnaire)
ELEMENTS = (
    ("U1", "Persyaratan",
     "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
     ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    ("U2", "Sistem, mekanisme dan prosedur",
     "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
     ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    ("U3", "Waktu penyelesaian",
     "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
     ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    ("U4", "Biaya/tarif",
     "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
     ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    ("U5", "Produk spesifikasi jenis pelayanan",
     "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum "
     "dalam standar pelayanan dengan hasil yang diberikan?",
     ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    ("U6", "Kompetensi pelaksana",
     "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
     ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
    ("U7", "Perilaku pelaksana",
     "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan "
     "dan keramahan?",
     ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
      "Sangat sopan dan ramah")),
    ("U8", "Sarana dan prasarana",
     "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
     ("Buruk", "Cukup", "Baik", "Sangat baik")),
    ("U9", "Penanganan pengaduan, saran dan masukan",
     "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
     ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
      "Dikelola dengan baik")),
)
ELEMENT_CODES = tuple(code for code, *_rest in ELEMENTS)

GENDERS = ("L", "P")
EDUCATION = ("SD", "SMP", "SMA", "D3", "S1", "S2", "S3")
OCCUPATIONS = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya")
SOURCES = ("web", "paper")
AGE_RANGE = (10, 120)

# lowest IKM (two decimals) of each band, best first: mutu, kinerja
BANDS = (
    (Decimal("88.31"), "A", "Sangat Baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang Baik"),
    (Decimal("25.00"), "D", "Tidak Baik"),
)
TWO = Decimal("0.01")


def _decimal(value):
    return value if isinstance(value, Decimal) else Decimal(str(value))


def nrr(total, count):
    """Nilai rata-rata of one element: sum of answers / number of answers (None without any)."""
    if not count:
        return None
    return Decimal(int(total)) / Decimal(int(count))


def weighted_index(nrrs):
    """Σ NRR × 1/9 over the nine elements."""
    values = list(nrrs)
    if len(values) != len(ELEMENTS) or any(v is None for v in values):
        return None
    # Σ NRR / 9: the same number, without 1/9's repeating decimals
    return sum((_decimal(v) for v in values), Decimal(0)) / Decimal(len(ELEMENTS))


def ikm(nrrs):
    """The IKM (25–100): weighted index × 25, unrounded (None when an element has no answers)."""
    weighted = weighted_index(nrrs)
    return None if weighted is None else weighted * 25


def round_ikm(value):
    """The IKM as the regulation publishes it: two decimals, halves up."""
    return _decimal(value).quantize(TWO, rounding=ROUND_HALF_UP)


def band(value):
    """(mutu, kinerja) for an IKM, decided on the value rounded to two decimals."""
    if value is None:
        return None, None
    published = round_ikm(value)
    for lowest, mutu, kinerja in BANDS:
        if published >= lowest:
            return mutu, kinerja
    return BANDS[-1][1], BANDS[-1][2]


def summarise(totals, counts):
    """NRR per element, IKM (two decimals), mutu and kinerja from per-element sums and counts."""
    nrrs = [nrr(totals.get(code, 0), counts.get(code, 0)) for code in ELEMENT_CODES]
    value = ikm(nrrs)
    mutu, kinerja = band(value)
    return {
        "nrr": dict(zip(ELEMENT_CODES, nrrs)),
        "ikm": None if value is None else round_ikm(value),
        "mutu": mutu,
        "kinerja": kinerja,
    }


def minimum_sample(population, chi_square=3.841, proportion=0.5, margin=0.05):
    """Krejcie–Morgan minimum number of respondents for ``population`` service users.

    s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)). The regulation's table (N = 300 → 169,
    N = 500 → 217, N = 2000 → 322) rounds s to the nearest whole respondent (halves
    up), so that is what this does: a strict ceiling would give 218 and 323.
    """
    if population is None or population <= 0:
        return None
    n = int(population)
    p_q = proportion * (1 - proportion)
    s = chi_square * n * p_q / (margin ** 2 * (n - 1) + chi_square * p_q)
    return min(n, int(math.floor(s + 0.5)))


def valid_answer(value):
    return value in SCALE
