"""Translated labels for the codes stored in the database."""
import datetime

from flask_babel import format_date, gettext
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


# --- performance (SKP) ------------------------------------------------------
RATING = {
    "di_atas": _l("Above expectation"),
    "sesuai": _l("Meets expectation"),
    "di_bawah": _l("Below expectation"),
}

PREDIKAT = {
    "sangat_baik": _l("Very good (Sangat Baik)"),
    "baik": _l("Good (Baik)"),
    "butuh_perbaikan": _l("Needs improvement (Butuh Perbaikan)"),
    "kurang": _l("Poor/Misconduct (Kurang/Misconduct)"),
    "sangat_kurang": _l("Very poor (Sangat Kurang)"),
}

SKP_STATE = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "returned": _l("Returned"),
    "approved": _l("Approved"),
    "evaluated": _l("Evaluated (quarterly)"),
    "annual_evaluated": _l("Evaluated (annual)"),
    "final": _l("Final"),
}

SKP_ACTION = {
    "submit": _l("Submit to appraiser"),
    "return": _l("Return with reason"),
    "approve": _l("Approve"),
    "evaluate_quarter": _l("Quarterly evaluation"),
    "evaluate_annual": _l("Annual evaluation"),
    "finalise": _l("Finalise and lock"),
    "reopen": _l("Reopen"),
}

RHK_KIND = {"utama": _l("Main (utama)"), "tambahan": _l("Additional (tambahan)")}

ASPECT = {
    "kuantitas": _l("Quantity (kuantitas)"),
    "kualitas": _l("Quality (kualitas)"),
    "waktu": _l("Time (waktu)"),
    "biaya": _l("Cost (biaya)"),
}

POLARITY = {"higher": _l("Higher is better"), "lower": _l("Lower is better")}

BERAKHLAK = {
    "berorientasi_pelayanan": _l("Service-oriented (Berorientasi Pelayanan)"),
    "akuntabel": _l("Accountable (Akuntabel)"),
    "kompeten": _l("Competent (Kompeten)"),
    "harmonis": _l("Harmonious (Harmonis)"),
    "loyal": _l("Loyal"),
    "adaptif": _l("Adaptive (Adaptif)"),
    "kolaboratif": _l("Collaborative (Kolaboratif)"),
}

CAPAIAN = {
    "istimewa": _l("Outstanding (Istimewa)"),
    "baik": _l("Good (Baik)"),
    "butuh_perbaikan": _l("Needs improvement (Butuh Perbaikan)"),
    "kurang": _l("Poor (Kurang)"),
    "sangat_kurang": _l("Very poor (Sangat Kurang)"),
}


def period_label(period):
    """A period in words: the year, a quarter (Triwulan) or a month."""
    if period.month:
        return format_date(datetime.date(period.year, period.month, 1), "MMMM y")
    if period.quarter:
        return gettext("Quarter %(q)s %(year)s", q="I II III IV".split()[period.quarter - 1],
                       year=period.year)
    return gettext("Year %(year)s", year=period.year)
