"""Golongan/pangkat and jabatan kinds of the ASN (domain.md §1)."""

# (code, golongan/ruang, pangkat)
GOLONGAN = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)
PANGKAT = dict(GOLONGAN)

# Jabatan kinds, in code order. Labels are translated by the web layer.
JABATAN_KINDS = (
    "jpt_utama",
    "jpt_madya",
    "jpt_pratama",
    "administrator",
    "pengawas",
    "pelaksana",
    "fungsional_ahli_pertama",
    "fungsional_ahli_muda",
    "fungsional_ahli_madya",
    "fungsional_ahli_utama",
    "fungsional_pemula",
    "fungsional_terampil",
    "fungsional_mahir",
    "fungsional_penyelia",
)

EMPLOYMENT_TYPES = ("pns", "pppk")


def golongan_label(code):
    """``III/c`` → ``Penata (III/c)``; unknown codes pass through unchanged."""
    pangkat = PANGKAT.get(code)
    return f"{pangkat} ({code})" if pangkat else (code or "")


def employment_error(employment_type, golongan):
    """Why this employment type and golongan cannot go together, or None.

    A PNS has a golongan; a PPPK has no golongan of the PNS kind.
    """
    if employment_type == "pns" and not golongan:
        return "pns_needs_golongan"
    if employment_type == "pppk" and golongan:
        return "pppk_has_no_golongan"
    if golongan and golongan not in PANGKAT:
        return "unknown_golongan"
    return None
