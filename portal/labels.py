"""Translated labels for the codes stored in the database."""
from flask_babel import lazy_gettext as _l

from portal.rules.ranks import GOLONGAN, golongan_label

UNIT_KIND = {
    "sekretariat_daerah": _l("Regional Secretariat"),
    "sekretariat_dprd": _l("DPRD Secretariat"),
    "inspektorat": _l("Inspectorate"),
    "dinas": _l("Agencies (Dinas)"),
    "badan": _l("Boards (Badan)"),
    "kecamatan": _l("Districts (Kecamatan)"),
    "kelurahan": _l("Urban villages (Kelurahan)"),
    "upt": _l("Technical units (UPT)"),
}

JABATAN_KIND = {
    "jpt_utama": _l("JPT Utama"),
    "jpt_madya": _l("JPT Madya"),
    "jpt_pratama": _l("JPT Pratama"),
    "administrator": _l("Administrator"),
    "pengawas": _l("Supervisor (Pengawas)"),
    "pelaksana": _l("Executor (Pelaksana)"),
    "fungsional_ahli_pertama": _l("Functional, expert: first level"),
    "fungsional_ahli_muda": _l("Functional, expert: junior"),
    "fungsional_ahli_madya": _l("Functional, expert: middle"),
    "fungsional_ahli_utama": _l("Functional, expert: senior"),
    "fungsional_pemula": _l("Functional, skilled: beginner"),
    "fungsional_terampil": _l("Functional, skilled: skilled"),
    "fungsional_mahir": _l("Functional, skilled: proficient"),
    "fungsional_penyelia": _l("Functional, skilled: supervisor"),
}

EMPLOYMENT_TYPE = {"pns": _l("PNS (civil servant)"), "pppk": _l("PPPK (contract employee)")}

ROLE = {
    "admin": _l("Administrator"),
    "operator": _l("Operator (BKPSDM)"),
    "penilai": _l("Appraiser (supervisor)"),
    "pegawai": _l("Employee"),
    "petugas_pengaduan": _l("Complaint officer"),
}

GOLONGAN_CHOICES = [(code, golongan_label(code)) for code, _ in GOLONGAN]


def choices(labels):
    return list(labels.items())
