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

COMPLAINT_KIND = {
    "pengaduan": _l("Complaint"),
    "aspirasi": _l("Suggestion (aspirasi)"),
    "permintaan_informasi": _l("Information request"),
}

COMPLAINT_STATE = {
    "received": _l("Received"),
    "verified": _l("Verified"),
    "postponed": _l("Postponed"),
    "not_our_authority": _l("Not our authority"),
    "archived": _l("Archived"),
    "disposed": _l("Passed to the responsible unit"),
    "in_progress": _l("Being followed up"),
    "answered": _l("Answered"),
    "closed": _l("Closed"),
}

COMPLAINT_ACTION = {
    "verify": _l("Verify"),
    "postpone": _l("Postpone"),
    "not_our_authority": _l("Not our authority"),
    "archive": _l("Archive"),
    "dispose": _l("Pass to a unit (disposition)"),
    "follow_up": _l("Start follow-up"),
    "answer": _l("Answer the reporter"),
    "close": _l("Close"),
}

COMPLAINT_CATEGORY = {
    "pelayanan_publik": _l("Public services"),
    "kependudukan": _l("Population records (KTP, KK, certificates)"),
    "kesehatan": _l("Health"),
    "pendidikan": _l("Education"),
    "infrastruktur": _l("Roads and infrastructure"),
    "lingkungan": _l("Environment and cleanliness"),
    "sosial": _l("Social assistance"),
    "perizinan": _l("Permits"),
    "kepegawaian": _l("Conduct of civil servants"),
    "bencana": _l("Disasters"),
    "lainnya": _l("Other"),
}

COMPLAINT_LIMIT = {
    "verification": _l("verification"),
    "follow_up": _l("follow-up"),
    "resolution": _l("resolution"),
}

SATISFACTION = {
    1: _l("Not satisfied"),
    2: _l("Less satisfied"),
    3: _l("Satisfied"),
    4: _l("Very satisfied"),
}
